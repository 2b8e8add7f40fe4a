"""Welcome and help texts: what the bot is and what people can type."""

from __future__ import annotations

from bot.i18n import _


def welcome() -> str:
    """The first thing a new person reads."""
    return _(
        "Halo! Ini layanan OK OCE Jakarta lewat HP.\n"
        "OK OCE membantu warga memulai dan mengembangkan usaha: pelatihan, "
        "pendampingan, izin usaha, pemasaran, sampai akses ke pinjaman.\n"
        "Catatan: OK OCE tidak membagikan modal gratis."
    )


def help_for(flow: str | None) -> str:
    """Help for wherever the person is now, plus the commands that always work."""
    commands = _(
        "Perintah yang selalu bisa dipakai:\n"
        "menu - kembali ke menu utama\n"
        "batal - batalkan yang sedang diisi\n"
        "bahasa - ganti bahasa\n"
        "bantuan - tampilkan pesan ini"
    )
    if flow == "registration":
        return (
            _("Anda sedang mendaftar. Jawab pertanyaan di bawah, satu per satu.")
            + "\n\n"
            + commands
        )
    return commands

"""The commands that work from anywhere, typed (`batal`) or as a command (`/batal`).

This table is the one source: the engine reads commands from it, and channels with
a command menu (Telegram's `setMyCommands`) publish its `in_menu` entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.i18n import N_


class GlobalAction(StrEnum):
    """What a command does when it does not simply open a flow."""

    START = "start"
    MENU = "menu"
    CANCEL = "cancel"
    HELP = "help"
    LANGUAGE = "language"


@dataclass(frozen=True)
class Command:
    """A command: its name, the words that also mean it, and what it does."""

    name: str
    description: str
    """What the command menu says (marked for translation, translated when shown)."""
    action: GlobalAction | None = None
    flow: str | None = None
    """The flow it opens, when it is not a global action."""
    aliases: tuple[str, ...] = ()
    in_menu: bool = True
    """Shown in the channel's command menu (staff-only commands are not)."""

    def __post_init__(self) -> None:
        if (self.action is None) == (self.flow is None):
            raise ValueError(f"command {self.name!r} needs exactly one of action or flow")


COMMANDS = (
    Command("menu", N_("Menu utama"), action=GlobalAction.MENU),
    Command("start", N_("Mulai"), action=GlobalAction.START, aliases=("mulai",), in_menu=False),
    Command("daftar", N_("Daftar jadi anggota OK OCE"), flow="registration", aliases=("register",)),
    Command("jadwal", N_("Cari jadwal pelatihan"), flow="sessions", aliases=("schedule",)),
    Command(
        "jadwalsaya",
        N_("Jadwal yang sudah saya pesan"),
        flow="my_bookings",
        aliases=("jadwal saya", "my bookings"),
    ),
    Command("profil", N_("Lihat dan ubah data saya"), flow="profile", aliases=("profile",)),
    # Issue 10: products by photo.
    Command("jual", N_("Jual produk lewat foto"), flow="sell_product", aliases=("jualan", "sell")),
    # Issue 11: the 7 PAS path, financing, licensing and bookkeeping.
    Command("progres", N_("Langkah 7 PAS saya"), flow="progress"),
    Command("modal", N_("Modal, pinjaman dan simulasi cicilan"), flow="financing"),
    Command("catatan", N_("Catatan keuangan usaha"), flow="bookkeeping"),
    Command("nib", N_("Izin usaha (NIB) lewat OSS"), flow="licensing"),
    # Issue 10: buyers look for members' products.
    Command("cari", N_("Cari produk anggota OK OCE"), flow="browse_products"),
    Command(
        "petugas",
        N_("Tanya petugas"),
        flow="handoff",
        aliases=("tanya petugas", "admin", "cs", "operator"),
    ),
    # Issue 10: products by photo.
    Command(
        "produksaya",
        N_("Produk saya: harga, stok, foto"),
        flow="my_products",
        aliases=("produk saya", "my products"),
    ),
    Command("bahasa", N_("Ganti bahasa"), action=GlobalAction.LANGUAGE, aliases=("language",)),
    Command("bantuan", N_("Bantuan"), action=GlobalAction.HELP, aliases=("help",)),
    Command(
        "batal", N_("Batalkan yang sedang diisi"), action=GlobalAction.CANCEL, aliases=("cancel",)
    ),
    Command("sesi", N_("Kelola sesi (staf)"), flow="session_admin", in_menu=False),
    Command("peran", N_("Kelola peran staf (admin)"), flow="staff_roles", in_menu=False),
    Command(
        "permintaan", N_("Permintaan modal (koordinator)"), flow="financing_desk", in_menu=False
    ),
    Command(
        "tinjau",
        N_("Tinjau produk anggota (koordinator)"),
        flow="review_listings",
        aliases=("tinjau produk",),
        in_menu=False,
    ),
    Command("jawab", N_("Jawab pertanyaan warga (staf)"), flow="staff_questions", in_menu=False),
)

_BY_WORD = {word: command for command in COMMANDS for word in (command.name, *command.aliases)}


def command_for(word: str) -> Command | None:
    """The command a word (typed alone, or after a slash) stands for."""
    return _BY_WORD.get(word.strip().lower())


def menu_commands() -> tuple[Command, ...]:
    """The commands a channel's command menu lists, in order."""
    return tuple(command for command in COMMANDS if command.in_menu)

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
        "menu - ke menu utama\n"
        "kembali - mundur satu langkah\n"
        "batal - batalkan isian\n"
        "bahasa · bantuan"
    )
    about = {
        "registration": _("Anda sedang mendaftar. Jawab pertanyaan di bawah, satu per satu."),
        "sessions": _(
            "Pilih topik, lalu jadwal. Tekan Pesan tempat untuk ikut. "
            "Kalau penuh, Anda bisa masuk daftar tunggu."
        ),
        "my_bookings": _(
            "Di sini ada jadwal yang sudah Anda pesan. Pilih satu untuk membatalkan "
            "atau pindah ke jadwal lain."
        ),
        "handoff": _(
            "Tulis pertanyaan Anda. Petugas OK OCE membalas di chat ini, "
            "dan kami kabari kapan paling lambat."
        ),
        "staff_questions": _(
            "Pilih pertanyaan warga, lalu ketik jawaban Anda. Jawaban dikirim ke warga "
            "di chat mereka. Setelah itu Anda bisa menambahkannya ke FAQ."
        ),
        "session_admin": _(
            "Buat sesi baru, atau buka Sesi saya untuk melihat peserta, mengisi absensi, "
            "mengubah waktu, atau membatalkan sesi. Ketik #nomor untuk membuka sesi tertentu."
        ),
        # Issue 11: the 7 PAS path, financing, licensing and bookkeeping.
        "progress": _("Ini langkah 7 PAS Anda. Tekan tombol langkah yang belum selesai."),
        "financing": _(
            "OK OCE tidak membagikan modal gratis. Di sini Anda bisa melihat pinjaman yang "
            "terdaftar di OJK, menghitung cicilan, mengecek syarat, dan minta dibantu koordinator."
        ),
        "bookkeeping": _(
            "Ketik satu catatan per pesan, misalnya: jual keripik 150rb atau beli bahan 50.000. "
            "Setiap catatan dicek dulu sebelum disimpan."
        ),
        "licensing": _("Panduan membuat NIB gratis di oss.go.id. Sudah punya? Catat NIB-nya."),
        "products": _("Jual produk Anda lewat foto. Kirim foto produk kapan saja untuk mulai."),
        "sell_product": _(
            "Kirim foto produk (sampai 5), dengan nama dan harga di keterangan foto, "
            "misalnya: Keripik Balado 15rb. Cek tampilannya, lalu tekan Terbitkan."
        ),
        "financing_desk": _(
            "Pilih permintaan untuk melihat detail dan mengubah statusnya. "
            "Anggota dikabari setiap kali status berubah."
        ),
        # Issue 10: browsing products and asking their sellers.
        "browse_products": _(
            "Ketik nama produk, atau cari per kategori atau kecamatan. "
            "Tekan Tanya penjual untuk bertanya lewat bot; nomor HP Anda tidak ditunjukkan."
        ),
        "product_inquiry": _(
            "Yang Anda ketik dikirim ke pihak lain lewat bot. "
            "Ketik selesai untuk mengakhiri, atau menu untuk keluar dulu."
        ),
        "report_product": _("Pilih alasan Anda melaporkan produk ini. Petugas akan memeriksanya."),
    }.get(flow or "")
    return f"{about}\n\n{commands}" if about else commands

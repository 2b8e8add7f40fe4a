"""Modal & pinjaman in chat: no free capital, listed lenders with every figure, what is missing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.clock import ManualClock
from bot.config import Settings
from bot.content_files import shipped
from bot.db import Database
from bot.models import CoachingSession, FinancingRequest, Member
from bot.nib import parse_nib
from bot.services import coaching, licensing
from bot.vocabulary import FinancingRequestStatus
from tests.factories import add_session, book
from tests.phone_screens import ScreenCheckedPerson
from tests.transcript import START, make_engine
from wiring.app import build_engine

NO_FREE_CAPITAL = "OK OCE tidak membagikan modal gratis."


async def _member(database: Database, user: str = "siti") -> ScreenCheckedPerson:
    person = ScreenCheckedPerson(make_engine(database), user)
    await person.registers()
    return person


async def test_the_financing_menu_opens_saying_there_is_no_free_capital(
    sqlite_database: Database,
) -> None:
    siti = await _member(sqlite_database)
    await siti.presses("Modal & pinjaman")
    assert siti.question.splitlines()[1].startswith(NO_FREE_CAPITAL)
    assert "membantu Anda bertemu pemberi pinjaman" in siti.question
    assert siti.labels[:5] == [
        "📋 Produk pinjaman",
        "🧮 Hitung cicilan",
        "✅ Cek syarat saya",
        "🙋 Saya tertarik",
        "🛡️ Cek pinjol legal",
    ]


async def test_only_lenders_registered_with_ojk_are_listed(sqlite_database: Database) -> None:
    siti = await _member(sqlite_database)
    await siti.commands("modal")
    await siti.presses("Produk pinjaman")
    assert siti.labels == [
        "KUR Super Mikro",
        "KUR Mikro",
        "Kredit Monas Pemula OK OCE",
        "↩ Kembali",
    ]
    assert "terdaftar di OJK" in siti.question


async def test_a_product_is_shown_with_every_figure_and_its_source(
    sqlite_database: Database,
) -> None:
    siti = await _member(sqlite_database)
    await siti.commands("modal")
    await siti.presses("Produk pinjaman")
    await siti.presses("KUR Mikro")
    figures, requirements, source = (reply.text for reply in siti.last)
    assert figures.splitlines() == [
        "💰 KUR Mikro",
        "Dari: Bank penyalur KUR, misalnya BRI, BNI, Mandiri",
        "Jenis: KUR (Kredit Usaha Rakyat) dari bank",
        "Plafon: Rp10.000.001 – Rp100.000.000",
        "Bunga: 6% efektif per tahun",
        "Pinjaman berikutnya: 7%, 8%, 9%",
        "Lama: 1–60 bulan",
    ]
    assert requirements.startswith("📋 Syarat KUR Mikro:\n- KTP elektronik (e-KTP)")
    assert "- Tidak sedang punya kredit usaha dari bank" in requirements
    assert "Permenko Perekonomian No. 1 Tahun 2023" in source
    assert "https://www.cnbcindonesia.com/" in source
    assert "Data per 4 September 2023." in source
    assert siti.labels == ["🧮 Hitung cicilan", "🙋 Saya tertarik", "↩ Produk lain"]

    await siti.presses("Hitung cicilan")
    assert "Plafon KUR Mikro paling besar Rp100.000.000" in siti.question


async def test_how_to_check_a_lender_with_ojk(sqlite_database: Database) -> None:
    siti = await _member(sqlite_database)
    await siti.commands("modal")
    await siti.presses("Cek pinjol legal")
    legality = siti.last[0].text
    assert "tidak terdaftar di OJK itu ilegal" in legality
    assert "157" in legality and "081-157-157-157" in legality
    assert "https://wa.me/6281157157157" in legality
    assert NO_FREE_CAPITAL in siti.question, "back at the financing menu"


async def test_a_staff_copy_of_the_content_file_is_what_members_see(
    sqlite_database: Database, tmp_path: Path
) -> None:
    for name in ("faq.toml", "licensing.toml"):
        (tmp_path / name).write_text(shipped(name).read_text("utf-8"), "utf-8")
    edited = (
        shipped("financing.toml")
        .read_text("utf-8")
        .replace("ceiling = 10_000_000", "ceiling = 12_000_000", 1)
    )
    (tmp_path / "financing.toml").write_text(edited, "utf-8")
    settings = Settings(content_dir=tmp_path, _env_file=None)  # type: ignore[call-arg]
    siti = ScreenCheckedPerson(build_engine(sqlite_database, settings, ManualClock(START)), "s")
    await siti.registers()
    await siti.commands("modal")
    await siti.presses("Produk pinjaman")
    await siti.presses("KUR Super Mikro")
    assert "Plafon: sampai Rp12.000.000" in siti.last[0].text


async def test_eligibility_says_what_is_missing_with_a_button_to_each_step(
    sqlite_database: Database,
) -> None:
    siti = await _member(sqlite_database)
    await siti.commands("modal")
    await siti.presses("Cek syarat saya")
    assert "✅ Terdaftar sebagai anggota" in siti.question
    assert "⬜ Sudah ikut pelatihan OK OCE" in siti.question
    assert "⬜ Punya NIB (izin usaha)" in siti.text
    assert "⬜ Catatan keuangan 3 bulan (0/3)" in siti.question
    assert "Masih kurang 3" in siti.question
    assert siti.labels[:3] == ["📅 P2 Cari pelatihan", "📜 P4 Izin usaha", "📒 P6 Catatan"]
    await siti.presses("P4 Izin usaha")
    assert "Cara buat NIB lewat OSS" in siti.question


async def test_eligibility_is_complete_once_the_records_are_there(
    sqlite_database: Database,
) -> None:
    clock = ManualClock(START)
    siti = ScreenCheckedPerson(make_engine(sqlite_database, clock=clock), "ready")
    await siti.registers()
    async with sqlite_database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
        nib = parse_nib("1234567890123")
        assert nib is not None
        await licensing.record_nib(session, member, nib, START)
    session_id = await add_session(sqlite_database, START + timedelta(days=1), kind="training")
    assert isinstance(await book(sqlite_database, session_id, member.id), coaching.Booked)
    async with sqlite_database.transaction() as session:
        training = await session.get(CoachingSession, session_id)
        assert training is not None
        await coaching.record_attendance(session, training, {member.id}, now=START)
    for _month in range(3):
        await siti.commands("catatan")
        await siti.says("jual keripik 150rb")
        await siti.presses("Simpan")
        clock.advance(timedelta(days=31))
    await siti.commands("modal")
    await siti.presses("Cek syarat saya")
    assert "⬜" not in siti.question
    assert "Semua sudah ada!" in siti.question
    assert siti.labels == ["🙋 Saya tertarik", "↩ Kembali"]


async def test_a_guest_is_asked_to_register_before_asking_for_a_loan(
    sqlite_database: Database,
) -> None:
    guest = ScreenCheckedPerson(make_engine(sqlite_database), "guest")
    await guest.commands("modal")
    await guest.presses("Cek syarat saya")
    assert "⬜ Terdaftar sebagai anggota" in guest.question
    guest.checking = False  # the consent notice belongs to registration
    await guest.presses("P1 Daftar")
    assert "Sebelum daftar" in guest.question


async def test_saya_tertarik_sends_a_request_to_the_kecamatan_coordinator(
    sqlite_database: Database,
) -> None:
    siti = await _member(sqlite_database)
    await siti.commands("modal")
    await siti.presses("Produk pinjaman")
    await siti.presses("KUR Super Mikro")
    await siti.presses("Saya tertarik")
    await siti.says("15jt")
    assert "Plafon KUR Super Mikro paling besar Rp10.000.000" in siti.text
    await siti.says("8jt")
    await siti.says("ok")
    assert "3 sampai 160 huruf" in siti.text
    await siti.says("beli gerobak baru")
    assert "Jumlah: Rp8.000.000" in siti.question
    assert "Produk: KUR Super Mikro" in siti.question
    assert "⬜ Punya NIB (izin usaha)" in siti.text
    await siti.presses("Kirim ke koordinator")
    assert "koordinator OK OCE Kec. Tebet" in siti.text
    assert "bukan OK OCE" in siti.text
    assert "Permintaan Anda: 🆕 Menunggu koordinator" in siti.question

    await siti.presses("Saya tertarik")
    assert "masih diproses" in siti.text
    async with sqlite_database.transaction() as session:
        request = (await session.scalars(select(FinancingRequest))).one()
    assert (request.amount, request.product_id, request.purpose, request.kecamatan_code) == (
        8_000_000,
        "kur-super-mikro",
        "beli gerobak baru",
        "31.74.01",
    )
    assert request.status == FinancingRequestStatus.NEW


async def test_a_request_may_name_no_product(sqlite_database: Database) -> None:
    siti = await _member(sqlite_database)
    await siti.commands("modal")
    await siti.presses("Saya tertarik")
    await siti.presses("Belum tahu")
    await siti.says("Rp 3.000.000")
    await siti.says("tambah bahan jualan")
    assert "Produk: belum tahu, minta saran" in siti.question
    await siti.presses("Tidak jadi")
    assert "tidak jadi dikirim" in siti.text
    async with sqlite_database.transaction() as session:
        assert (await session.scalars(select(FinancingRequest))).first() is None

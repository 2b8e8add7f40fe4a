"""Keeping the books in chat: typed or with buttons, confirmed before saving, undone, corrected."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.models import BookkeepingEntry, MemberProgress
from bot.vocabulary import EntryCategory, EntryKind, PasStep
from tests.phone_screens import ScreenCheckedPerson
from tests.transcript import START, make_engine


async def _books(database: Database, clock: ManualClock | None = None) -> ScreenCheckedPerson:
    siti = ScreenCheckedPerson(make_engine(database, clock=clock), "siti")
    await siti.registers()
    await siti.commands("catatan")
    return siti


async def _entries(database: Database) -> list[tuple[str, int, str, str]]:
    async with database.transaction() as session:
        rows = await session.scalars(select(BookkeepingEntry).order_by(BookkeepingEntry.id))
        return [(row.kind, row.amount, row.category, row.note) for row in rows]


TYPED = [
    (
        "jual keripik 150rb",
        "➕ Pemasukan Rp150.000",
        (EntryKind.INCOME, 150_000, "penjualan", "keripik"),
    ),
    ("beli bahan 50.000", "➖ Pengeluaran Rp50.000", (EntryKind.EXPENSE, 50_000, "bahan", "bahan")),
    ("modal 2jt", "💼 Modal masuk Rp2.000.000", (EntryKind.CAPITAL, 2_000_000, "modal", "")),
    (
        "bayar listrik 200 ribu",
        "➖ Pengeluaran Rp200.000",
        (EntryKind.EXPENSE, 200_000, "listrik_air_gas", "listrik"),
    ),
]


@pytest.mark.parametrize(("typed", "understood", "saved"), TYPED)
async def test_a_typed_line_is_confirmed_then_saved(
    sqlite_database: Database, typed: str, understood: str, saved: tuple[str, int, str, str]
) -> None:
    siti = await _books(sqlite_database)
    await siti.says(typed)
    assert understood in siti.question
    assert await _entries(sqlite_database) == [], "nothing is saved before it is confirmed"
    await siti.presses("Simpan")
    assert "✅ Tersimpan" in siti.text
    assert "Bulan tercatat: 1 dari 3 untuk P6." in siti.text
    assert await _entries(sqlite_database) == [saved]


async def test_only_what_a_line_leaves_out_is_asked(sqlite_database: Database) -> None:
    siti = await _books(sqlite_database)
    await siti.says("keripik 20rb")
    assert "Rp20.000 itu uang masuk atau keluar?" in siti.question
    await siti.presses("Pemasukan")
    assert "Jenis: Penjualan" in siti.question
    await siti.presses("Simpan")

    await siti.says("bayar 50rb")
    assert "Pengeluaran untuk apa?" in siti.question
    await siti.presses("Transport")
    await siti.presses("Simpan")

    await siti.says("jual keripik lima puluh ribu")
    assert "tulis dengan angka" in siti.text
    await siti.says("50rb")
    assert "Keterangan: keripik" in siti.question
    await siti.presses("Simpan")

    await siti.says("halo")
    assert "belum terbaca" in siti.text
    assert await _entries(sqlite_database) == [
        (EntryKind.INCOME, 20_000, "penjualan", "keripik"),
        (EntryKind.EXPENSE, 50_000, "transport", ""),
        (EntryKind.INCOME, 50_000, "penjualan", "keripik"),
    ]


async def test_an_entry_with_buttons(sqlite_database: Database) -> None:
    siti = await _books(sqlite_database)
    await siti.presses("Pengeluaran")
    assert siti.labels == [], "the amount is typed: no button a typed number could pick"
    await siti.says("lima puluh ribu")
    assert "tulis angkanya" in siti.text
    await siti.says("30rb")
    await siti.presses("Sewa tempat")
    await siti.presses("Ganti jenis")
    await siti.presses("Pengeluaran")
    await siti.presses("Kemasan")
    assert "Jenis: Kemasan" in siti.question
    await siti.presses("Simpan")
    assert await _entries(sqlite_database) == [(EntryKind.EXPENSE, 30_000, "kemasan", "")]


async def test_a_member_can_change_their_mind_before_saving(sqlite_database: Database) -> None:
    siti = await _books(sqlite_database)
    await siti.says("jual keripik 150rb")
    await siti.presses("Tidak jadi")
    assert "tidak disimpan" in siti.text
    assert await _entries(sqlite_database) == []


async def test_undo_the_last_entry(sqlite_database: Database) -> None:
    siti = await _books(sqlite_database)
    await siti.presses("Hapus yang terakhir")
    assert "Belum ada catatan yang bisa dihapus" in siti.text
    for line in ("jual keripik 150rb", "beli bahan 50rb"):
        await siti.says(line)
        await siti.presses("Simpan")
    await siti.presses("Hapus yang terakhir")
    assert "➖ Rp50.000 · Bahan" in siti.question
    await siti.presses("Ya, hapus")
    assert "Dihapus" in siti.text
    assert await _entries(sqlite_database) == [(EntryKind.INCOME, 150_000, "penjualan", "keripik")]


async def test_correct_or_remove_an_entry(sqlite_database: Database) -> None:
    siti = await _books(sqlite_database)
    for line in ("jual keripik 150rb", "beli bahan 50rb"):
        await siti.says(line)
        await siti.presses("Simpan")
    await siti.presses("Ubah catatan")
    assert siti.labels[:2] == [
        "23/11 ➖ Rp50.000 · Bahan · bahan",
        "23/11 ➕ Rp150.000 · Penjualan · keripik",
    ]
    await siti.presses("Rp150.000")
    await siti.presses("Ketik ulang")
    await siti.says("jual keripik 175rb")
    assert "Ubah jadi begini?" in siti.question
    await siti.presses("Simpan")
    assert "Sudah diubah" in siti.text
    await siti.presses("Ubah catatan")
    await siti.presses("Bahan")
    await siti.presses("Hapus")
    assert await _entries(sqlite_database) == [(EntryKind.INCOME, 175_000, "penjualan", "keripik")]


async def test_the_monthly_summary_with_a_chart_and_a_csv(sqlite_database: Database) -> None:
    siti = await _books(sqlite_database)
    lines = (
        "jual keripik 1,2jt",
        "beli bahan 300rb",
        "bayar listrik 200 ribu",
        "bensin 50rb",
        "beli plastik 20rb",
        "modal 2jt",
    )
    for line in lines:
        await siti.says(line)
        await siti.presses("Simpan")
    await siti.presses("Ringkasan bulan ini")
    summary = siti.last[0]
    assert summary.text.splitlines() == [
        "📊 November 2026",
        "Pemasukan: Rp1.200.000",
        "Pengeluaran: Rp570.000",
        "Untung: Rp630.000",
        "Modal masuk: Rp2.000.000",
        "Pengeluaran terbesar:",
        "1. Bahan Rp300.000",
        "2. Listrik, air, gas Rp200.000",
        "3. Transport & ongkir Rp50.000",
        "Bulan tercatat: 1 dari 3 untuk P6.",
    ]
    assert summary.photo is not None and summary.photo.mime_type == "image/png"
    assert len(summary.photo.data) < 200 * 1024
    with Image.open(io.BytesIO(summary.photo.data)) as chart:
        assert chart.format == "PNG" and chart.width >= 600

    await siti.presses("Unduh CSV")
    document = siti.last[0].document
    assert document is not None and document.filename == "catatan-keuangan-2026-06-2026-11.csv"
    rows = list(csv.DictReader(io.StringIO(document.data.decode("utf-8-sig"))))
    assert [(r["tanggal"], r["jenis"], r["kategori"], r["jumlah"]) for r in rows[:2]] == [
        ("2026-11-23", "pemasukan", "penjualan", "1200000"),
        ("2026-11-23", "pengeluaran", "bahan", "300000"),
    ]
    assert len(rows) == len(lines)


async def test_earlier_months_can_be_looked_at(sqlite_database: Database) -> None:
    clock = ManualClock(START)
    siti = await _books(sqlite_database, clock)
    await siti.says("jual keripik 150rb")
    await siti.presses("Simpan")
    clock.advance(timedelta(days=31))
    await siti.commands("catatan")
    await siti.presses("Ringkasan bulan ini")
    assert "📊 Desember 2026" in siti.text and "Belum ada catatan di bulan ini." in siti.text
    assert "Bulan berikutnya" not in " ".join(siti.labels)
    await siti.presses("Bulan sebelumnya")
    assert "📊 November 2026" in siti.text and "Pemasukan: Rp150.000" in siti.text
    await siti.presses("Bulan berikutnya")
    assert "📊 Desember 2026" in siti.text


async def test_three_months_with_records_complete_p6(sqlite_database: Database) -> None:
    clock = ManualClock(START)
    siti = ScreenCheckedPerson(make_engine(sqlite_database, clock=clock), "siti")
    await siti.registers()
    for month in range(3):
        await siti.commands("catatan")
        await siti.says(f"jual keripik {100 + month}rb")
        await siti.presses("Simpan")
        clock.advance(timedelta(days=31))
    assert "Sudah 3 bulan tercatat. Langkah P6 Laporan keuangan selesai!" in siti.text
    async with sqlite_database.transaction() as session:
        steps = set(await session.scalars(select(MemberProgress.step)))
        days = [row.entry_date for row in await session.scalars(select(BookkeepingEntry))]
    assert PasStep.P6 in steps
    assert days == [date(2026, 11, 23), date(2026, 12, 24), date(2027, 1, 24)]


async def test_bookkeeping_is_for_members(sqlite_database: Database) -> None:
    guest = ScreenCheckedPerson(make_engine(sqlite_database), "guest")
    await guest.commands("catatan")
    assert "untuk anggota OK OCE" in guest.text


def test_every_expense_category_has_a_button_that_fits_a_list() -> None:
    from bot.vocabulary import EXPENSE_CATEGORIES
    from conversations.bookkeeping.states import CATEGORY_LABELS

    assert set(CATEGORY_LABELS) == set(EntryCategory)
    assert len(EXPENSE_CATEGORIES) + 1 <= 10  # with "Tidak jadi", one WhatsApp list
    assert all(len(CATEGORY_LABELS[c]) <= 24 for c in EXPENSE_CATEGORIES)

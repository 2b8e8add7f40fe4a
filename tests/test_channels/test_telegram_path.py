"""The 7 PAS tools over Telegram, through the real PTB stack, every request checked on the spec:
the simulator's PDF and CSV as documents, the books' chart as a photo, the command menu."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator

import pytest
from pypdf import PdfReader

from bot.db import Database
from handlers.telegram import TelegramChannel
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import TelegramPerson, channel_on_fake
from tests.transcript import make_engine

SITI = 5552001


@pytest.fixture
async def channel(
    sqlite_database: Database, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramChannel]:
    channel = channel_on_fake(make_engine(sqlite_database), fake_telegram)
    await channel.application.initialize()
    yield channel
    await channel.application.shutdown()


async def _registered(channel: TelegramChannel, api: FakeTelegramAPI) -> TelegramPerson:
    siti = TelegramPerson(channel, api, SITI)
    await siti.says("/daftar")
    await siti.presses("Setuju")
    for answer in ("Siti Aminah", "081234567890", "tebet", "Manggarai"):
        await siti.says(answer)
    await siti.presses("Masih ide")
    await siti.presses("Kuliner")
    await siti.presses("Simpan")
    assert "Nomor anggota" in siti.text
    return siti


async def test_the_simulation_comes_as_pdf_and_csv_documents(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    siti = await _registered(channel, fake_telegram)
    await siti.says("/modal")
    assert "tidak membagikan modal gratis" in siti.text
    await siti.presses("Hitung cicilan")
    await siti.presses("Ketik bunga sendiri")
    await siti.says("1,5% per bulan")
    await siti.says("5jt")
    await siti.says("12")
    assert "Cicilan Rp491.667/bulan" in siti.text
    assert "2,64% per bulan, 31,7% per tahun" in siti.text

    await siti.presses("Jadwal PDF")
    pdf = fake_telegram.sent("sendDocument")[-1].files["document"]
    assert pdf.filename == "simulasi-pinjaman-5000000-12bln.pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Simulasi cicilan pinjaman" in text and "Rp491.667" in text

    await siti.presses("Jadwal CSV")
    sheet = fake_telegram.sent("sendDocument")[-1].files["document"]
    assert sheet.filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert len(rows) == 12
    assert rows[0]["cicilan_flat"] == "491667" and rows[-1]["sisa_anuitas"] == "0"
    fake_telegram.assert_no_violations()


async def test_the_books_summary_comes_with_a_chart_photo(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    siti = await _registered(channel, fake_telegram)
    await siti.says("/catatan")
    await siti.says("jual keripik 150rb")
    assert "Simpan catatan ini?" in siti.text
    await siti.presses("Simpan")
    await siti.says("beli bahan 50.000")
    await siti.presses("Simpan")
    await siti.presses("Ringkasan bulan ini")
    photo = fake_telegram.sent("sendPhoto")[-1]
    assert photo.files["photo"].content.startswith(b"\x89PNG")
    assert len(photo.files["photo"].content) < 200 * 1024
    assert "Untung: Rp100.000" in str(photo.params.get("caption"))
    await siti.presses("Unduh CSV")
    sheet = fake_telegram.sent("sendDocument")[-1].files["document"]
    assert sheet.content.decode("utf-8-sig").startswith("tanggal,jenis,kategori,jumlah")
    fake_telegram.assert_no_violations()


async def test_the_command_menu_lists_the_new_commands(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    await channel.register_commands()
    published = fake_telegram.sent("setMyCommands")[0].params["commands"]
    names = [command["command"] for command in published]
    assert {"progres", "modal", "catatan", "nib"} <= set(names)
    assert "permintaan" not in names, "staff commands stay out of the menu"

"""Registration over WhatsApp, end to end: signed webhook in, checked Graph API messages out."""

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.db import Database
from bot.models import Member
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from tests.fakes.graph_api import FakeGraphAPI
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.transcript import make_engine

SITI = "6281234567890"


@pytest.fixture
def engine(database: Database) -> ConversationEngine:
    """On SQLite and on PostgreSQL."""
    return make_engine(database)


@pytest.fixture
def siti(
    webhook: TestClient[web.Request, web.Application],
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
) -> WhatsAppPerson:
    return WhatsAppPerson(webhook, channel, fake_graph, SITI)


async def test_citizen_registers_over_whatsapp(
    siti: WhatsAppPerson, fake_graph: FakeGraphAPI, database: Database
) -> None:
    await siti.says("halo")
    assert "OK OCE" in siti.text
    await siti.presses("Daftar")
    assert siti.last[-1]["interactive"]["type"] == "button"
    assert "Setuju?" in siti.text
    await siti.presses("Setuju")
    assert "Siapa nama lengkap Anda?" in siti.text
    await siti.says("Siti Aminah")
    assert "Pakai nomor WhatsApp ini (0812-3456-7890)" in siti.text
    await siti.presses("Pakai nomor ini")
    assert "0812-3456-7890 dicatat" in siti.text
    await siti.says("kby baru")
    kelurahan = siti.last[-1]["interactive"]
    assert kelurahan["type"] == "list"
    assert len(kelurahan["action"]["sections"][0]["rows"]) == 10
    await siti.presses("Senayan")
    await siti.presses("sudah jalan")
    await siti.says("Warung Bu Siti")
    await siti.presses("Kuliner")
    assert "Periksa data Anda" in siti.text
    await siti.presses("Simpan")
    assert "Nomor anggota: OK-317407-000001" in siti.text

    sent = [m["text"]["body"] for m in fake_graph.messages_to(SITI) if m["type"] == "text"]
    assert any("OK-317407-000001" in body for body in sent)
    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert (member.phone_e164, member.business_name) == ("+6281234567890", "Warung Bu Siti")


async def test_a_long_kelurahan_list_is_paged_within_the_list_limit(
    siti: WhatsAppPerson,
) -> None:
    await siti.says("halo")
    await siti.presses("Daftar")
    await siti.presses("Setuju")
    await siti.says("Siti Aminah")
    await siti.says("081234567890")
    await siti.says("tambora")  # 11 kelurahan
    rows = siti.last[-1]["interactive"]["action"]["sections"][0]["rows"]
    assert len(rows) == 9
    await siti.presses("Berikutnya")
    rows = siti.last[-1]["interactive"]["action"]["sections"][0]["rows"]
    assert [row["title"] for row in rows][-1].startswith("‹")
    await siti.presses(rows[0]["title"])
    assert "sudah jalan" in siti.text


async def test_a_typed_number_picks_from_the_list(siti: WhatsAppPerson) -> None:
    await siti.says("halo")
    await siti.says("1")
    assert "Setuju?" in siti.text


async def test_a_registration_typed_end_to_end_over_whatsapp(
    siti: WhatsAppPerson, database: Database
) -> None:
    """Most people on WhatsApp type rather than tap: "ya", "ok", "udah jalan", "makanan"."""
    typed = [
        "halo",
        "daftar",
        "ya",
        "Siti Aminah",
        "ok",  # use this WhatsApp number
        "kby baru",
        "senayan",
        "udah jalan",
        "Warung Bu Siti",
        "makanan",
        "simpan",
    ]
    answers = []
    for text in typed:
        await siti.says(text)
        answers.append(siti.text)
    assert len(typed) <= 12
    refusals = ("belum jelas", "Pilih salah satu", "Ketik nomornya", "belum bisa")
    assert not [a for a in answers if any(r in a for r in refusals)]
    assert "Kebayoran Baru, ya." in answers[5]
    assert "Kuliner, ya." in answers[9]
    assert "Nomor anggota: OK-317407-000001" in siti.text
    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert (member.phone_e164, member.sector, member.business_status) == (
        "+6281234567890",
        "kuliner",
        "running",
    )

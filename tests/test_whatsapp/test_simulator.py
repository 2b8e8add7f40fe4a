"""The loan simulator over WhatsApp: signed webhook in, and every message within Meta's limits
(lists of at most 10 rows, at most 3 buttons, bodies of at most 1024 characters)."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from handlers.whatsapp import WhatsAppChannel
from tests.fakes.graph_api import FakeGraphAPI
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson

SITI = "6281234567890"


@pytest.fixture
def siti(
    webhook: TestClient[web.Request, web.Application],
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
) -> WhatsAppPerson:
    return WhatsAppPerson(webhook, channel, fake_graph, SITI)


def _within_limits(message: dict[str, Any]) -> None:
    """The limits the brief names, checked on each message the bot sent."""
    if message["type"] == "text":
        assert len(message["text"]["body"]) <= 4096
        return
    if message["type"] != "interactive":
        return
    interactive = message["interactive"]
    assert len(interactive["body"]["text"]) <= 1024
    if interactive["type"] == "button":
        assert 1 <= len(interactive["action"]["buttons"]) <= 3
    else:
        rows = [row for section in interactive["action"]["sections"] for row in section["rows"]]
        assert 1 <= len(rows) <= 10
        assert all(len(row["title"]) <= 24 for row in rows)


async def test_a_member_simulates_a_loan_over_whatsapp(
    siti: WhatsAppPerson, fake_graph: FakeGraphAPI
) -> None:
    await siti.registers()
    await siti.says("modal")
    assert "tidak membagikan modal gratis" in siti.text
    assert siti.last[-1]["interactive"]["type"] == "list"
    await siti.presses("Hitung cicilan")
    await siti.presses("Monas")
    assert "Plafon Kredit Monas Pemula OK OCE paling besar Rp10.000.000" in siti.text
    await siti.says("15jt")
    assert "paling besar Rp10.000.000" in siti.text
    await siti.says("10jt")
    await siti.says("12")
    assert "Cicilan Rp891.667/bulan" in siti.text
    assert "12,7% per tahun" in siti.text
    await siti.presses("Jadwal PDF")
    documents = [m for m in siti.last if m["type"] == "document"]
    assert documents and documents[0]["document"]["filename"].endswith(".pdf")

    await siti.presses("Hitung lagi")
    await siti.presses("Ketik bunga sendiri")
    await siti.says("1,5")
    assert siti.last[-1]["interactive"]["type"] == "list"  # four ways a rate is quoted
    await siti.presses("Flat per bulan")
    await siti.says("5jt")
    await siti.says("12 bulan")
    assert "2,64% per bulan, 31,7% per tahun" in siti.text

    sent = fake_graph.messages_to(SITI)
    for message in sent:
        _within_limits(message)
    assert fake_graph.violations == []


async def test_the_financing_menu_and_products_fit_whatsapp_lists(
    siti: WhatsAppPerson, fake_graph: FakeGraphAPI
) -> None:
    await siti.registers()
    await siti.says("/menu")
    menu = siti.last[-1]["interactive"]
    assert menu["type"] == "list"
    await siti.presses("Modal & pinjaman")
    await siti.presses("Produk pinjaman")
    await siti.presses("KUR Super Mikro")
    assert "Plafon: sampai Rp10.000.000" in siti.text
    assert siti.last[-1]["interactive"]["type"] == "button"
    for message in fake_graph.messages_to(SITI):
        _within_limits(message)

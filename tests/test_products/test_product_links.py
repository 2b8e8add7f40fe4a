"""`/start p42`, the showcase's "Tanya lewat Telegram" link, through the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.db import Database
from bot.photo_store import DirectoryPhotoStore
from conversations.deep_links import action_for
from conversations.engine import ConversationEngine
from tests.showcase_shop import Shop, stock_shop
from tests.transcript import Person, make_engine


@pytest.fixture
def store(tmp_path: Path) -> DirectoryPhotoStore:
    return DirectoryPhotoStore(tmp_path / "photos")


@pytest.fixture
def engine(database: Database, store: DirectoryPhotoStore) -> ConversationEngine:
    return make_engine(database, photos=store)


@pytest.fixture
async def shop(database: Database, store: DirectoryPhotoStore) -> Shop:
    return await stock_shop(database, store)


@pytest.mark.parametrize(
    ("payload", "action"),
    [
        ("p42", "@product:42"),
        (" p7 ", "@product:7"),
        ("p", None),
        ("x42", None),
        ("p42x", None),
        ("p12345678901", None),
        ("", None),
        (None, None),
    ],
)
def test_deep_link_payloads(payload: str | None, action: str | None) -> None:
    assert action_for(payload) == action


async def test_start_with_a_product_opens_its_card_with_tanya_penjual(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    listing_id = shop.ids["Kemeja Batik Tulis"]
    await buyer.send(buyer.event(command="start", command_argument=f"p{listing_id}"))
    [card] = [reply for reply in buyer.last if reply.photo is not None]
    assert card.text.startswith("Kemeja Batik Tulis") and "Rp250.000" in card.text
    assert "Tanya penjual" in " ".join(buyer.labels)
    await buyer.presses("Tanya penjual")
    assert "Tulis pertanyaan untuk penjual Kemeja Batik Tulis" in buyer.text


@pytest.mark.parametrize("which", ["hidden", "unknown"])
async def test_start_with_a_product_not_on_show_says_so_kindly_and_shows_the_menu(
    engine: ConversationEngine, shop: Shop, which: str
) -> None:
    buyer = Person(engine, "buyer")
    listing_id = shop.hidden_id if which == "hidden" else 99_999
    await buyer.send(buyer.event(command="start", command_argument=f"p{listing_id}"))
    assert "tidak ada lagi di etalase" in buyer.text
    assert buyer.question.startswith("Menu utama")
    assert not any(reply.photo for reply in buyer.last)


async def test_start_with_something_else_is_the_usual_welcome(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.send(buyer.event(command="start", command_argument="promo2026"))
    assert buyer.question.startswith("Menu utama")
    assert "Cari produk" in " ".join(buyer.labels)


async def test_the_cari_command_opens_product_browsing(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.commands("cari")
    assert "Cari produk anggota OK OCE" in buyer.question
    await buyer.says("kemeja")
    assert any(r.text.startswith("Kemeja Batik Tulis") for r in buyer.last if r.photo)

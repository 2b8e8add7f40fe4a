"""Cari produk in chat: by category, kecamatan or typed words, as paged photo cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.db import Database
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import RenditionKind
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


def _cards(person: Person) -> list[str]:
    """The first line (the name) of every photo card in the last answer."""
    return [reply.text.split("\n")[0] for reply in person.last if reply.photo is not None]


async def test_a_guest_browses_a_category_and_sees_photo_cards(
    engine: ConversationEngine, shop: Shop, store: DirectoryPhotoStore
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("halo")
    await buyer.presses("Cari produk")
    await buyer.presses("Per kategori")
    await buyer.presses("Camilan")
    assert _cards(buyer) == ["Kerupuk Udang", "Keripik Singkong Balado"]
    card = next(r for r in buyer.last if r.photo is not None)
    assert card.photo is not None
    assert card.photo.data == await store.read(
        shop.photo_keys["Kerupuk Udang"], RenditionKind.THUMB
    )
    assert "Rp12.000" in card.text and "Menteng" in card.text
    assert [c.label for c in card.choices] == ["💬 Tanya penjual", "🚩 Laporkan"]
    assert "1. Kerupuk Udang" in buyer.labels


async def test_browsing_a_kecamatan_shows_only_its_sellers_products(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("halo")
    await buyer.presses("Cari produk")
    await buyer.presses("Per kecamatan")
    await buyer.says("tebet")
    assert _cards(buyer) == ["Kopi Susu Gula Aren", "Keripik Singkong Balado"]
    assert all("Tebet" in reply.text for reply in buyer.last if reply.photo is not None)


@pytest.mark.parametrize("typed", ["kripik", "keripik balado", "KERIPIK"])
async def test_a_misspelt_word_typed_in_the_browse_menu_still_finds_the_product(
    engine: ConversationEngine, shop: Shop, typed: str
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("halo")
    await buyer.presses("Cari produk")
    await buyer.says(typed)
    assert _cards(buyer) == ["Keripik Singkong Balado"]


async def test_cari_typed_at_the_menu_searches_the_showcase(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("cari kerupuk")
    assert _cards(buyer) == ["Kerupuk Udang"]
    await buyer.says("menu")
    await buyer.says("mau beli kopi susu dong")
    assert _cards(buyer) == ["Kopi Susu Gula Aren"]


async def test_a_product_search_does_not_take_the_faqs_questions(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("berapa biaya daftar ok oce?")
    assert _cards(buyer) == []
    assert "gratis" in buyer.text.lower()
    await buyer.says("menu")
    await buyer.says("cari pelatihan di tebet")
    assert _cards(buyer) == [] and "Cari produk anggota" not in buyer.text


async def test_results_come_a_few_a_page_with_more_and_back(
    database: Database, store: DirectoryPhotoStore, engine: ConversationEngine
) -> None:
    await stock_shop(database, store, extra=5)
    buyer = Person(engine, "buyer")
    await buyer.says("halo")
    await buyer.presses("Cari produk")
    await buyer.presses("Per kategori")
    await buyer.says("lainnya")  # typed: the category is on the list's second page
    first = _cards(buyer)
    assert first == ["Produk 4", "Produk 3", "Produk 2"]
    assert "Halaman 1" in buyer.question
    await buyer.presses("Lainnya")
    assert _cards(buyer) == ["Produk 1", "Produk 0"]
    assert "Halaman 2" in buyer.question and "➡️ Lainnya" not in buyer.labels
    await buyer.presses("Sebelumnya")
    assert _cards(buyer) == first


async def test_a_typed_number_opens_that_product_with_its_larger_photo(
    engine: ConversationEngine, shop: Shop, store: DirectoryPhotoStore
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("cari kopi")
    await buyer.says("1")
    [card] = [reply for reply in buyer.last if reply.photo is not None]
    photo = await store.read(shop.photo_keys["Kopi Susu Gula Aren"], RenditionKind.WEB)
    assert card.photo is not None and card.photo.data == photo
    assert "Botol 250 ml" in card.text and "WhatsApp penjual: wa.me/6281255000000" in card.text
    assert "Tanya penjual" in " ".join(buyer.labels)
    await buyer.says("kembali")
    assert _cards(buyer) == ["Kopi Susu Gula Aren"]


async def test_a_seller_who_hides_their_whatsapp_is_shown_without_a_number(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("cari batik")
    await buyer.says("1")
    assert "Kemeja Batik Tulis" in buyer.text
    assert "wa.me" not in buyer.text and "6281255000001" not in buyer.text


async def test_nothing_found_says_so_and_offers_another_search(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("cari sepatu roda")
    assert _cards(buyer) == []
    assert "Belum ada produk yang cocok" in buyer.text
    await buyer.presses("Cari lagi")
    await buyer.says("kerupuk")
    assert _cards(buyer) == ["Kerupuk Udang"]


async def test_a_category_without_products_is_an_empty_result_not_an_error(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("halo")
    await buyer.presses("Cari produk")
    await buyer.presses("Per kategori")
    await buyer.says("jasa")
    assert "Belum ada produk yang cocok" in buyer.text


async def test_the_web_link_is_on_the_card_when_the_public_address_is_set(
    database: Database, store: DirectoryPhotoStore, shop: Shop
) -> None:
    engine = make_engine(database, photos=store)
    engine.settings = engine.settings.model_copy(
        update={"public_url": "https://etalase.okoce.example"}
    )
    buyer = Person(engine, "buyer")
    await buyer.says("cari kerupuk")
    link = f"https://etalase.okoce.example/p/{shop.ids['Kerupuk Udang']}"
    assert any(link in reply.text for reply in buyer.last if reply.photo is not None)


async def test_a_product_named_alone_at_the_menu_is_looked_for(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("kerupuk udang")
    assert _cards(buyer) == ["Kerupuk Udang"]
    await buyer.says("menu")
    await buyer.says("sepatu roda")  # nothing sells it: read as a question, as before
    assert _cards(buyer) == [] and "Cari produk anggota" not in buyer.text
    await buyer.says("menu")
    await buyer.says("kerupuk udang berapa?")  # a question about it is not a search
    assert _cards(buyer) == []


async def test_a_seller_with_an_nib_carries_the_badge_in_chat(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("cari batik")
    await buyer.says("1")
    assert "Usaha ber-NIB" in buyer.text
    await buyer.says("menu")
    await buyer.says("cari kopi")
    await buyer.says("1")
    assert "Kopi Susu Gula Aren" in buyer.text and "Usaha ber-NIB" not in buyer.text

"""Tanya penjual through the engine: a buyer and a seller talk, both ways, until one ends it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.content_files import screen_overflow
from bot.db import Database
from bot.models import ProductInquiry
from bot.services import catalog
from conversations.engine import ConversationEngine
from tests.catalog_factories import add_listing
from tests.test_products.chat_shop import SELLER_E164, Outbox, chat_member, seller_with_product
from tests.transcript import START, Person, make_engine

QUESTION = "Masih ada stok? Bisa antar ke Tebet?"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def engine(database: Database, clock: ManualClock) -> ConversationEngine:
    return make_engine(database, clock=clock)


@pytest.fixture
def outbox(engine: ConversationEngine, clock: ManualClock) -> Outbox:
    return Outbox(engine, clock)


async def _asks(buyer: Person, listing_id: int, question: str = QUESTION) -> None:
    """The buyer presses "Tanya penjual" on the product's card and writes the question."""
    await buyer.send(buyer.event(choice=f"@inquire:{listing_id}"))
    assert "Tulis pertanyaan untuk penjual" in buyer.text
    await buyer.says(question)


async def test_buyer_and_seller_talk_both_ways_until_the_buyer_ends_it(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await buyer.says("cari keripik")
    await buyer.presses("Tanya penjual")
    assert "Nomor HP Anda tidak kami tunjukkan" in buyer.text
    await buyer.says(QUESTION)
    assert "Pertanyaan terkirim ke penjual" in buyer.text

    await outbox.deliver(seller)
    assert "Pembeli #1 bertanya soal Keripik Singkong Balado" in seller.text
    assert QUESTION in seller.text and "buyer" not in seller.text
    await seller.presses("Balas")
    assert "Tulis balasan untuk pembeli #1 (Keripik Singkong Balado)" in seller.text
    await seller.says("Ada kak, sisa 20 bungkus. Bisa antar.")
    assert "Terkirim ke pembeli #1" in seller.text

    await outbox.deliver(buyer)
    assert "Jawaban Dapur Bu Siti soal Keripik Singkong Balado" in buyer.text
    assert "sisa 20 bungkus" in buyer.text
    await buyer.says("Oke saya pesan 2 ya")  # still in the relay: no button needed
    assert "Terkirim ke penjual" in buyer.text

    await outbox.deliver(seller)
    assert "Pesan pembeli #1 soal Keripik Singkong Balado" in seller.text
    assert "saya pesan 2" in seller.text
    await seller.presses("Balas")
    await seller.says("Siap kak, saya siapkan.")
    await outbox.deliver(buyer)
    assert "saya siapkan" in buyer.text

    await buyer.says("sudah selesai ya")
    assert "Percakapan diakhiri" in buyer.text
    await outbox.deliver(seller)
    assert "Pembeli #1 mengakhiri percakapan soal Keripik Singkong Balado" in seller.text
    await seller.send(seller.event(choice="@inquiry_reply:1"))
    assert "sudah berakhir" in seller.text

    assert [screen_overflow(text) for _chat, text in outbox.everything_sent] == [None] * len(
        outbox.everything_sent
    )
    buyer_saw = " ".join(text for chat, text in outbox.everything_sent if chat == "buyer")
    assert SELLER_E164 not in buyer_saw and SELLER_E164.lstrip("+") not in buyer_saw
    async with engine.db.transaction() as session:
        assert (await catalog.listing_stats(session, listing_id)).leads == 1


async def test_the_seller_can_end_it_with_the_button_and_the_buyer_is_told(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await _asks(buyer, listing_id)
    await outbox.deliver(seller)
    await seller.presses("Akhiri")
    assert "Percakapan diakhiri" in seller.text
    await outbox.deliver(buyer)
    assert "Penjual mengakhiri percakapan" in buyer.text
    await buyer.says("halo? masih ada?")
    assert "sudah berakhir" in buyer.text


async def test_a_message_that_only_mentions_ending_is_still_passed_on(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await _asks(buyer, listing_id)
    await buyer.says("1")  # "one, please": not the first button
    await buyer.says("kapan selesai dibuat?")
    await outbox.deliver(seller)
    texts = [reply.text for reply in seller.last]
    assert any("«1»" in text for text in texts)
    assert any("kapan selesai dibuat?" in text for text in texts)


async def test_menu_leaves_the_relay_and_balas_comes_back_to_it(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await _asks(buyer, listing_id)
    await outbox.deliver(seller)
    await seller.presses("Balas")
    await seller.says("menu")
    assert "Menu utama" in seller.text
    await seller.send(seller.event(choice="@inquiry_reply:1"))
    await seller.says("Masih ada kak")
    await outbox.deliver(buyer)
    assert "Masih ada kak" in buyer.text


async def test_a_quiet_inquiry_idles_out(
    engine: ConversationEngine, outbox: Outbox, clock: ManualClock
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await _asks(buyer, listing_id)
    await outbox.deliver(seller)
    clock.advance(timedelta(days=4))
    await seller.presses("Balas")
    assert "sudah berakhir" in seller.text


async def test_only_the_two_sides_can_use_the_buttons(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    _seller, listing_id = await seller_with_product(engine)
    await _asks(Person(engine, "buyer"), listing_id)
    stranger = Person(engine, "stranger")
    await stranger.send(stranger.event(choice="@inquiry_reply:1"))
    assert "sudah tidak ada" in stranger.text
    await stranger.send(stranger.event(choice="@inquiry_end:1"))
    async with engine.db.transaction() as session:
        inquiry = await session.get(ProductInquiry, 1)
        assert inquiry is not None and inquiry.status == "open"


async def test_a_seller_cannot_ask_about_their_own_product(
    engine: ConversationEngine,
) -> None:
    seller, listing_id = await seller_with_product(engine)
    await seller.send(seller.event(choice=f"@inquire:{listing_id}"))
    assert "produk Anda sendiri" in seller.text


async def test_asking_again_about_the_same_product_continues_the_open_inquiry(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    _seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await _asks(buyer, listing_id)
    await buyer.says("menu")
    await _asks(buyer, listing_id, "Satu lagi: ada yang pedas?")
    async with engine.db.transaction() as session:
        inquiries = (await session.scalars(select(ProductInquiry))).all()
        assert len(inquiries) == 1 and inquiries[0].messages == 2
        assert (await catalog.listing_stats(session, listing_id)).leads == 1


async def test_a_buyer_is_limited_to_a_few_new_inquiries_an_hour(
    database: Database, clock: ManualClock
) -> None:
    engine = make_engine(database, clock=clock)
    engine.settings = engine.settings.model_copy(update={"inquiries_per_hour": 2})
    _seller, first = await seller_with_product(engine)
    other, second = await seller_with_product(engine, "seller2", photo_offset=50)
    third = await add_listing(database, await chat_member(database, other), photo_offset=60)
    buyer = Person(engine, "buyer")
    await _asks(buyer, first)
    clock.advance(timedelta(minutes=10))
    await _asks(buyer, second)
    clock.advance(timedelta(minutes=10))
    await buyer.send(buyer.event(choice=f"@inquire:{third}"))
    assert "sudah bertanya ke 2 penjual dalam 1 jam terakhir" in buyer.text
    assert "Bisa bertanya lagi mulai Sen, 23 Nov 2026 10.00 WIB" in buyer.text
    await buyer.send(buyer.event(choice=f"@inquire:{first}"))  # an open one still takes more
    assert "Tulis pertanyaan" in buyer.text
    clock.advance(timedelta(minutes=41))
    await _asks(buyer, third)
    assert "Pertanyaan terkirim" in buyer.text


async def test_a_seller_typing_after_another_buyers_message_answers_that_buyer(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    seller, listing_id = await seller_with_product(engine)
    ani, budi = Person(engine, "ani"), Person(engine, "budi")
    await _asks(ani, listing_id, "Ani tanya: ada yang original?")
    await outbox.deliver(seller)
    await seller.presses("Balas")
    await seller.says("Ada kak Ani")
    assert "Terkirim ke pembeli #1" in seller.text
    await _asks(budi, listing_id, "Budi tanya: bisa antar?")
    await outbox.deliver(seller, ani)
    assert "Pembeli #2 bertanya" in seller.text
    await seller.says("Bisa kak Budi")  # typed under Budi's question, still in Ani's relay
    assert "Terkirim ke pembeli #2" in seller.text
    await outbox.deliver(ani, budi)
    assert "Bisa kak Budi" in budi.text
    assert "Bisa kak Budi" not in " ".join(
        text for chat, text in outbox.everything_sent if chat == "ani"
    )


async def test_a_question_that_starts_like_the_way_out_is_still_sent(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await buyer.send(buyer.event(choice=f"@inquire:{listing_id}"))
    await buyer.says("Tidak jadi pedas bisa, kak?")
    assert "Pertanyaan terkirim" in buyer.text
    other = Person(engine, "other")
    await other.send(other.event(choice=f"@inquire:{listing_id}"))
    await other.says("tidak jadi")
    assert other.question.startswith("Menu utama")
    await outbox.deliver(seller)
    assert [reply.text.count("«") for reply in seller.last] == [1]


async def test_a_seller_who_just_types_under_the_question_answers_the_buyer(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await _asks(buyer, listing_id)
    await outbox.deliver(seller)
    await seller.says("Masih ada kak, mau berapa?")  # no "Balas" pressed
    assert "Terkirim ke pembeli #1" in seller.text
    assert "petugas" not in seller.text.lower()
    await seller.says("Bisa COD juga")  # now in the relay
    await outbox.deliver(buyer)
    assert [reply.text.split("«")[1].rstrip("»") for reply in buyer.last] == [
        "Masih ada kak, mau berapa?",
        "Bisa COD juga",
    ]


async def test_a_search_or_a_day_later_is_not_taken_for_an_answer(
    engine: ConversationEngine, outbox: Outbox, clock: ManualClock
) -> None:
    seller, listing_id = await seller_with_product(engine)
    buyer = Person(engine, "buyer")
    await _asks(buyer, listing_id)
    await outbox.deliver(seller)
    await seller.says("cari kopi")
    assert "Belum ada produk yang cocok" in seller.text
    await seller.says("menu")
    await _asks(Person(engine, "buyer2"), listing_id)
    await outbox.deliver(seller)
    clock.advance(timedelta(hours=25))
    await seller.says("Halo, saya mau tanya soal NIB")
    assert "Terkirim" not in seller.text
    sent_to_buyers = [chat for chat, _text in outbox.everything_sent if chat.startswith("buyer")]
    await outbox.deliver(seller)
    assert [chat for chat, _text in outbox.everything_sent if chat.startswith("buyer")] == (
        sent_to_buyers
    )


async def test_a_long_product_name_and_a_full_message_still_fit_a_phone_screen(
    engine: ConversationEngine, outbox: Outbox
) -> None:
    name = "Keripik Singkong Balado Pedas Manis Khas Betawi Resep Nenek Kemasan Besar 500g"
    seller, listing_id = await seller_with_product(engine, name=name[:80])
    buyer = Person(engine, "buyer")
    long_question = " ".join(["Kak, apakah bisa dikirim hari ini juga ke rumah saya?"] * 3)
    await _asks(buyer, listing_id, long_question)
    await outbox.deliver(seller)
    await seller.presses("Balas")
    await seller.says(long_question)
    await outbox.deliver(buyer)
    assert [screen_overflow(text) for _chat, text in outbox.everything_sent] == [None, None]

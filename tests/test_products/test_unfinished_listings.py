"""Photos of listings never finished leave the store: cancelled, or left to expire.

A listing being written keeps its photos' facts in the chat's state; the files sit in
the photo store. When the state lets go of them (a typed "batal", a conversation left
idle past its lifetime, as a guest who never registers leaves it), they are queued and
swept, so no photo outlives the conversation that brought it.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.models import ChannelAccount, PhotoDeletion
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import RenditionKind, photo_key
from tests.test_products.selling_people import Seller, jpeg, listings, selling_engine
from wiring.housekeeping import Housekeeper
from wiring.photo_sweeper import sweep_once

TTL = timedelta(hours=24)


async def _queued(db: Database) -> list[str]:
    async with db.transaction() as session:
        return list(await session.scalars(select(PhotoDeletion.photo_key)))


async def _state(db: Database, user_id: str) -> tuple[dict[str, object], dict[str, object]]:
    async with db.transaction() as session:
        account = (
            await session.scalars(
                select(ChannelAccount).where(ChannelAccount.external_id == user_id)
            )
        ).one()
        return account.data, account.drafts


async def test_a_typed_batal_lets_the_photo_go(database: Database, tmp_path: Path) -> None:
    siti = Seller(selling_engine(database, tmp_path), "siti")
    await siti.registers()
    await siti.sends_photo(caption="Keripik Balado 15rb")
    assert await _queued(database) == []

    await siti.says("batal")
    assert await listings(database) == []
    assert await _queued(database) == [photo_key(jpeg())]


async def test_a_guest_who_never_registers_leaves_no_photo_behind(
    database: Database, tmp_path: Path
) -> None:
    engine = selling_engine(database, tmp_path)
    clock = engine.clock
    assert isinstance(clock, ManualClock)
    store = DirectoryPhotoStore(tmp_path / "photos")
    keeper = Housekeeper(database, clock, retention=timedelta(days=7), conversation_ttl=TTL)
    guest = Seller(engine, "tamu")
    await guest.sends_photo(caption="Keripik Balado 15rb")
    assert "daftar dulu" in guest.question
    key = photo_key(jpeg())
    assert await store.read(key, RenditionKind.WEB) is not None

    clock.advance(TTL - timedelta(minutes=1))
    await keeper.run_once()
    assert await _queued(database) == [], "the conversation is still alive"

    clock.advance(timedelta(minutes=2))
    await keeper.run_once()
    assert await _queued(database) == [key]
    assert await _state(database, "tamu") == ({}, {})
    clock.advance(timedelta(minutes=10))
    assert await sweep_once(database, store, clock) == 1
    assert await store.read(key, RenditionKind.WEB) is None

    await guest.says("halo")  # they come back after all: a fresh start, no error
    assert guest.question.startswith("Menu utama")


async def test_a_listing_kept_for_later_keeps_its_photo_while_the_chat_lives(
    database: Database, tmp_path: Path
) -> None:
    engine = selling_engine(database, tmp_path)
    clock = engine.clock
    assert isinstance(clock, ManualClock)
    keeper = Housekeeper(database, clock, retention=timedelta(days=7), conversation_ttl=TTL)
    siti = Seller(engine, "siti")
    await siti.registers()
    await siti.sends_photo(caption="Keripik Balado 15rb")
    await siti.says("menu")  # the draft is kept and offered back from the hub
    clock.advance(timedelta(hours=2))
    await keeper.run_once()
    assert await _queued(database) == []

    await siti.presses("Produk & jualan")
    await siti.presses("Jual produk")
    assert await _queued(database) == []


async def test_a_photo_another_chat_is_still_selling_with_stays(
    database: Database, tmp_path: Path
) -> None:
    engine = selling_engine(database, tmp_path)
    clock = engine.clock
    assert isinstance(clock, ManualClock)
    store = DirectoryPhotoStore(tmp_path / "photos")
    siti, budi = Seller(engine, "siti"), Seller(engine, "budi")
    await siti.registers()
    await budi.registers(name="Budi Santoso", phone="0813-4444-5555")
    await siti.sends_photo(caption="Keripik Balado 15rb")  # the same picture, forwarded
    await budi.sends_photo(caption="Keripik Balado 16rb")
    await siti.says("batal")
    key = photo_key(jpeg())
    assert await _queued(database) == [key]

    clock.advance(timedelta(minutes=10))
    assert await sweep_once(database, store, clock) == 0
    assert await store.read(key, RenditionKind.WEB) is not None
    assert await _queued(database) == [], "off the queue while Budi still needs it"

    await budi.says("batal")
    clock.advance(timedelta(minutes=10))
    assert await sweep_once(database, store, clock) == 1
    assert await store.read(key, RenditionKind.WEB) is None

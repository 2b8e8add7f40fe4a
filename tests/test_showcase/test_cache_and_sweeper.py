"""Pages and photos are kept a few seconds; photos nobody uses leave the disk."""

from datetime import timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.db import Database
from bot.models import Member
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import RenditionKind
from bot.services import erasure
from tests.factories import NOW
from tests.showcase_shop import stock_shop
from wiring.photo_sweeper import sweep_once
from wiring.web.showcase.cache import TtlCache


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_kept_value_is_fresh_for_its_seconds_then_gone() -> None:
    ticks = Ticks()
    cache: TtlCache[str, bytes] = TtlCache(ttl=5, max_weight=100, weigh=len, clock=ticks)
    cache.put("grid", b"page")
    ticks.now = 4.9
    assert cache.get("grid") == b"page"
    ticks.now = 5.0
    assert cache.get("grid") is None


def test_the_least_recently_used_go_first_past_the_weight() -> None:
    cache: TtlCache[str, bytes] = TtlCache(ttl=5, max_weight=10, weigh=len, clock=Ticks())
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.get("a") == b"aaaa"  # a is now the most recent
    cache.put("c", b"cccc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"aaaa", None, b"cccc")
    assert cache.forget(lambda key: key == "a") == 1 and cache.get("a") is None


def test_no_seconds_means_nothing_is_kept() -> None:
    cache: TtlCache[str, int] = TtlCache(ttl=0, max_weight=10)
    cache.put("a", 1)
    assert cache.get("a") is None


async def test_a_forgotten_seller_s_photos_are_swept_from_the_store(
    sqlite_database: Database, tmp_path: Path
) -> None:
    store = DirectoryPhotoStore(tmp_path / "photos")
    shop = await stock_shop(sqlite_database, store)
    keys = [shop.photo_keys["Keripik Singkong Balado"], shop.photo_keys["Kopi Susu Gula Aren"]]
    kept = shop.photo_keys["Kerupuk Udang"]
    async with sqlite_database.transaction() as session:
        seller = await session.get(Member, 1)
        assert seller is not None
        await erasure.erase_member(session, seller, now=NOW, reminder_offsets=())
    clock = ManualClock(NOW)
    assert await sweep_once(sqlite_database, store, clock) == 0  # not yet: the grace

    clock.advance(timedelta(minutes=10))
    assert await sweep_once(sqlite_database, store, clock) == 2
    assert [await store.exists(key) for key in keys] == [False, False]
    assert await store.read(kept, RenditionKind.THUMB) is not None
    assert await sweep_once(sqlite_database, store, clock) == 0

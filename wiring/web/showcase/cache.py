"""A few seconds of memory for what every buyer is shown alike: pages and photos.

The showcase is read far more than it changes, and a product shared in a WhatsApp
group is opened by many people within seconds. Rendered pages (per address and
language) and photo bytes are kept for `TTL_SECONDS`, so a burst costs one database
round and one render; a seller's change shows within that time, and a report that hides
a product drops its page at once in this process (`forget`). Nothing personal is
cached: the pages hold no per-visitor content (the language cookie is set per response).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from aiohttp import web

TTL_SECONDS = 5.0
PAGE_CAPACITY = 2_000
"""Pages kept at most (about 30 KB each)."""
PHOTO_BYTES = 48 * 1024 * 1024
"""Photo bytes kept at most: a few thousand thumbnails, or a few hundred full photos."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    """Values kept for `ttl` seconds, the least recently used dropped past `max_weight`."""

    def __init__(
        self,
        *,
        ttl: float = TTL_SECONDS,
        max_weight: int,
        weigh: Callable[[V], int] = lambda _value: 1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_weight = max_weight
        self.weigh = weigh
        self.clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._weight = 0

    def get(self, key: K) -> V | None:
        """The value if it is still fresh."""
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if expires <= self.clock():
            self._drop(key)
            return None
        self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        """Keep a value for `ttl` seconds (replacing any earlier one); a no-op at `ttl` 0."""
        if self.ttl <= 0:
            return
        if key in self._items:
            self._drop(key)
        self._items[key] = (self.clock() + self.ttl, value)
        self._weight += self.weigh(value)
        while self._weight > self.max_weight and self._items:
            self._drop(next(iter(self._items)))

    def forget(self, matches: Callable[[K], bool]) -> int:
        """Drop every entry whose key matches; returns how many."""
        doomed = [key for key in self._items if matches(key)]
        for key in doomed:
            self._drop(key)
        return len(doomed)

    def _drop(self, key: K) -> None:
        _expires, value = self._items.pop(key)
        self._weight -= self.weigh(value)


@dataclass(frozen=True)
class CachedPage:
    status: int
    body: bytes
    content_type: str


PageKey = tuple[str, str, str, tuple[tuple[str, str], ...]]
"""(language, host, path, query without `lang`): the host names the page's own links."""


class PageCache(TtlCache[PageKey, CachedPage]):
    """Rendered showcase pages by language, path and query."""

    def __init__(self, *, ttl: float = TTL_SECONDS) -> None:
        super().__init__(ttl=ttl, max_weight=PAGE_CAPACITY)

    def forget_path(self, path: str) -> int:
        """Drop every cached version of one page (all languages and queries)."""
        return self.forget(lambda key: key[2] == path)


def page_key(request: web.Request, language: str) -> PageKey:
    """What tells one cached page from another."""
    query = tuple(sorted((k, v) for k, v in request.query.items() if k != "lang"))
    return (language, request.host, request.path, query)


class PhotoCache(TtlCache[tuple[str, str], bytes]):
    """Photo renditions served lately, with whether their listing was public then."""

    def __init__(self, *, ttl: float = TTL_SECONDS) -> None:
        super().__init__(ttl=ttl, max_weight=PHOTO_BYTES, weigh=len)


PAGES_KEY = web.AppKey("page_cache", PageCache)
PHOTOS_KEY = web.AppKey("photo_cache", PhotoCache)

"""What the showcase needs to know besides the database: links, places, secrets."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from bot.areas import AreaDirectory, Kecamatan
from bot.clock import Clock, SystemClock
from bot.photo_store import PhotoStore
from bot.vocabulary import CatalogModeration

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
CLIENT_KEY_FILE = "web-client.key"
"""Under the data folder: the key web clients' addresses are hashed with."""


def slug(name: str) -> str:
    """`Kebayoran Baru` → `kebayoran-baru`."""
    return _NOT_SLUG.sub("-", name.lower()).strip("-")


@dataclass
class ShowcaseConfig:
    """The showcase's settings; `telegram_username` is filled in once Telegram has started."""

    store: PhotoStore
    areas: AreaDirectory
    client_key: str
    public_url: str | None = None
    telegram_username: str | None = None
    trust_forwarded: bool = False
    moderation: CatalogModeration = CatalogModeration.IMMEDIATE
    clock: Clock = field(default_factory=SystemClock)
    kecamatan_by_slug: dict[str, Kecamatan] = field(init=False)
    kecamatan_options: list[tuple[str, list[tuple[str, str]]]] = field(init=False)
    """The kecamatan filter's choices by kota: (kota, [(slug, kecamatan)]), made once."""

    def __post_init__(self) -> None:
        self.kecamatan_by_slug = {slug(k.name): k for k in self.areas.kecamatans}
        self.kecamatan_options = [
            (kota.short_name, [(slug(k.name), k.name) for k in self.areas.kecamatans_in(kota.code)])
            for kota in self.areas.kotas
        ]

    def base_url(self, request: web.Request) -> str:
        """The public base URL, or the one this request came to."""
        return self.public_url or f"{request.scheme}://{request.host}"

    def kecamatan_slug(self, code: str) -> str | None:
        """The `/k/<slug>` of a kecamatan code."""
        kecamatan = self.areas.kecamatan(code)
        return slug(kecamatan.name) if kecamatan else None

    def client_address(self, request: web.Request) -> str:
        """The client's address (the first `X-Forwarded-For` hop behind a trusted proxy)."""
        if self.trust_forwarded:
            forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()
            if forwarded:
                return forwarded
        return request.remote or "unknown"


def client_key(data_dir: Path) -> str:
    """The key for hashing web clients, made once and kept in the data folder."""
    path = data_dir / CLIENT_KEY_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = secrets.token_hex(32)
        path.write_text(key, encoding="ascii")
        return key


SHOWCASE_KEY = web.AppKey("showcase", ShowcaseConfig)

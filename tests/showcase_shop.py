"""A small showcase to test against: sellers, products with real photos, a web app."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from PIL import Image, ImageDraw

from bot.areas import jakarta_areas
from bot.clock import ManualClock
from bot.db import Database
from bot.models import Member
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import PreparedPhoto, prepare_photo
from bot.services import catalog, licensing
from bot.vocabulary import ProductCategory
from tests.catalog_factories import add_seller, draft
from tests.factories import NOW
from tests.test_photos.pictures import encoded
from wiring.web.app import build_web_app
from wiring.web.showcase import ShowcaseConfig, install_showcase

BOT_USERNAME = "okoce_test_bot"
PUBLIC_URL = "https://etalase.okoce.example"
MENTENG = "31.71.06"
MENTENG_NIB = "9120301234567"


def product_photo(n: int) -> PreparedPhoto:
    """A distinct 800x600 product photo, prepared as a member's would be."""
    image = Image.new("RGB", (800, 600), ((n * 53) % 256, (n * 97) % 256, (n * 31) % 256))
    ImageDraw.Draw(image).ellipse((200, 100, 600, 500), fill=(250, 200, 40))
    prepared = prepare_photo(encoded(image, "JPEG", quality=90))
    assert isinstance(prepared, PreparedPhoto)
    return prepared


@dataclass(frozen=True)
class Shop:
    """What the test shop holds: product ids by name."""

    ids: dict[str, int]
    hidden_id: int
    photo_keys: dict[str, str]


PRODUCTS = [
    ("Keripik Singkong Balado", ProductCategory.CAMILAN, "Pedas manis, renyah. 250 gram.", 15_000),
    ("Kopi Susu Gula Aren", ProductCategory.MINUMAN, "Botol 250 ml, dingin.", 18_000),
    ("Kemeja Batik Tulis", ProductCategory.FESYEN, "Motif kawung, katun.", 250_000),
    ("Kerupuk Udang", ProductCategory.CAMILAN, "Gurih, renyah.", 12_000),
]


async def stock_shop(db: Database, store: DirectoryPhotoStore, *, extra: int = 0) -> Shop:
    """Four products (two sellers; the Menteng one hides their WhatsApp and has an NIB)
    and a draft."""
    tebet = await add_seller(db, 0)
    menteng = await add_seller(
        db, 1, kecamatan_code=MENTENG, kelurahan_code="31.71.06.1001", business_name="Batik Bu Ani"
    )
    async with db.transaction() as session:  # Bu Ani has her NIB; Bu Siti not yet
        seller = await session.get(Member, menteng.id)
        assert seller is not None
        await licensing.record_nib(session, seller, MENTENG_NIB, NOW)
    ids: dict[str, int] = {}
    keys: dict[str, str] = {}
    rows = [
        *PRODUCTS,
        *[(f"Produk {n}", ProductCategory.LAINNYA, None, 5_000) for n in range(extra)],
    ]
    for n, (name, category, description, price) in enumerate(rows):
        seller = tebet if n in (0, 1) or (n > 3 and n % 2 == 0) else menteng
        photo = product_photo(n)
        await store.put(photo.key, photo)
        now = NOW + timedelta(minutes=n)
        async with db.transaction() as session:
            listing = await catalog.create_listing(
                session,
                seller,
                dataclasses.replace(
                    draft(),
                    name=name,
                    category=category,
                    description=description,
                    price=price,
                    show_whatsapp=seller is tebet,
                ),
                now=now,
            )
            await catalog.add_photo(
                session,
                listing.id,
                seller.id,
                catalog.PhotoFacts.of(photo),
                review_required=False,
                now=now,
            )
            await catalog.publish(session, listing.id, seller.id, review_required=False, now=now)
            ids[name] = listing.id
            keys[name] = photo.key
    async with db.transaction() as session:
        hidden = await catalog.create_listing(session, tebet, draft(name="Rahasia"), now=NOW)
    return Shop(ids=ids, hidden_id=hidden.id, photo_keys=keys)


def showcase_app(
    db: Database, photo_dir: Path, *, clock: ManualClock | None = None
) -> web.Application:
    """The web application with the showcase, as `okoce-bot run` builds it."""
    app = build_web_app(db, [])
    clock = clock or ManualClock(NOW + timedelta(hours=1))
    config = ShowcaseConfig(
        store=DirectoryPhotoStore(photo_dir),
        areas=jakarta_areas(),
        client_key="test-key",
        public_url=PUBLIC_URL,
        telegram_username=BOT_USERNAME,
        clock=clock,
    )
    install_showcase(app, db, config, clock)
    return app

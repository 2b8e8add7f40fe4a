"""A catalog to benchmark: 2,000 sellers and 10,000 live listings with photos, in bulk.

Inserted with Core `executemany` in one transaction (the services would take minutes
for 10,000), with the same folded search words the services write; the full-text index
is the migrated one (FTS5 triggers on SQLite, the GIN index on PostgreSQL).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import insert

from bot.areas import jakarta_areas
from bot.catalog_search import fold_text
from bot.db import Database
from bot.models import Listing, ListingPhoto, Member
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import PreparedPhoto, prepare_photo
from bot.vocabulary import BusinessStatus, ListingStatus, ProductCategory, Sector

START = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)
DISTINCT_PHOTOS = 50

_PRODUCTS = [
    ("Keripik", ProductCategory.CAMILAN, ("Singkong", "Pisang", "Tempe", "Kentang")),
    ("Kerupuk", ProductCategory.CAMILAN, ("Udang", "Ikan", "Kulit", "Bawang")),
    ("Kopi", ProductCategory.MINUMAN, ("Susu", "Gula Aren", "Robusta", "Arabika")),
    ("Es Teh", ProductCategory.MINUMAN, ("Manis", "Lemon", "Leci", "Tarik")),
    ("Nasi", ProductCategory.KULINER, ("Uduk", "Kuning", "Goreng", "Bakar")),
    ("Sambal", ProductCategory.KULINER, ("Bawang", "Terasi", "Matah", "Ijo")),
    ("Batik", ProductCategory.FESYEN, ("Tulis", "Cap", "Betawi", "Kawung")),
    ("Kemeja", ProductCategory.FESYEN, ("Batik", "Linen", "Flanel", "Koko")),
    ("Tas", ProductCategory.KRIYA, ("Anyaman", "Rajut", "Kulit", "Kanvas")),
    ("Sabun", ProductCategory.KECANTIKAN, ("Sereh", "Kopi", "Madu", "Zaitun")),
    ("Keset", ProductCategory.RUMAH_TANGGA, ("Kain", "Sabut", "Karet", "Perca")),
    ("Tanaman", ProductCategory.AGRIBISNIS, ("Hias", "Cabai", "Tomat", "Sirih")),
]
_FLAVOURS = ("Balado", "Original", "Pedas", "Keju", "Manis", "Asin", "Premium", "Jumbo")
SEARCHES = ("kripik", "baladoo", "kopi susu", "batik tulis", "krupuk udang", "sambel", "tas")
"""What the benchmark's buyers type (misspellings included)."""


@dataclass(frozen=True)
class Seeded:
    listing_ids: list[int]
    photo_keys: list[str]


def _photo(n: int) -> PreparedPhoto:
    image = Image.new("RGB", (1024, 768), ((n * 53) % 256, (n * 97) % 256, (n * 31) % 256))
    ImageDraw.Draw(image).ellipse((256, 128, 768, 640), fill=(250, 200, 40))
    prepared = prepare_photo(_jpeg(image))
    assert isinstance(prepared, PreparedPhoto)
    return prepared


def _jpeg(image: Image.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


async def seed(db: Database, photo_dir: Path, *, sellers: int, listings: int) -> Seeded:
    """Sellers across every kecamatan, each with listings; every listing live with a photo."""
    rng = random.Random(10)
    store = DirectoryPhotoStore(photo_dir)
    photos = [_photo(n) for n in range(DISTINCT_PHOTOS)]
    for photo in photos:
        await store.put(photo.key, photo)
    kecamatans = jakarta_areas().kecamatans
    member_rows = [
        {
            "id": n + 1,
            "member_number": f"OK-BENCH-{n:06d}",
            "full_name": f"Penjual {n}",
            "phone_e164": f"+62812{n:08d}",
            "kecamatan_code": kecamatans[n % len(kecamatans)].code,
            "kelurahan_code": None,
            "business_status": BusinessStatus.RUNNING,
            "business_name": f"Usaha {n}",
            "sector": Sector.KULINER,
            "language": "id",
            "consent_at": START,
            "registered_at": START,
            "deleted_at": None,
        }
        for n in range(sellers)
    ]
    listing_rows = []
    photo_rows = []
    for n in range(listings):
        seller = member_rows[n % sellers]
        head, category, kinds = rng.choice(_PRODUCTS)
        name = f"{head} {rng.choice(kinds)} {rng.choice(_FLAVOURS)}"
        description = f"{name}, buatan sendiri. Pesan sehari sebelumnya."
        kecamatan = jakarta_areas().kecamatan(str(seller["kecamatan_code"]))
        moment = START + timedelta(minutes=n)
        listing_rows.append(
            {
                "id": n + 1,
                "seller_member_id": seller["id"],
                "name": name,
                "price": rng.randrange(5, 300) * 1000,
                "unit": "pcs",
                "stock": None,
                "description": description,
                "category": category,
                "kecamatan_code": seller["kecamatan_code"],
                "status": ListingStatus.LIVE,
                "rejection_reason": None,
                "show_whatsapp": n % 2 == 0,
                "search_name": fold_text(name),
                "search_text": fold_text(
                    description,
                    "pcs",
                    category.value,
                    str(seller["business_name"]),
                    kecamatan.name if kecamatan else None,
                ),
                "published_at": moment,
                "reviewed_by": None,
                "reviewed_at": None,
                "created_at": moment,
                "updated_at": moment,
            }
        )
        photo = photos[n % DISTINCT_PHOTOS]
        photo_rows.append(
            {
                "listing_id": n + 1,
                "position": 0,
                "photo_key": photo.key,
                "web_width": photo.web.width,
                "web_height": photo.web.height,
                "thumb_width": photo.thumb.width,
                "thumb_height": photo.thumb.height,
                "placeholder": photo.placeholder.data,
            }
        )
    async with db.transaction() as session:
        await session.execute(insert(Member), member_rows)
        await session.execute(insert(Listing), listing_rows)
        await session.execute(insert(ListingPhoto), photo_rows)
    if not db.is_sqlite:
        async with db.transaction() as session:
            from sqlalchemy import text

            await session.execute(text("SELECT setval('members_id_seq', :n)"), {"n": sellers})
            await session.execute(text("SELECT setval('listings_id_seq', :n)"), {"n": listings})
            await session.execute(text("ANALYZE"))
    return Seeded(
        listing_ids=[row["id"] for row in listing_rows],  # type: ignore[misc]
        photo_keys=[photo.key for photo in photos],
    )

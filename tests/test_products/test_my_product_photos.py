"""Photos in 'Produk saya': added, replaced and removed, checked as they arrive."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.db import Database
from bot.models import PhotoDeletion
from bot.product_photos import PreparedPhoto, prepare_photo
from bot.vocabulary import CatalogModeration, ListingStatus
from tests.test_products.shop_people import (
    jpeg,
    listing,
    listing_of,
    opens_product,
    photo_keys,
    registered,
    sends_photo,
    shop_engine,
)


async def queued_for_removal(db: Database) -> list[str]:
    async with db.transaction() as session:
        return list(await session.scalars(select(PhotoDeletion.photo_key)))


async def test_photos_are_added_replaced_and_removed_but_never_the_last(
    database: Database, tmp_path: Path
) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado")
    [cover] = await photo_keys(database, listing_id)
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Foto")
    assert "Foto produk: 1 dari 5" in siti.question

    await sends_photo(siti, jpeg(200, 150))
    assert "terlalu kecil" in siti.text
    await sends_photo(siti, jpeg(colour=(10, 200, 30)))
    assert "✅ Foto ditambahkan." in siti.text
    assert "Foto produk: 2 dari 5" in siti.question
    cover_again, added = await photo_keys(database, listing_id)
    assert cover_again == cover

    await siti.presses("Foto 2")
    assert siti.last[0].photo is not None  # the photo picked is shown
    await siti.presses("Ganti")
    await siti.says("ini fotonya")
    assert "bukan tulisan" in siti.text
    await sends_photo(siti, jpeg(colour=(30, 30, 220)))
    assert "✅ Foto diganti." in siti.text
    kept, replacement = await photo_keys(database, listing_id)
    assert kept == cover and replacement not in (cover, added)

    await siti.presses("Foto 1")
    await siti.presses("Ganti")
    await sends_photo(siti, jpeg(colour=(220, 220, 20)))
    assert "✅ Foto diganti." in siti.text
    new_cover, still_second = await photo_keys(database, listing_id)
    assert still_second == replacement and new_cover not in (cover, added, replacement)
    assert cover in await queued_for_removal(database), "the old cover is let go"

    await siti.presses("Foto 1")
    await siti.presses("Hapus")
    assert "🗑️ Foto dihapus." in siti.text
    assert await photo_keys(database, listing_id) == [replacement]
    await siti.presses("Foto 1")
    await siti.presses("Hapus")
    assert "paling sedikit 1 foto" in siti.text
    assert await photo_keys(database, listing_id) == [replacement]


async def test_a_sixth_photo_is_refused(database: Database, tmp_path: Path) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado", photos=5)
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Foto")
    assert "Sudah 5 foto" in siti.question
    sixth = jpeg(colour=(1, 2, 3))
    await sends_photo(siti, sixth)
    assert "Sudah 5 foto" in siti.text
    assert len(await photo_keys(database, listing_id)) == 5
    prepared = prepare_photo(sixth)
    assert isinstance(prepared, PreparedPhoto)
    assert not await siti.engine.photos.exists(prepared.key), "a refused photo is not kept"


async def test_under_review_a_new_photo_sends_a_live_listing_back_to_the_coordinator(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path, moderation=CatalogModeration.COORDINATOR)
    siti = await registered(engine, "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado")
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Foto")
    await sends_photo(siti, jpeg())
    assert "✅ Foto ditambahkan." in siti.text
    assert "dicek dulu oleh koordinator" in siti.text
    assert (await listing(database, listing_id)).status == ListingStatus.PENDING_REVIEW

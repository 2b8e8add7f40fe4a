"""'Produk saya': a member sees their own listings, how each is doing, and changes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from bot.db import Database
from bot.services import catalog
from bot.vocabulary import CatalogModeration, ListingStatus, OutboxKind
from conversations.engine import ConversationEngine
from conversations.products.my_product_edits import Stock, StockRefusal, parse_stock
from tests.factories import NOW
from tests.test_products.shop_people import (
    PUBLIC_URL,
    TEBET,
    listing,
    listing_of,
    make_coordinator,
    member_of,
    notices,
    opens_product,
    photo_keys,
    registered,
    shop_engine,
)
from tests.transcript import Person


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("12", Stock(12)),
        ("0", Stock(0)),
        ("12 pcs", Stock(12)),
        (" 40 bungkus ", Stock(40)),
        ("-3", StockRefusal.NEGATIVE),
        ("dua belas", StockRefusal.NOT_A_NUMBER),
        ("12 atau 13", StockRefusal.NOT_A_NUMBER),
        ("9999999", StockRefusal.TOO_LARGE),
        ("", StockRefusal.NOT_A_NUMBER),
    ],
)
def test_a_typed_stock_is_read_or_refused(typed: str, read: Stock | StockRefusal) -> None:
    assert parse_stock(typed) == read


async def _budi(engine: ConversationEngine) -> Person:
    """Another member of Tebet, who sells too."""
    return await registered(engine, "budi", name="Budi Santoso", phone="0813-1111-2222")


async def test_the_list_shows_each_product_with_price_and_status_in_words(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    siti = await registered(engine, "siti")
    seller = await member_of(database, siti)
    await listing_of(database, siti, name="Keripik Balado")
    sold_out = await listing_of(database, siti, name="Kue Lapis", price=45_000)
    rejected = await listing_of(database, siti, name="Sambal Roa", publish=False)
    async with database.transaction() as session:
        await catalog.mark_sold_out(session, sold_out, seller.id, now=NOW)
        await catalog.publish(session, rejected, seller.id, review_required=True, now=NOW)
        admin = catalog.Reviewer(None, is_admin=True)
        await catalog.reject(session, rejected, admin, "Foto tidak jelas", now=NOW)
    await listing_of(database, await _budi(engine), name="Punya Budi")

    await siti.says("produk saya")

    assert siti.question.startswith("🛍️ Produk saya")
    assert "Sambal Roa\n   Rp15.000 · Ditolak: Foto tidak jelas" in siti.question
    assert "Kue Lapis\n   Rp45.000 · Stok habis" in siti.question
    assert "Keripik Balado\n   Rp15.000 · Tayang" in siti.question
    assert "Punya Budi" not in siti.text
    await siti.says("menu")
    await siti.commands("produksaya")
    assert siti.question.startswith("🛍️ Produk saya")


async def test_a_member_with_no_products_is_told_how_to_start(
    database: Database, tmp_path: Path
) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    await siti.says("produk saya")
    assert "belum punya produk" in siti.question
    guest = Person(siti.engine, "tamu")
    await guest.says("produk saya")
    assert "untuk anggota OK OCE" in guest.text


async def test_a_listing_shows_its_figures_and_links_to_share_on_whatsapp(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    siti = await registered(engine, "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado", price=15_000)
    async with database.transaction() as session:
        await catalog.add_views(session, {(listing_id, date(2026, 11, 22)): 30})
        await catalog.add_views(session, {(listing_id, date(2026, 11, 23)): 4})
        await catalog.record_lead(session, listing_id, now=NOW)
        await catalog.record_lead(session, listing_id, now=NOW)

    await opens_product(siti, "Keripik Balado")

    assert "👀 34 dilihat · 💬 2 ditanya" in siti.text
    page = f"{PUBLIC_URL}/p/{listing_id}"
    assert page in siti.text
    [share] = [word for word in siti.text.split() if word.startswith("https://wa.me/?text=")]
    assert " " not in share and "%20" in share
    assert unquote(share.removeprefix("https://wa.me/?text=")) == (
        f"Keripik Balado Rp15.000. Pesan di sini: {page}"
    )


async def test_without_a_public_address_the_link_is_promised_for_later(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path, public_url=None)
    siti = await registered(engine, "siti")
    await listing_of(database, siti, name="Keripik Balado")
    await opens_product(siti, "Keripik Balado")
    assert "wa.me" not in siti.text
    assert "begitu etalase online sudah dibuka" in siti.text


async def test_price_is_changed_as_people_type_it_and_refused_kindly(
    database: Database, tmp_path: Path
) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado")
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Ubah harga")
    assert "Harga sekarang Rp15.000 / bungkus" in siti.question

    await siti.says("gratis")
    assert "hanya untuk produk yang dijual" in siti.text
    await siti.says("15rb-20rb")
    assert "satu harga saja" in siti.text
    assert (await listing(database, listing_id)).price == 15_000

    await siti.says("Rp 17.500,-")
    assert "✅ Tersimpan." in siti.text
    assert "Rp17.500 / bungkus" in siti.text
    saved = await listing(database, listing_id)
    assert (saved.price, saved.status) == (17_500, ListingStatus.LIVE)


async def test_stock_zero_marks_it_sold_out_and_can_stop_being_counted(
    database: Database, tmp_path: Path
) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado", stock=10)
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Ubah stok")
    await siti.says("-3")
    assert "tidak bisa minus" in siti.text
    await siti.says("0")
    assert "ditandai habis" in siti.text
    assert "Status: Stok habis" in siti.text
    saved = await listing(database, listing_id)
    assert (saved.stock, saved.status) == (0, ListingStatus.SOLD_OUT)

    await siti.presses("Ubah stok")
    await siti.says("tidak dihitung")
    saved = await listing(database, listing_id)
    assert saved.stock is None
    await siti.presses("Ada stok lagi")
    assert "Tayang lagi" in siti.text
    assert (await listing(database, listing_id)).status == ListingStatus.LIVE
    await siti.presses("Tandai habis")
    assert (await listing(database, listing_id)).status == ListingStatus.SOLD_OUT


async def test_name_and_description_are_changed_and_the_description_can_be_cleared(
    database: Database, tmp_path: Path
) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado")
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Ubah nama")
    await siti.says("Keripik Singkong Pedas Level 5")
    assert "🛍️ Keripik Singkong Pedas Level 5" in siti.text
    await siti.presses("Ubah deskripsi")
    await siti.says("x" * 1001)
    assert "terlalu panjang" in siti.text
    await siti.says("Renyah, 250 gram, tanpa pengawet.")
    saved = await listing(database, listing_id)
    assert saved.name == "Keripik Singkong Pedas Level 5"
    assert saved.description == "Renyah, 250 gram, tanpa pengawet."
    assert saved.status == ListingStatus.LIVE  # no review asked for: moderation is immediate
    await siti.presses("Ubah deskripsi")
    await siti.presses("Kosongkan")
    assert (await listing(database, listing_id)).description is None


async def test_under_review_a_changed_live_listing_waits_for_the_coordinator_again(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path, moderation=CatalogModeration.COORDINATOR)
    siti = await registered(engine, "siti")
    koordinator = await _budi(engine)
    await make_coordinator(database, koordinator, TEBET)
    listing_id = await listing_of(database, siti, name="Keripik Balado")
    await opens_product(siti, "Keripik Balado")

    await siti.presses("Ubah harga")
    await siti.says("16rb")
    assert "dicek dulu oleh koordinator" not in siti.text  # a price is not looked at again
    await siti.presses("Ubah nama")
    await siti.says("Keripik Ajaib")

    assert "dicek dulu oleh koordinator" in siti.text
    assert "Status: Menunggu ditinjau" in siti.text
    assert (await listing(database, listing_id)).status == ListingStatus.PENDING_REVIEW
    coordinator = await member_of(database, koordinator)
    [asked] = await notices(database, OutboxKind.LISTING_REVIEW_REQUESTED, coordinator.id)
    assert "Keripik Ajaib (Rp16.000)" in asked.text


async def test_the_whatsapp_contact_is_shown_or_hidden(database: Database, tmp_path: Path) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado", show_whatsapp=False)
    await opens_product(siti, "Keripik Balado")
    assert "No. WA: disembunyikan" in siti.text
    await siti.presses("Tampilkan no. WA")
    assert "bisa chat WA Anda" in siti.text
    assert (await listing(database, listing_id)).show_whatsapp is True
    await siti.presses("Sembunyikan no. WA")
    assert "tidak tampil" in siti.text
    assert (await listing(database, listing_id)).show_whatsapp is False


async def test_deleting_asks_first_and_then_the_product_is_gone(
    database: Database, tmp_path: Path
) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado")
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Hapus")
    assert "tidak bisa dikembalikan" in siti.question
    await siti.says("gak jadi")
    assert (await listing(database, listing_id)).status == ListingStatus.LIVE
    await siti.presses("Hapus")
    await siti.presses("Ya, hapus")
    assert "Keripik Balado sudah dihapus" in siti.text
    assert "belum punya produk" in siti.question
    saved = await listing(database, listing_id)
    assert saved.status == ListingStatus.DELETED
    assert await photo_keys(database, listing_id) == []


async def test_someone_else_s_listing_is_never_opened_or_changed(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    siti = await registered(engine, "siti")
    budi = await _budi(engine)
    budi_s = await listing_of(database, budi, name="Punya Budi")
    own = await listing_of(database, siti, name="Keripik Balado")

    await siti.send(siti.event(choice=f"@my_product:{budi_s}"))
    assert "tidak ada di daftar Anda" in siti.text
    assert "Punya Budi" not in siti.text

    # A listing open on screen that stops being hers (deleted elsewhere) is not changed.
    await opens_product(siti, "Keripik Balado")
    await siti.presses("Ubah harga")
    seller = await member_of(database, siti)
    async with database.transaction() as session:
        await catalog.delete_listing(session, own, seller.id, now=NOW)
    await siti.says("20rb")
    assert "tidak ada di daftar Anda" in siti.text
    assert (await listing(database, own)).price == 15_000
    assert (await listing(database, budi_s)).price == 15_000


async def test_a_rejected_listing_is_opened_from_its_notice_fixed_and_sent_again(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path, moderation=CatalogModeration.COORDINATOR)
    siti = await registered(engine, "siti")
    seller = await member_of(database, siti)
    listing_id = await listing_of(database, siti, name="Keripik Balado", publish=False)
    async with database.transaction() as session:
        await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
        admin = catalog.Reviewer(None, is_admin=True)
        await catalog.reject(session, listing_id, admin, "Harga tidak wajar", now=NOW)
    [notice] = await notices(database, OutboxKind.LISTING_REJECTED, seller.id)
    [button] = notice.choices
    assert button.id == f"@my_product:{listing_id}"

    await siti.send(siti.event(choice=button.id))
    assert "Alasan ditolak: Harga tidak wajar" in siti.text
    await siti.presses("Ubah harga")
    await siti.says("12rb")
    await siti.presses("Kirim lagi")

    assert "Koordinator kecamatan akan mengeceknya" in siti.text
    saved = await listing(database, listing_id)
    assert (saved.price, saved.status) == (12_000, ListingStatus.PENDING_REVIEW)


async def test_the_longest_listing_still_fits_a_phone_screen(
    database: Database, tmp_path: Path
) -> None:
    """Every reply is measured (tests/message_lengths.py): the longest values must fit too."""
    siti = await registered(shop_engine(database, tmp_path), "siti")
    seller = await member_of(database, siti)
    listing_id = await listing_of(
        database,
        siti,
        name="Keripik Singkong Balado Pedas Manis Extra Renyah Khas Tebet Jakarta Selatan 250",
        price=999_999_999,
        unit="bungkus besar isi dua puluh lima buah",
        stock=999_999,
        description="Renyah " * 140,
        publish=False,
    )
    async with database.transaction() as session:
        await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
        admin = catalog.Reviewer(None, is_admin=True)
        await catalog.reject(session, listing_id, admin, "Tolong perbaiki. " * 14, now=NOW)
    await siti.says("produk saya")
    await siti.says("1")
    assert "Alasan ditolak: Tolong perbaiki." in siti.text
    assert "Renyah Renyah" in siti.text


async def test_a_draft_left_unfinished_is_put_out_from_here(
    database: Database, tmp_path: Path
) -> None:
    siti = await registered(shop_engine(database, tmp_path), "siti")
    listing_id = await listing_of(database, siti, name="Keripik Balado", publish=False)
    await opens_product(siti, "Keripik Balado")
    assert "Status: Draf" in siti.text
    assert "muncul setelah produknya tayang" in siti.text
    await siti.presses("Tayangkan")
    assert "✅ Produk Anda sudah tayang." in siti.text
    assert f"{PUBLIC_URL}/p/{listing_id}" in siti.text
    assert (await listing(database, listing_id)).status == ListingStatus.LIVE

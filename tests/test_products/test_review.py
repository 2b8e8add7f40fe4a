"""Coordinators (their kecamatans) and admins (all) approve or reject listings in chat."""

from __future__ import annotations

from pathlib import Path

from bot.db import Database
from bot.models import Member
from bot.services import catalog
from bot.vocabulary import ListingStatus, OutboxKind, ReportReason
from conversations.engine import ConversationEngine
from tests.catalog_factories import add_seller
from tests.factories import NOW
from tests.test_products.shop_people import (
    KALIDERES,
    TEBET,
    listing,
    listing_with_a_real_photo,
    make_coordinator,
    member_of,
    notices,
    pending_listing,
    registered,
    revoke_coordinator,
    shop_engine,
)
from tests.transcript import Person

KALIDERES_KELURAHAN = "31.73.06.1001"


async def _coordinator_of_tebet(engine: ConversationEngine) -> Person:
    person = await registered(engine, "koor", name="Rina Koordinator", phone="0813-2222-3333")
    await make_coordinator(engine.db, person, TEBET)
    return person


async def _keripik_waiting_in_tebet(
    database: Database, tmp_path: Path
) -> tuple[ConversationEngine, Person, Member, int]:
    """Tebet's coordinator, a Tebet seller, and the seller's listing waiting for review."""
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    seller = await add_seller(database, 1)
    return engine, koor, seller, await pending_listing(database, seller, name="Keripik Tebet")


async def test_a_coordinator_sees_only_their_kecamatan_and_an_admin_sees_all(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    tebet_seller = await add_seller(database, 1)
    kalideres_seller = await add_seller(
        database, 2, kecamatan_code=KALIDERES, kelurahan_code=KALIDERES_KELURAHAN
    )
    await pending_listing(database, tebet_seller, name="Keripik Tebet")
    await pending_listing(database, kalideres_seller, name="Dodol Kalideres")

    await koor.says("tinjau")
    assert "menunggu tinjauan: 1" in koor.question
    assert "Keripik Tebet\n   Rp15.000 · Tebet" in koor.question
    assert "Dodol Kalideres" not in koor.text

    admin = Person(engine, "admin")
    await admin.says("tinjau")
    assert "menunggu tinjauan: 2" in admin.question
    assert "Keripik Tebet" in admin.question and "Dodol Kalideres" in admin.question


async def test_approving_by_typing_puts_it_live_and_tells_the_seller(
    database: Database, tmp_path: Path
) -> None:
    _engine, koor, seller, listing_id = await _keripik_waiting_in_tebet(database, tmp_path)

    await koor.says("tinjau")
    await koor.says("1")
    assert "Setujui produk ini" in koor.question
    assert "Penjual: Dapur Bu Siti (Tebet)" in koor.text
    await koor.says("setujui")

    assert "Penjual sudah dikabari" in koor.text
    assert "Tidak ada produk yang menunggu" in koor.question
    saved = await listing(database, listing_id)
    assert saved.status == ListingStatus.LIVE
    assert saved.reviewed_by == (await member_of(database, koor)).id
    [told] = await notices(database, OutboxKind.LISTING_APPROVED, seller.id)
    assert told.text.startswith("✅ Produk Anda sudah tayang: Keripik Tebet (Rp15.000)")
    assert [choice.id for choice in told.choices] == [f"@my_product:{listing_id}"]


async def test_rejecting_with_a_common_reason_tells_the_seller_in_their_language(
    database: Database, tmp_path: Path
) -> None:
    _engine, koor, seller, listing_id = await _keripik_waiting_in_tebet(database, tmp_path)

    await koor.says("tinjau")
    await koor.says("1")
    await koor.says("2")  # the second choice: Tolak
    assert "Kenapa ditolak?" in koor.question
    await koor.presses("Foto tidak jelas")

    assert "Penjual sudah dikabari alasannya" in koor.text
    saved = await listing(database, listing_id)
    assert (saved.status, saved.rejection_reason) == (ListingStatus.REJECTED, "Foto tidak jelas")
    [told] = await notices(database, OutboxKind.LISTING_REJECTED, seller.id)
    assert "Alasannya: Foto tidak jelas" in told.text
    assert [choice.id for choice in told.choices] == [f"@my_product:{listing_id}"]
    [in_english] = await notices(database, OutboxKind.LISTING_REJECTED, seller.id, "en")
    assert "Foto tidak jelas" not in in_english.text
    assert "photo" in in_english.text.lower()


async def test_rejecting_with_a_typed_reason_keeps_the_words(
    database: Database, tmp_path: Path
) -> None:
    _engine, koor, seller, listing_id = await _keripik_waiting_in_tebet(database, tmp_path)

    await koor.says("tinjau")
    await koor.says("1")
    await koor.says("tolak")
    await koor.says("Tulis beratnya per bungkus, ya")

    saved = await listing(database, listing_id)
    assert saved.status == ListingStatus.REJECTED
    assert saved.rejection_reason == "Tulis beratnya per bungkus, ya"
    [told] = await notices(database, OutboxKind.LISTING_REJECTED, seller.id)
    assert "Alasannya: Tulis beratnya per bungkus, ya" in told.text


async def test_a_coordinator_whose_role_is_revoked_mid_review_cannot_approve(
    database: Database, tmp_path: Path
) -> None:
    _engine, koor, seller, listing_id = await _keripik_waiting_in_tebet(database, tmp_path)
    await koor.says("tinjau")
    await koor.says("1")

    await revoke_coordinator(database, koor)
    await koor.says("setujui")

    assert "khusus staf program" in koor.text
    assert (await listing(database, listing_id)).status == ListingStatus.PENDING_REVIEW
    assert await notices(database, OutboxKind.LISTING_APPROVED, seller.id) == []


async def test_the_review_notice_opens_the_listing_with_its_photo_and_reports(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    seller = await add_seller(database, 1)
    listing_id = await listing_with_a_real_photo(engine, seller)
    async with database.transaction() as session:
        for n, reason in enumerate((ReportReason.SCAM, ReportReason.SCAM, ReportReason.OTHER)):
            await catalog.report_listing(
                session, listing_id, catalog.chat_reporter("telegram", str(n)), reason, now=NOW
            )
    coordinator = await member_of(database, koor)
    [asked] = await notices(database, OutboxKind.LISTING_REVIEW_REQUESTED, coordinator.id)
    [button] = asked.choices
    assert button.id == f"@review:{listing_id}"

    await koor.send(koor.event(choice=button.id))

    [with_photo] = [reply for reply in koor.last if reply.photo is not None]
    assert with_photo.photo is not None and with_photo.photo.data.startswith(b"\xff\xd8")
    assert with_photo.text.startswith("📋 Keripik Tebet")
    assert "⚠️ Dilaporkan: Penipuan (2), Lainnya (1)" in koor.question
    assert "Setujui produk ini" in koor.question


async def test_a_coordinator_of_another_kecamatan_is_refused_that_listing(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    elsewhere = await add_seller(
        database, 2, kecamatan_code=KALIDERES, kelurahan_code=KALIDERES_KELURAHAN
    )
    listing_id = await pending_listing(database, elsewhere, name="Dodol Kalideres")

    await koor.send(koor.event(choice=f"@review:{listing_id}"))
    assert "bukan dari kecamatan yang Anda pegang" in koor.text
    assert "Dodol Kalideres" not in koor.text
    await koor.says("setujui")
    assert (await listing(database, listing_id)).status == ListingStatus.PENDING_REVIEW

    admin = Person(engine, "admin")
    await admin.send(admin.event(choice=f"@review:{listing_id}"))
    await admin.presses("Setujui")
    assert (await listing(database, listing_id)).status == ListingStatus.LIVE


async def test_a_listing_reviewed_by_someone_else_meanwhile_is_not_reviewed_twice(
    database: Database, tmp_path: Path
) -> None:
    _engine, koor, _seller, listing_id = await _keripik_waiting_in_tebet(database, tmp_path)
    await koor.says("tinjau")
    await koor.says("1")
    async with database.transaction() as session:
        admin = catalog.Reviewer(None, is_admin=True)
        await catalog.reject(session, listing_id, admin, "Bukan produk", now=NOW)

    await koor.says("setujui")

    assert "sudah ditinjau" in koor.text
    assert (await listing(database, listing_id)).status == ListingStatus.REJECTED


async def test_a_member_without_a_staff_role_cannot_open_the_review(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    siti = await registered(engine, "siti")
    seller = await add_seller(database, 1)
    listing_id = await pending_listing(database, seller)
    await siti.says("tinjau")
    assert "khusus staf program" in siti.text
    await siti.send(siti.event(choice=f"@review:{listing_id}"))
    assert "khusus staf program" in siti.text
    assert "Keripik" not in siti.text


async def test_the_longest_listing_and_every_report_still_fit_a_phone_screen(
    database: Database, tmp_path: Path
) -> None:
    """Every reply is measured (tests/message_lengths.py); the whole description is detail."""
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    seller = await add_seller(database, 1, business_name="Usaha " * 20)
    listing_id = await pending_listing(
        database,
        seller,
        name="Keripik Singkong Balado Pedas Manis Extra Renyah Khas Tebet Jakarta Selatan 250",
        price=999_999_999,
        unit="bungkus besar isi dua puluh lima buah",
        description="Renyah " * 140 + "akhir.",
    )
    async with database.transaction() as session:
        await catalog.approve(session, listing_id, catalog.Reviewer(None, is_admin=True), now=NOW)
        # The third report hides it again, for review: three reasons at most are open.
        for n, reason in enumerate(ReportReason):
            reporter = catalog.chat_reporter("telegram", str(n))
            await catalog.report_listing(session, listing_id, reporter, reason, now=NOW)
    await koor.says("tinjau")
    await koor.says("1")
    assert "Renyah akhir." in koor.text  # the whole description, for the reviewer to read
    assert "Dilaporkan: Tidak pantas (1), Barang terlarang (1), Penipuan (1)" in koor.question


async def test_a_coordinator_who_reads_english_types_the_answers_in_english(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    await koor.says("language")
    await koor.presses("English")
    seller = await add_seller(database, 1)
    listing_id = await pending_listing(database, seller, name="Keripik Tebet")

    await koor.says("tinjau")
    assert "Products waiting for review: 1" in koor.question
    await koor.says("1")
    await koor.says("reject")
    await koor.says("not a product")

    assert "The seller has been told why" in koor.text
    saved = await listing(database, listing_id)
    assert saved.rejection_reason == "Bukan produk"  # shown to the seller in their language
    [told] = await notices(database, OutboxKind.LISTING_REJECTED, seller.id)
    assert "Alasannya: Bukan produk" in told.text


async def test_a_coordinator_who_sells_never_reviews_their_own_listing(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    own = await member_of(database, koor)
    listing_id = await pending_listing(database, own, name="Keripik Koordinator")

    await koor.says("tinjau")
    assert "Keripik Koordinator" not in koor.text
    async with database.transaction() as session:
        outcome = await catalog.approve(session, listing_id, catalog.Reviewer(own.id), now=NOW)
    assert isinstance(outcome, catalog.NotAllowed)
    assert (await listing(database, listing_id)).status == ListingStatus.PENDING_REVIEW
    assert await notices(database, OutboxKind.LISTING_REVIEW_REQUESTED, own.id) == []

    admin = Person(engine, "admin")
    await admin.says("tinjau")
    assert "Keripik Koordinator" in admin.question


async def test_coordinators_find_the_review_in_the_products_hub(
    database: Database, tmp_path: Path
) -> None:
    engine = shop_engine(database, tmp_path)
    koor = await _coordinator_of_tebet(engine)
    seller = await add_seller(database, 1)
    await pending_listing(database, seller, name="Keripik Tebet")
    member = await registered(engine, "anggota", name="Budi Santoso", phone="0813-4444-5555")

    await member.says("menu")
    await member.presses("Produk & jualan")
    assert "📝 Tinjau produk" not in member.labels

    await koor.says("menu")
    await koor.presses("Produk & jualan")
    assert koor.labels[-2:] == ["📝 Tinjau produk", "↩ Menu"]
    await koor.presses("Tinjau produk")
    assert "Keripik Tebet" in koor.question

"""Sellers and coordinators are told what became of a listing, in their language."""

from sqlalchemy import select

from bot.areas import jakarta_areas
from bot.db import Database
from bot.messages import Reply
from bot.models import OutboxMessage
from bot.services import catalog, roles
from bot.vocabulary import OutboxKind, ReportReason, StaffRoleName
from conversations.notifications import render_outbox_message
from tests.catalog_factories import add_listing, add_seller
from tests.factories import NOW, add_members


async def _replies(db: Database, language: str = "id") -> dict[OutboxKind, Reply | None]:
    async with db.reading() as session:
        messages = (await session.scalars(select(OutboxMessage))).all()
        replies: dict[OutboxKind, Reply | None] = {}
        for message in messages:
            replies[message.kind] = await render_outbox_message(
                session, message, language, areas=jakarta_areas(), now=NOW
            )
    return replies


async def _words(db: Database, language: str = "id") -> dict[OutboxKind, str | None]:
    return {
        kind: None if reply is None else reply.text
        for kind, reply in (await _replies(db, language)).items()
    }


async def test_the_seller_hears_of_a_rejection_with_its_reason(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, publish=False)
    async with database.transaction() as session:
        await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
        await catalog.reject(
            session, listing_id, catalog.Reviewer(None, is_admin=True), "Fotonya buram", now=NOW
        )
    words = await _words(database)
    assert words[OutboxKind.LISTING_REJECTED] == (
        "Maaf, produk Keripik Singkong Balado (Rp15.000) belum bisa tayang.\n"
        "Alasannya: Fotonya buram\n"
        "Perbaiki lewat menu Produk saya, lalu kirim lagi."
    )
    english = await _words(database, "en")
    assert "Fotonya buram" in str(english[OutboxKind.LISTING_REJECTED])
    assert str(english[OutboxKind.LISTING_REJECTED]).startswith("Sorry")
    rejected = (await _replies(database))[OutboxKind.LISTING_REJECTED]
    assert rejected is not None
    assert rejected.template_parameters == ("Keripik Singkong Balado (Rp15.000)", "Fotonya buram")


async def test_approval_and_a_coordinator_s_request_are_worded(database: Database) -> None:
    seller = await add_seller(database, 5)
    [coordinator] = await add_members(database, 1)
    async with database.transaction() as session:
        await roles.grant_role(
            session,
            coordinator,
            StaffRoleName.COORDINATOR,
            kecamatan_code=seller.kecamatan_code,
            granted_by="test",
            now=NOW,
        )
    listing_id = await add_listing(database, seller, publish=False)
    async with database.transaction() as session:
        await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
    asked = await _words(database)
    assert asked[OutboxKind.LISTING_REVIEW_REQUESTED] == (
        "📋 Ada produk yang menunggu tinjauan Anda: Keripik Singkong Balado (Rp15.000)."
    )
    async with database.transaction() as session:
        await catalog.approve(session, listing_id, catalog.Reviewer(coordinator), now=NOW)
    words = await _words(database)
    assert str(words[OutboxKind.LISTING_APPROVED]).startswith("✅ Produk Anda sudah tayang")
    approved = (await _replies(database))[OutboxKind.LISTING_APPROVED]
    assert approved is not None
    assert approved.template_parameters == ("Keripik Singkong Balado (Rp15.000)",)
    assert words[OutboxKind.LISTING_REVIEW_REQUESTED] is None  # reviewed already: not sent


async def test_a_listing_hidden_by_reports_is_explained(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller)
    async with database.transaction() as session:
        for n in range(3):
            await catalog.report_listing(
                session,
                listing_id,
                catalog.chat_reporter("telegram", str(n)),
                ReportReason.WRONG_INFO,
                now=NOW,
            )
    words = await _words(database)
    assert "dilaporkan beberapa pembeli" in str(words[OutboxKind.LISTING_HIDDEN_FOR_REVIEW])

"""A seller lists a product, it goes live (or to review), sells out, and is deleted."""

from datetime import timedelta

from sqlalchemy import select

from bot.db import Database
from bot.models import Listing, OutboxMessage
from bot.services import catalog, roles
from bot.vocabulary import ListingStatus, OutboxKind, StaffRoleName
from tests.catalog_factories import add_listing, add_seller, draft, photo_facts
from tests.factories import NOW, add_members


async def _status(db: Database, listing_id: int) -> ListingStatus:
    async with db.reading() as session:
        listing = await session.get(Listing, listing_id)
        assert listing is not None
        return listing.status


async def _outbox(db: Database) -> list[tuple[int | None, OutboxKind]]:
    async with db.reading() as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.member_id, row.kind) for row in rows]


async def test_a_published_listing_is_live_at_once_and_shown(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, photos=2)

    async with database.reading() as session:
        shown = await catalog.product(session, listing_id)
        page = await catalog.browse(session, catalog.BrowseQuery())
    assert isinstance(shown, catalog.ProductView)
    assert shown.name == "Keripik Singkong Balado" and shown.price == 15_000
    assert shown.seller.business_name == "Dapur Bu Siti"
    assert shown.seller.whatsapp_e164 == seller.phone_e164
    assert not shown.seller.has_nib
    assert [photo.key for photo in shown.photos] == [photo_facts(10).key, photo_facts(11).key]
    assert [card.id for card in page.cards] == [listing_id]
    assert page.cards[0].cover is not None
    assert page.cards[0].cover.placeholder_data_uri.startswith("data:image/jpeg;base64,")


async def test_a_listing_needs_a_photo_to_go_out(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, photos=0, publish=False)
    async with database.transaction() as session:
        outcome = await catalog.publish(
            session, listing_id, seller.id, review_required=False, now=NOW
        )
    assert isinstance(outcome, catalog.NeedsPhoto)
    assert await _status(database, listing_id) == ListingStatus.DRAFT


async def test_at_most_five_photos_and_each_once(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, photos=5, publish=False)
    async with database.transaction() as session:
        sixth = await catalog.add_photo(
            session, listing_id, seller.id, photo_facts(99), review_required=False, now=NOW
        )
        again = await catalog.add_photo(
            session, listing_id, seller.id, photo_facts(10), review_required=False, now=NOW
        )
    assert isinstance(sixth, catalog.TooManyPhotos)
    assert isinstance(again, catalog.PhotoAlreadyThere)


async def test_someone_elses_listing_cannot_be_touched(database: Database) -> None:
    seller, other = await add_seller(database, 0), await add_seller(database, 1)
    listing_id = await add_listing(database, seller)
    async with database.transaction() as session:
        assert isinstance(
            await catalog.mark_sold_out(session, listing_id, other.id, now=NOW), catalog.NotFound
        )
        assert isinstance(
            await catalog.delete_listing(session, listing_id, other.id, now=NOW), catalog.NotFound
        )
    assert await _status(database, listing_id) == ListingStatus.LIVE


async def test_sold_out_leaves_the_grid_but_keeps_its_page(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller)
    async with database.transaction() as session:
        assert isinstance(
            await catalog.mark_sold_out(session, listing_id, seller.id, now=NOW), catalog.Changed
        )
    async with database.reading() as session:
        page = await catalog.browse(session, catalog.BrowseQuery())
        shown = await catalog.product(session, listing_id)
    assert page.cards == ()
    assert isinstance(shown, catalog.ProductView) and shown.sold_out

    async with database.transaction() as session:
        await catalog.mark_available(session, listing_id, seller.id, now=NOW)
    assert await _status(database, listing_id) == ListingStatus.LIVE


async def test_stock_of_zero_is_sold_out(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, stock=3)
    async with database.transaction() as session:
        await catalog.update_listing(
            session, listing_id, seller.id, draft(stock=0), review_required=False, now=NOW
        )
    assert await _status(database, listing_id) == ListingStatus.SOLD_OUT


async def test_a_deleted_listing_is_gone_and_its_photos_queued(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, photos=2)
    async with database.transaction() as session:
        await catalog.delete_listing(session, listing_id, seller.id, now=NOW)
    async with database.reading() as session:
        assert isinstance(await catalog.product(session, listing_id), catalog.NotFound)
        assert await catalog.seller_listings(session, seller.id) == []
        assert await catalog.photos_to_remove(session, now=NOW) == []  # not before the grace
        later = await catalog.photos_to_remove(session, now=NOW + timedelta(minutes=6))
    assert sorted(later) == sorted([photo_facts(10).key, photo_facts(11).key])


async def test_under_review_a_coordinator_of_the_kecamatan_approves(database: Database) -> None:
    seller = await add_seller(database, 7)
    [coordinator, elsewhere] = await add_members(database, 2, now=NOW)
    async with database.transaction() as session:
        await roles.grant_role(
            session,
            coordinator,
            StaffRoleName.COORDINATOR,
            kecamatan_code=seller.kecamatan_code,
            granted_by="test",
            now=NOW,
        )
        await roles.grant_role(
            session,
            elsewhere,
            StaffRoleName.COORDINATOR,
            kecamatan_code="31.71.01",
            granted_by="test",
            now=NOW,
        )
    listing_id = await add_listing(database, seller, publish=False)

    async with database.transaction() as session:
        sent = await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
    assert isinstance(sent, catalog.SentForReview) and sent.coordinators == 1
    assert await _outbox(database) == [(coordinator, OutboxKind.LISTING_REVIEW_REQUESTED)]
    async with database.reading() as session:
        assert isinstance(await catalog.product(session, listing_id), catalog.NotFound)
        waiting = await catalog.pending_reviews(session, catalog.Reviewer(coordinator))
        assert [listing.id for listing in waiting] == [listing_id]
        assert await catalog.pending_reviews(session, catalog.Reviewer(elsewhere)) == []

    async with database.transaction() as session:
        refused = await catalog.approve(session, listing_id, catalog.Reviewer(elsewhere), now=NOW)
        approved = await catalog.approve(
            session, listing_id, catalog.Reviewer(coordinator), now=NOW
        )
    assert isinstance(refused, catalog.NotAllowed)
    assert isinstance(approved, catalog.Changed)
    assert await _status(database, listing_id) == ListingStatus.LIVE
    assert (seller.id, OutboxKind.LISTING_APPROVED) in await _outbox(database)


async def test_a_rejection_tells_the_seller_why_and_they_can_try_again(
    database: Database,
) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, publish=False)
    admin = catalog.Reviewer(None, is_admin=True)
    async with database.transaction() as session:
        await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
        await catalog.reject(session, listing_id, admin, "Fotonya buram", now=NOW)
    async with database.reading() as session:
        listing = await session.get(Listing, listing_id)
        assert listing is not None
        assert listing.status == ListingStatus.REJECTED
        assert listing.rejection_reason == "Fotonya buram"
    assert (seller.id, OutboxKind.LISTING_REJECTED) in await _outbox(database)

    async with database.transaction() as session:
        again = await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
    assert isinstance(again, catalog.SentForReview)


async def test_new_words_on_a_live_listing_are_reviewed_again_a_new_price_is_not(
    database: Database,
) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller)
    async with database.transaction() as session:
        cheaper = await catalog.update_listing(
            session, listing_id, seller.id, draft(price=12_000), review_required=True, now=NOW
        )
        renamed = await catalog.update_listing(
            session,
            listing_id,
            seller.id,
            draft(price=12_000, name="Keripik Pedas Level 5"),
            review_required=True,
            now=NOW,
        )
    assert isinstance(cheaper, catalog.Updated) and not cheaper.back_to_review
    assert isinstance(renamed, catalog.Updated) and renamed.back_to_review
    assert await _status(database, listing_id) == ListingStatus.PENDING_REVIEW

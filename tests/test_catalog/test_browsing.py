"""Buyers browse by category and kecamatan, search with their own spelling, and report."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import ChannelAccount, ListingDailyCount, ListingReport, Member, OutboxMessage
from bot.services import catalog, erasure
from bot.vocabulary import ListingStatus, OutboxKind, ProductCategory, ReportReason
from tests.catalog_factories import add_listing, add_seller
from tests.factories import NOW

TEBET, MENTENG = "31.74.01", "31.71.06"


async def _shop(db: Database) -> dict[str, int]:
    """Four products from two sellers in two kecamatan, published a minute apart."""
    tebet = await add_seller(db, 0)
    menteng = await add_seller(db, 1, kecamatan_code=MENTENG, kelurahan_code="31.71.06.1001")
    ids = {}
    for minute, (seller, name, category, description) in enumerate(
        [
            (tebet, "Keripik Singkong Balado", ProductCategory.CAMILAN, "Pedas manis"),
            (tebet, "Kopi Susu Gula Aren", ProductCategory.MINUMAN, "Botol 250 ml"),
            (menteng, "Kemeja Batik Tulis", ProductCategory.FESYEN, "Motif kawung"),
            (menteng, "Kerupuk Udang", ProductCategory.CAMILAN, "Gurih, renyah"),
        ]
    ):
        ids[name] = await add_listing(
            db,
            seller,
            name=name,
            category=category,
            description=description,
            now=NOW + timedelta(minutes=minute),
            photo_offset=minute * 10,
        )
    return ids


async def _names(db: Database, **query: object) -> list[str]:
    async with db.reading() as session:
        page = await catalog.browse(session, catalog.BrowseQuery(**query))  # type: ignore[arg-type]
    return [card.name for card in page.cards]


async def test_the_grid_shows_the_newest_first_and_filters(database: Database) -> None:
    await _shop(database)
    assert await _names(database) == [
        "Kerupuk Udang",
        "Kemeja Batik Tulis",
        "Kopi Susu Gula Aren",
        "Keripik Singkong Balado",
    ]
    assert await _names(database, category=ProductCategory.CAMILAN) == [
        "Kerupuk Udang",
        "Keripik Singkong Balado",
    ]
    assert await _names(database, kecamatan_code=TEBET) == [
        "Kopi Susu Gula Aren",
        "Keripik Singkong Balado",
    ]
    assert await _names(database, category=ProductCategory.FESYEN, kecamatan_code=TEBET) == []


async def test_pages_say_whether_there_is_more(database: Database) -> None:
    await _shop(database)
    async with database.reading() as session:
        first = await catalog.browse(session, catalog.BrowseQuery(per_page=3))
        second = await catalog.browse(session, catalog.BrowseQuery(per_page=3, page=2))
    assert len(first.cards) == 3 and first.has_next and not first.has_previous
    assert [card.name for card in second.cards] == ["Keripik Singkong Balado"]
    assert second.has_previous and not second.has_next


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("kripik", ["Keripik Singkong Balado"]),
        ("baladoo", ["Keripik Singkong Balado"]),
        ("KERIPIK balado", ["Keripik Singkong Balado"]),
        ("krupuk", ["Kerupuk Udang"]),
        ("kerip", ["Keripik Singkong Balado"]),
        ("batik kawung", ["Kemeja Batik Tulis"]),
        ("renyah", ["Kerupuk Udang"]),
        ("tebet kopi", ["Kopi Susu Gula Aren"]),
        ("pizza", []),
        ('kopi" OR *', []),
    ],
)
async def test_search_finds_products_as_buyers_spell_them(
    database: Database, typed: str, found: list[str]
) -> None:
    await _shop(database)
    assert await _names(database, text=typed) == found


async def test_a_match_in_the_name_ranks_above_one_in_the_description(database: Database) -> None:
    seller = await add_seller(database)
    await add_listing(database, seller, name="Sambal Bawang", description="Teman keripik")
    await add_listing(database, seller, name="Keripik Kentang", description="Asin", photo_offset=50)
    assert await _names(database, text="keripik") == ["Keripik Kentang", "Sambal Bawang"]


async def test_an_edited_name_is_searched_by_its_new_words(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller)
    async with database.transaction() as session:
        await catalog.update_listing(
            session,
            listing_id,
            seller.id,
            catalog.ListingDraft(
                name="Rendang Sapi", price=50_000, category=ProductCategory.KULINER
            ),
            review_required=False,
            now=NOW,
        )
    assert await _names(database, text="rendang") == ["Rendang Sapi"]
    assert await _names(database, text="balado") == []


async def test_three_different_reporters_send_a_listing_back_to_review(
    database: Database,
) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller)
    reporters = [catalog.chat_reporter("telegram", "1"), catalog.web_reporter("1.2.3.4", "k")]
    reporters.append(catalog.web_reporter("5.6.7.8", "k"))
    outcomes = []
    async with database.transaction() as session:
        for reporter in [reporters[0], reporters[0], reporters[1], reporters[2]]:
            outcomes.append(
                await catalog.report_listing(
                    session, listing_id, reporter, ReportReason.SCAM, now=NOW
                )
            )
    assert outcomes == [
        catalog.ReportTaken(sent_to_review=False),
        catalog.AlreadyReported(),
        catalog.ReportTaken(sent_to_review=False),
        catalog.ReportTaken(sent_to_review=True),
    ]
    async with database.reading() as session:
        assert isinstance(await catalog.product(session, listing_id), catalog.NotFound)
        kinds = list(await session.scalars(select(OutboxMessage.kind)))
    assert kinds == [OutboxKind.LISTING_HIDDEN_FOR_REVIEW]

    async with database.transaction() as session:
        await catalog.approve(session, listing_id, catalog.Reviewer(None, is_admin=True), now=NOW)
        assert await catalog.open_reports(session, listing_id) == 0
        again = await catalog.report_listing(
            session, listing_id, catalog.chat_reporter("telegram", "9"), ReportReason.OTHER, now=NOW
        )
    assert again == catalog.ReportTaken(sent_to_review=False)


async def test_views_and_leads_are_counted_per_day(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller)
    day = catalog.jakarta_day(NOW)
    async with database.transaction() as session:
        await catalog.add_views(session, {(listing_id, day): 7, (999, day): 3})
        await catalog.add_views(session, {(listing_id, day): 5})
        await catalog.record_lead(session, listing_id, now=NOW)
    async with database.reading() as session:
        stats = await catalog.listing_stats(session, listing_id)
        rows = (await session.scalars(select(ListingDailyCount))).all()
    assert stats == catalog.ListingStats(views=12, leads=1)
    assert len(rows) == 1


async def test_a_forgotten_member_s_listings_go_with_their_data(database: Database) -> None:
    seller = await add_seller(database)
    listing_id = await add_listing(database, seller, photos=2)
    async with database.transaction() as session:
        member = await session.get(Member, seller.id)
        assert member is not None
        await erasure.erase_member(session, member, now=NOW, reminder_offsets=())
    async with database.reading() as session:
        assert isinstance(await catalog.product(session, listing_id), catalog.NotFound)
        assert await catalog.seller_listings(session, seller.id) == []
        assert (await catalog.browse(session, catalog.BrowseQuery(text="keripik"))).cards == ()
        queued = await catalog.photos_to_remove(session, now=NOW + timedelta(hours=1))
    assert len(queued) == 2


async def test_hidden_listings_are_never_browsed(database: Database) -> None:
    seller = await add_seller(database)
    draft_id = await add_listing(database, seller, publish=False)
    async with database.reading() as session:
        assert (await catalog.browse(session, catalog.BrowseQuery())).cards == ()
        assert isinstance(await catalog.product(session, draft_id), catalog.NotFound)
        listing_status = (await catalog.seller_listings(session, seller.id))[0].status
    assert listing_status == ListingStatus.DRAFT


async def test_reports_a_forgotten_member_made_from_a_chat_no_longer_name_the_chat(
    database: Database,
) -> None:
    seller = await add_seller(database, 0)
    reporter = await add_seller(database, 1, business_name=None)
    listing_id = await add_listing(database, seller)
    async with database.transaction() as session:
        session.add(
            ChannelAccount(
                channel="telegram",
                external_id="777",
                member_id=reporter.id,
                language="id",
                data={},
                state_version=0,
                updated_at=NOW,
                created_at=NOW,
            )
        )
        await catalog.report_listing(
            session,
            listing_id,
            catalog.chat_reporter("telegram", "777"),
            ReportReason.SCAM,
            now=NOW,
        )
    async with database.transaction() as session:
        member = await session.get(Member, reporter.id)
        assert member is not None
        await erasure.erase_member(session, member, now=NOW, reminder_offsets=())
    async with database.reading() as session:
        reporters = list(await session.scalars(select(ListingReport.reporter)))
        assert await catalog.open_reports(session, listing_id) == 1
    assert len(reporters) == 1 and reporters[0].startswith("erased:")
    assert "777" not in reporters[0]

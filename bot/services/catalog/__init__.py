"""The product catalog (7 PAS P5 Pemasaran): members' listings, shown on the web and in chat.

listings    a seller's own: drafting, photos (up to five), sold out, deleting
moderation  publishing; review by the kecamatan's coordinator when the setting asks
reports     buyers' reports; three reporters send a listing back to review
inquiries   "Tanya penjual": a buyer and a seller talking through the bot, both ways
browse      what buyers see: pages of cards by category, kecamatan and words; a product
search      the words, matched in the database's full-text index
counters    views (tallied, added in batches) and leads, per listing and day
notices     the outbox rows telling sellers and coordinators
erasure     a forgotten member's listings, and the photo files nobody needs
"""

from bot.services.catalog.browse import (
    BrowsePage,
    BrowseQuery,
    ListingCard,
    PhotoView,
    ProductView,
    SellerView,
    SitemapEntry,
    browse,
    kecamatans_with_listings,
    photo_is_public,
    product,
    seller_has_nib,
    sitemap_entries,
)
from bot.services.catalog.counters import (
    ListingStats,
    add_views,
    jakarta_day,
    listing_stats,
    record_lead,
)
from bot.services.catalog.erasure import (
    forget_draft_photos,
    forget_seller,
    photos_removed,
    photos_to_remove,
)
from bot.services.catalog.listings import (
    MAX_PHOTOS,
    ListingDraft,
    PhotoAdded,
    PhotoAlreadyThere,
    PhotoFacts,
    TooManyPhotos,
    Updated,
    add_photo,
    create_listing,
    delete_listing,
    listing_photos,
    mark_available,
    mark_sold_out,
    owned_listing,
    remove_photo,
    seller_listings,
    update_listing,
)
from bot.services.catalog.moderation import (
    NeedsPhoto,
    Published,
    Reviewer,
    SentForReview,
    approve,
    may_review,
    pending_reviews,
    publish,
    reject,
    review_required,
)
from bot.services.catalog.outcomes import Changed, NotAllowed, NotFound, WrongStatus
from bot.services.catalog.reports import (
    REPORTS_TO_REVIEW,
    AlreadyReported,
    ReportTaken,
    chat_reporter,
    forget_reporter,
    open_reports,
    report_listing,
    report_reasons,
    web_reporter,
)

__all__ = [
    "MAX_PHOTOS",
    "REPORTS_TO_REVIEW",
    "AlreadyReported",
    "BrowsePage",
    "BrowseQuery",
    "Changed",
    "ListingCard",
    "ListingDraft",
    "ListingStats",
    "NeedsPhoto",
    "NotAllowed",
    "NotFound",
    "PhotoAdded",
    "PhotoAlreadyThere",
    "PhotoFacts",
    "PhotoView",
    "ProductView",
    "Published",
    "ReportTaken",
    "Reviewer",
    "SellerView",
    "SentForReview",
    "SitemapEntry",
    "TooManyPhotos",
    "Updated",
    "WrongStatus",
    "add_photo",
    "add_views",
    "approve",
    "browse",
    "chat_reporter",
    "create_listing",
    "delete_listing",
    "forget_draft_photos",
    "forget_reporter",
    "forget_seller",
    "jakarta_day",
    "kecamatans_with_listings",
    "listing_photos",
    "listing_stats",
    "mark_available",
    "mark_sold_out",
    "may_review",
    "open_reports",
    "owned_listing",
    "pending_reviews",
    "photo_is_public",
    "photos_removed",
    "photos_to_remove",
    "product",
    "publish",
    "record_lead",
    "reject",
    "remove_photo",
    "report_listing",
    "report_reasons",
    "review_required",
    "seller_has_nib",
    "seller_listings",
    "sitemap_entries",
    "update_listing",
    "web_reporter",
]

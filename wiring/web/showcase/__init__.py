"""The public showcase: members' products on the web, for buyers to find and share.

config     what it needs besides the database (photo store, areas, links, keys)
rendering  Jinja2 templates in the visitor's language
pages      the grid, a kecamatan's products, a product; the 404 page
contact    WhatsApp and Telegram links, reports (rate-limited)
photos     photo renditions with long caching and ETags
seo        sitemap and robots.txt
views      page views tallied in memory, written in batches
"""

from __future__ import annotations

from importlib import resources

from aiohttp import web

from bot.clock import Clock
from bot.db import Database
from wiring.web.showcase import contact, pages, photos, seo
from wiring.web.showcase.cache import PAGES_KEY, PHOTOS_KEY, TTL_SECONDS, PageCache, PhotoCache
from wiring.web.showcase.config import SHOWCASE_KEY, ShowcaseConfig, client_key, slug
from wiring.web.showcase.contact import LIMITER_KEY, ReportLimiter
from wiring.web.showcase.rendering import setup_templates
from wiring.web.showcase.views import VIEWS_KEY, ViewTally

STATIC_PREFIX = "/static"

__all__ = ["ShowcaseConfig", "client_key", "install_showcase", "slug"]


def install_showcase(
    app: web.Application,
    db: Database,
    config: ShowcaseConfig,
    clock: Clock,
    *,
    cache_seconds: float = TTL_SECONDS,
) -> None:
    """Add the showcase's routes, templates, static files and view counting to `app`.

    `cache_seconds` 0 renders every page and reads every photo afresh (the benchmark
    measures both ways).
    """
    app[SHOWCASE_KEY] = config
    app[LIMITER_KEY] = ReportLimiter()
    app[PAGES_KEY] = PageCache(ttl=cache_seconds)
    app[PHOTOS_KEY] = PhotoCache(ttl=cache_seconds)
    tally = ViewTally(db, clock)
    app[VIEWS_KEY] = tally
    app.cleanup_ctx.append(tally.run)
    setup_templates(app)
    app.middlewares.append(pages.not_found_page)
    static = resources.files("wiring.web") / "static"
    app.router.add_static(STATIC_PREFIX, str(static))
    app.router.add_get("/", pages.grid)
    app.router.add_get("/k/{slug}", pages.kecamatan_page)
    app.router.add_get("/p/{listing_id}", pages.product_page)
    app.router.add_get("/p/{listing_id}/wa", contact.whatsapp_redirect)
    app.router.add_post("/p/{listing_id}/lapor", contact.report)
    app.router.add_get("/photos/{key}/{rendition}.jpg", photos.photo)
    app.router.add_get("/sitemap.xml", seo.sitemap)
    app.router.add_get("/robots.txt", seo.robots)

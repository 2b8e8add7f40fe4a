"""The showcase's pages: the grid (`/`), one kecamatan (`/k/<slug>`), a product (`/p/<id>`).

Each page is one read-only transaction and one template; filters and search are plain
GET parameters (`q`, `kategori`, `kecamatan`, `hal`), so everything works without
JavaScript. Unknown or hidden products, and any unknown path, get the 404 page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.areas import Kecamatan
from bot.db import Database
from bot.services import catalog
from bot.vocabulary import ProductCategory, ReportReason
from wiring.web.app import DATABASE_KEY
from wiring.web.showcase.config import SHOWCASE_KEY, ShowcaseConfig
from wiring.web.showcase.contact import listing_id_of, telegram_link
from wiring.web.showcase.rendering import cached_page, render
from wiring.web.showcase.views import VIEWS_KEY

PER_PAGE = 24
CATEGORY_VALUES = frozenset(category.value for category in ProductCategory)
MAX_QUERY = 100
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def grid(request: web.Request) -> web.Response:
    """Live products, newest first, with category and kecamatan filters and search."""
    config = request.app[SHOWCASE_KEY]
    kecamatan = config.kecamatan_by_slug.get(request.query.get("kecamatan", ""))
    return await cached_page(request, lambda: _grid_page(request, kecamatan, "grid.html"))


async def kecamatan_page(request: web.Request) -> web.Response:
    """One kecamatan's products: the "one kecamatan, one centre" counter, online."""
    config = request.app[SHOWCASE_KEY]
    kecamatan = config.kecamatan_by_slug.get(request.match_info["slug"])
    if kecamatan is None:
        raise web.HTTPNotFound()
    return await cached_page(request, lambda: _grid_page(request, kecamatan, "kecamatan.html"))


async def product_page(request: web.Request) -> web.Response:
    """A product: photos, price, seller, badges, contact links and the report form."""
    listing_id = listing_id_of(request)
    response = await cached_page(request, lambda: _product_page(request, listing_id))
    request.app[VIEWS_KEY].add(listing_id)
    return response


async def _product_page(request: web.Request, listing_id: int) -> web.Response:
    async with request.app[DATABASE_KEY].reading() as session:
        shown = await catalog.product(session, listing_id)
    if isinstance(shown, catalog.NotFound):
        raise web.HTTPNotFound()
    config = request.app[SHOWCASE_KEY]
    return render(
        request,
        "product.html",
        {
            "product": shown,
            "kecamatan": config.areas.kecamatan(shown.kecamatan_code),
            "telegram_url": telegram_link(config, shown.id),
            "reasons": list(ReportReason),
            "canonical": f"{config.base_url(request)}/p/{shown.id}",
        },
    )


@web.middleware
async def not_found_page(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The showcase's own 404 page for any unknown address (webhooks keep theirs)."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        if request.path.startswith(("/webhooks/", "/healthz")):
            raise
        response = render(request, "not_found.html", {}, status=404)
        response.headers["Cache-Control"] = "no-store"
        return response


async def _grid_page(
    request: web.Request, kecamatan: Kecamatan | None, template: str
) -> web.Response:
    config = request.app[SHOWCASE_KEY]
    query = _browse_query(request, kecamatan)
    db: Database = request.app[DATABASE_KEY]
    async with db.reading() as session:
        page = await catalog.browse(session, query)
    context: dict[str, Any] = {
        "page": page,
        "query": query,
        "form_action": request.path,
        "show_kecamatan": template == "grid.html",
        "kecamatan": kecamatan,
        "kecamatan_slug_selected": _slug_of(config, kecamatan),
        "categories": list(ProductCategory),
        "kecamatan_options": config.kecamatan_options,
        "previous_url": _page_url(request, page.page - 1) if page.has_previous else None,
        "next_url": _page_url(request, page.page + 1) if page.has_next else None,
        "canonical": f"{config.base_url(request)}{request.path}",
    }
    return render(request, template, context)


def _browse_query(request: web.Request, kecamatan: Kecamatan | None) -> catalog.BrowseQuery:
    category_text = request.query.get("kategori", "")
    category = ProductCategory(category_text) if category_text in CATEGORY_VALUES else None
    page_text = request.query.get("hal", "1")
    page = int(page_text) if page_text.isdigit() and len(page_text) < 5 else 1
    text = request.query.get("q", "").strip()[:MAX_QUERY] or None
    return catalog.BrowseQuery(
        category=category,
        kecamatan_code=kecamatan.code if kecamatan else None,
        text=text,
        page=max(page, 1),
        per_page=PER_PAGE,
    )


def _slug_of(config: ShowcaseConfig, kecamatan: Kecamatan | None) -> str:
    return config.kecamatan_slug(kecamatan.code) or "" if kecamatan else ""


def _page_url(request: web.Request, page: int) -> str:
    return str(request.rel_url.update_query(hal=page).without_query_params("lang"))

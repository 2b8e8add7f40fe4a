"""Pages rendered on the server with Jinja2, in the visitor's language (`?lang=en`, kept).

Templates use the same gettext catalogs as the chats (`_("…")`, extracted by
`make i18n` through babel.cfg's jinja2 line); the language comes from `?lang=`, then
the `lang` cookie that remembers it, then Indonesian.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.config import SUPPORTED_LANGUAGES
from bot.i18n import gettext, use_language
from bot.money import format_rupiah
from conversations.labels import CATEGORY_LABELS, REPORT_REASON_LABELS, label
from wiring.web.showcase.cache import PAGES_KEY, CachedPage, page_key
from wiring.web.showcase.config import SHOWCASE_KEY

LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600
DEFAULT_LANGUAGE = "id"
OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def _ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def setup_templates(app: web.Application) -> jinja2.Environment:
    """Jinja2 on the package's templates, with gettext and the showcase's filters."""
    environment = aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("wiring.web", "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package; no stat() on every render
    )
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, _ngettext, newstyle=False
    )
    environment.filters["rupiah"] = format_rupiah
    environment.filters["category"] = lambda value: label(CATEGORY_LABELS, value)
    environment.filters["reason"] = lambda value: label(REPORT_REASON_LABELS, value)
    return environment


def language_of(request: web.Request) -> str:
    """The visitor's language: `?lang=`, else their cookie, else Indonesian."""
    for candidate in (request.query.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in SUPPORTED_LANGUAGES:
            return str(candidate)
    return DEFAULT_LANGUAGE


def render(
    request: web.Request, template: str, context: Mapping[str, Any], *, status: int = 200
) -> web.Response:
    """A page in the visitor's language; a `?lang=` choice is remembered in a cookie."""
    language = language_of(request)
    config = request.app[SHOWCASE_KEY]
    other = "en" if language == "id" else "id"
    page = {
        "lang": language,
        "og_locale": OG_LOCALES[language],
        "base_url": config.base_url(request),
        "switch_url": str(request.rel_url.update_query(lang=other)),
        "switch_label": "English" if other == "en" else "Bahasa Indonesia",
        "area": config.areas,
        "kecamatan_slug": config.kecamatan_slug,
        **context,
    }
    with use_language(language):
        response = aiohttp_jinja2.render_template(template, request, page, status=status)
    return _finished(request, response, language)


async def cached_page(
    request: web.Request, produce: Callable[[], Awaitable[web.Response]]
) -> web.Response:
    """The page from the page cache (`wiring.web.showcase.cache`), or made and kept there."""
    language = language_of(request)
    cache = request.app[PAGES_KEY]
    key = page_key(request, language)
    kept = cache.get(key)
    if kept is None:
        response = await produce()
        if response.status == 200 and isinstance(response.body, bytes):
            cache.put(key, CachedPage(response.status, response.body, response.content_type))
        return response
    response = web.Response(
        body=kept.body, status=kept.status, content_type=kept.content_type, charset="utf-8"
    )
    return _finished(request, response, language)


def _finished(request: web.Request, response: web.Response, language: str) -> web.Response:
    """Per-visitor headers: a `?lang=` choice remembered, and caching by language."""
    if request.query.get("lang") in SUPPORTED_LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_SECONDS, samesite="Lax"
        )
    response.headers["Vary"] = "Cookie"
    response.headers.setdefault("Cache-Control", "public, max-age=60")
    return response

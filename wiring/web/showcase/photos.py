"""Product photos on the web: `/photos/<key>/<rendition>.jpg`, cached for a year.

A photo's key is its content's hash, so its bytes never change: the ETag is the key
and rendition, a matching `If-None-Match` gets 304 at once, and browsers may keep it a
year (`immutable`). Only photos of public listings are served: a hidden or deleted
listing's photos are 404 within the photo cache's few seconds, whatever is still on
disk.
"""

from __future__ import annotations

from aiohttp import web

from bot.product_photos import RenditionKind, is_photo_key
from bot.services import catalog
from wiring.web.app import DATABASE_KEY
from wiring.web.showcase.cache import PHOTOS_KEY
from wiring.web.showcase.config import SHOWCASE_KEY

LONG_CACHE = "public, max-age=31536000, immutable"
RENDITIONS = {kind.value: kind for kind in (RenditionKind.WEB, RenditionKind.THUMB)}


async def photo(request: web.Request) -> web.StreamResponse:
    """One rendition of a public listing's photo, or 304 when the browser has it."""
    key, rendition_text = request.match_info["key"], request.match_info["rendition"]
    rendition = RENDITIONS.get(rendition_text)
    if rendition is None or not is_photo_key(key):
        raise web.HTTPNotFound()
    etag = f"{key}-{rendition.value}"
    headers = {"ETag": f'"{etag}"', "Cache-Control": LONG_CACHE}
    if _matches(request.headers.get("If-None-Match", ""), etag):
        return web.Response(status=304, headers=headers)
    cache = request.app[PHOTOS_KEY]
    data = cache.get((key, rendition.value))
    if data is None:
        async with request.app[DATABASE_KEY].reading() as session:
            public = await catalog.photo_is_public(session, key)
        data = await request.app[SHOWCASE_KEY].store.read(key, rendition) if public else None
        if data is None:
            raise web.HTTPNotFound()
        cache.put((key, rendition.value), data)
    return web.Response(body=data, content_type="image/jpeg", headers=headers)


def _matches(if_none_match: str, etag: str) -> bool:
    """Whether an `If-None-Match` header names this ETag (or `*`)."""
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in if_none_match.split(",")}
    return etag in tags or "*" in tags

"""What search engines and link previews read: `/sitemap.xml` and `/robots.txt`."""

from __future__ import annotations

from xml.sax.saxutils import escape

from aiohttp import web

from bot.services import catalog
from wiring.web.app import DATABASE_KEY
from wiring.web.showcase.config import SHOWCASE_KEY


async def sitemap(request: web.Request) -> web.Response:
    """Every public product, every kecamatan with products, and the grid."""
    config = request.app[SHOWCASE_KEY]
    base = config.base_url(request)
    async with request.app[DATABASE_KEY].reading() as session:
        entries = await catalog.sitemap_entries(session)
        kecamatans = await catalog.kecamatans_with_listings(session)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines.append(f"<url><loc>{escape(base)}/</loc></url>")
    for code in sorted(kecamatans):
        slug = config.kecamatan_slug(code)
        if slug:
            lines.append(f"<url><loc>{escape(base)}/k/{slug}</loc></url>")
    for entry in entries:
        lastmod = entry.updated_at.date().isoformat()
        lines.append(
            f"<url><loc>{escape(base)}/p/{entry.listing_id}</loc><lastmod>{lastmod}</lastmod></url>"
        )
    lines.append("</urlset>")
    return web.Response(
        text="\n".join(lines) + "\n",
        content_type="application/xml",
        headers={"Cache-Control": "public, max-age=600"},
    )


async def robots(request: web.Request) -> web.Response:
    """Crawl the showcase; leave the lead counter and the report form alone."""
    base = request.app[SHOWCASE_KEY].base_url(request)
    text = (
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /p/*/wa\n"
        "Disallow: /p/*/lapor\n"
        "Disallow: /webhooks/\n"
        f"Sitemap: {base}/sitemap.xml\n"
    )
    return web.Response(text=text, headers={"Cache-Control": "public, max-age=3600"})

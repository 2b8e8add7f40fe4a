"""Photos cache for a year, crawlers get a sitemap, and buyers can report a listing."""

import re

from tests.showcase_shop import PUBLIC_URL, Shop
from tests.test_showcase.conftest import Client

PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 13; SM-A055F)"}


async def test_a_photo_is_served_with_a_year_of_cache_and_an_etag(
    client: Client, shop: Shop
) -> None:
    key = shop.photo_keys["Kerupuk Udang"]
    response = await client.get(f"/photos/{key}/thumb.jpg")
    body = await response.read()
    assert response.status == 200 and response.content_type == "image/jpeg"
    assert body.startswith(b"\xff\xd8")
    assert "immutable" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]

    again = await client.get(f"/photos/{key}/thumb.jpg", headers={"If-None-Match": etag})
    assert again.status == 304 and await again.read() == b""


async def test_only_public_listings_photos_are_served(client: Client, shop: Shop) -> None:
    assert (await client.get(f"/photos/{'0' * 32}/web.jpg")).status == 404
    assert (await client.get("/photos/../../etc/passwd/web.jpg")).status == 404
    key = shop.photo_keys["Kerupuk Udang"]
    assert (await client.get(f"/photos/{key}/original.jpg")).status == 404


async def test_the_sitemap_lists_every_public_product_and_robots_points_to_it(
    client: Client, shop: Shop
) -> None:
    sitemap = await (await client.get("/sitemap.xml")).text()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{PUBLIC_URL}/" in locations
    assert {f"{PUBLIC_URL}/p/{listing_id}" for listing_id in shop.ids.values()} <= set(locations)
    assert f"{PUBLIC_URL}/p/{shop.hidden_id}" not in locations
    assert {f"{PUBLIC_URL}/k/tebet", f"{PUBLIC_URL}/k/menteng"} <= set(locations)
    robots = await (await client.get("/robots.txt")).text()
    assert f"Sitemap: {PUBLIC_URL}/sitemap.xml" in robots and "Disallow: /p/*/wa" in robots


async def _report(client: Client, listing_id: int, user_agent: str, reason: str = "scam") -> int:
    """Open the product page, then send its report form, as a browser would."""
    page = await (await client.get(f"/p/{listing_id}", headers={"User-Agent": user_agent})).text()
    assert f'action="/p/{listing_id}/lapor"' in page
    origin = str(client.make_url("")).rstrip("/")
    response = await client.post(
        f"/p/{listing_id}/lapor",
        data={"reason": reason},
        headers={"User-Agent": user_agent, "Origin": origin, "Sec-Fetch-Site": "same-origin"},
    )
    return response.status


async def test_three_buyers_reporting_hide_a_product(client: Client, shop: Shop) -> None:
    listing_id = shop.ids["Kopi Susu Gula Aren"]
    assert await _report(client, listing_id, "phone A") == 200
    assert await _report(client, listing_id, "phone A") == 200  # counted once
    assert await _report(client, listing_id, "phone B") == 200
    assert (await client.get(f"/p/{listing_id}")).status == 200
    assert await _report(client, listing_id, "phone C") == 200
    assert (await client.get(f"/p/{listing_id}")).status == 404


async def test_another_site_cannot_make_its_visitors_report(client: Client, shop: Shop) -> None:
    listing_id = shop.ids["Kopi Susu Gula Aren"]
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        forged = await client.post(
            f"/p/{listing_id}/lapor", data={"reason": "scam"}, headers={**PHONE, **headers}
        )
        assert forged.status == 403 and "Kirim dari halaman produknya" in await forged.text()


async def test_a_report_needs_a_reason(client: Client, shop: Shop) -> None:
    listing_id = shop.ids["Kopi Susu Gula Aren"]
    assert await _report(client, listing_id, "phone A", reason="because") == 400


async def test_one_client_cannot_report_endlessly(client: Client, shop: Shop) -> None:
    statuses = []
    for listing_id in [*shop.ids.values(), *shop.ids.values()][:6]:
        statuses.append(await _report(client, listing_id, "busy phone"))
    assert statuses == [200, 200, 200, 200, 200, 429]

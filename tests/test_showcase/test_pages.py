"""A buyer on a phone browses the showcase, opens a product, and contacts the seller."""

import re
from html.parser import HTMLParser

from bot.services import catalog
from tests.showcase_shop import BOT_USERNAME, PUBLIC_URL, Shop
from tests.test_showcase.conftest import Client
from wiring.web.app import DATABASE_KEY
from wiring.web.showcase.views import VIEWS_KEY

PAGE_BUDGET = 100 * 1024
"""Every page under 100 KB before photos (slow 3G)."""


class _Meta(HTMLParser):
    """The `<meta property|name=… content=…>` tags and the links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and "content" in values:
            self.meta[values.get("property") or values.get("name", "")] = values["content"]
        if tag == "a" and "href" in values:
            self.links.append(values["href"])


def _parsed(html: str) -> _Meta:
    parser = _Meta()
    parser.feed(html)
    return parser


def _names(html: str) -> list[str]:
    return re.findall(r'<span class="name">([^<]+)</span>', html)


async def test_the_grid_shows_live_products_newest_first(client: Client, shop: Shop) -> None:
    response = await client.get("/")
    html = await response.text()
    assert response.status == 200
    assert _names(html) == [
        "Kerupuk Udang",
        "Kemeja Batik Tulis",
        "Kopi Susu Gula Aren",
        "Keripik Singkong Balado",
    ]
    assert "Rahasia" not in html
    assert "Rp15.000" in html
    assert 'loading="lazy"' in html and "background-image:url(data:image/jpeg;base64," in html
    assert len(html.encode()) < PAGE_BUDGET


async def test_filters_and_a_misspelt_search(client: Client, shop: Shop) -> None:
    camilan = await (await client.get("/?kategori=camilan")).text()
    assert _names(camilan) == ["Kerupuk Udang", "Keripik Singkong Balado"]
    menteng = await (await client.get("/?kecamatan=menteng")).text()
    assert _names(menteng) == ["Kerupuk Udang", "Kemeja Batik Tulis"]
    found = await (await client.get("/?q=kripik+baladoo")).text()
    assert _names(found) == ["Keripik Singkong Balado"]
    nothing = await (await client.get("/?q=pizza")).text()
    assert _names(nothing) == [] and "Belum ada produk yang cocok" in nothing


async def test_one_kecamatan_s_page(client: Client, shop: Shop) -> None:
    response = await client.get("/k/tebet")
    html = await response.text()
    assert response.status == 200
    assert "Produk dari Kecamatan Tebet" in html
    assert _names(html) == ["Kopi Susu Gula Aren", "Keripik Singkong Balado"]
    assert (await client.get("/k/atlantis")).status == 404


async def test_a_product_page_has_everything_a_buyer_needs(client: Client, shop: Shop) -> None:
    listing_id = shop.ids["Keripik Singkong Balado"]
    response = await client.get(f"/p/{listing_id}")
    html = await response.text()
    assert response.status == 200
    assert "Keripik Singkong Balado" in html and "Rp15.000" in html
    assert "Dapur Bu Siti" in html and "Kecamatan Tebet" in html
    assert "Anggota OK OCE" in html and "Usaha ber-NIB" not in html
    page = _parsed(html)
    assert f"/p/{listing_id}/wa" in page.links
    assert f"https://t.me/{BOT_USERNAME}?start=p{listing_id}" in page.links
    assert "/k/tebet" in page.links
    key = shop.photo_keys["Keripik Singkong Balado"]
    assert page.meta["og:image"] == f"{PUBLIC_URL}/photos/{key}/web.jpg"
    assert page.meta["og:title"] == "Keripik Singkong Balado · Rp15.000"
    assert page.meta["og:url"] == f"{PUBLIC_URL}/p/{listing_id}"
    assert page.meta["og:type"] == "product"
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.meta["product:price:amount"] == "15000"
    assert len(html.encode()) < PAGE_BUDGET
    batik = await (await client.get(f"/p/{shop.ids['Kemeja Batik Tulis']}")).text()
    assert "Batik Bu Ani" in batik and "Usaha ber-NIB" in batik


async def test_whatsapp_opens_with_the_message_written_and_counts_a_lead(
    client: Client, shop: Shop
) -> None:
    listing_id = shop.ids["Keripik Singkong Balado"]
    response = await client.get(f"/p/{listing_id}/wa", allow_redirects=False)
    assert response.status == 303
    location = response.headers["Location"]
    assert location.startswith("https://wa.me/6281255000000?text=")
    assert "Keripik%20Singkong%20Balado" in location and "Rp15.000" in location
    async with client.app[DATABASE_KEY].reading() as session:
        stats = await catalog.listing_stats(session, listing_id)
    assert stats.leads == 1


async def test_no_whatsapp_link_when_the_seller_keeps_their_number(
    client: Client, shop: Shop
) -> None:
    listing_id = shop.ids["Kemeja Batik Tulis"]
    html = await (await client.get(f"/p/{listing_id}")).text()
    assert f"/p/{listing_id}/wa" not in _parsed(html).links and "+62" not in html
    assert (await client.get(f"/p/{listing_id}/wa", allow_redirects=False)).status == 404


async def test_hidden_and_unknown_products_get_the_404_page(client: Client, shop: Shop) -> None:
    for path in (f"/p/{shop.hidden_id}", "/p/999999", "/p/abc", "/nowhere"):
        response = await client.get(path)
        assert response.status == 404, path
        html = await response.text()
        assert "Produk tidak ditemukan" in html and "Lihat produk lainnya" in html


async def test_english_is_a_click_away_and_remembered(client: Client, shop: Shop) -> None:
    response = await client.get("/?lang=en")
    html = await response.text()
    assert '<html lang="en">' in html and "Search" in html
    assert response.cookies["lang"].value == "en"
    again = await (await client.get(f"/p/{shop.ids['Kerupuk Udang']}")).text()
    assert "OK OCE member" in again and "Chat on WhatsApp" not in again


async def test_views_are_counted_in_batches(client: Client, shop: Shop) -> None:
    listing_id = shop.ids["Kerupuk Udang"]
    for _ in range(3):
        await client.get(f"/p/{listing_id}")
    await client.app[VIEWS_KEY].flush()
    async with client.app[DATABASE_KEY].reading() as session:
        stats = await catalog.listing_stats(session, listing_id)
    assert stats.views == 3

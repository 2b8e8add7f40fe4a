"""A buyer on a 360x740 phone, in headless Chromium with JavaScript off, uses the showcase.

Debian's `chromium` (installed by `make setup` where it can be), driven by Playwright;
never `playwright install`. Without `/usr/bin/chromium` these tests skip, except under
CI (`CI=true`), where a missing browser fails them. Screenshots of the grid and a
product page are kept in `test-artifacts/showcase/` (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, Page, ViewportSize, async_playwright

from bot.db import Database
from bot.photo_store import DirectoryPhotoStore
from tests.showcase_shop import BOT_USERNAME, PUBLIC_URL, Shop, showcase_app, stock_shop

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 360, "height": 740}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "showcase"

if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing under CI: `make setup` installs Debian's chromium")
    pytest.skip(
        f"no {CHROMIUM}: install Debian's chromium (`make setup` does, as root)",
        allow_module_level=True,
    )


@pytest.fixture
async def site(sqlite_database: Database, tmp_path: Path) -> AsyncIterator[tuple[str, Shop]]:
    """The showcase on 127.0.0.1, stocked with 30 products (two pages of the grid)."""
    shop = await stock_shop(sqlite_database, DirectoryPhotoStore(tmp_path / "photos"), extra=26)
    server = TestServer(showcase_app(sqlite_database, tmp_path / "photos"), host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("")).rstrip("/"), shop
    finally:
        await server.close()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A phone-sized tab with JavaScript off: everything must work without it."""
    context = await browser.new_context(
        viewport=PHONE, java_script_enabled=False, locale="id-ID", device_scale_factor=2
    )
    try:
        yield await context.new_page()
    finally:
        await context.close()


async def _card_names(page: Page) -> list[str]:
    return await page.locator(".card .name").all_inner_texts()


async def test_a_misspelt_search_finds_the_product(page: Page, site: tuple[str, Shop]) -> None:
    base, _shop = site
    await page.goto(f"{base}/")
    await page.fill('input[name="q"]', "kripik baladoo")
    await page.click('form.filters button[type="submit"]')
    assert await _card_names(page) == ["Keripik Singkong Balado"]


async def test_filters_narrow_the_grid_and_pages_go_on(page: Page, site: tuple[str, Shop]) -> None:
    base, _shop = site
    await page.goto(f"{base}/")
    assert len(await _card_names(page)) == 24
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "grid.png"))
    await page.click('a[rel="next"]')
    assert len(await _card_names(page)) == 6

    await page.goto(f"{base}/")
    await page.select_option('select[name="kategori"]', "camilan")
    await page.select_option('select[name="kecamatan"]', "menteng")
    await page.click('form.filters button[type="submit"]')
    assert await _card_names(page) == ["Kerupuk Udang"]


async def test_a_product_page_with_both_contact_links_and_a_preview(
    page: Page, site: tuple[str, Shop]
) -> None:
    base, shop = site
    listing_id = shop.ids["Keripik Singkong Balado"]
    await page.goto(f"{base}/?q=keripik")
    await page.click(".card a")
    assert page.url == f"{base}/p/{listing_id}"
    assert await page.inner_text("h1") == "Keripik Singkong Balado"
    assert "Rp15.000" in await page.inner_text(".price")
    assert "Anggota OK OCE" in await page.inner_text(".badges")

    telegram = page.get_by_role("link", name="Tanya lewat Telegram")
    assert await telegram.get_attribute("href") == (
        f"https://t.me/{BOT_USERNAME}?start=p{listing_id}"
    )
    whatsapp = page.get_by_role("link", name="Chat di WhatsApp")
    redirect = await page.request.get(
        base + str(await whatsapp.get_attribute("href")), max_redirects=0
    )
    assert redirect.status == 303
    assert redirect.headers["location"].startswith("https://wa.me/6281255000000?text=Halo")

    og_image = page.locator('meta[property="og:image"]')
    key = shop.photo_keys["Keripik Singkong Balado"]
    assert await og_image.get_attribute("content") == f"{PUBLIC_URL}/photos/{key}/web.jpg"
    assert await page.locator('meta[property="og:title"]').get_attribute("content") == (
        "Keripik Singkong Balado · Rp15.000"
    )
    assert await page.locator('meta[name="twitter:card"]').count() == 1
    photo = page.locator(".photos img").first
    assert await photo.evaluate("img => img.complete && img.naturalWidth") > 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "product.png"))


async def test_an_unknown_product_is_a_friendly_404(page: Page, site: tuple[str, Shop]) -> None:
    base, shop = site
    response = await page.goto(f"{base}/p/{shop.hidden_id}")
    assert response is not None and response.status == 404
    assert await page.inner_text("h1") == "Produk tidak ditemukan"
    await page.click("text=Lihat produk lainnya")
    assert page.url == f"{base}/"

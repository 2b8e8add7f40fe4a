"""Cari produk: buyers (guests and members) browse members' products in chat.

    how ──typed words──────────────► results ──pick──► product ──► Tanya penjual / Laporkan
     │ ──kategori──► category ─────►   │ ▲ Lainnya / Sebelumnya      │ Kembali ─► results
     └ ──kecamatan─► kecamatan ────►   └ Cari lagi ─► how

Results come as photo cards, a few a page, each with "Tanya penjual" and "Laporkan"
(buttons that work from anywhere), then a question naming them by number, so a typed
"2" opens the second. The words are searched in the database's typo-tolerant full-text
index. A Telegram deep link (`/start p42`) opens one product's card (`open_product`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.catalog_search import query_terms
from bot.i18n import _
from bot.messages import Choice
from bot.services import catalog
from bot.vocabulary import ProductCategory
from conversations.area_pickers import KecamatanPicker
from conversations.asker import resume_point
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.labels import CATEGORY_LABELS, label
from conversations.products.asking_seller import start_asking
from conversations.products.product_cards import cut, product_card, result_card
from conversations.products.reporting import REPORT_FLOW

BROWSE_FLOW = "browse_products"
CARDS_PER_PAGE = 3
"""Photo cards sent at once: a phone screen scrolls past more before the question."""
BY_CATEGORY, BY_KECAMATAN, MENU = "by_category", "by_kecamatan", "menu"
MORE, LESS, AGAIN = "more", "less", "again"
ASK, REPORT, BACK = "ask", "report", "back"
PRODUCT_PREFIX = "p"
MAX_WORDS = 80
"""Characters of typed search words kept (the search reads a few words anyway)."""


class BrowseStep(StrEnum):
    HOW = "how"
    CATEGORY = "category"
    KECAMATAN = "kecamatan"
    KECAMATAN_IN_KOTA = "kecamatan_in_kota"
    RESULTS = "results"
    PRODUCT = "product"


class BrowseData(TypedDict, total=False):
    """What is looked for (one of category, kecamatan, words), the page, the product open."""

    category: str
    kecamatan: str
    kecamatan_candidates: list[str]
    kecamatan_kota: str
    words: str
    page: int
    cards_sent: str
    """Which page's cards were sent last, so asking again does not send the photos again."""
    listing_id: int
    from_results: bool


Turn_ = Turn[BrowseData]


def _search(
    t: Turn[Any],
    *,
    category: str | None = None,
    kecamatan: str | None = None,
    words: str | None = None,
) -> Outcome:
    """Start over on page one, looking for just this."""
    data: BrowseData = {"page": 1}
    if category is not None:
        data["category"] = category
    if kecamatan is not None:
        data["kecamatan"] = kecamatan
    if words is not None:
        data["words"] = words[:MAX_WORDS]
    t.data = data
    return Goto(BrowseStep.RESULTS)


async def ask_how(t: Turn_) -> Prompt:
    text = _("🛍️ Cari produk anggota OK OCE.\nKetik nama produknya (misal: keripik), atau pilih:")
    choices = [
        Choice(BY_CATEGORY, _("🏷️ Per kategori")),
        Choice(BY_KECAMATAN, _("📍 Per kecamatan")),
        Choice(MENU, _("↩ Menu")),
    ]
    return Prompt(text, choices)


async def chose_how(t: Turn_) -> Outcome:
    """A way to look, or the words to look for."""
    if t.choice == BY_CATEGORY:
        return Goto(BrowseStep.CATEGORY)
    if t.choice == BY_KECAMATAN:
        return Goto(BrowseStep.KECAMATAN)
    if t.choice == MENU:
        return Finish()
    return _typed_words(t) or Retry(_("Ketik nama produk yang dicari, misal: keripik."))


def _typed_words(t: Turn_) -> Outcome | None:
    """A search for what was typed, or None when it holds no word to look for."""
    if not t.text or not query_terms(t.text):
        return None
    return _search(t, words=t.text)


async def ask_category(t: Turn_) -> Prompt:
    choices = [Choice(c.value, label(CATEGORY_LABELS, c)) for c in ProductCategory]
    return Prompt(_("Kategori apa?"), choices)


async def chose_category(t: Turn_) -> Outcome:
    if t.choice in tuple(ProductCategory):
        return _search(t, category=t.choice)
    return Retry(_("Pilih kategori dari daftar, ya."))


async def _kecamatan_picked(t: Turn[Any]) -> Outcome:
    return _search(t, kecamatan=t.data["kecamatan"])


KECAMATAN = KecamatanPicker(
    "kecamatan",
    lambda: _("Produk dari kecamatan mana?"),
    _kecamatan_picked,
    typed_step=BrowseStep.KECAMATAN,
    in_kota_step=BrowseStep.KECAMATAN_IN_KOTA,
)


def _query(t: Turn_) -> catalog.BrowseQuery:
    category = t.data.get("category")
    return catalog.BrowseQuery(
        category=ProductCategory(category) if category else None,
        kecamatan_code=t.data.get("kecamatan"),
        text=t.data.get("words"),
        page=t.data.get("page", 1),
        per_page=CARDS_PER_PAGE,
    )


async def ask_results(t: Turn_) -> Prompt:
    """Send this page's cards (once), then ask which one to open, or where to go."""
    query = _query(t)
    page = await catalog.browse(t.session, query)
    again = [Choice(AGAIN, _("🔎 Cari lagi")), Choice(MENU, _("↩ Menu"))]
    if not page.cards:
        text = _("Belum ada produk yang cocok. Coba kata lain, atau kategori lain, ya.")
        return Prompt(text, again)
    sent_key = f"{query.category}|{query.kecamatan_code}|{query.text}|{query.page}"
    if t.data.get("cards_sent") != sent_key:
        public_url = t.settings.public_url
        for card in page.cards:
            t.replies.append(await result_card(card, t.photos, t.areas, public_url))
        t.data["cards_sent"] = sent_key
    choices = [
        Choice(f"{PRODUCT_PREFIX}{card.id}", cut(f"{n}. {card.name}", t.limits.label_length))
        for n, card in enumerate(page.cards, start=1)
    ]
    if page.has_next:
        choices.append(Choice(MORE, _("➡️ Lainnya")))
    if page.has_previous:
        choices.append(Choice(LESS, _("⬅️ Sebelumnya")))
    text = _("Halaman {page}. Pilih nomor produk untuk lihat lengkap:").format(page=page.page)
    synonyms = {MORE: ("next", "berikutnya", "selanjutnya"), LESS: ("prev", "balik")}
    return Prompt(text, [*choices, *again], synonyms=synonyms)


async def chose_result(t: Turn_) -> Outcome:
    """Open a product, turn the page, or look again (typed words search anew)."""
    if t.choice is not None and t.choice.startswith(PRODUCT_PREFIX):
        t.data["listing_id"] = int(t.choice.removeprefix(PRODUCT_PREFIX))
        t.data["from_results"] = True
        return Goto(BrowseStep.PRODUCT)
    if t.choice in (MORE, LESS):
        t.data["page"] = max(1, t.data.get("page", 1) + (1 if t.choice == MORE else -1))
        return Goto(BrowseStep.RESULTS)
    if t.choice == AGAIN:
        return Goto(BrowseStep.HOW)
    if t.choice == MENU:
        return Finish()
    return _typed_words(t) or Retry(_("Pilih nomor produknya, atau ketik kata lain."))


async def ask_product(t: Turn_) -> Prompt:
    """The product's card (once), then what to do with it."""
    back = [Choice(BACK, _("⬅️ Kembali"))] if t.data.get("from_results") else []
    found = await catalog.product(t.session, t.data["listing_id"])
    if isinstance(found, catalog.NotFound):
        return Prompt(_("Maaf, produk ini sudah tidak ada."), [*back, Choice(MENU, _("↩ Menu"))])
    sent_key = f"product:{found.id}"
    if t.data.get("cards_sent") != sent_key:
        t.replies.append(await product_card(found, t.photos, t.areas, t.settings.public_url))
        t.data["cards_sent"] = sent_key
    choices = [
        Choice(ASK, _("💬 Tanya penjual")),
        Choice(REPORT, _("🚩 Laporkan")),
        *back,
        Choice(MENU, _("↩ Menu")),
    ]
    return Prompt(_("Mau tanya penjual soal produk ini?"), choices, yes=(ASK,), no=(MENU,))


async def chose_for_product(t: Turn_) -> Outcome:
    listing_id = t.data["listing_id"]
    if t.choice == ASK:
        return await start_asking(t, listing_id)
    if t.choice == REPORT:
        return StartFlow(REPORT_FLOW, data={"listing_id": listing_id, "resume": resume_point(t)})
    if t.choice == BACK:
        t.data.pop("cards_sent", None)
        return Goto(BrowseStep.RESULTS)
    if t.choice == MENU:
        return Finish()
    return Retry(_('Pilih "Tanya penjual", "Laporkan", atau "Menu".'))


async def open_product(t: Turn[Any], argument: str) -> Outcome:
    """A product's card by its id (a deep link `p42`, a button): or a kind word if it's gone."""
    listing_id = int(argument) if argument.isdigit() else 0
    found = await catalog.product(t.session, listing_id) if listing_id else catalog.NotFound()
    if isinstance(found, catalog.NotFound):
        t.say(_("Maaf, produk itu tidak ada lagi di etalase. Cari produk lain lewat menu, ya."))
        return Finish()
    return StartFlow(BROWSE_FLOW, BrowseStep.PRODUCT, {"listing_id": listing_id})


async def search_typed_at_menu(t: Turn[Any], words: str) -> Outcome:
    """ "cari keripik" typed at the menu: its results; "cari produk" alone: how to look."""
    if not query_terms(words):
        return StartFlow(BROWSE_FLOW)
    return StartFlow(BROWSE_FLOW, BrowseStep.RESULTS, {"words": words[:80], "page": 1})


BROWSE_PRODUCTS = Flow[BrowseData](
    name=BROWSE_FLOW,
    step_names=BrowseStep,
    steps=(
        Step(BrowseStep.HOW, ask_how, chose_how),
        Step(BrowseStep.CATEGORY, ask_category, chose_category),
        *KECAMATAN.steps,
        Step(BrowseStep.RESULTS, ask_results, chose_result),
        Step(BrowseStep.PRODUCT, ask_product, chose_for_product),
    ),
)

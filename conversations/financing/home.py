"""The financing menu, the products with every figure, and how to check that a lender is legal."""

from __future__ import annotations

from bot.financing_content import FinancingCatalog
from bot.i18n import _
from bot.messages import Choice
from bot.services import financing
from conversations.financing.catalog_text import (
    legality_text,
    listed,
    listed_product,
    product_figures,
    product_name,
    product_requirements,
    product_source,
)
from conversations.financing.interest import start_interest
from conversations.financing.request_text import status_label
from conversations.financing.states import BACK, MENU, S, Turn_
from conversations.flow import Finish, Goto, Outcome, Prompt, Retry

PRODUCTS, SIMULATE, ELIGIBILITY, INTEREST, LEGALITY = (
    "products",
    "simulate",
    "eligibility",
    "interest",
    "legality",
)


def no_free_capital() -> str:
    """The sentence the financing menu opens with: what the programme does and does not do."""
    return _(
        "OK OCE tidak membagikan modal gratis. Kami membantu Anda bertemu pemberi pinjaman "
        "dan menyiapkan diri agar layak dapat pinjaman."
    )


async def ask_home(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """The plain sentence first, the member's request if any, then what they can do."""
    lines = [_("💰 Modal & pinjaman"), no_free_capital()]
    if t.member is not None:
        request = await financing.latest_request_of(t.session, t.member.id)
        if request is not None:
            lines += [
                "",
                _("Permintaan Anda: {status}").format(status=status_label(request.status)),
            ]
    choices = [
        Choice(PRODUCTS, _("📋 Produk pinjaman")),
        Choice(SIMULATE, _("🧮 Hitung cicilan")),
        Choice(ELIGIBILITY, _("✅ Cek syarat saya")),
        Choice(INTEREST, _("🙋 Saya tertarik")),
        Choice(LEGALITY, _("🛡️ Cek pinjol legal")),
        Choice(MENU, _("↩ Menu")),
    ]
    return Prompt("\n".join(lines), choices)


async def chose_at_home(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Open what was picked; the legality check is one message."""
    if t.choice == PRODUCTS:
        return Goto(S.PRODUCTS)
    if t.choice == SIMULATE:
        return Goto(S.SIM_PRODUCT)
    if t.choice == ELIGIBILITY:
        return Goto(S.ELIGIBILITY)
    if t.choice == INTEREST:
        return await start_interest(catalog, t, None)
    if t.choice == LEGALITY:
        t.say(legality_text(catalog.ojk.legality))
        return Goto(S.HOME)
    if t.choice == MENU:
        return Finish()
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_products(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """Only lenders registered with OJK are listed."""
    choices = [Choice(product.id, product_name(product)) for product in listed(catalog)]
    text = _("Pinjaman yang bisa dipakai anggota. Semua terdaftar di OJK. Pilih untuk detail:")
    return Prompt(text, [*choices, Choice(BACK, _("↩ Kembali"))])


async def picked_product(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Show every figure of the product, then where they come from."""
    if t.choice == BACK:
        return Goto(S.HOME)
    product = listed_product(catalog, t.choice)
    if product is None:
        return Retry(_("Pilih salah satu produk di bawah, ya."))
    t.data["product_id"] = product.id
    t.say(product_figures(product))
    for message in product_requirements(product):
        t.say(message)
    return Goto(S.PRODUCT)


async def ask_product(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """The source and its date, and what to do with the product."""
    product = listed_product(catalog, t.data.get("product_id"))
    if product is None:  # taken out of the content file since it was picked
        return Prompt(_("Produk itu sudah tidak ada."), [Choice(BACK, _("↩ Produk lain"))])
    choices = [
        Choice(SIMULATE, _("🧮 Hitung cicilan")),
        Choice(INTEREST, _("🙋 Saya tertarik")),
        Choice(BACK, _("↩ Produk lain")),
    ]
    return Prompt(product_source(product), choices)


async def chose_for_product(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Simulate this product, ask for it, or look at another."""
    product_id = t.data.get("product_id")
    if t.choice in (SIMULATE, INTEREST) and listed_product(catalog, product_id) is None:
        return Goto(S.PRODUCTS)
    if t.choice == SIMULATE:
        t.data["sim_product_id"] = product_id
        return Goto(S.SIM_AMOUNT)
    if t.choice == INTEREST:
        return await start_interest(catalog, t, product_id)
    if t.choice == BACK:
        return Goto(S.PRODUCTS)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))

"""The loan simulator: a product or a typed rate, an amount, a tenor; then both schedules.

    sim_product ──product──────────────────────────► sim_amount ─► sim_months ─► sim_result
                ──custom──► sim_rate (─► sim_basis) ─┘

A product's floor, ceiling and tenor range are its limits; a typed rate is checked as soon
as its basis is known, so a "15" meant as "1,5" is caught before the amount is asked.
"""

from __future__ import annotations

from decimal import Decimal

from bot.financing_content import FinancingCatalog, Product, rate_above_cap
from bot.i18n import _, gettext
from bot.loan_input import Months, TypedRate, parse_months, parse_rate
from bot.loans import (
    DEFAULT_MAX_MONTHS,
    LoanRefusal,
    RateBasis,
    Simulation,
    amount_refusal,
    months_refusal,
    rate_refusal,
    simulate,
)
from bot.messages import Choice
from bot.money import Rupiah, parse_rupiah
from conversations.figures import percent_figure, rupiah
from conversations.financing.catalog_text import (
    BASIS_BUTTONS,
    listed,
    listed_product,
    product_name,
    tenor_range,
)
from conversations.financing.interest import start_interest
from conversations.financing.simulation_text import (
    cap_warning_text,
    effective_text,
    figures_text,
    refusal_text,
    schedule_csv,
    schedule_pdf,
    short_schedule_text,
)
from conversations.financing.states import BACK, CUSTOM_RATE, S, Turn_
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.typed_numbers import amount_problem, months_problem, rate_problem

PDF, CSV, AGAIN, INTEREST = "pdf", "csv", "again", "interest"


def _product(catalog: FinancingCatalog, t: Turn_) -> Product | None:
    return listed_product(catalog, t.data.get("sim_product_id"))


def _quote(catalog: FinancingCatalog, t: Turn_) -> tuple[Decimal, RateBasis]:
    """The rate (a fraction) and basis being simulated: the product's, or the typed one."""
    product = _product(catalog, t)
    if product is not None:
        return product.rate, product.rate_basis
    return Decimal(t.data["sim_percent"]) / 100, RateBasis(t.data["sim_basis"])


def _name(catalog: FinancingCatalog, t: Turn_) -> str | None:
    product = _product(catalog, t)
    return product_name(product) if product is not None else None


async def ask_sim_product(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """A listed product, or a rate the member types (from any offer they have)."""
    choices = [Choice(p.id, product_name(p)) for p in listed(catalog)]
    choices += [Choice(CUSTOM_RATE, _("✏️ Ketik bunga sendiri")), Choice(BACK, _("↩ Kembali"))]
    return Prompt(_("🧮 Hitung cicilan. Pakai bunga produk yang mana?"), choices)


async def picked_sim_product(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """A product goes straight to the amount; a typed rate is asked first."""
    if t.choice == BACK:
        return Goto(S.HOME)
    if t.choice == CUSTOM_RATE:
        t.data["sim_product_id"] = None
        return Goto(S.SIM_RATE)
    product = listed_product(catalog, t.choice)
    if product is None:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    t.data["sim_product_id"] = product.id
    return Goto(S.SIM_AMOUNT)


async def ask_sim_rate(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """Typed, so no buttons: a typed number must not pick one."""
    return Prompt(
        _(
            "Ketik bunga dari tawaran yang Anda dapat.\n"
            "Contoh: 1,5% per bulan, 7% flat per tahun, 0,1% per hari"
        )
    )


async def got_sim_rate(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Keep the rate; ask its basis only when the words did not say it."""
    typed = parse_rate(t.text)
    if not isinstance(typed, TypedRate):
        return Retry(rate_problem(typed.reason))
    t.data["sim_percent"] = str(typed.percent)
    if typed.basis is None:
        return Goto(S.SIM_BASIS)
    return _checked_rate(t, typed.percent, typed.basis)


def _checked_rate(t: Turn_, percent: Decimal, basis: RateBasis) -> Outcome:
    refusal = rate_refusal(percent / 100, basis)
    if refusal is not None:
        t.say(refusal_text(refusal, None))
        return Goto(S.SIM_RATE)
    t.data["sim_basis"] = basis
    return Goto(S.SIM_AMOUNT)


async def ask_sim_basis(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    percent = Decimal(t.data["sim_percent"])
    text = _(
        "Bunga {percent} itu dihitung bagaimana? Lihat di tawarannya: flat, efektif, atau per hari."
    ).format(percent=percent_figure(percent))
    choices = [Choice(str(basis), gettext(label)) for basis, label in BASIS_BUTTONS.items()]
    return Prompt(text, choices)


async def got_sim_basis(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    try:
        basis = RateBasis(t.choice or "")
    except ValueError:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    return _checked_rate(t, Decimal(t.data["sim_percent"]), basis)


async def ask_sim_amount(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    product = _product(catalog, t)
    text = _("Mau pinjam berapa? Contoh: 5jt atau 5.000.000")
    if product is not None and product.ceiling is not None:
        text += "\n" + _("Plafon {product} paling besar {ceiling}.").format(
            product=product_name(product), ceiling=rupiah(product.ceiling)
        )
    return Prompt(text)


async def got_sim_amount(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Read the amount; refuse one outside the product's floor and ceiling, saying which."""
    typed = parse_rupiah(t.text)
    if not isinstance(typed, Rupiah):
        return Retry(amount_problem(typed.reason))
    product = _product(catalog, t)
    refusal = amount_refusal(
        typed.amount,
        ceiling=product.ceiling if product else None,
        floor=product.floor if product else None,
    )
    if refusal is not None:
        return Retry(refusal_text(refusal, _name(catalog, t)))
    t.data["sim_amount"] = typed.amount
    return Goto(S.SIM_MONTHS)


def _tenor_limits(product: Product | None) -> tuple[int, int]:
    if product is None or product.tenor_months is None:
        return 1, DEFAULT_MAX_MONTHS
    return product.tenor_months.min, product.tenor_months.max


async def ask_sim_months(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    product = _product(catalog, t)
    text = _("Berapa bulan? Contoh: 12 atau 12 bulan")
    if product is not None and product.tenor_months is not None:
        text += "\n" + _("{product}: {tenor}.").format(
            product=product_name(product), tenor=tenor_range(product)
        )
    return Prompt(text)


async def got_sim_months(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Read the tenor, then show the simulation."""
    typed = parse_months(t.text)
    if not isinstance(typed, Months):
        return Retry(months_problem(typed.reason))
    low, high = _tenor_limits(_product(catalog, t))
    refusal = months_refusal(typed.months, max_months=high, min_months=low)
    if refusal is not None:
        return Retry(refusal_text(refusal, _name(catalog, t)))
    t.data["sim_months"] = typed.months
    simulation = _simulation(catalog, t)
    if isinstance(simulation, LoanRefusal):
        return Retry(refusal_text(simulation, _name(catalog, t)))
    t.say(figures_text(simulation))
    t.say(effective_text(simulation, _name(catalog, t)))
    rate, basis = _quote(catalog, t)
    warning = rate_above_cap(rate, basis, catalog, months=typed.months, on=t.clock.now().date())
    if warning is not None:
        t.say(cap_warning_text(warning, catalog.ojk.legality))
    t.say(short_schedule_text(simulation))
    return Goto(S.SIM_RESULT)


def _simulation(catalog: FinancingCatalog, t: Turn_) -> Simulation | LoanRefusal:
    product = _product(catalog, t)
    rate, basis = _quote(catalog, t)
    low, high = _tenor_limits(product)
    return simulate(
        t.data["sim_amount"],
        t.data["sim_months"],
        rate,
        basis,
        ceiling=product.ceiling if product else None,
        floor=product.floor if product else None,
        max_months=high,
        min_months=low,
    )


async def ask_sim_result(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    choices = [
        Choice(PDF, _("📄 Jadwal PDF")),
        Choice(CSV, _("📊 Jadwal CSV (Excel)")),
        Choice(AGAIN, _("🔁 Hitung lagi")),
        Choice(INTEREST, _("🙋 Saya tertarik")),
        Choice(BACK, _("↩ Kembali")),
    ]
    return Prompt(_("Jadwal lengkap bisa diunduh. Mau apa lagi?"), choices)


async def chose_after_result(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Send the whole schedule as a file, or start again."""
    if t.choice in (PDF, CSV):
        simulation = _simulation(catalog, t)
        if isinstance(simulation, LoanRefusal):  # the staff changed the product meanwhile
            t.say(refusal_text(simulation, _name(catalog, t)))
            return Goto(S.SIM_AMOUNT)
        if t.choice == PDF:
            document = schedule_pdf(simulation, _name(catalog, t), t.clock.now())
        else:
            document = schedule_csv(simulation)
        t.say(_("Ini jadwal cicilan lengkapnya."), document=document)
        return Goto(S.SIM_RESULT)
    if t.choice == AGAIN:
        return Goto(S.SIM_PRODUCT)
    if t.choice == INTEREST:
        return await start_interest(catalog, t, t.data.get("sim_product_id"))
    if t.choice == BACK:
        return Goto(S.HOME)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))

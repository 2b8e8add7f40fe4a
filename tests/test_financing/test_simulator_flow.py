"""The loan simulator in chat: what a member types, and the figures they can check.

Expected figures are worked out here independently (closed-form formulas in float, and
Newton's method for the effective rate), never with the simulator's own helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.db import Database
from tests.phone_screens import ScreenCheckedPerson
from tests.transcript import make_engine


def round_half_up(value: float) -> int:
    return int(value + 0.5)


def annuity(amount: float, monthly: float, months: int) -> float:
    """P·r / (1 − (1 + r)^−n), or P/n at 0%."""
    if monthly == 0:
        return amount / months
    return amount * monthly / (1 - (1 + monthly) ** -months)


def flat_effective(amount: float, instalment: float, months: int) -> float:
    """The monthly rate at which equal instalments repay the amount (Newton, in float)."""
    rate = 0.01
    for _ in range(100):
        value = instalment * (1 - (1 + rate) ** -months) / rate - amount
        slope = instalment * (
            months * (1 + rate) ** (-months - 1) / rate - (1 - (1 + rate) ** -months) / rate**2
        )
        rate -= value / slope
    return rate


def rupiah_in(text: str) -> list[int]:
    """Every `RpN.NNN` in a text, in order, as integers."""
    return [int(found.replace(".", "")) for found in re.findall(r"Rp(\d+(?:\.\d{3})*)", text)]


def shown_percent(value: float, places: int) -> str:
    """As the chat writes it in Indonesian: `2,64%`, `31,7%`, `3%`."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


@dataclass(frozen=True)
class Case:
    """One simulation: how it is asked, and the loan it is."""

    product: str | None
    """The product's button, or None to type a rate."""
    rate_typed: str | None
    basis_button: str | None
    """Pressed when the typed words left the basis open."""
    amount_typed: str
    months_typed: str
    amount: int
    months: int
    monthly_rate: float
    flat_quote: bool


CASES = [
    # The brief's own example: 1.5% flat a month over 12 months ≈ 2.64%/month, 31.7%/year.
    Case(None, "1,5% per bulan", None, "5jt", "12", 5_000_000, 12, 0.015, True),
    # 7% flat a year over 12 months ≈ 12.7% effective a year (Kredit Monas Pemula's terms).
    Case("Monas", None, None, "10.000.000", "1 tahun", 10_000_000, 12, 0.07 / 12, True),
    Case(None, "7", "Flat per tahun", "Rp 10.000.000", "12 bulan", 10_000_000, 12, 0.07 / 12, True),
    # KUR Super Mikro: 3% effective a year, a falling balance.
    Case("Super Mikro", None, None, "10jt", "24", 10_000_000, 24, 0.03 / 12, False),
    # An online lender's daily quote: 0.1% a day is 3% flat a month (30 days).
    Case(None, "0,1% per hari", None, "2,5jt", "6 bulan", 2_500_000, 6, 0.03, True),
    Case(None, "0,2%", "Per hari", "1jt", "1", 1_000_000, 1, 0.06, True),
    # No interest at all.
    Case(None, "0", "Flat per bulan", "1.000.000", "3", 1_000_000, 3, 0.0, True),
]


async def _simulates(person: ScreenCheckedPerson, case: Case) -> None:
    await person.commands("modal")
    await person.presses("Hitung cicilan")
    if case.product is not None:
        await person.presses(case.product)
    else:
        await person.presses("Ketik bunga sendiri")
        assert case.rate_typed is not None
        await person.says(case.rate_typed)
        if case.basis_button is not None:
            await person.presses(case.basis_button)
    await person.says(case.amount_typed)
    await person.says(case.months_typed)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.amount_typed}-{c.months_typed}")
async def test_the_simulation_shows_figures_a_member_can_check(
    sqlite_database: Database, case: Case
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "sim")
    await siti.registers()
    await _simulates(siti, case)

    figures = siti.last[0].text
    assert f"{siti_rupiah(case.amount)} selama {case.months} bulan" in figures
    flat_instalment, flat_interest, flat_paid, annuity_instalment, annuity_interest, paid = (
        rupiah_in(figures)[1:]
    )
    expected_flat = round_half_up(case.amount / case.months + case.amount * case.monthly_rate)
    expected_interest = case.months * round_half_up(case.amount * case.monthly_rate)
    assert flat_instalment == expected_flat
    assert flat_interest == expected_interest
    assert flat_paid == case.amount + expected_interest
    assert annuity_instalment == round_half_up(annuity(case.amount, case.monthly_rate, case.months))
    exact_interest = annuity(case.amount, case.monthly_rate, case.months) * case.months
    assert abs(annuity_interest - (exact_interest - case.amount)) <= case.months
    assert paid == case.amount + annuity_interest

    if case.flat_quote and case.monthly_rate:
        effective = flat_effective(
            case.amount, case.amount / case.months + case.amount * case.monthly_rate, case.months
        )
    else:
        effective = case.monthly_rate
    rates = siti.last[1].text
    assert f"{shown_percent(effective * 100, 2)} per bulan" in rates
    assert f"{shown_percent(effective * 1200, 1)} per tahun" in rates
    assert "Jadwal cicilan" in siti.last[-2].text
    assert {"📄 Jadwal PDF", "📊 Jadwal CSV (Excel)"} <= set(siti.labels)


def siti_rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


async def test_the_brief_figures_for_flat_quotes(sqlite_database: Database) -> None:
    """1,5% flat a month ≈ 2,64%/month, 31,7%/year; 7% flat a year ≈ 12,7%/year."""
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "brief")
    await siti.registers()
    await _simulates(siti, CASES[0])
    assert "2,64% per bulan, 31,7% per tahun" in siti.text
    await _simulates(siti, CASES[1])
    assert "12,7% per tahun" in siti.text


REFUSED = [
    # (product button or None for a typed 1,5% flat a month, step, typed, what the member reads)
    (None, "amount", "0", "harus lebih dari Rp0"),
    (None, "amount", "-5jt", "tidak bisa minus"),
    (None, "amount", "lima juta", "tulis angkanya saja"),
    (None, "amount", "5-10jt", "satu jumlah saja"),
    (None, "amount", "banyak", "belum terbaca"),
    (None, "months", "0", "paling sedikit 1 bulan"),
    (None, "months", "-3", "paling sedikit 1 bulan"),
    (None, "months", "dua belas", "tulis angkanya saja"),
    (None, "months", "61", "paling lama 60 bulan"),
    ("Super Mikro", "amount", "15jt", "Plafon KUR Super Mikro paling besar Rp10.000.000"),
    ("KUR Mikro", "amount", "5jt", "KUR Mikro mulai dari Rp10.000.001"),
    ("KUR Mikro", "amount", "200jt", "Plafon KUR Mikro paling besar Rp100.000.000"),
    ("Monas", "months", "24", "Kredit Monas Pemula OK OCE paling lama 18 bulan"),
]


@pytest.mark.parametrize(("product", "step", "typed", "refusal"), REFUSED)
async def test_what_cannot_be_a_loan_is_refused_kindly_and_asked_again(
    sqlite_database: Database, product: str | None, step: str, typed: str, refusal: str
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "edge")
    await siti.registers()
    await siti.commands("modal")
    await siti.presses("Hitung cicilan")
    if product is None:
        await siti.presses("Ketik bunga sendiri")
        await siti.says("1,5% per bulan")
    else:
        await siti.presses(product)
    question = siti.question
    if step == "months":
        await siti.says("5jt")
        question = siti.question
    await siti.says(typed)
    assert refusal in siti.text
    assert siti.question == question, "the same question is asked again"


@pytest.mark.parametrize(
    ("rate", "basis"),
    [("15", "Flat per bulan"), ("500% efektif per tahun", None), ("0,5% per hari", None)],
)
async def test_an_absurd_rate_is_caught_before_the_amount_is_asked(
    sqlite_database: Database, rate: str, basis: str | None
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "absurd")
    await siti.registers()
    await siti.commands("modal")
    await siti.presses("Hitung cicilan")
    await siti.presses("Ketik bunga sendiri")
    await siti.says(rate)
    if basis is not None:
        await siti.presses(basis)
    assert "lebih dari 10% per bulan" in siti.text
    assert "Ketik bunga" in siti.question


async def test_a_rate_above_ojk_cap_is_warned_with_the_cap_and_its_date(
    sqlite_database: Database,
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "cap")
    await siti.registers()
    case = Case(None, "0,3% per hari", None, "5jt", "12", 5_000_000, 12, 0.09, True)
    await _simulates(siti, case)
    assert "di atas batas OJK" in siti.text
    assert "0,1% per hari sejak 1 Januari 2025" in siti.text
    assert "Bunga ini: 0,3% per hari" in siti.text
    assert "SEOJK No. 19/SEOJK.05/2023" in siti.text
    assert "081-157-157-157" in siti.text


async def test_a_rate_within_the_cap_gets_no_warning(sqlite_database: Database) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "nocap")
    await siti.registers()
    await _simulates(siti, CASES[0])
    assert "batas OJK" not in siti.text


async def test_the_programmes_p2p_figure_is_an_example_not_a_listed_lender(
    sqlite_database: Database,
) -> None:
    siti = ScreenCheckedPerson(make_engine(sqlite_database), "p2p")
    await siti.registers()
    await siti.commands("modal")
    await siti.presses("Hitung cicilan")
    assert not any("P2P" in label for label in siti.labels)
    await siti.presses("Ketik bunga sendiri")
    assert "1,5% per bulan" in siti.question


async def test_a_guest_can_simulate_too(sqlite_database: Database) -> None:
    guest = ScreenCheckedPerson(make_engine(sqlite_database), "guest")
    await _simulates(guest, CASES[0])
    assert "Rp491.667/bulan" in guest.text

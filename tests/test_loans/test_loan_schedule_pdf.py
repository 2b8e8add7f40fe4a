"""The PDF of a loan schedule: every row there, in the caller's words and money format."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from bot.loan_schedule_pdf import ScheduleLabels, render_schedule_pdf
from bot.loans import RateBasis, RepaymentMethod, Simulation, simulate

LABELS = ScheduleLabels(
    title="Simulasi cicilan pinjaman",
    schedule_name="Bunga flat",
    amount="Pinjaman",
    total_interest="Total bunga",
    total_paid="Total dibayar",
    month="Bulan",
    instalment="Cicilan",
    principal="Pokok",
    interest="Bunga",
    balance_after="Sisa pinjaman",
    total="Jumlah",
    note="Ini hanya simulasi, bukan penawaran.",
)
CREATED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def simulation(months: int) -> Simulation:
    result = simulate(10_000_000, months, Decimal("0.015"), RateBasis.FLAT_MONTHLY)
    assert isinstance(result, Simulation)
    return result


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("months", "which", "pages"),
    [
        (1, RepaymentMethod.FLAT, 1),
        (12, RepaymentMethod.FLAT, 1),
        (12, RepaymentMethod.ANNUITY, 1),
        (36, RepaymentMethod.ANNUITY, 1),
        (60, RepaymentMethod.FLAT, 2),
        (60, RepaymentMethod.ANNUITY, 2),
    ],
)
def test_pdf_holds_every_row_on_one_or_two_pages(
    months: int, which: RepaymentMethod, pages: int
) -> None:
    loan = simulation(months)
    pdf = render_schedule_pdf(
        loan, which, LABELS, rupiah, details=[("Lama pinjaman", f"{months} bulan")]
    )
    assert pdf.startswith(b"%PDF")
    page_count, text = text_of(pdf)
    assert page_count == pages
    rows = loan.schedule(which).rows
    # One table line per month: the month number followed by four rupiah amounts.
    table_lines = re.findall(r"^\s*(\d+)\s+(Rp[\d.]+\s*){4}$", text, flags=re.MULTILINE)
    assert [int(month) for month, _ in table_lines] == list(range(1, months + 1))
    for row in rows:
        assert rupiah(row.balance_after) in text
    assert f"Total dibayar {rupiah(loan.schedule(which).total_paid)}" in text
    assert "Lama pinjaman" in text
    assert "Ini hanya simulasi, bukan penawaran." in text


def test_same_simulation_gives_the_same_bytes() -> None:
    loan = simulation(12)
    first = render_schedule_pdf(loan, RepaymentMethod.FLAT, LABELS, rupiah, created_at=CREATED)
    again = render_schedule_pdf(loan, RepaymentMethod.FLAT, LABELS, rupiah, created_at=CREATED)
    assert first == again


def test_characters_the_font_lacks_do_not_break_the_pdf() -> None:
    labels = replace(LABELS, title="Cicilan 😀 ≤ 12 bulan")
    pdf = render_schedule_pdf(simulation(3), RepaymentMethod.FLAT, labels, lambda n: f"{n} ₹")
    _, text = text_of(pdf)
    assert "Cicilan ? ? 12 bulan" in text

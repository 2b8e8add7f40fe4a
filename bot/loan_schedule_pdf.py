"""A loan simulation as a one- or two-page PDF a member can keep, print or show a lender.

All words come from the caller (`ScheduleLabels`, already translated) and amounts are
written by the caller's formatter (e.g. `Rp1.500.000`), so this module holds no language.
A schedule of up to 60 months fits two A4 pages; longer ones simply continue, with the
column headings repeated on every page.

The PDF uses fpdf2's built-in Helvetica, so nothing is shipped or fetched. It covers
Latin-1, which holds all Indonesian and English text; any other character (an emoji in a
label, say) is written as "?" rather than failing the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF
from fpdf.fonts import FontFace

from bot.loans import RepaymentMethod, Simulation

_FONT = "helvetica"
_MARGIN_MM = 15
_ROW_HEIGHT_MM = 4.4
_COLUMN_WIDTHS = (10, 26, 26, 22, 26)
"""Month, instalment, principal, interest, balance: relative widths across the page."""
_NUMBERS = ("RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")


@dataclass(frozen=True)
class ScheduleLabels:
    """Every word printed on the PDF, in the member's language."""

    title: str
    schedule_name: str
    """Which schedule this is, e.g. "Bunga flat" or "Bunga menurun (anuitas)"."""
    amount: str
    total_interest: str
    total_paid: str
    month: str
    instalment: str
    principal: str
    interest: str
    balance_after: str
    total: str
    note: str
    """Printed under the table, e.g. that this is a simulation, not an offer."""


def render_schedule_pdf(
    simulation: Simulation,
    which: RepaymentMethod,
    labels: ScheduleLabels,
    rupiah: Callable[[int], str],
    *,
    details: Sequence[tuple[str, str]] = (),
    created_at: datetime | None = None,
) -> bytes:
    """The PDF bytes of one schedule of `simulation`.

    `details` are extra summary lines the caller words itself (label, value), such as the
    tenor and the quoted and effective rates. `created_at` fixes the document date, so the
    same input gives the same bytes.
    """
    schedule = simulation.schedule(which)

    def money(amount: int) -> str:
        return _latin1(rupiah(amount))

    pdf = _Document()
    if created_at is not None:
        pdf.creation_date = created_at
    pdf.set_title(_latin1(labels.title))
    pdf.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=_MARGIN_MM)
    pdf.add_page()

    pdf.set_font(_FONT, style="B", size=14)
    pdf.multi_cell(0, 7, _latin1(labels.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, size=10)
    pdf.multi_cell(0, 5, _latin1(labels.schedule_name), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    summary = [
        (labels.amount, money(simulation.amount)),
        *details,
        (labels.total_interest, money(schedule.total_interest)),
        (labels.total_paid, money(schedule.total_paid)),
    ]
    for label, value in summary:
        pdf.set_font(_FONT, size=10)
        pdf.cell(60, 5, _latin1(label))
        pdf.set_font(_FONT, style="B", size=10)
        pdf.cell(0, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    pdf.set_font(_FONT, size=8.5)
    headings = (labels.month, labels.instalment, labels.principal, labels.interest)
    with pdf.table(
        col_widths=_COLUMN_WIDTHS,
        text_align=_NUMBERS,
        line_height=_ROW_HEIGHT_MM,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        repeat_headings=1,
    ) as table:
        table.row([_latin1(text) for text in (*headings, labels.balance_after)])
        for row in schedule.rows:
            table.row(
                [
                    str(row.month),
                    money(row.instalment),
                    money(row.principal),
                    money(row.interest),
                    money(row.balance_after),
                ]
            )
        pdf.set_font(_FONT, style="B", size=8.5)
        table.row(
            [
                _latin1(labels.total),
                money(schedule.total_paid),
                money(simulation.amount),
                money(schedule.total_interest),
                "",
            ]
        )
    pdf.ln(3)
    pdf.set_font(_FONT, size=8.5)
    pdf.multi_cell(0, 4.5, _latin1(labels.note), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class _Document(FPDF):
    """A page number ("1/2") in every page's footer; numbers need no translation."""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(_FONT, size=8)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="C")


def _latin1(text: str) -> str:
    """`text` in what the built-in font can draw; anything else becomes "?"."""
    return text.encode("latin-1", "replace").decode("latin-1")

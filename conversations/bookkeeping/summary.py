"""A month of the books: income, expenses, profit, the three biggest expense kinds.

Shown with a bar chart of the six months up to it (a photo), and downloadable as a CSV of
those months' entries: the record a lender asks for.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.bookkeeping_chart import ChartLabels, MonthBars, render_month_chart
from bot.bookkeeping_summary import MonthSummary, first_of_month, months_back, next_month
from bot.i18n import _, gettext
from bot.messages import Attachment, Choice, Reply
from bot.services import bookkeeping, progress
from bot.services.progress import BOOKKEEPING_MONTHS_FOR_P6
from bot.spreadsheet import csv_bytes
from bot.vocabulary import EntryKind
from conversations.bookkeeping.states import BACK, CATEGORY_LABELS, S, Turn_
from conversations.figures import month_name, rupiah, short_month, short_rupiah
from conversations.flow import Goto, Outcome, Prompt, Retry

CHART_MONTHS = 6
EARLIER, LATER, CSV = "earlier", "later", "csv"
CSV_HEADER = ("tanggal", "jenis", "kategori", "jumlah", "keterangan")
CSV_KINDS = {
    EntryKind.INCOME: "pemasukan",
    EntryKind.EXPENSE: "pengeluaran",
    EntryKind.CAPITAL: "modal",
}
"""The file's columns and values stay the same in every language: spreadsheets read them."""


def _month(t: Turn_) -> date:
    """The month being looked at (this month in Jakarta unless the member moved)."""
    stored = t.data.get("month")
    return date.fromisoformat(stored) if stored else _this_month(t)


def _this_month(t: Turn_) -> date:
    return first_of_month(bookkeeping.jakarta_day(t.clock.now()))


def summary_text(summary: MonthSummary, months_recorded: int) -> str:
    """The month's totals and where the money went."""
    lines = [
        _("📊 {month}").format(month=month_name(summary.month)),
        _("Pemasukan: {amount}").format(amount=rupiah(summary.income)),
        _("Pengeluaran: {amount}").format(amount=rupiah(summary.expenses)),
        _("Untung: {amount}").format(amount=rupiah(summary.profit))
        if summary.profit >= 0
        else _("Rugi: {amount}").format(amount=rupiah(-summary.profit)),
    ]
    if summary.capital:
        lines.append(_("Modal masuk: {amount}").format(amount=rupiah(summary.capital)))
    if summary.biggest_expenses:
        lines.append(_("Pengeluaran terbesar:"))
        lines += [
            f"{number}. {gettext(CATEGORY_LABELS[category])} {rupiah(amount)}"
            for number, (category, amount) in enumerate(summary.biggest_expenses, start=1)
        ]
    if not summary.entries:
        lines.append(_("Belum ada catatan di bulan ini."))
    if months_recorded < BOOKKEEPING_MONTHS_FOR_P6:
        lines.append(_("Bulan tercatat: {months} dari 3 untuk P6.").format(months=months_recorded))
    return "\n".join(lines)


def chart(summaries: list[MonthSummary]) -> Attachment:
    """The six months as a bar chart (PNG)."""
    labels = ChartLabels(
        title=_("Pemasukan & pengeluaran"), income=_("Pemasukan"), expense=_("Pengeluaran")
    )
    bars = [MonthBars(short_month(s.month), s.income, s.expenses) for s in summaries]
    data = render_month_chart(bars, labels, short_rupiah)
    return Attachment("catatan-keuangan.png", data, "image/png")


async def show_summary(t: Turn_) -> Outcome:
    """Say the month's summary with its chart, then offer other months and the CSV."""
    assert t.member is not None
    month = _month(t)
    summaries = await bookkeeping.monthly_summaries(t.session, t.member.id, month, CHART_MONTHS)
    recorded = await progress.months_with_records(t.session, t.member.id)
    t.replies.append(Reply(text=summary_text(summaries[-1], recorded), photo=chart(summaries)))
    return Goto(S.SUMMARY)


async def ask_summary(t: Turn_) -> Prompt:
    choices = [Choice(EARLIER, _("◀ Bulan sebelumnya"))]
    if _month(t) < _this_month(t):
        choices.append(Choice(LATER, _("▶ Bulan berikutnya")))
    choices += [Choice(CSV, _("📊 Unduh CSV")), Choice(BACK, _("↩ Kembali"))]
    return Prompt(_("Mau lihat bulan lain, atau unduh catatannya?"), choices)


async def chose_in_summary(t: Turn_) -> Outcome:
    if t.choice == EARLIER:
        t.data["month"] = (_month(t) - timedelta(days=1)).replace(day=1).isoformat()
        return await show_summary(t)
    if t.choice == LATER:
        t.data["month"] = min(next_month(_month(t)), _this_month(t)).isoformat()
        return await show_summary(t)
    if t.choice == CSV:
        t.say(_("Ini catatan 6 bulan terakhir."), document=await _entries_csv(t))
        return Goto(S.SUMMARY)
    if t.choice == BACK:
        t.data.pop("month", None)
        t.data["again"] = True
        return Goto(S.HOME)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def _entries_csv(t: Turn_) -> Attachment:
    """Every entry of the six months up to the one shown, oldest first."""
    assert t.member is not None
    month = _month(t)
    first = months_back(month, CHART_MONTHS)[0]
    last = next_month(month) - timedelta(days=1)
    rows = [
        (row.entry_date, CSV_KINDS[row.kind], str(row.category), row.amount, row.note)
        for row in await bookkeeping.entries_between(t.session, t.member.id, first, last)
    ]
    name = f"catatan-keuangan-{first:%Y-%m}-{month:%Y-%m}.csv"
    return Attachment(name, csv_bytes(CSV_HEADER, rows), "text/csv")

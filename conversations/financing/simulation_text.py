"""A loan simulation in words, and as a file: each message fits a phone screen.

Both schedules side by side (flat, and falling balance), the effective rate as Indonesian
lenders quote it, OJK's cap when a quote goes above it, and the first and last months of
the schedule. The whole schedule goes out as a PDF (the quoted schedule) or a CSV (both).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bot.financing_content import CapWarning, LegalityCheck
from bot.i18n import _
from bot.loan_schedule_pdf import ScheduleLabels, render_schedule_pdf
from bot.loans import LoanRefusal, LoanRefusalReason, RepaymentMethod, Schedule, Simulation
from bot.messages import Attachment
from bot.spreadsheet import csv_bytes
from conversations.figures import day, percent, rupiah
from conversations.financing.catalog_text import quote

SHOWN_FIRST_MONTHS = 3
CSV_HEADER = (
    "bulan",
    "cicilan_flat",
    "pokok_flat",
    "bunga_flat",
    "sisa_flat",
    "cicilan_anuitas",
    "pokok_anuitas",
    "bunga_anuitas",
    "sisa_anuitas",
)
"""The file's columns stay the same in every language: spreadsheets read them."""


def _schedule_lines(schedule: Schedule) -> list[str]:
    return [
        _("Cicilan {amount}/bulan").format(amount=rupiah(schedule.monthly_instalment)),
        _("Total bunga {amount}").format(amount=rupiah(schedule.total_interest)),
        _("Total bayar {amount}").format(amount=rupiah(schedule.total_paid)),
    ]


def figures_text(simulation: Simulation) -> str:
    """The loan, then the instalment, total interest and total paid of both schedules."""
    quoted = simulation.basis.is_flat
    flat_heading = _("Flat (bunga dari pinjaman awal):")
    annuity_heading = _("Anuitas (bunga dari sisa utang):")
    lines = [
        _("🧮 {amount} selama {months} bulan").format(
            amount=rupiah(simulation.amount), months=simulation.months
        ),
        _("Bunga {rate}").format(rate=quote(simulation.rate * 100, simulation.basis)),
        "",
        ("👉 " if quoted else "") + flat_heading,
        *_schedule_lines(simulation.flat),
        "",
        ("" if quoted else "👉 ") + annuity_heading,
        *_schedule_lines(simulation.annuity),
    ]
    return "\n".join(lines)


def effective_text(simulation: Simulation, product: str | None) -> str:
    """The effective rate per month and per year, and what it means for this quote."""
    rates = _("📈 Bunga efektif: {monthly} per bulan, {yearly} per tahun.").format(
        monthly=percent(simulation.effective_monthly_rate),
        yearly=percent(simulation.effective_yearly_rate, places=1),
    )
    if simulation.basis.is_flat:
        meaning = _(
            "Bunga flat terlihat kecil, tapi dihitung dari pinjaman awal walau utangnya terus "
            "berkurang. Bandingkan pinjaman dengan angka efektif ini."
        )
    else:
        meaning = _("Bunga efektif dihitung dari sisa utang, jadi makin lama makin kecil.")
    lines = [rates, meaning]
    if product:
        lines.append(_("👉 = cara hitung {product}.").format(product=product))
    else:
        lines.append(_("👉 = cara hitung bunga yang Anda ketik."))
    lines.append(_("Ini simulasi, bukan penawaran. Biaya admin atau provisi bisa menambah biaya."))
    return "\n".join(lines)


def cap_warning_text(warning: CapWarning, legality: LegalityCheck) -> str:
    """OJK's cap for online business loans, its date, and what to do about a quote above it."""
    cap = warning.cap
    return "\n".join(
        [
            _("⚠️ Bunga ini di atas batas OJK untuk pinjaman online usaha."),
            _("Batas: {cap} per hari sejak {date}.").format(
                cap=percent(cap.per_day, places=3), date=day(cap.in_force_from)
            ),
            _("Bunga ini: {quoted} per hari.").format(
                quoted=percent(warning.quoted_per_day, places=3)
            ),
            _("Sumber: {title}").format(title=cap.source.title),
            _("Hati-hati, bisa jadi pinjol ilegal. Cek di OJK {phone} atau WA {whatsapp}.").format(
                phone=legality.contact_centre, whatsapp=legality.whatsapp
            ),
        ]
    )


def short_schedule_text(simulation: Simulation) -> str:
    """The first months and the last of the quoted schedule."""
    schedule = simulation.quoted_schedule
    name = _("flat") if schedule.method is RepaymentMethod.FLAT else _("anuitas")
    lines = [_("🗓️ Jadwal cicilan ({name}):").format(name=name)]
    rows = list(schedule.rows)
    shown = rows if len(rows) <= SHOWN_FIRST_MONTHS + 1 else [*rows[:SHOWN_FIRST_MONTHS], rows[-1]]
    for row in shown:
        if row.month == rows[-1].month and len(rows) > SHOWN_FIRST_MONTHS + 1:
            lines.append("…")
        lines.append(
            _("{month}. {instalment}, sisa {balance}").format(
                month=row.month,
                instalment=rupiah(row.instalment),
                balance=rupiah(row.balance_after),
            )
        )
    return "\n".join(lines)


def refusal_text(refusal: LoanRefusal, product: str | None) -> str:
    """Why the simulator will not compute this, and what to type instead."""
    limit = refusal.limit
    reason = refusal.reason
    if reason is LoanRefusalReason.AMOUNT_NOT_POSITIVE:
        return _("Jumlah pinjaman harus lebih dari Rp0.")
    if reason is LoanRefusalReason.AMOUNT_ABOVE_CEILING:
        if product:
            return _(
                "Plafon {product} paling besar {ceiling}. Ketik jumlah sampai {ceiling}, "
                "atau pilih produk lain."
            ).format(product=product, ceiling=rupiah(int(limit)))
        return _("Jumlahnya terlalu besar untuk simulasi ini.")
    if reason is LoanRefusalReason.AMOUNT_BELOW_FLOOR:
        return _(
            "{product} mulai dari {floor}. Ketik jumlah yang lebih besar, atau pilih produk lain."
        ).format(product=product or "", floor=rupiah(int(limit)))
    if reason is LoanRefusalReason.MONTHS_TOO_FEW:
        return _("Lama pinjaman paling sedikit {months} bulan.").format(months=limit)
    if reason is LoanRefusalReason.MONTHS_TOO_MANY:
        if product:
            return _("{product} paling lama {months} bulan.").format(product=product, months=limit)
        return _("Simulasi ini paling lama {months} bulan.").format(months=limit)
    if reason is LoanRefusalReason.RATE_NEGATIVE:
        return _("Bunga tidak bisa kurang dari 0%.")
    return _(
        "Bunga itu lebih dari {limit} per bulan, tidak masuk akal untuk pinjaman usaha. "
        "Cek lagi angkanya: mungkin 1,5, bukan 15?"
    ).format(limit=percent(Decimal(limit), places=0))


def schedule_csv(simulation: Simulation) -> Attachment:
    """Both schedules month by month, as a spreadsheet."""
    rows = [
        (
            flat.month,
            flat.instalment,
            flat.principal,
            flat.interest,
            flat.balance_after,
            annuity.instalment,
            annuity.principal,
            annuity.interest,
            annuity.balance_after,
        )
        for flat, annuity in zip(simulation.flat.rows, simulation.annuity.rows, strict=True)
    ]
    return Attachment(
        f"simulasi-pinjaman-{simulation.amount}-{simulation.months}bln.csv",
        csv_bytes(CSV_HEADER, rows),
        "text/csv",
    )


def schedule_pdf(simulation: Simulation, product: str | None, created_at: datetime) -> Attachment:
    """The quoted schedule as a PDF a member can keep or show a lender."""
    which = simulation.quoted_schedule.method
    labels = ScheduleLabels(
        title=_("Simulasi cicilan pinjaman"),
        schedule_name=_("Bunga flat (dari pinjaman awal)")
        if which is RepaymentMethod.FLAT
        else _("Bunga menurun / anuitas (dari sisa utang)"),
        amount=_("Jumlah pinjaman"),
        total_interest=_("Total bunga"),
        total_paid=_("Total bayar"),
        month=_("Bulan"),
        instalment=_("Cicilan"),
        principal=_("Pokok"),
        interest=_("Bunga"),
        balance_after=_("Sisa utang"),
        total=_("Jumlah"),
        note=_(
            "Ini simulasi dari bot OK OCE, bukan penawaran. Angka akhir dari pemberi "
            "pinjaman; biaya admin atau provisi bisa menambah biaya."
        ),
    )
    details = [
        (_("Lama"), _("{months} bulan").format(months=simulation.months)),
        (_("Bunga"), quote(simulation.rate * 100, simulation.basis)),
        (
            _("Bunga efektif"),
            _("{monthly} per bulan, {yearly} per tahun").format(
                monthly=percent(simulation.effective_monthly_rate),
                yearly=percent(simulation.effective_yearly_rate, places=1),
            ),
        ),
    ]
    if product:
        details.insert(0, (_("Produk"), product))
    data = render_schedule_pdf(
        simulation, which, labels, rupiah, details=details, created_at=created_at
    )
    return Attachment(
        f"simulasi-pinjaman-{simulation.amount}-{simulation.months}bln.pdf",
        data,
        "application/pdf",
    )

"""Laporkan: anyone reports a product from its chat card, with a reason.

    reason ──picked──► recorded (or "already reported, thank you") ─► back where they were
           └─ Tidak jadi ─► back where they were

Each chat reports a product once; reports from three different people send it back to
review (`catalog.report_listing` decides, and tells the seller and coordinators).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.i18n import _
from bot.messages import Choice
from bot.services import catalog
from bot.vocabulary import ReportReason
from conversations.asker import resume_point
from conversations.flow import Finish, Flow, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.labels import REPORT_REASON_LABELS, label

REPORT_FLOW = "report_product"
CANCEL = "cancel"


class ReportStep(StrEnum):
    REASON = "reason"


class ReportData(TypedDict, total=False):
    """The product reported, and where to go back to afterwards."""

    listing_id: int
    resume: dict[str, Any]


Turn_ = Turn[ReportData]


async def ask_reason(t: Turn_) -> Prompt:
    found = await catalog.product(t.session, t.data["listing_id"])
    name = found.name if isinstance(found, catalog.ProductView) else _("produk ini")
    choices = [Choice(reason.value, label(REPORT_REASON_LABELS, reason)) for reason in ReportReason]
    choices.append(Choice(CANCEL, _("↩ Tidak jadi")))
    text = _("Kenapa {product} dilaporkan? Pilih alasannya:").format(product=name)
    return Prompt(text, choices, no=(CANCEL,))


async def chose_reason(t: Turn_) -> Outcome:
    """Record the report and say so kindly, whatever came of it."""
    if t.choice == CANCEL:
        t.say(_("Oke, tidak jadi melapor."))
        return _back(t)
    if t.choice not in tuple(ReportReason):
        return Retry(_("Pilih salah satu alasan, ya."))
    outcome = await catalog.report_listing(
        t.session,
        t.data["listing_id"],
        catalog.chat_reporter(t.account.channel, t.account.external_id),
        ReportReason(t.choice),
        now=t.clock.now(),
    )
    if isinstance(outcome, catalog.AlreadyReported):
        t.say(
            _("Anda sudah melaporkan produk ini. Terima kasih, laporan Anda sedang kami periksa.")
        )
    elif isinstance(outcome, catalog.NotFound):
        t.say(_("Produk ini sudah tidak tayang. Terima kasih sudah peduli."))
        return Finish()
    else:
        t.say(_("🙏 Terima kasih, laporan Anda kami terima. Petugas akan memeriksanya."))
    return _back(t)


def _back(t: Turn_) -> Outcome:
    """Back to the product or list the report was made from, or the menu."""
    resume = t.data.get("resume") or {}
    if resume.get("flow") and resume.get("flow") != REPORT_FLOW:
        return StartFlow(str(resume["flow"]), resume.get("step"), resume.get("data") or {})
    return Finish()


async def report_from_card(t: Turn[Any], argument: str) -> Outcome:
    """The "Laporkan" button on a product card, pressed from wherever the person is."""
    if not argument.isdigit():
        return Finish()
    return StartFlow(REPORT_FLOW, data={"listing_id": int(argument), "resume": resume_point(t)})


REPORT_PRODUCT = Flow[ReportData](
    name=REPORT_FLOW,
    step_names=ReportStep,
    steps=(Step(ReportStep.REASON, ask_reason, chose_reason),),
)

"""The 7 PAS path in words: which steps are done, and one concrete next action for each open one.

Used by `/progres`, by the financing eligibility check, and by staff looking at a member.
Each open step's action has a button that opens the flow providing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.i18n import N_, _, gettext
from bot.messages import Choice
from bot.services.progress import BOOKKEEPING_MONTHS_FOR_P6, Progress
from bot.vocabulary import PasStep, Topic
from conversations.coaching import SessionsStep
from conversations.flow import StartFlow
from conversations.labels import PAS_STEP_LABELS


@dataclass(frozen=True)
class NextAction:
    """What to do for an open step (marked for translation), and the flow that helps."""

    todo: str
    button: str
    flow: str
    step: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def start(self) -> StartFlow:
        """Open the flow that provides the step."""
        return StartFlow(self.flow, self.step, dict(self.data) or None)


def _sessions(topic: Topic) -> dict[str, Any]:
    return {"topic": topic}


NEXT_ACTIONS = {
    PasStep.P1: NextAction(N_("daftar jadi anggota OK OCE"), N_("📝 P1 Daftar"), "registration"),
    PasStep.P2: NextAction(
        N_("ikut satu pelatihan OK OCE"),
        N_("📅 P2 Cari pelatihan"),
        "sessions",
        SessionsStep.PICK,
        _sessions(Topic.P2),
    ),
    PasStep.P3: NextAction(
        N_("ikut klinik pendampingan"),
        N_("🤝 P3 Pendampingan"),
        "sessions",
        SessionsStep.PICK,
        _sessions(Topic.P3),
    ),
    PasStep.P4: NextAction(N_("buat NIB gratis, lalu catat"), N_("📜 P4 Izin usaha"), "licensing"),
    # A live product listing records P5 (`bot.services.catalog.moderation`).
    PasStep.P5: NextAction(N_("jual produk lewat foto"), N_("🛒 P5 Jual produk"), "sell_product"),
    PasStep.P6: NextAction(
        N_("catat keuangan 3 bulan ({months}/3)"), N_("📒 P6 Catatan"), "bookkeeping"
    ),
    PasStep.P7: NextAction(N_("cek syarat, lalu ajukan pinjaman"), N_("💰 P7 Modal"), "financing"),
}
"""One concrete next action per step, and where its button leads."""


def todo(step: PasStep, progress: Progress) -> str:
    """The next action for `step`, worded for this member (P6 counts their months)."""
    text = gettext(NEXT_ACTIONS[step].todo)
    if step is PasStep.P6:
        months = min(progress.bookkeeping_months, BOOKKEEPING_MONTHS_FOR_P6)
        return text.format(months=months)
    return text


def steps_text(progress: Progress) -> str:
    """The seven steps, each ✅ done or ⬜ open, and how many are done."""
    lines = [
        _("🧭 Langkah 7 PAS: {done} dari 7 selesai").format(done=len(progress.done)),
        *(
            f"{'✅' if progress.is_done(step) else '⬜'} {gettext(PAS_STEP_LABELS[step])}"
            for step in PasStep
        ),
    ]
    return "\n".join(lines)


def next_actions_text(progress: Progress) -> str:
    """One line per open step: what to do next."""
    if not progress.open_steps:
        return _("🎉 Semua langkah 7 PAS sudah selesai. Hebat!")
    lines = [_("Langkah berikutnya:")]
    lines += [f"{step}: {todo(step, progress)}" for step in progress.open_steps]
    return "\n".join(lines)


def action_choices(steps: tuple[PasStep, ...]) -> list[Choice]:
    """One button per open step, its id the step (`P4`)."""
    return [Choice(str(step), gettext(NEXT_ACTIONS[step].button)) for step in steps]


def action_for(choice: str | None) -> StartFlow | None:
    """The flow a step's button opens, or None if the choice is not a step."""
    try:
        return NEXT_ACTIONS[PasStep(choice or "")].start()
    except ValueError:
        return None

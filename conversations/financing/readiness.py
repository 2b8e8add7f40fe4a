"""The records lenders ask for, read from the member's own: what is there, what is missing.

Registered, attended a training, has an NIB, has three months of bookkeeping. Lenders
still decide for themselves; this only shows what a member can still prepare.
"""

from __future__ import annotations

from bot.i18n import N_, gettext
from bot.services import progress
from bot.services.progress import BOOKKEEPING_MONTHS_FOR_P6, NOT_REGISTERED, Progress
from bot.vocabulary import PasStep
from conversations.financing.states import Turn_

REQUIRED_STEPS = (PasStep.P1, PasStep.P2, PasStep.P4, PasStep.P6)
"""What lenders and the programme's loans ask for: membership, training, an NIB, the books."""

REQUIREMENT_LABELS = {
    PasStep.P1: N_("Terdaftar sebagai anggota"),
    PasStep.P2: N_("Sudah ikut pelatihan OK OCE"),
    PasStep.P4: N_("Punya NIB (izin usaha)"),
    PasStep.P6: N_("Catatan keuangan 3 bulan"),
}


async def progress_for(t: Turn_) -> Progress:
    """The member's path, or an open one for someone not registered yet."""
    if t.member is None:
        return NOT_REGISTERED
    return await progress.progress_of(t.session, t.member)


def missing_steps(path: Progress) -> tuple[PasStep, ...]:
    """The required steps not done yet."""
    return tuple(step for step in REQUIRED_STEPS if not path.is_done(step))


def requirement_line(step: PasStep, path: Progress) -> str:
    """`✅ Punya NIB (izin usaha)`, or `⬜ Catatan keuangan 3 bulan (1/3)`."""
    done = path.is_done(step)
    text = gettext(REQUIREMENT_LABELS[step])
    if step is PasStep.P6 and not done:
        text += f" ({min(path.bookkeeping_months, BOOKKEEPING_MONTHS_FOR_P6)}/3)"
    return f"{'✅' if done else '⬜'} {text}"

"""Am I ready for a loan? What is there, what is missing, and a button to each missing step."""

from __future__ import annotations

from bot.financing_content import FinancingCatalog
from bot.i18n import _
from bot.messages import Choice
from conversations.financing.interest import start_interest
from conversations.financing.readiness import (
    REQUIRED_STEPS,
    missing_steps,
    progress_for,
    requirement_line,
)
from conversations.financing.states import BACK, S, Turn_
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.pas_path import action_choices, action_for

INTEREST = "interest"


async def ask_eligibility(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """What is there, what is missing, and a button to each missing step."""
    path = await progress_for(t)
    missing = missing_steps(path)
    lines = [
        _("✅ Cek syarat pinjaman"),
        _("Yang biasanya diminta pemberi pinjaman:"),
        *(requirement_line(step, path) for step in REQUIRED_STEPS),
        "",
    ]
    if missing:
        lines.append(
            _("Masih kurang {count}. Tekan tombol untuk melengkapi:").format(count=len(missing))
        )
    else:
        lines.append(
            _("Semua sudah ada! Ajukan lewat Saya tertarik. Keputusan tetap di pemberi pinjaman.")
        )
    choices = [
        *action_choices(missing),
        Choice(INTEREST, _("🙋 Saya tertarik")),
        Choice(BACK, _("↩ Kembali")),
    ]
    return Prompt("\n".join(lines), choices)


async def chose_in_eligibility(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Open the step that provides what is missing."""
    if t.choice == INTEREST:
        return await start_interest(catalog, t, None)
    opened = action_for(t.choice)
    if opened is not None:
        return opened
    if t.choice == BACK:
        return Goto(S.HOME)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))

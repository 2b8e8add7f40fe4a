"""Forms kept as drafts: "menu" in the middle of a form keeps what was typed.

The engine saves the form's step and answers on the chat's account when the person
leaves it for the menu (or another command), and offers it back the next time the
form is opened ("Lanjutkan pendaftaran?"). A draft lives as long as the
conversation: it is dropped when the chat has been idle past the conversation TTL,
when the form is cancelled ("batal"), and when it is resumed or started afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any, TypedDict

from bot.i18n import _, gettext
from bot.messages import Choice
from bot.models import ChannelAccount
from conversations.flow import NO, YES, Flow, Outcome, Prompt, Retry, StartFlow, Step, Turn

DRAFT_FLOW = "draft"
TRAIL_KEY = "_trail"
"""Carries the steps behind a resumed one, so "kembali" still goes back one step."""


def keep(
    account: ChannelAccount, flow: Flow[Any], data: dict[str, Any], trail: Sequence[str]
) -> bool:
    """Save the form the chat is in as a draft, if it is one and holds answers."""
    step = account.step or ""
    if flow.draft_name is None or step not in flow.form_steps or not data:
        return False
    draft = {"step": step, "data": data, "trail": list(trail)}
    account.drafts = {**(account.drafts or {}), flow.name: draft}
    return True


def drop(account: ChannelAccount, flow_name: str | None) -> dict[str, Any] | None:
    """Remove a flow's draft and return it (None if there was none)."""
    drafts = dict(account.drafts or {})
    draft = drafts.pop(flow_name or "", None)
    if draft is not None:
        account.drafts = drafts
    return draft if isinstance(draft, dict) else None


def has(account: ChannelAccount, flow_name: str) -> bool:
    """Whether the chat has a draft of this form."""
    return flow_name in (account.drafts or {})


def forget_all(account: ChannelAccount) -> None:
    """The conversation is over (idle too long): its drafts go with it."""
    if account.drafts:
        account.drafts = {}


def kept_note(flow: Flow[Any]) -> str:
    """What the person reads when their form is kept."""
    name = gettext(flow.draft_name or "")
    return _("Isian {name} tadi disimpan. Nanti bisa dilanjutkan.").format(name=name)


class DraftStep(StrEnum):
    RESUME = "resume"


class DraftData(TypedDict, total=False):
    """The form whose draft is offered, what it is called, and what the form was being
    entered with (`carry`: a detour's way back, such as registration's `then`)."""

    flow: str
    name: str
    carry: dict[str, Any]


async def ask_resume(t: Turn[DraftData]) -> Prompt:
    """Ask "Lanjutkan pendaftaran?": go on with the kept answers, or start again."""
    name = gettext(t.data.get("name") or "")
    choices = [Choice(YES, _("▶️ Lanjutkan")), Choice(NO, _("🔄 Mulai dari awal"))]
    return Prompt(_("Lanjutkan {name}? Isian tadi masih ada.").format(name=name), choices)


async def chose_resume(t: Turn[DraftData]) -> Outcome:
    """Continue where the form was left, or start it again with nothing kept."""
    if t.choice not in (YES, NO):
        return Retry(_("Pilih Lanjutkan atau Mulai dari awal, ya."))
    flow = t.data["flow"]
    carry = dict(t.data.get("carry") or {})
    draft = drop(t.account, flow)
    if t.choice == YES and draft is not None:
        kept = draft.get("data") or {}
        data = {**kept, **carry, TRAIL_KEY: list(draft.get("trail") or [])}
        return StartFlow(flow, str(draft.get("step")), data)
    return StartFlow(flow, data=carry or None)


DRAFT = Flow[DraftData](
    name=DRAFT_FLOW,
    step_names=DraftStep,
    steps=(Step(DraftStep.RESUME, ask_resume, chose_resume),),
)

"""Moving one turn between steps and flows, asking each question it arrives at.

The engine (`conversations.engine`) decides what an event means; the `Asker` carries
it out: it runs commands and proactive-message actions, applies a step's outcome,
enters flows (offering a kept draft back), goes back one level, and asks the
question it lands on, noting it (`PromptState`) for the next event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.i18n import _, use_language
from bot.message_size import wrapped_lines
from bot.messages import Choice, Reply
from conversations import deep_links, drafts, proactive
from conversations import help as help_texts
from conversations.commands import Command, GlobalAction
from conversations.flow import Goto, Outcome, Retry, StartFlow, Stay, Turn
from conversations.prompt_state import MAX_TRAIL, PromptState, Screen, lay_out, offered, version_tag

if TYPE_CHECKING:
    from conversations.engine import ConversationEngine

MENU_FLOW = "menu"
ACTION_PREFIX = "@"
"""Choice ids on proactive messages start with this; see `conversations.flow.Action`."""
BRIEF_CHOICES = 6
"""A refusal names up to this many choices; a longer list is referred to by number."""
SHORT_LINES = 3
"""A question this short is simply asked again; a refusal longer than this (an FAQ
answer) goes on its own, and the question after it."""


class Asker:
    """Moves one turn between steps and flows, asking each question it arrives at."""

    def __init__(self, engine: ConversationEngine, turn: Turn[Any], prompt: PromptState) -> None:
        self.engine = engine
        self.turn = turn
        self.prompt = prompt
        self._contact_was_requested = prompt.contact

    @property
    def contact_request_ended(self) -> bool:
        """A share-number button was offered before this turn and is not any more."""
        return self._contact_was_requested and not self.prompt.contact

    def turn_page(self, by: int) -> None:
        """Show the next (`by` 1) or previous (-1) page of a long list when asking next."""
        self.prompt = dataclasses.replace(self.prompt, page=self.prompt.page + by)

    async def run_command(self, command: Command) -> None:
        """A command from anywhere; leaving a form for another place keeps it as a draft."""
        turn = self.turn
        if command.flow is not None:
            self.keep_draft()
            await self.enter(command.flow)
        elif command.action in (GlobalAction.START, GlobalAction.MENU):
            self.keep_draft()
            link = deep_links.action_for(turn.incoming.command_argument)
            if command.action == GlobalAction.START and link is not None:
                await self.run_action(link)  # `/start p42` from a link on the showcase
                return
            await self.greet()
        elif command.action == GlobalAction.CANCEL:
            if turn.account.flow not in (None, MENU_FLOW):
                drafts.drop(turn.account, turn.account.flow)
                turn.say(_("Oke, dibatalkan."))
            await self.enter(MENU_FLOW)
        elif command.action == GlobalAction.HELP:
            turn.say(help_texts.help_for(turn.account.flow), detail=True)
            await self.ask_current_or_menu()
        elif command.action == GlobalAction.LANGUAGE:
            await self.enter("language", data={"resume": resume_point(turn)})

    async def run_action(self, choice: str) -> None:
        """A proactive message's choice (`@name:argument`), pressed or typed."""
        name, _sep, argument = choice.removeprefix(ACTION_PREFIX).partition(":")
        action = self.engine.actions.get(name)
        proactive.forget(self.turn.account)
        if action is None:
            self.turn.say(_("Tombol itu dari pesan lama. Ini pertanyaan yang sekarang:"))
            await self.ask_current_or_menu()
            return
        await self.apply(await action(self.turn, argument))

    def keep_draft(self) -> None:
        """Leaving a form for the menu (or another command) keeps what was typed."""
        turn = self.turn
        flow = self.engine.flows.get(turn.account.flow or "")
        trail = self.prompt.trail if self.prompt.flow == turn.account.flow else ()
        if flow is not None and drafts.keep(turn.account, flow, dict(turn.data), trail):
            with use_language(turn.account.language):
                turn.say(drafts.kept_note(flow))

    async def greet(self) -> None:
        """The welcome (for guests) and the menu."""
        if self.turn.member is None:
            self.turn.say(help_texts.welcome())
        await self.enter(MENU_FLOW)

    async def apply(self, outcome: Outcome, *, near: Sequence[str] = ()) -> None:
        """Carry out a step's outcome; `near` names close choices in a refusal."""
        turn = self.turn
        if isinstance(outcome, Goto):
            turn.account.step = str(outcome.step)
            await self.ask()
        elif isinstance(outcome, Retry):
            await self.ask(keep_page=True, refusal=outcome.reason, near=near)
        elif isinstance(outcome, StartFlow):
            await self.enter(outcome.flow, outcome.step, outcome.data)
        elif isinstance(outcome, Stay):
            return
        elif outcome.show_menu:
            await self.enter(MENU_FLOW)
        else:
            turn.account.flow = turn.account.step = None
            turn.data = {}
            self.prompt = PromptState()

    async def enter(
        self, flow_name: str, step: str | None = None, data: Mapping[str, Any] | None = None
    ) -> None:
        """Enter a flow (at a step, or offering its kept draft), if this person may."""
        turn = self.turn
        flow = self.engine.flows[flow_name]
        refusal = await self.engine.refusal(flow, turn, from_start=step is None)
        if refusal is not None:
            turn.say(refusal)
            await self.ask_current_or_menu()
            return
        if step is None and flow.draft_name and drafts.has(turn.account, flow.name):
            # What the form is entered with (a detour's way back) goes along either way.
            data = {"flow": flow.name, "name": flow.draft_name, "carry": dict(data or {})}
            flow = self.engine.flows[drafts.DRAFT_FLOW]
        turn.account.flow = flow.name
        turn.account.step = str(step) if step else flow.first_step
        turn.data = dict(data or {})
        trail = turn.data.pop(drafts.TRAIL_KEY, None)
        if isinstance(trail, list):  # a resumed draft: "kembali" still goes back a step
            self.prompt = dataclasses.replace(
                self.prompt, flow=flow.name, step=turn.account.step, trail=tuple(trail)
            )
        await self.ask()

    async def back(self) -> None:
        """Go back one level: the step asked before this one, or the menu from a first step."""
        trail = self.prompt.trail
        if not trail or self.prompt.flow != self.turn.account.flow:
            await self.enter(MENU_FLOW)
            return
        self.turn.account.step = trail[-1]
        self.prompt = dataclasses.replace(self.prompt, step=trail[-1], trail=trail[:-1])
        await self.ask()

    async def ask_current_or_menu(self) -> None:
        """Ask the open question again, or show the menu when none is open."""
        flow = self.engine.flows.get(self.turn.account.flow or "")
        if flow is not None and flow.step(self.turn.account.step or "") is not None:
            await self.ask(keep_page=True)
        else:
            await self.enter(MENU_FLOW)

    async def ask(
        self, *, keep_page: bool = False, refusal: str | None = None, near: Sequence[str] = ()
    ) -> None:
        """Ask the current step's question, in the member's (possibly new) language.

        After a refusal, a question with choices that is the same as before is not
        sent again in full: the refusal names the choices briefly, above its buttons.
        """
        turn = self.turn
        flow = self.engine.flows[turn.account.flow or MENU_FLOW]
        step = flow.step(turn.account.step or "")
        assert step is not None, f"{flow.name} has no step {turn.account.step}"
        with use_language(turn.account.language):
            prompt = await step.ask(turn)
            screen = lay_out(prompt, self.prompt.page if keep_page else 0, turn.limits)
            contact_button = _("📱 Kirim nomor saya") if prompt.request_contact else None
            repeated = _needs_no_repeat(refusal, screen, self.prompt)
            if refusal is not None and not repeated:
                turn.say(refusal)
            text = brief_refusal(refusal or "", near, screen) if repeated else screen.text
        turn.account.state_version += 1
        version = version_tag(turn.account.state_version)
        self.prompt = PromptState(
            page=screen.page,
            shown=tuple(choice.id for choice in screen.shown),
            options=tuple(screen.options),
            numbered=screen.numbered,
            yes=offered(list(prompt.yes), screen.options),
            no=offered(list(prompt.no), screen.options),
            synonyms={k: tuple(v) for k, v in prompt.synonyms.items()},
            contact=prompt.request_contact,
            asked=screen.fingerprint,
            flow=flow.name,
            step=str(step.name),
            trail=self._trail_to(flow.name, str(step.name)),
        )
        proactive.forget(turn.account)
        turn.replies.append(
            Reply(
                text=text,
                choices=tuple(Choice(f"{version}:{c.id}", c.label) for c in screen.shown),
                contact_button=contact_button,
                photo=None if repeated else prompt.photo,
                detail=prompt.detail,
            )
        )

    def _trail_to(self, flow: str, step: str) -> tuple[str, ...]:
        """The steps behind `step` once it is asked: a step seen before cuts the trail there."""
        before = self.prompt
        if before.flow != flow or before.step is None:
            return ()
        if before.step == step:
            return before.trail
        if step in before.trail:
            return before.trail[: before.trail.index(step)]
        return (*before.trail, before.step)[-MAX_TRAIL:]


def _needs_no_repeat(refusal: str | None, screen: Screen, before: PromptState) -> bool:
    """A short refusal of a long question with choices, asked just before, names its
    choices instead of sending the question again. A question with one choice (a way
    out: back, skip) asks for typed text, so it is asked again."""
    if refusal is None or len(screen.shown) < 2 or screen.fingerprint != before.asked:
        return False
    return wrapped_lines(screen.text) > SHORT_LINES >= wrapped_lines(refusal)


def brief_refusal(refusal: str, near: Sequence[str], screen: Screen) -> str:
    """The refusal, then the choices named briefly (or the close ones), not the question."""
    if near:
        names = " / ".join(plain_label(label) for label in near[:3])
        return f"{refusal}\n" + _("Maksudnya: {choices}?").format(choices=names)
    numbered = screen.options[: screen.numbered]
    entries = sum(1 for _id, label in numbered if label[:1].isdigit())  # they carry numbers
    if entries or len(numbered) > BRIEF_CHOICES:
        last = entries or len(numbered)
        return f"{refusal}\n" + _("Ketik nomornya, 1 sampai {last}.").format(last=last)
    names = " · ".join(
        f"{n} {plain_label(label)}" for n, (_id, label) in enumerate(numbered, start=1)
    )
    return f"{refusal}\n{names}"


def plain_label(label: str) -> str:
    """A label without the emoji and arrows around it: `✅ Setuju` is `Setuju`."""
    start, end = 0, len(label)
    while start < end and not label[start].isalnum():
        start += 1
    while end > start and not label[end - 1].isalnum():
        end -= 1
    return label[start:end] or label


def resume_point(turn: Turn[Any]) -> dict[str, Any]:
    """Where to return after a detour (changing language)."""
    return {"flow": turn.account.flow, "step": turn.account.step, "data": dict(turn.data)}

"""The conversation engine: one incoming event in, the replies out.

For every event, in one database transaction: skip it if its platform id was
seen before, load (and lock) the chat's state, apply global commands (start,
menu, cancel, help, language), otherwise check again that this person may be in
the current flow and hand the event to its current step, then save the new state.
Events of one member run in arrival order; different members run concurrently.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncSession

from bot.areas import AreaDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.db import Database
from bot.event_keys import event_key
from bot.faq import Faq, load_faq
from bot.i18n import _, guess_language, use_language
from bot.logs import log_unexpected
from bot.messages import ChannelLimits, Choice, Incoming, Reply
from bot.models import ChannelAccount
from bot.phones import parse_indonesian_mobile
from bot.services import members
from bot.services.reachability import note_reachability
from conversations import free_questions, inputs
from conversations import help as help_texts
from conversations.access import active_member, refusal_to_enter
from conversations.answer_book import AnswerBook
from conversations.commands import COMMANDS, Command, GlobalAction, command_for
from conversations.flow import Action, Flow, Goto, Outcome, Retry, StartFlow, Turn
from conversations.ordering import KeyedLocks
from conversations.prompt_state import (
    NEXT_PAGE,
    PREVIOUS_PAGE,
    STALE_PRESS,
    PromptState,
    page_of,
    resolve_choice,
    version_tag,
)
from conversations.store import claim_event, load_account

log = logging.getLogger(__name__)

MENU_FLOW = "menu"
DEFAULT_LIMITS = ChannelLimits(choices_per_message=10, choices_per_page=8, label_length=24)
"""For a channel that declared nothing: the tightest of the real ones (WhatsApp's list)."""
ACTION_PREFIX = "@"
"""Choice ids on proactive messages start with this; see `conversations.flow.Action`."""


class ConversationEngine:
    """Runs flows for every channel on one database."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        flows: Mapping[str, Flow[Any]],
        areas: AreaDirectory,
        clock: Clock,
        actions: Mapping[str, Action] | None = None,
        limits: Mapping[str, ChannelLimits] | None = None,
        faq: Faq | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.flows = flows
        self.actions = actions or {}
        self.areas = areas
        self.clock = clock
        self.limits = dict(limits or {})
        public = [f for f in flows.values() if not (f.admins_only or f.staff_roles)]
        self.answers = AnswerBook(
            faq or load_faq(),
            open_to_members=[f.name for f in public if not f.guests_only],
            open_to_guests=[f.name for f in public if not f.members_only],
        )
        self._ordering = KeyedLocks()
        self._ttl = timedelta(hours=settings.conversation_ttl_hours)
        self._event_secret = settings.effective_event_key_secret
        unknown = {command.flow for command in COMMANDS if command.flow} - set(flows)
        if MENU_FLOW not in flows or unknown:
            raise ValueError(f"flows missing for the menu or commands: {sorted(map(str, unknown))}")

    def _event_key(self, incoming: Incoming) -> str:
        """What the event is recorded under: a keyed hash, never the platform's id."""
        return event_key(self._event_secret, incoming.channel, incoming.event_id)

    async def note_reachability(self, channel: str, user_id: str, *, reachable: bool) -> None:
        """Record that the platform says this chat blocked the bot (or let it back in)."""
        async with self._ordering.hold((channel, user_id)), self.db.transaction() as session:
            now = self.clock.now()
            await note_reachability(session, channel, user_id, reachable=reachable, now=now)

    def limits_for(self, channel: str) -> ChannelLimits:
        """What `channel` can show; declared by its adapter when it is wired in."""
        return self.limits.get(channel, DEFAULT_LIMITS)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one event exactly once and return what to send back."""
        incoming = inputs.cleaned(incoming)
        if inputs.unstorable_chat(incoming):
            return []
        async with self._ordering.hold((incoming.channel, incoming.user_id)):
            try:
                async with self.db.transaction() as session:
                    return await self._handle_once(session, incoming)
            except Exception:
                return await self._apologise(incoming)

    async def _handle_once(self, session: AsyncSession, incoming: Incoming) -> list[Reply]:
        now = self.clock.now()
        if not await claim_event(session, incoming.channel, self._event_key(incoming), now):
            log.info("duplicate event skipped", extra={"channel": incoming.channel})
            return []
        language = guess_language(incoming.language_hint, self.settings.default_language)
        account = await load_account(session, incoming.channel, incoming.user_id, language, now)
        member = await active_member(session, account)
        turn: Turn[Any] = Turn(
            incoming=incoming,
            session=session,
            account=account,
            member=member,
            data=dict(account.data or {}),
            settings=self.settings,
            areas=self.areas,
            clock=self.clock,
            limits=self.limits_for(incoming.channel),
            answers=self.answers,
        )
        asker = _Asker(self, turn, PromptState.load(account.prompt))
        idle = now - account.updated_at
        account.last_inbound_at = now
        account.unreachable_at = None  # whoever writes to us can be written to
        with use_language(account.language):
            await self._link_by_verified_phone(turn)
            await self._dispatch(asker, idle)
        if not _erased(session, account):
            account.data = dict(turn.data)
            account.prompt = asker.prompt.dump()
            account.updated_at = now
        replies = [dataclasses.replace(reply, language=account.language) for reply in turn.replies]
        if asker.contact_request_ended:
            return _mark_contact_request_ended(replies)
        return replies

    async def _link_by_verified_phone(self, turn: Turn[Any]) -> None:
        """Recognise a member who registered on another channel by their verified number."""
        if turn.member is not None or turn.incoming.sender_phone is None:
            return
        phone = parse_indonesian_mobile(turn.incoming.sender_phone)
        if phone is None:
            return
        member = await members.member_by_phone(turn.session, phone)
        if member is None:
            return
        turn.account.member_id = member.id
        turn.member = member
        turn.account.language = member.language
        log.info("chat linked to an existing member", extra={"channel": turn.account.channel})

    async def _dispatch(self, asker: _Asker, idle: timedelta) -> None:
        """Do what the event asks, through `asker`, which notes the question left open."""
        turn = asker.turn
        account = turn.account
        if turn.incoming.edit_of is not None:
            await self._answer_edit(asker)
            return
        command = _command_of(turn.incoming)
        if command is not None:
            await asker.run_command(command)
            return
        if (turn.incoming.choice or "").startswith(ACTION_PREFIX):
            await asker.run_action(turn.incoming.choice or "")
            return
        flow = self.flows.get(account.flow or "")
        step = flow.step(account.step or "") if flow else None
        unusable = inputs.unusable_input(turn.incoming)
        if (flow is None or step is None) and unusable is None and turn.text:
            # A first message (or one after the flow was finished) may be a question: the
            # menu reads it as it reads anything typed there.
            flow = self.flows[MENU_FLOW]
            account.flow, account.step = flow.name, flow.first_step
            step = flow.step(flow.first_step)
        if flow is None or step is None:
            if unusable is not None:
                turn.say(unusable)
            await asker.greet()
            return
        if flow.name != MENU_FLOW and idle > self._ttl:
            turn.say(_("Percakapan tadi sudah terlalu lama, jadi kita mulai lagi dari menu."))
            await asker.enter(MENU_FLOW)
            return
        # Rights are read afresh on every event: a role revoked or an admin removed
        # mid-flow ends the flow here, not only at its start.
        refusal = await refusal_to_enter(flow, turn, from_start=False)
        if refusal is not None:
            turn.say(refusal)
            await asker.enter(MENU_FLOW)
            return
        if unusable is not None:
            await asker.apply(Retry(unusable))
            return
        resolved = resolve_choice(turn.incoming, asker.prompt, turn.account.state_version)
        if resolved == STALE_PRESS:
            turn.say(_("Tombol itu dari pesan lama. Ini pertanyaan yang sekarang:"))
            await asker.ask(keep_page=True)
            return
        if resolved in (PREVIOUS_PAGE, NEXT_PAGE):
            asker.turn_page(1 if resolved == NEXT_PAGE else -1)
            await asker.ask(keep_page=True)
            return
        turn.incoming = dataclasses.replace(turn.incoming, choice=resolved)
        outcome = await step.answer(turn)
        staff_flow = flow.admins_only or bool(flow.staff_roles)  # staff type answers, not questions
        if isinstance(outcome, Retry) and resolved is None and not staff_flow:
            outcome = await free_questions.answer_in_step(turn, outcome)
        await asker.apply(outcome)

    async def _answer_edit(self, asker: _Asker) -> None:
        """Edits are not read: say so once per edited message, then ask the question again."""
        turn = asker.turn
        assert turn.incoming.edit_of is not None
        key = event_key(self._event_secret, turn.incoming.channel, turn.incoming.edit_of)
        if await claim_event(turn.session, turn.incoming.channel, key, self.clock.now()):
            turn.say(inputs.edit_notice())
            await asker.ask_current_or_menu()

    async def _apologise(self, incoming: Incoming) -> list[Reply]:
        error_id = uuid.uuid4().hex[:8]
        log_unexpected(log, "conversation step failed", error_id=error_id, channel=incoming.channel)
        try:
            async with self.db.transaction() as session:
                await claim_event(
                    session, incoming.channel, self._event_key(incoming), self.clock.now()
                )
        except Exception:
            log_unexpected(log, "could not record failed event", error_id=error_id)
        language = guess_language(incoming.language_hint, self.settings.default_language)
        with use_language(language):
            text = _(
                "Maaf, ada gangguan di sistem kami (kode {code}). Coba lagi sebentar lagi, ya."
            ).format(code=error_id)
        return [Reply(text=text)]


class _Asker:
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
        self.prompt = dataclasses.replace(self.prompt, page=self.prompt.page + by)

    async def run_command(self, command: Command) -> None:
        turn = self.turn
        if command.flow is not None:
            await self.enter(command.flow)
        elif command.action in (GlobalAction.START, GlobalAction.MENU):
            await self.greet()
        elif command.action == GlobalAction.CANCEL:
            if turn.account.flow not in (None, MENU_FLOW):
                turn.say(_("Oke, dibatalkan."))
            await self.enter(MENU_FLOW)
        elif command.action == GlobalAction.HELP:
            turn.say(help_texts.help_for(turn.account.flow))
            await self.ask_current_or_menu()
        elif command.action == GlobalAction.LANGUAGE:
            await self.enter("language", data={"resume": _resume_point(turn)})

    async def run_action(self, choice: str) -> None:
        name, _sep, argument = choice.removeprefix(ACTION_PREFIX).partition(":")
        action = self.engine.actions.get(name)
        if action is None:
            self.turn.say(_("Tombol itu dari pesan lama. Ini pertanyaan yang sekarang:"))
            await self.ask_current_or_menu()
            return
        await self.apply(await action(self.turn, argument))

    async def greet(self) -> None:
        if self.turn.member is None:
            self.turn.say(help_texts.welcome())
        await self.enter(MENU_FLOW)

    async def apply(self, outcome: Outcome) -> None:
        turn = self.turn
        if isinstance(outcome, Goto):
            turn.account.step = str(outcome.step)
            await self.ask()
        elif isinstance(outcome, Retry):
            turn.say(outcome.reason)
            await self.ask(keep_page=True)
        elif isinstance(outcome, StartFlow):
            await self.enter(outcome.flow, outcome.step, outcome.data)
        elif outcome.show_menu:
            await self.enter(MENU_FLOW)
        else:
            turn.account.flow = turn.account.step = None
            turn.data = {}
            self.prompt = PromptState()

    async def enter(
        self, flow_name: str, step: str | None = None, data: Mapping[str, Any] | None = None
    ) -> None:
        turn = self.turn
        flow = self.engine.flows[flow_name]
        refusal = await refusal_to_enter(flow, turn, from_start=step is None)
        if refusal is not None:
            turn.say(refusal)
            await self.ask_current_or_menu()
            return
        turn.account.flow = flow.name
        turn.account.step = str(step) if step else flow.first_step
        turn.data = dict(data or {})
        await self.ask()

    async def ask_current_or_menu(self) -> None:
        flow = self.engine.flows.get(self.turn.account.flow or "")
        if flow is not None and flow.step(self.turn.account.step or "") is not None:
            await self.ask(keep_page=True)
        else:
            await self.enter(MENU_FLOW)

    async def ask(self, *, keep_page: bool = False) -> None:
        """Ask the current step's question, in the member's (possibly new) language."""
        turn = self.turn
        flow = self.engine.flows[turn.account.flow or MENU_FLOW]
        step = flow.step(turn.account.step or "")
        assert step is not None, f"{flow.name} has no step {turn.account.step}"
        with use_language(turn.account.language):
            prompt = await step.ask(turn)
            page = self.prompt.page if keep_page else 0
            shown, page = page_of(list(prompt.choices), page, turn.limits)
            contact_button = _("📱 Kirim nomor saya") if prompt.request_contact else None
        turn.account.state_version += 1
        version = version_tag(turn.account.state_version)
        self.prompt = PromptState(
            page=page,
            shown=tuple(choice.id for choice in shown),
            labels={choice.id: choice.label for choice in prompt.choices},
            contact=prompt.request_contact,
        )
        turn.replies.append(
            Reply(
                text=prompt.text,
                choices=tuple(Choice(f"{version}:{c.id}", c.label) for c in shown),
                contact_button=contact_button,
            )
        )


def _erased(session: AsyncSession, account: ChannelAccount) -> bool:
    """Whether this turn deleted the chat's account (its member asked to be forgotten)."""
    state = inspect(account)
    return account in session.deleted or state.deleted or state.was_deleted


def _command_of(incoming: Incoming) -> Command | None:
    """The command an event asks for: `/batal`, or `batal` typed alone.

    An unknown `/word` means the menu: it is what someone typing a slash is after.
    """
    if incoming.command is not None:
        return command_for(incoming.command) or command_for(GlobalAction.MENU)
    return command_for(incoming.text or "")


def _resume_point(turn: Turn[Any]) -> dict[str, Any]:
    """Where to return after a detour (changing language)."""
    return {"flow": turn.account.flow, "step": turn.account.step, "data": dict(turn.data)}


def _mark_contact_request_ended(replies: list[Reply]) -> list[Reply]:
    """Flag the first reply so channels can take the share-number button away."""
    if not replies:
        return replies
    return [dataclasses.replace(replies[0], ends_contact_request=True), *replies[1:]]

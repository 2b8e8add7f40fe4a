"""The conversation engine: one incoming event in, the replies out.

For every event, in one database transaction: skip it if its platform id was
seen before, load (and lock) the chat's state, apply global commands (start,
menu, cancel, help, language), otherwise hand the event to the current step,
then save the new state. Events of one member run in arrival order; different
members run concurrently.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.areas import AreaDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.db import Database
from bot.i18n import _, guess_language, use_language
from bot.logs import log_unexpected
from bot.messages import ChannelLimits, Choice, Incoming, Reply
from bot.models import ChannelAccount, Member
from bot.phones import parse_indonesian_mobile
from bot.services import members, roles
from bot.services.reachability import note_reachability
from conversations import help as help_texts
from conversations import inputs
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
    ) -> None:
        self.db = db
        self.settings = settings
        self.flows = flows
        self.actions = actions or {}
        self.areas = areas
        self.clock = clock
        self.limits = dict(limits or {})
        self._ordering = KeyedLocks()
        self._ttl = timedelta(hours=settings.conversation_ttl_hours)
        unknown = {command.flow for command in COMMANDS if command.flow} - set(flows)
        if MENU_FLOW not in flows or unknown:
            raise ValueError(f"flows missing for the menu or commands: {sorted(map(str, unknown))}")

    async def note_reachability(self, channel: str, user_id: str, *, reachable: bool) -> None:
        """Record that the platform says this chat blocked the bot (or let it back in)."""
        async with (
            self._ordering.hold((channel, user_id)),
            self.db.transaction() as session,
        ):
            known = await note_reachability(
                session, channel, user_id, reachable=reachable, now=self.clock.now()
            )
        log.info(
            "chat reachability noted",
            extra={"channel": channel, "reachable": reachable, "known": known},
        )

    def limits_for(self, channel: str) -> ChannelLimits:
        """What `channel` can show; declared by its adapter when it is wired in."""
        return self.limits.get(channel, DEFAULT_LIMITS)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one event exactly once and return what to send back."""
        incoming = inputs.cleaned(incoming)
        if not inputs.storable_chat(incoming):
            log.warning(
                "event from an unusable chat id refused", extra={"channel": incoming.channel}
            )
            return []
        async with self._ordering.hold((incoming.channel, incoming.user_id)):
            try:
                async with self.db.transaction() as session:
                    return await self._handle_once(session, incoming)
            except Exception:
                return await self._apologise(incoming)

    async def _handle_once(self, session: AsyncSession, incoming: Incoming) -> list[Reply]:
        now = self.clock.now()
        if not await claim_event(session, incoming.channel, incoming.event_id, now):
            log.info("duplicate event skipped", extra={"channel": incoming.channel})
            return []
        language = guess_language(incoming.language_hint, self.settings.default_language)
        account = await load_account(session, incoming.channel, incoming.user_id, language, now)
        member = await _active_member(session, account)
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
        )
        asker = _Asker(self, turn, PromptState.load(account.prompt))
        idle = now - account.updated_at
        account.last_inbound_at = now
        account.unreachable_at = None  # whoever writes to us can be written to
        with use_language(account.language):
            await self._link_by_verified_phone(turn)
            await self._dispatch(asker, idle)
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
        if flow is None or step is None:
            await asker.greet()
            return
        if flow.name != MENU_FLOW and idle > self._ttl:
            turn.say(_("Percakapan tadi sudah terlalu lama, jadi kita mulai lagi dari menu."))
            await asker.enter(MENU_FLOW)
            return
        unusable = inputs.unusable_input(turn.incoming)
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
        await asker.apply(await step.answer(turn))

    async def _answer_edit(self, asker: _Asker) -> None:
        """Edits are not read: say so once per edited message, then ask the question again."""
        turn = asker.turn
        assert turn.incoming.edit_of is not None
        first = await claim_event(
            turn.session, turn.incoming.channel, turn.incoming.edit_of, self.clock.now()
        )
        if not first:
            return
        turn.say(inputs.edit_notice())
        await asker.ask_current_or_menu()

    async def _apologise(self, incoming: Incoming) -> list[Reply]:
        error_id = uuid.uuid4().hex[:8]
        log_unexpected(log, "conversation step failed", error_id=error_id, channel=incoming.channel)
        try:
            async with self.db.transaction() as session:
                await claim_event(session, incoming.channel, incoming.event_id, self.clock.now())
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
        refusal = await _refusal(flow, turn, from_start=step is None)
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


async def _active_member(session: AsyncSession, account: ChannelAccount) -> Member | None:
    if account.member_id is None:
        return None
    member = await session.get(Member, account.member_id)
    if member is None or member.deleted_at is not None:
        return None
    return member


def _command_of(incoming: Incoming) -> Command | None:
    """The command an event asks for: `/batal`, or `batal` typed alone.

    An unknown `/word` means the menu: it is what someone typing a slash is after.
    """
    if incoming.command is not None:
        return command_for(incoming.command) or command_for(GlobalAction.MENU)
    return command_for(incoming.text or "")


async def _refusal(flow: Flow[Any], turn: Turn[Any], *, from_start: bool) -> str | None:
    """Why this person may not enter `flow`, politely, or None if they may."""
    if flow.admins_only and not turn.is_admin:
        return _("Maaf, fitur ini khusus admin program.")
    if flow.members_only and turn.member is None:
        return _("Fitur ini untuk anggota OK OCE. Daftar dulu lewat menu, ya.")
    if flow.guests_only and from_start and turn.member is not None:
        return _("Anda sudah terdaftar. Data Anda ada di menu Profil saya.")
    if flow.staff_roles and not turn.is_admin:
        member_id = turn.member.id if turn.member else None
        for role in flow.staff_roles:
            if member_id is not None and await roles.has_role(turn.session, member_id, role):
                return None
        return _("Maaf, fitur ini khusus staf program (coach atau koordinator).")
    return None


def _resume_point(turn: Turn[Any]) -> dict[str, Any]:
    """Where to return after a detour (changing language)."""
    return {"flow": turn.account.flow, "step": turn.account.step, "data": dict(turn.data)}


def _mark_contact_request_ended(replies: list[Reply]) -> list[Reply]:
    """Flag the first reply so channels can take the share-number button away."""
    if not replies:
        return replies
    return [dataclasses.replace(replies[0], ends_contact_request=True), *replies[1:]]

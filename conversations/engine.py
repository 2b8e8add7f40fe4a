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
from bot.messages import Choice, Incoming, Reply
from bot.models import ChannelAccount, Member
from bot.phones import parse_indonesian_mobile
from bot.services import members, roles
from conversations import help as help_texts
from conversations.flow import Action, Flow, Goto, Outcome, Retry, StartFlow, Turn
from conversations.ordering import KeyedLocks
from conversations.store import claim_event, load_account

log = logging.getLogger(__name__)

MENU_FLOW = "menu"
MAX_TEXT_LENGTH = 1000
"""Longer texts are refused: no answer here needs more, and it guards the database."""
MAX_CHOICES_IN_ONE_MESSAGE = 10
"""WhatsApp's list message holds 10 rows; longer menus are shown in pages."""
CHOICES_PER_PAGE = 8
"""A page leaves room for the two page buttons within the 10 rows."""
_PREVIOUS_PAGE, _NEXT_PAGE = "<", ">"
_STALE_PRESS = "\x00stale"
"""What `_resolve_choice` returns for a button of an old question (no choice id has a NUL)."""
ACTION_PREFIX = "@"
"""Choice ids on proactive messages start with this; see `conversations.flow.Action`."""

GLOBAL_WORDS = {
    "start": "start",
    "mulai": "start",
    "menu": "menu",
    "batal": "cancel",
    "cancel": "cancel",
    "bantuan": "help",
    "help": "help",
    "bahasa": "language",
    "language": "language",
}
"""Commands (`/batal`) and typed words (`batal`) that work from any step."""

FLOW_COMMANDS = {
    "daftar": "registration",
    "profil": "profile",
    "peran": "staff_roles",
    "jadwal": "sessions",
    "jadwalsaya": "my_bookings",
    "sesi": "session_admin",
}
"""Commands that open a flow directly."""


class ConversationEngine:
    """Runs flows for every channel on one database."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        flows: Mapping[str, Flow],
        areas: AreaDirectory,
        clock: Clock,
        actions: Mapping[str, Action] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.flows = flows
        self.actions = actions or {}
        self.areas = areas
        self.clock = clock
        self._ordering = KeyedLocks()
        self._ttl = timedelta(hours=settings.conversation_ttl_hours)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one event exactly once and return what to send back."""
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
        turn = Turn(
            incoming=incoming,
            session=session,
            account=account,
            member=member,
            data=dict(account.data or {}),
            settings=self.settings,
            areas=self.areas,
            clock=self.clock,
        )
        idle = now - account.updated_at
        account.last_inbound_at = now
        contact_was_requested = bool(turn.data.get("_contact"))
        with use_language(account.language):
            await self._link_by_verified_phone(turn)
            await self._dispatch(turn, idle)
        account.data = turn.data
        account.updated_at = now
        replies = [dataclasses.replace(reply, language=account.language) for reply in turn.replies]
        if contact_was_requested and not turn.data.get("_contact"):
            return _mark_contact_request_ended(replies)
        return replies

    async def _link_by_verified_phone(self, turn: Turn) -> None:
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

    async def _dispatch(self, turn: Turn, idle: timedelta) -> None:
        account = turn.account
        command = _command_of(turn.incoming)
        if command is not None:
            await self._run_command(turn, command)
            return
        if (turn.incoming.choice or "").startswith(ACTION_PREFIX):
            await self._run_action(turn, turn.incoming.choice or "")
            return
        flow = self.flows.get(account.flow or "")
        step = flow.step(account.step or "") if flow else None
        if flow is None or step is None:
            await self._greet(turn)
            return
        if flow.name != MENU_FLOW and idle > self._ttl:
            turn.say(_("Percakapan tadi sudah terlalu lama, jadi kita mulai lagi dari menu."))
            await self._enter(turn, MENU_FLOW)
            return
        unusable = self._unusable_input(turn)
        if unusable is not None:
            await self._apply(turn, Retry(unusable))
            return
        resolved = self._resolve_choice(turn)
        if resolved == _STALE_PRESS:
            turn.say(_("Tombol itu dari pesan lama. Ini pertanyaan yang sekarang:"))
            await self._ask(turn)
            return
        if resolved in (_PREVIOUS_PAGE, _NEXT_PAGE):
            turn.data["_page"] = int(turn.data.get("_page", 0)) + (1 if resolved == ">" else -1)
            await self._ask(turn, keep_page=True)
            return
        turn.incoming = dataclasses.replace(turn.incoming, choice=resolved)
        await self._apply(turn, await step.answer(turn))

    async def _run_command(self, turn: Turn, command: str) -> None:
        if command in ("start", "menu"):
            await self._greet(turn)
        elif command == "cancel":
            if turn.account.flow not in (None, MENU_FLOW):
                turn.say(_("Oke, dibatalkan."))
            await self._enter(turn, MENU_FLOW)
        elif command == "help":
            turn.say(help_texts.help_for(turn.account.flow))
            await self._ask_current_or_menu(turn)
        elif command == "language":
            await self._enter(turn, "language", data={"resume": _resume_point(turn)})
        else:
            await self._enter(turn, FLOW_COMMANDS[command])

    async def _run_action(self, turn: Turn, choice: str) -> None:
        name, _sep, argument = choice.removeprefix(ACTION_PREFIX).partition(":")
        action = self.actions.get(name)
        if action is None:
            turn.say(_("Tombol itu dari pesan lama. Ini pertanyaan yang sekarang:"))
            await self._ask_current_or_menu(turn)
            return
        await self._apply(turn, await action(turn, argument))

    async def _greet(self, turn: Turn) -> None:
        if turn.member is None:
            turn.say(help_texts.welcome())
        await self._enter(turn, MENU_FLOW)

    async def _apply(self, turn: Turn, outcome: Outcome) -> None:
        if isinstance(outcome, Goto):
            turn.account.step = outcome.step
            await self._ask(turn)
        elif isinstance(outcome, Retry):
            turn.say(outcome.reason)
            await self._ask(turn, keep_page=True)
        elif isinstance(outcome, StartFlow):
            await self._enter(turn, outcome.flow, outcome.step, outcome.data)
        elif outcome.show_menu:
            await self._enter(turn, MENU_FLOW)
        else:
            turn.account.flow = turn.account.step = None
            turn.data = {}

    async def _enter(
        self,
        turn: Turn,
        flow_name: str,
        step: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        flow = self.flows[flow_name]
        refusal = await _refusal(flow, turn, from_start=step is None)
        if refusal is not None:
            turn.say(refusal)
            await self._ask_current_or_menu(turn)
            return
        turn.account.flow = flow.name
        turn.account.step = step or flow.first_step
        turn.data = dict(data or {})
        await self._ask(turn)

    async def _ask_current_or_menu(self, turn: Turn) -> None:
        flow = self.flows.get(turn.account.flow or "")
        if flow is not None and flow.step(turn.account.step or "") is not None:
            await self._ask(turn, keep_page=True)
        else:
            await self._enter(turn, MENU_FLOW)

    async def _ask(self, turn: Turn, *, keep_page: bool = False) -> None:
        """Ask the current step's question, in the member's (possibly new) language."""
        flow = self.flows[turn.account.flow or MENU_FLOW]
        step = flow.step(turn.account.step or "")
        assert step is not None
        with use_language(turn.account.language):
            prompt = await step.ask(turn)
            page = int(turn.data.get("_page", 0)) if keep_page else 0
            shown, page = _page_of(list(prompt.choices), page)
        turn.account.state_version += 1
        version = _base36(turn.account.state_version)
        turn.data["_page"] = page
        turn.data["_shown"] = [choice.id for choice in shown]
        turn.data["_labels"] = {choice.id: choice.label for choice in prompt.choices}
        turn.data["_contact"] = prompt.request_contact
        with use_language(turn.account.language):
            contact_button = _("📱 Kirim nomor saya") if prompt.request_contact else None
        turn.replies.append(
            Reply(
                text=prompt.text,
                choices=tuple(Choice(f"{version}:{c.id}", c.label) for c in shown),
                contact_button=contact_button,
            )
        )

    def _resolve_choice(self, turn: Turn) -> str | None:
        """The current choice id the event means, `_STALE_PRESS`, or None for free input.

        A button carries `<state version>:<id>`; a typed number or label is matched
        against the choices of the current question.
        """
        incoming = turn.incoming
        shown: list[str] = turn.data.get("_shown", [])
        labels: dict[str, str] = turn.data.get("_labels", {})
        if incoming.choice is not None:
            version, _sep, choice_id = incoming.choice.partition(":")
            current = _base36(turn.account.state_version)
            if version != current or choice_id not in shown:
                return _STALE_PRESS
            return choice_id
        typed = (incoming.text or "").strip()
        if typed.isdigit() and 1 <= int(typed) <= len(shown):
            return shown[int(typed) - 1]
        folded = typed.casefold()
        for choice_id, label in labels.items():
            if folded and folded == label.casefold():
                return choice_id
        return None

    def _unusable_input(self, turn: Turn) -> str | None:
        """Why this event cannot answer any question, or None if it might."""
        incoming = turn.incoming
        if incoming.unsupported is not None and incoming.unsupported.endswith("_unavailable"):
            return _("Maaf, file tadi tidak bisa kami ambil. Coba kirim sekali lagi, ya.")
        if incoming.unsupported is not None:
            return _("Maaf, stiker, pesan suara dan video belum bisa kami baca. Ketik saja ya.")
        if incoming.text is not None and len(incoming.text) > MAX_TEXT_LENGTH:
            return _("Pesannya terlalu panjang. Tolong tulis lebih singkat, ya.")
        has_content = (
            (incoming.text or "").strip()
            or incoming.choice
            or incoming.photo
            or incoming.contact
            or incoming.location
        )
        if not has_content:
            return _("Pesannya kosong. Coba ketik lagi, ya.")
        return None

    async def _apologise(self, incoming: Incoming) -> list[Reply]:
        error_id = uuid.uuid4().hex[:8]
        log.exception(
            "conversation step failed",
            extra={"error_id": error_id, "channel": incoming.channel},
        )
        try:
            async with self.db.transaction() as session:
                await claim_event(session, incoming.channel, incoming.event_id, self.clock.now())
        except Exception:
            log.exception("could not record failed event", extra={"error_id": error_id})
        language = guess_language(incoming.language_hint, self.settings.default_language)
        with use_language(language):
            text = _(
                "Maaf, ada gangguan di sistem kami (kode {code}). Coba lagi sebentar lagi, ya."
            ).format(code=error_id)
        return [Reply(text=text)]


async def _active_member(session: AsyncSession, account: ChannelAccount) -> Member | None:
    if account.member_id is None:
        return None
    member = await session.get(Member, account.member_id)
    if member is None or member.deleted_at is not None:
        return None
    return member


def _command_of(incoming: Incoming) -> str | None:
    """The global command an event asks for: `/batal`, or `batal` typed alone."""
    if incoming.command is not None:
        word = incoming.command.lower()
        if word in GLOBAL_WORDS:
            return GLOBAL_WORDS[word]
        return word if word in FLOW_COMMANDS else "menu"
    typed = (incoming.text or "").strip().lower()
    if typed in FLOW_COMMANDS:
        return typed
    return GLOBAL_WORDS.get(typed)


async def _refusal(flow: Flow, turn: Turn, *, from_start: bool) -> str | None:
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


def _resume_point(turn: Turn) -> dict[str, Any]:
    """Where to return after a detour (changing language)."""
    data = {key: value for key, value in turn.data.items() if not key.startswith("_")}
    return {"flow": turn.account.flow, "step": turn.account.step, "data": data}


def _mark_contact_request_ended(replies: list[Reply]) -> list[Reply]:
    """Flag the first reply so channels can take the share-number button away."""
    if not replies:
        return replies
    return [dataclasses.replace(replies[0], ends_contact_request=True), *replies[1:]]


def _page_of(choices: list[Choice], page: int) -> tuple[list[Choice], int]:
    if len(choices) <= MAX_CHOICES_IN_ONE_MESSAGE:
        return choices, 0
    last_page = (len(choices) - 1) // CHOICES_PER_PAGE
    page = max(0, min(page, last_page))
    shown = choices[page * CHOICES_PER_PAGE : (page + 1) * CHOICES_PER_PAGE]
    if page > 0:
        shown.append(Choice(_PREVIOUS_PAGE, _("‹ Sebelumnya")))
    if page < last_page:
        shown.append(Choice(_NEXT_PAGE, _("Berikutnya ›")))
    return shown, page


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if number == 0:
            return text

"""The conversation engine: one incoming event in, the replies out.

For every event, in one database transaction: skip it if its platform id was
seen before, load (and lock) the chat's state, apply global commands (start,
menu, cancel, help, language) and typed replies to the last proactive message,
otherwise check again that this person may be in the current flow and hand the
event (a press, or a typed answer read against the choices on screen) to its
current step, then save the new state; product photos the state held before and
no longer does (a listing cancelled or replaced) are queued for removal. A photo's
caption is never a command, a choice or a typed reply: it is the step's to read (a
product's name and price). Events of one member run in arrival order; different
members run concurrently.
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
from bot.messages import ChannelLimits, Incoming, Reply
from bot.models import ChannelAccount
from bot.phones import parse_indonesian_mobile
from bot.photo_store import DirectoryPhotoStore, PhotoStore
from bot.services import catalog, members
from bot.services.reachability import note_reachability
from bot.typed_text import fold
from conversations import drafts, free_questions, inputs, proactive
from conversations.access import active_member, refusal_to_enter
from conversations.answer_book import AnswerBook
from conversations.asker import ACTION_PREFIX, MENU_FLOW, Asker, plain_label
from conversations.commands import COMMANDS, Command, GlobalAction, command_for
from conversations.flow import Action, Flow, Retry, Turn
from conversations.ordering import KeyedLocks
from conversations.prompt_state import NEXT_PAGE, PREVIOUS_PAGE, PromptState, resolve_choice
from conversations.store import claim_event, load_account

log = logging.getLogger(__name__)

DEFAULT_LIMITS = ChannelLimits(choices_per_message=10, choices_per_page=8, label_length=24)
"""For a channel that declared nothing: the tightest of the real ones (WhatsApp's list)."""
BACK_WORDS = frozenset({"kembali", "kembali ke sebelumnya", "balik", "back", "go back"})
"""Typed alone where no choice says so, these go back one level."""


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
        photos: PhotoStore | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.flows = flows
        self.actions = actions or {}
        self.areas = areas
        self.clock = clock
        self.limits = dict(limits or {})
        self.photos = photos or DirectoryPhotoStore(settings.effective_photo_dir)
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
        held_photos = catalog.draft_photo_keys(account.data, account.drafts)
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
            photos=self.photos,
        )
        asker = Asker(self, turn, PromptState.load(account.prompt))
        idle = now - account.updated_at
        account.last_inbound_at = now
        account.unreachable_at = None  # whoever writes to us can be written to
        if idle > self._ttl:
            drafts.forget_all(account)  # a draft lives as long as the conversation
        with use_language(account.language):
            await self._link_by_verified_phone(turn)
            await self._dispatch(asker, idle)
        if not _erased(session, account):
            account.data = dict(turn.data)
            account.prompt = asker.prompt.dump()
            account.updated_at = now
            # A listing being written holds its photos in chat state; dropped, they go.
            await catalog.let_go_of_draft_photos(
                session, held_photos, account.data, account.drafts, now=now
            )
        replies = [dataclasses.replace(reply, language=account.language) for reply in turn.replies]
        if asker.contact_request_ended:
            return _mark_contact_request_ended(replies)
        return replies

    async def refusal(self, flow: Flow[Any], turn: Turn[Any], *, from_start: bool) -> str | None:
        """Why this person may not enter `flow`, politely, or None if they may."""
        return await refusal_to_enter(flow, turn, from_start=from_start)

    async def _link_by_verified_phone(self, turn: Turn[Any]) -> None:
        """Recognise a member who registered on another channel by their verified number.

        Only a number that one member holds: a phone a household shares is never
        linked to one of them silently (registration asks who this is).
        """
        if turn.member is not None or turn.incoming.sender_phone is None:
            return
        phone = parse_indonesian_mobile(turn.incoming.sender_phone)
        if phone is None:
            return
        holders = await members.members_by_phone(turn.session, phone)
        if len(holders) != 1:
            return
        [member] = holders
        turn.account.member_id = member.id
        turn.member = member
        turn.account.language = member.language
        log.info("chat linked to an existing member", extra={"channel": turn.account.channel})

    async def _dispatch(self, asker: Asker, idle: timedelta) -> None:
        """Do what the event asks, through `asker`, which notes the question left open.

        In order: a command; a proactive message's button; a typed reply to the
        proactive message just received (when no form is open); a typed command;
        then the open question, with "kembali" going back one level.
        """
        turn = asker.turn
        account = turn.account
        if turn.incoming.edit_of is not None:
            await self._answer_edit(asker)
            return
        if turn.incoming.command is not None:
            await asker.run_command(_command_of(turn.incoming))
            return
        if (turn.incoming.choice or "").startswith(ACTION_PREFIX):
            await asker.run_action(turn.incoming.choice or "")
            return
        flow = self.flows.get(account.flow or "")
        step = flow.step(account.step or "") if flow else None
        in_form = flow is not None and step is not None and flow.name != MENU_FLOW
        expired = in_form and idle > self._ttl
        if expired:
            turn.say(_("Percakapan tadi sudah terlalu lama, jadi kita mulai lagi dari menu."))
            in_form = False
        # A photo's caption describes the photo: it is no command and no typed reply.
        captioned = turn.incoming.photo is not None
        action = None if in_form or captioned else proactive.typed_action(account, turn.incoming)
        if action is not None:
            await asker.run_action(action)
            return
        command = None if captioned else command_for(turn.incoming.text or "")
        if command is not None:
            await asker.run_command(command)
            return
        if expired:
            await asker.enter(MENU_FLOW)
            return
        unusable = inputs.unusable_input(turn.incoming)
        if (
            (flow is None or step is None)
            and unusable is None
            and (turn.text or turn.incoming.photo)
        ):
            # A first message (or one after the flow was finished) may be a question, or a
            # product photo: the menu reads it as it reads anything sent there.
            flow = self.flows[MENU_FLOW]
            account.flow, account.step = flow.name, flow.first_step
            step = flow.step(flow.first_step)
        if flow is None or step is None:
            if unusable is not None:
                turn.say(unusable)
            await asker.greet()
            return
        # Rights are read afresh on every event: a role revoked or an admin removed
        # mid-flow ends the flow here, not only at its start.
        refusal = await refusal_to_enter(flow, turn, from_start=False)
        if refusal is not None:
            turn.say(refusal)
            await asker.enter(MENU_FLOW)
            return
        if unusable is not None:
            turn.say(unusable)
            await asker.ask(keep_page=True)
            return
        resolved = resolve_choice(turn.incoming, asker.prompt, turn.account.state_version)
        if resolved.stale:
            turn.say(_("Tombol itu dari pesan lama. Ini pertanyaan yang sekarang:"))
            await asker.ask(keep_page=True)
            return
        if resolved.choice in (PREVIOUS_PAGE, NEXT_PAGE):
            asker.turn_page(1 if resolved.choice == NEXT_PAGE else -1)
            await asker.ask(keep_page=True)
            return
        typed = resolved.choice is None and not captioned
        if typed and fold(turn.text) in BACK_WORDS:
            await asker.back()
            return
        if typed and asker.prompt.options:
            action = proactive.typed_action(account, turn.incoming)
            if action is not None:
                await asker.run_action(action)
                return
        turn.incoming = dataclasses.replace(turn.incoming, choice=resolved.choice)
        said = len(turn.replies)
        outcome = await step.answer(turn)
        staff_flow = flow.admins_only or bool(flow.staff_roles)  # staff type answers, not questions
        if isinstance(outcome, Retry) and resolved.choice is None and not staff_flow:
            outcome = await free_questions.answer_in_step(turn, outcome)
        if resolved.understood and not isinstance(outcome, Retry):
            understood = _("{choice}, ya.").format(choice=plain_label(resolved.understood))
            turn.replies.insert(said, Reply(understood))
        await asker.apply(outcome, near=resolved.near)

    async def _answer_edit(self, asker: Asker) -> None:
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


def _erased(session: AsyncSession, account: ChannelAccount) -> bool:
    """Whether this turn deleted the chat's account (its member asked to be forgotten)."""
    state = inspect(account)
    return account in session.deleted or state.deleted or state.was_deleted


def _command_of(incoming: Incoming) -> Command:
    """The command a `/word` asks for; an unknown one means the menu (what a slash is after)."""
    command = command_for(incoming.command or "") or command_for(GlobalAction.MENU)
    assert command is not None
    return command


def _mark_contact_request_ended(replies: list[Reply]) -> list[Reply]:
    """Flag the first reply so channels can take the share-number button away."""
    if not replies:
        return replies
    return [dataclasses.replace(replies[0], ends_contact_request=True), *replies[1:]]

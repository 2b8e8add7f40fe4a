"""Every payload the platforms send has an answer or a reason: the corpus, as one table.

`tests/fixtures/whatsapp/` and `tests/fixtures/telegram/` hold one delivery per kind, in
the shapes Meta and Telegram document. Each row says what a member at the main menu
notices when it arrives: an answer (and what it says), nothing at all (and why), or
nothing but a recorded status (a delivery report, a blocked bot). Every fixture file
must have a row, so a new kind cannot be added without saying what it gets.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select
from telegram import Update

from bot.db import Database
from bot.inbox import DatabaseInbox
from bot.models import ChannelAccount
from handlers.telegram import TelegramChannel, incoming_from_update
from handlers.telegram_updates import ChatReachability, Ignored
from handlers.whatsapp import (
    SIGNATURE_HEADER,
    WEBHOOK_PATH,
    DeliveryStatus,
    WhatsAppChannel,
    parse_delivery,
)
from handlers.whatsapp.graph import GraphClient
from tests.fakes import telegram_updates
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import PHONE_NUMBER_ID, FakeGraphAPI, address_of, readable
from tests.fakes.graph_api import fake_graph as fake_graph
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import channel_on_fake
from tests.transcript import make_engine
from tests.whatsapp_webhook import webhook_client

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
APP_SECRET = "corpus-app-secret"
SITI_WA = "6281234567890"
SITI_TG = 5550001
NOT_PAYLOADS = {"telegram-bot-api.json"}
"""The Bot API spec lives beside the Telegram payloads."""

MENU = "Menu utama"
"""What the menu says when something that is not a choice arrives: itself, again."""
CANNOT_READ = "belum bisa kami baca"
STALE = "Tombol itu dari pesan lama"
EDIT = "Pesan yang diubah tidak kami baca"
WELCOME = "Ini layanan OK OCE"
HELP = "Perintah yang selalu bisa dipakai"
PHOTO_AT_MENU = "Fotonya rusak"
"""A photo at the menu starts a listing; the corpus's bytes are no whole JPEG, so each
photo (each of an album too) is asked for again."""


@dataclass(frozen=True)
class Answered:
    """The member reads a reply containing `says` (sent to `to`, default the member)."""

    says: str
    to: str | None = None


@dataclass(frozen=True)
class Quiet:
    """Nothing is sent; the adapter gives `reason` for passing it by."""

    reason: str


@dataclass(frozen=True)
class Refused:
    """Nothing is sent: the item does not say who sent it (logged as malformed)."""


@dataclass(frozen=True)
class Status:
    """Nothing is sent; a delivery report is recorded."""

    status: str
    error_code: int | None = None
    recipient: str = SITI_WA


@dataclass(frozen=True)
class Reachable:
    """Nothing is sent; the chat is marked reachable (or not) for proactive messages."""

    reachable: bool


Outcome = Answered | Quiet | Refused | Status | Reachable

WHATSAPP: dict[str, Outcome] = {
    "text_message": Answered(WELCOME),
    "text_command": Answered(HELP),
    "text_forwarded": Answered(WELCOME),
    "text_from_username": Answered(WELCOME, to="ID.9877012398470125"),
    "text_from_username_empty_from": Answered(WELCOME, to="ID.5550001112223334"),
    "text_from_a_number_not_a_string": Refused(),
    "text_sender_id_too_long": Refused(),
    "text_long_message_id": Answered(WELCOME),
    "interactive_button_reply": Answered(STALE),
    "interactive_list_reply": Answered(STALE),
    "interactive_without_object": Answered("pilihan tadi tidak sampai"),
    "interactive_flow_reply": Answered(CANNOT_READ),
    "button_template_reply": Answered("Menu utama"),
    "image": Answered("file tadi tidak bisa kami ambil"),
    "sticker": Answered(CANNOT_READ),
    "audio_voice_note": Answered(CANNOT_READ),
    "video": Answered(CANNOT_READ),
    "document": Answered(CANNOT_READ),
    "location": Answered(MENU),
    "contacts": Answered(MENU),
    "order": Answered(CANNOT_READ),
    "unsupported": Answered(CANNOT_READ),
    "unknown": Answered(CANNOT_READ),
    "edit": Answered(EDIT),
    "edit_caption": Answered(EDIT),
    "request_welcome": Answered("Menu utama"),
    "reaction": Quiet("a reaction"),
    "reaction_removed": Quiet("a reaction"),
    "revoke": Quiet("deleted"),
    "system_user_changed_number": Quiet("system notice"),
    "system_user_changed_user_id": Quiet("system notice"),
    "status_sent": Status("sent"),
    "status_delivered": Status("delivered"),
    "status_read": Status("read"),
    "status_failed": Status("failed", 131047),
    "status_failed_undeliverable": Status("failed", 131026),
    "status_to_username": Status("delivered", recipient="ID.9877012398470125"),
}

TELEGRAM: dict[str, Outcome] = {
    "text": Answered(WELCOME),
    "command": Answered(HELP),
    "command_with_bot_name": Answered("Menu utama"),
    "text_forwarded": Answered(WELCOME),
    "contact_own": Answered(MENU),
    "contact_of_someone_else": Answered(MENU),
    "location": Answered(MENU),
    "venue": Answered(MENU),
    "photo": Answered(PHOTO_AT_MENU),
    "media_group": Answered(PHOTO_AT_MENU),
    "sticker": Answered(CANNOT_READ),
    "voice": Answered(CANNOT_READ),
    "video": Answered(CANNOT_READ),
    "video_note": Answered(CANNOT_READ),
    "audio": Answered(CANNOT_READ),
    "animation": Answered(CANNOT_READ),
    "document": Answered(CANNOT_READ),
    "poll": Answered(CANNOT_READ),
    "dice": Answered(CANNOT_READ),
    "story": Answered(CANNOT_READ),
    "edited_message": Answered(EDIT),
    "callback_query": Answered(STALE),
    "callback_query_without_message": Answered(STALE),
    "callback_query_inaccessible_message": Answered(STALE),
    "edited_live_location": Quiet("live location"),
    "service_auto_delete_timer": Quiet("service message"),
    "service_pinned_message": Quiet("service message"),
    "service_write_access_allowed": Quiet("service message"),
    "group_message": Quiet("not a private chat"),
    "callback_query_in_a_group": Quiet("not private"),
    "my_chat_member_added_to_group": Quiet("not private"),
    "from_a_bot": Quiet("sent by a bot"),
    "channel_post": Quiet("no person"),
    "message_reaction": Quiet("message_reaction updates are not used"),
    "inline_query": Quiet("inline_query updates are not used"),
    "poll_answer": Quiet("poll_answer updates are not used"),
    "my_chat_member_blocked": Reachable(False),
    "my_chat_member_unblocked": Reachable(True),
}


def load(platform: str, name: str) -> Any:
    return json.loads((FIXTURES / platform / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("platform", ["whatsapp", "telegram"])
def test_every_fixture_has_a_row(platform: str) -> None:
    files = {p.stem for p in (FIXTURES / platform).glob("*.json") if p.name not in NOT_PAYLOADS}
    table = WHATSAPP if platform == "whatsapp" else TELEGRAM
    assert files == set(table), "each payload fixture needs its expected outcome, and back"


# --- WhatsApp: signed deliveries through the webhook ------------------------------------------


@dataclass
class WhatsAppHarness:
    client: TestClient[web.Request, web.Application]
    channel: WhatsAppChannel
    api: FakeGraphAPI
    statuses: list[DeliveryStatus]

    async def post(self, payload: Any) -> None:
        raw = json.dumps(payload, separators=(",", ":")).encode()
        headers = {SIGNATURE_HEADER: payloads.sign(APP_SECRET, raw)}
        response = await self.client.post(WEBHOOK_PATH, data=raw, headers=headers)
        assert response.status == 200
        await self.channel.drain()


@pytest.fixture
async def whatsapp(
    sqlite_database: Database, fake_graph: FakeGraphAPI
) -> AsyncIterator[WhatsAppHarness]:
    statuses: list[DeliveryStatus] = []

    async def record(status: DeliveryStatus) -> None:
        statuses.append(status)

    engine = make_engine(sqlite_database)
    async with GraphClient(
        fake_graph.api_url, PHONE_NUMBER_ID, fake_graph.token, backoff_base=0.01
    ) as client:
        channel = WhatsAppChannel(
            engine,
            client,
            app_secret=APP_SECRET,
            verify_token="corpus",
            inbox=DatabaseInbox(sqlite_database, engine.clock, "whatsapp"),
            on_status=record,
        )
        async with webhook_client(channel) as http:
            yield WhatsAppHarness(http, channel, fake_graph, statuses)


async def check_whatsapp(harness: WhatsAppHarness, name: str, expected: Outcome) -> None:
    await harness.post(payloads.text_message(SITI_WA, "halo"))  # the member is at the menu
    before = len(harness.api.sent)
    fixture = load("whatsapp", name)
    await harness.post(fixture)
    sent = harness.api.sent[before:]
    parsed = parse_delivery(fixture, phone_number_id=PHONE_NUMBER_ID)
    if isinstance(expected, Answered):
        to = expected.to or SITI_WA
        answer = "\n".join(readable(m) for m in sent if address_of(m) == to)
        assert expected.says in answer, [readable(m) for m in sent]
    else:
        assert sent == [], [readable(m) for m in sent]
    if isinstance(expected, Quiet):
        assert [i for i in parsed.ignored if expected.reason in i.reason], parsed.ignored
    if isinstance(expected, Refused):
        assert (parsed.messages, parsed.ignored, parsed.statuses) == ((), (), ())
    if isinstance(expected, Status):
        assert [(s.status, s.error_code, s.recipient) for s in harness.statuses] == [
            (expected.status, expected.error_code, expected.recipient)
        ]


# --- Telegram: updates through python-telegram-bot --------------------------------------------


@dataclass
class TelegramHarness:
    channel: TelegramChannel
    api: FakeTelegramAPI
    db: Database

    async def deliver(self, update: dict[str, Any]) -> None:
        parsed = Update.de_json(update, self.channel.application.bot)
        await self.channel.application.process_update(parsed)

    async def unreachable(self) -> bool | None:
        async with self.db.transaction() as session:
            account = (
                await session.scalars(
                    select(ChannelAccount).where(ChannelAccount.external_id == str(SITI_TG))
                )
            ).one_or_none()
        return None if account is None else account.unreachable_at is not None


@pytest.fixture
async def telegram(
    sqlite_database: Database, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramHarness]:
    channel = channel_on_fake(make_engine(sqlite_database), fake_telegram)
    await channel.application.initialize()
    yield TelegramHarness(channel, fake_telegram, sqlite_database)
    await channel.application.shutdown()


async def check_telegram(harness: TelegramHarness, name: str, expected: Outcome) -> None:
    await harness.deliver(telegram_updates.text_message(1, SITI_TG, "/start"))
    if expected == Reachable(True):
        await harness.deliver(load("telegram", "my_chat_member_blocked"))
        assert await harness.unreachable()
    fixture = load("telegram", name)
    updates: list[dict[str, Any]] = fixture if isinstance(fixture, list) else [fixture]
    for update in updates:
        for size in (update.get("message") or {}).get("photo", [])[-1:]:
            harness.api.store_file(size["file_id"], b"\xff\xd8\xff\xe0 a photo")
    before = len(harness.api.messages_to(SITI_TG))
    for update in updates:
        await harness.deliver(update)
    texts = [str(r.params.get("text", "")) for r in harness.api.messages_to(SITI_TG)[before:]]
    if isinstance(expected, Answered):
        assert sum(expected.says in text for text in texts) == len(updates), texts
    else:
        assert texts == []
    if isinstance(expected, Quiet):
        outcome = await incoming_from_update(
            Update.de_json(updates[0], harness.channel.application.bot)
        )
        assert isinstance(outcome, Ignored) and expected.reason in outcome.reason, outcome
    if isinstance(expected, Reachable):
        outcome = await incoming_from_update(
            Update.de_json(updates[0], harness.channel.application.bot)
        )
        assert outcome == ChatReachability(str(SITI_TG), expected.reachable)
        assert await harness.unreachable() is (not expected.reachable)


@pytest.mark.parametrize(("name", "expected"), WHATSAPP.items(), ids=list(WHATSAPP))
async def test_whatsapp_payload_gets_its_answer_or_its_reason(
    whatsapp: WhatsAppHarness, name: str, expected: Outcome
) -> None:
    await check_whatsapp(whatsapp, name, expected)


@pytest.mark.parametrize(("name", "expected"), TELEGRAM.items(), ids=list(TELEGRAM))
async def test_telegram_payload_gets_its_answer_or_its_reason(
    telegram: TelegramHarness, name: str, expected: Outcome
) -> None:
    await check_telegram(telegram, name, expected)


async def test_a_second_whatsapp_edit_of_one_message_is_not_answered_again(
    whatsapp: WhatsAppHarness,
) -> None:
    await whatsapp.post(payloads.text_message(SITI_WA, "halo"))
    first, again = load("whatsapp", "edit"), load("whatsapp", "edit")
    again["entry"][0]["changes"][0]["value"]["messages"][0]["id"] += "-second-edit"
    before = len(whatsapp.api.sent)
    await whatsapp.post(first)
    await whatsapp.post(again)
    answers = [readable(m) for m in whatsapp.api.sent[before:]]
    assert sum(EDIT in answer for answer in answers) == 1, answers


async def test_a_second_telegram_edit_of_one_message_is_not_answered_again(
    telegram: TelegramHarness,
) -> None:
    await telegram.deliver(telegram_updates.text_message(1, SITI_TG, "/start"))
    first, again = load("telegram", "edited_message"), load("telegram", "edited_message")
    again["update_id"] += 1000
    again["edited_message"]["edit_date"] += 30
    before = len(telegram.api.messages_to(SITI_TG))
    await telegram.deliver(first)
    await telegram.deliver(again)
    texts = [str(r.params.get("text", "")) for r in telegram.api.messages_to(SITI_TG)[before:]]
    assert sum(EDIT in text for text in texts) == 1, texts

"""A person on Telegram: their updates go through the real python-telegram-bot stack."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update

from conversations.engine import ConversationEngine
from handlers.telegram import TelegramChannel
from tests.fakes import telegram_updates as updates
from tests.fakes.telegram_api import FakeTelegramAPI, RecordedRequest
from tests.fakes.telegram_http import serve_bot_api

_update_ids = itertools.count(10_000)

TEST_TOKEN = "123456:TEST"


@asynccontextmanager
async def channel_over_http(
    engine: ConversationEngine, api: FakeTelegramAPI, token: str = TEST_TOKEN
) -> AsyncIterator[TelegramChannel]:
    """Our channel, initialised as `okoce-bot run` does, on `api` served over HTTP on
    127.0.0.1: python-telegram-bot's own HTTP client, file downloads included."""
    async with serve_bot_api(api, token) as served:
        channel = TelegramChannel(
            engine, token, api_url=served.base_url, file_url=served.base_file_url
        )
        await channel.application.initialize()
        try:
            yield channel
        finally:
            await channel.application.shutdown()


def channel_on_fake(engine: ConversationEngine, api: FakeTelegramAPI) -> TelegramChannel:
    """Our Telegram channel with every Bot API call (and file download) going to `api`.

    The URLs point at a closed port, so anything that slipped past the fake would fail.
    """
    return TelegramChannel(
        engine,
        TEST_TOKEN,
        api_url="http://127.0.0.1:9/bot",
        file_url="http://127.0.0.1:9/file/bot",
        request=api,
        get_updates_request=api,
    )


class TelegramPerson:
    """Sends updates as Telegram would and reads what the bot sent back to their chat."""

    def __init__(
        self, channel: TelegramChannel, api: FakeTelegramAPI, user_id: int, language: str = "id"
    ) -> None:
        self.channel = channel
        self.api = api
        self.user_id = user_id
        self.language = language
        self.last: list[RecordedRequest] = []

    async def deliver(self, update: dict[str, Any]) -> list[RecordedRequest]:
        """Feed one update through PTB's dispatch and collect this chat's new messages."""
        before = len(self.api.messages_to(self.user_id))
        parsed = Update.de_json(update, self.channel.application.bot)
        await self.channel.application.process_update(parsed)
        self.last = self.api.messages_to(self.user_id)[before:]
        return self.last

    async def says(self, text: str) -> list[RecordedRequest]:
        return await self.deliver(
            updates.text_message(next(_update_ids), self.user_id, text, language_code=self.language)
        )

    async def shares_contact(
        self, phone: str, *, of_user: int | None = None
    ) -> list[RecordedRequest]:
        owner = self.user_id if of_user is None else of_user
        return await self.deliver(
            updates.contact_message(next(_update_ids), self.user_id, phone, contact_user_id=owner)
        )

    async def presses(self, label: str) -> list[RecordedRequest]:
        """Press the button labelled `label` on the newest keyboard in the chat."""
        message = self.api.last_keyboard_message(self.user_id)
        assert message is not None, "no keyboard to press"
        buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
        matching = [b for b in buttons if label.casefold() in b["text"].casefold()]
        assert matching, f"no button {label!r} in {[b['text'] for b in buttons]}"
        return await self.deliver(
            updates.callback_press(
                next(_update_ids),
                self.user_id,
                matching[0]["callback_data"],
                message_id=message["message_id"],
                message_text=message.get("text", "…"),
                reply_markup=message["reply_markup"],
            )
        )

    @property
    def text(self) -> str:
        return "\n".join(str(r.params.get("text", "")) for r in self.last)

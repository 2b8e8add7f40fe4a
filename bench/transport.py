"""A lean in-process Bot API for benchmarks: answers at once, remembers keyboards.

Tests use the validating fake in `tests/fakes`; a benchmark must not pay for
validation, or it would measure the checker instead of the bot.
"""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 424242, "is_bot": True, "first_name": "OK OCE", "username": "okoce_bench_bot"}


class InstantBotAPI(BaseRequest):
    """Answers every Bot API call immediately with a plausible result."""

    def __init__(self) -> None:
        self._message_ids = itertools.count(1)
        self.keyboards: dict[int, list[tuple[str, str]]] = {}
        self.calls = 0

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        self.calls += 1
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data is not None else {}
        result: Any = True
        if api_method == "getMe":
            result = BOT_USER
        elif api_method.startswith("send"):
            chat_id = int(str(params["chat_id"]))
            markup = params.get("reply_markup")
            if isinstance(markup, str):
                markup = json.loads(markup)
            if isinstance(markup, dict) and "inline_keyboard" in markup:
                self.keyboards[chat_id] = [
                    (button["text"], button["callback_data"])
                    for row in markup["inline_keyboard"]
                    for button in row
                ]
            result = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": params.get("text", ""),
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def button(self, chat_id: int, label: str) -> str:
        """The callback data of the last keyboard's button whose label contains `label`."""
        for text, data in self.keyboards.get(chat_id, []):
            if label.casefold() in text.casefold():
                return data
        raise LookupError(f"no button {label!r} for chat {chat_id}")

"""A person on WhatsApp: their messages go through the signed webhook, answers come from the fake."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient

from handlers.whatsapp import SIGNATURE_HEADER, WEBHOOK_PATH, WhatsAppChannel
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import FakeGraphAPI, readable
from tests.test_whatsapp.conftest import APP_SECRET


class WhatsAppPerson:
    """Sends deliveries as Meta would and reads what the bot sent to their number."""

    def __init__(
        self,
        webhook: TestClient[web.Request, web.Application],
        channel: WhatsAppChannel,
        api: FakeGraphAPI,
        wa_id: str,
    ) -> None:
        self.webhook = webhook
        self.channel = channel
        self.api = api
        self.wa_id = wa_id
        self.last: list[dict[str, Any]] = []

    async def deliver(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """POST one signed delivery, wait until it is processed, and collect the answers."""
        before = len(self.api.messages_to(self.wa_id))
        raw = payloads.encode(payload)
        response = await self.webhook.post(
            WEBHOOK_PATH,
            data=raw,
            headers={
                SIGNATURE_HEADER: payloads.sign(APP_SECRET, raw),
                "Content-Type": "application/json",
            },
        )
        assert response.status == 200
        await self.channel.drain()
        self.last = self.api.messages_to(self.wa_id)[before:]
        return self.last

    async def says(self, text: str) -> list[dict[str, Any]]:
        return await self.deliver(payloads.text_message(self.wa_id, text))

    async def presses(self, label: str) -> list[dict[str, Any]]:
        """Press the button or pick the list row labelled `label` on the newest question."""
        question = next(
            (m for m in reversed(self.api.messages_to(self.wa_id)) if m["type"] == "interactive"),
            None,
        )
        assert question is not None, "no buttons or list to press"
        interactive = question["interactive"]
        if interactive["type"] == "button":
            options = [
                (b["reply"]["id"], b["reply"]["title"], "")
                for b in interactive["action"]["buttons"]
            ]
        else:
            rows = [r for s in interactive["action"]["sections"] for r in s["rows"]]
            options = [(r["id"], r["title"], r.get("description", "")) for r in rows]
        wanted = label.casefold()
        matching = [o for o in options if wanted in o[1].casefold() or wanted in o[2].casefold()]
        assert matching, f"no option {label!r} in {[o[1] for o in options]}"
        option_id, title, description = matching[0]
        if interactive["type"] == "button":
            return await self.deliver(payloads.button_reply(self.wa_id, option_id, title))
        return await self.deliver(
            payloads.list_reply(self.wa_id, option_id, title, description or None)
        )

    async def registers(self) -> None:
        """Register with the WhatsApp number, in a kelurahan of Tebet, as an idea-stage member."""
        await self.says("daftar")
        await self.presses("Setuju")
        await self.says("Siti Aminah")
        await self.presses("Pakai nomor ini")
        await self.says("tebet")
        await self.presses("Manggarai")
        await self.presses("Masih ide")
        await self.presses("Jasa")
        await self.presses("Simpan")
        assert "Nomor anggota" in self.text

    @property
    def text(self) -> str:
        """Everything the bot sent last, as the person reads it."""
        return "\n".join(readable(message) for message in self.last)

"""The WhatsApp channel on the Cloud API: the webhook routes, and replies through Graph.

A signed delivery is kept, acknowledged at once, and processed by the worker pool
(`handlers.delivery_workers`); one member's messages are fetched, handled and answered one at a time, in
arrival order. The channel does not own its `GraphClient`; whoever made it closes it.
"""

from __future__ import annotations

import hmac
import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web

from bot.delivery import Delivered, DeliveryOutcome, NoRoute, RetryLater, SendContext, Undeliverable
from bot.logs import log_unexpected
from bot.messages import Reply
from conversations.engine import ConversationEngine
from conversations.ordering import KeyedLocks
from handlers.delivery_workers import WORKERS, DeliveryWorkers, Inbox
from handlers.http_body import read_at_most
from handlers.whatsapp.graph import (
    Failed,
    GraphClient,
    GraphRequestFailed,
    OutsideWindow,
    Rejected,
    SendResult,
    Sent,
)
from handlers.whatsapp.limits import MAX_WEBHOOK_BODY
from handlers.whatsapp.rendering import payloads_for_reply
from handlers.whatsapp.signature import SIGNATURE_HEADER, verify_signature
from handlers.whatsapp.webhook_payload import (
    CHANNEL,
    DeliveryStatus,
    WhatsAppMessage,
    parse_delivery,
    resolve_media,
)
from handlers.whatsapp.window import WhatsAppTemplate, template_payload, within_window

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/whatsapp"

OnStatus = Callable[[DeliveryStatus], Awaitable[None]]
"""Receives every delivery status of a message the bot sent (the caller records it)."""


class WhatsAppChannel:
    """Runs the bot on WhatsApp: the webhook routes, and replies through the Graph API."""

    channel = CHANNEL

    def __init__(
        self,
        engine: ConversationEngine,
        client: GraphClient,
        *,
        app_secret: str,
        verify_token: str,
        inbox: Inbox,
        on_status: OnStatus | None = None,
        templates: Mapping[str, WhatsAppTemplate] | None = None,
        workers: int = WORKERS,
    ) -> None:
        self.engine = engine
        self.client = client
        self.templates = dict(templates or {})
        self._app_secret = app_secret
        self._verify_token = verify_token
        self._on_status = on_status
        self._ordering = KeyedLocks()
        self._workers = DeliveryWorkers(inbox, self._process, workers=workers)

    def routes(self) -> list[web.RouteDef]:
        """The webhook: `GET` for Meta's subscription check, `POST` for deliveries."""
        return [
            web.get(WEBHOOK_PATH, self.verify_subscription),
            web.post(WEBHOOK_PATH, self.receive),
        ]

    async def verify_subscription(self, request: web.Request) -> web.Response:
        """Echo `hub.challenge` when `hub.verify_token` is ours; 403 otherwise."""
        query = request.query
        token = query.get("hub.verify_token", "")
        challenge = query.get("hub.challenge", "")
        if (
            query.get("hub.mode") == "subscribe"
            and self._verify_token
            and hmac.compare_digest(token.encode(), self._verify_token.encode())
            and challenge
        ):
            return web.Response(text=challenge, content_type="text/plain")
        log.warning("whatsapp webhook verification refused")
        return web.Response(status=403)

    async def receive(self, request: web.Request) -> web.Response:
        """Check size and signature before anything is parsed, keep it, then answer 200."""
        if (request.content_length or 0) > MAX_WEBHOOK_BODY:
            return web.Response(status=413)
        raw_body = await read_at_most(request, MAX_WEBHOOK_BODY)
        if raw_body is None:
            return web.Response(status=413)
        if not verify_signature(self._app_secret, raw_body, request.headers.get(SIGNATURE_HEADER)):
            log.warning("whatsapp delivery with a bad signature refused")
            return web.Response(status=403)
        await self._workers.keep(raw_body)
        return web.Response(status=200)

    async def recover(self) -> int:
        """Queue the deliveries a previous run acknowledged but did not process."""
        return await self._workers.recover()

    async def drain(self) -> None:
        """Wait until every delivery received so far has been processed."""
        await self._workers.drain()

    async def close(self) -> None:
        """Finish what was received, then stop the workers."""
        await self._workers.close()

    async def _process(self, raw_body: bytes) -> None:
        """Process one delivery in the background; failures are logged, never raised."""
        try:
            await self.handle_delivery(raw_body)
        except Exception:
            log_unexpected(log, "whatsapp delivery failed", error_id=uuid.uuid4().hex[:8])

    async def handle_delivery(self, raw_body: bytes) -> None:
        """Hand every message of a (verified) delivery to the engine and send the replies."""
        try:
            payload = json.loads(raw_body)
        except ValueError:
            log.warning("whatsapp delivery is not JSON")
            return
        delivery = parse_delivery(payload, phone_number_id=self.client.phone_number_id)
        for ignored in delivery.ignored:
            log.debug("whatsapp message needs no answer", extra={"reason": ignored.reason})
        for status in delivery.statuses:
            await self._report(status)
        for message in delivery.messages:
            try:
                await self.handle_message(message)
            except Exception:
                log_unexpected(
                    log, "whatsapp message failed", error_id=uuid.uuid4().hex[:8], channel=CHANNEL
                )

    async def handle_message(self, message: WhatsAppMessage) -> None:
        """Fetch its media, let the engine answer (once per wamid), and send the answer."""
        member = message.incoming.user_id
        async with self._ordering.hold(member):
            incoming = await resolve_media(message, self.client)
            for reply in await self.engine.handle(incoming):
                outcome = await self.send_reply(member, reply)
                if not isinstance(outcome, Sent):
                    # The rest would arrive out of context (or fail the same way).
                    log.warning("whatsapp reply not sent", extra={"outcome": repr(outcome)})
                    return

    async def send_reply(self, to: str, reply: Reply) -> SendResult:
        """Upload the reply's files and send its messages; stops at the first that fails.

        Returns `Sent` (the last message's id) or the first failure, e.g.
        `OutsideWindow` when the member last wrote more than 24 hours ago.
        """
        try:
            photo_id = document_id = None
            if reply.photo is not None:
                photo = reply.photo
                photo_id = await self.client.upload_media(
                    photo.data, photo.mime_type, photo.filename
                )
            if reply.document is not None:
                document = reply.document
                document_id = await self.client.upload_media(
                    document.data, document.mime_type, document.filename
                )
        except GraphRequestFailed as failure:
            return failure.outcome
        payloads = payloads_for_reply(
            to,
            reply,
            photo_media_id=photo_id,
            document_media_id=document_id,
            language=reply.language,
        )
        outcome: SendResult = Failed("nothing to send")
        for payload in payloads:
            outcome = await self.client.send(payload)
            if not isinstance(outcome, Sent):
                break
        return outcome

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        """Send a proactive message: free-form within 24 hours of the member's last
        message, else the approved template for its kind, else say this channel can't."""
        if within_window(context.last_inbound_at, context.now):
            outcome = await self.send_reply(external_id, reply)
            if not isinstance(outcome, OutsideWindow):
                return _as_delivery(outcome)
        template = self.templates.get(context.kind)
        if template is None:
            return NoRoute(f"outside the 24-hour window and no template for {context.kind}")
        payload = template_payload(external_id, template, reply.template_parameters)
        return _as_delivery(await self.client.send(payload))

    async def _report(self, status: DeliveryStatus) -> None:
        if self._on_status is None:
            return
        try:
            await self._on_status(status)
        except Exception:
            log_unexpected(log, "recording a whatsapp status failed")


def _as_delivery(result: SendResult) -> DeliveryOutcome:
    if isinstance(result, Sent):
        return Delivered(result.message_id)
    if isinstance(result, OutsideWindow):
        return NoRoute("outside the 24-hour window")
    if isinstance(result, Rejected):
        return Undeliverable(f"{result.code}: {result.detail}")
    return RetryLater(result.detail)

"""The WhatsApp channel, on the WhatsApp Cloud API.

Webhook delivery in, `Incoming` out; `Reply` in, Graph API messages out.
WhatsApp's limits live here, named once, and nothing else does: no rules, no
database. The HTTP calls themselves are in `handlers/whatsapp_graph.py`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from aiohttp import web

from bot.delivery import (
    Delivered,
    DeliveryOutcome,
    NoRoute,
    RetryLater,
    SendContext,
    Undeliverable,
)
from bot.i18n import _, use_language
from bot.messages import Choice, Incoming, Location, Photo, Reply, SharedContact
from conversations.engine import ConversationEngine
from conversations.ordering import KeyedLocks
from handlers.whatsapp_graph import (
    Failed,
    GraphClient,
    GraphRequestFailed,
    OutsideWindow,
    Rejected,
    SendResult,
    Sent,
)

log = logging.getLogger(__name__)
_T = TypeVar("_T")

CHANNEL = "whatsapp"
WEBHOOK_PATH = "/webhooks/whatsapp"
SIGNATURE_HEADER = "X-Hub-Signature-256"
SIGNATURE_PREFIX = "sha256="
MAX_WEBHOOK_BODY = 1024 * 1024
"""Bytes; a real delivery is a few kilobytes, so anything over 1 MB is refused unread."""

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_INTERACTIVE_BODY = 1024
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_BUTTON_ID = 256
MAX_LIST_ROWS = 10
MAX_LIST_BUTTON = 20
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_ROW_ID = 200
MAX_TEMPLATE_PARAMETER = 1024
ELLIPSIS = "…"

IGNORED_KINDS = frozenset({"system"})
"""Messages no person wrote (a member changed their number): nothing to answer."""


def text_length(text: str) -> int:
    """Length as counted against WhatsApp's limits, in UTF-16 code units.

    Meta does not say how it counts; UTF-16 units are never fewer than
    characters, so a text within a limit by this count is within it by any.
    """
    return len(text.encode("utf-16-le")) // 2


# --- signature --------------------------------------------------------------------------------


def verify_signature(app_secret: str, raw_body: bytes, header: str | None) -> bool:
    """True when `header` is `sha256=<HMAC-SHA256 of raw_body with app_secret>`.

    Compared in constant time; an unset app secret verifies nothing.
    """
    if not app_secret or header is None or not header.startswith(SIGNATURE_PREFIX):
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    given = header.removeprefix(SIGNATURE_PREFIX).strip().lower()
    return hmac.compare_digest(expected.encode(), given.encode("ascii", "replace"))


# --- webhook delivery in ----------------------------------------------------------------------


@dataclass(frozen=True)
class WhatsAppMessage:
    """One message of a delivery, translated; an image still needs downloading."""

    incoming: Incoming
    media_id: str | None = None


@dataclass(frozen=True)
class DeliveryStatus:
    """What became of a message the bot sent: sent, delivered, read or failed."""

    wamid: str
    status: str
    recipient: str
    timestamp: datetime | None
    error_code: int | None = None


@dataclass(frozen=True)
class Delivery:
    """Everything in one webhook delivery, in the order WhatsApp listed it."""

    messages: tuple[WhatsAppMessage, ...] = ()
    statuses: tuple[DeliveryStatus, ...] = ()


def parse_delivery(payload: object, *, phone_number_id: str | None = None) -> Delivery:
    """Translate a webhook body (`entry[].changes[].value`) into messages and statuses.

    With `phone_number_id`, changes addressed to another business number of the
    same app are left out. Malformed items are skipped (and logged), not fatal.
    """
    messages: list[WhatsAppMessage] = []
    statuses: list[DeliveryStatus] = []
    for entry in _items(payload, "entry"):
        for change in _items(entry, "changes"):
            if change.get("field", "messages") != "messages":
                continue
            value = change.get("value")
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            number = str(metadata.get("phone_number_id")) if isinstance(metadata, dict) else ""
            if phone_number_id is not None and number != phone_number_id:
                log.info("delivery for another business number skipped")
                continue
            for raw in _items(value, "messages"):
                message = _guarded(_message_from, raw)
                if message is not None:
                    messages.append(message)
            for raw in _items(value, "statuses"):
                status = _guarded(_status_from, raw)
                if status is not None:
                    statuses.append(status)
    return Delivery(tuple(messages), tuple(statuses))


def _items(container: object, key: str) -> Iterator[dict[str, Any]]:
    """The objects in `container[key]`, when both are what they should be."""
    items = container.get(key) if isinstance(container, dict) else None
    if isinstance(items, list):
        yield from (item for item in items if isinstance(item, dict))


def _guarded(parse: Callable[[dict[str, Any]], _T | None], raw: dict[str, Any]) -> _T | None:
    try:
        return parse(raw)
    except (KeyError, TypeError, ValueError, AttributeError):
        log.warning("malformed whatsapp webhook item skipped", extra={"type": raw.get("type")})
        return None


def _message_from(raw: dict[str, Any]) -> WhatsAppMessage | None:
    """One `messages[]` item as the engine's `Incoming` (None for system notices)."""
    kind = str(raw.get("type", "unknown"))
    if kind in IGNORED_KINDS:
        return None
    base = Incoming(
        channel=CHANNEL,
        user_id=str(raw["from"]),
        event_id=str(raw["id"]),
        received_at=_timestamp(raw.get("timestamp")),
        sender_phone=str(raw["from"]),
    )
    if kind == "text":
        body = str(raw["text"]["body"])
        command = _command_in(body)
        if command is not None:
            return WhatsAppMessage(replace(base, command=command))
        return WhatsAppMessage(replace(base, text=body))
    if kind == "interactive":
        interactive = raw["interactive"]
        reply_kind = interactive.get("type")
        if reply_kind in ("button_reply", "list_reply"):
            return WhatsAppMessage(replace(base, choice=str(interactive[reply_kind]["id"])))
        return WhatsAppMessage(replace(base, unsupported=f"interactive:{reply_kind}"))
    if kind == "button":
        # A quick-reply button of a template message answers with its text.
        return WhatsAppMessage(replace(base, text=str(raw["button"]["text"])))
    if kind == "image":
        image = raw["image"]
        caption = image.get("caption")
        return WhatsAppMessage(
            replace(base, text=str(caption) if caption else None), media_id=str(image["id"])
        )
    if kind == "location":
        where = raw["location"]
        location = Location(float(where["latitude"]), float(where["longitude"]))
        return WhatsAppMessage(replace(base, location=location))
    if kind == "contacts":
        contact = _shared_contact(raw["contacts"], sender=base.user_id)
        if contact is None:
            return WhatsAppMessage(replace(base, unsupported="contacts"))
        return WhatsAppMessage(replace(base, contact=contact))
    if kind == "request_welcome":
        return WhatsAppMessage(replace(base, command="start"))
    return WhatsAppMessage(replace(base, unsupported=kind))


def _shared_contact(cards: list[dict[str, Any]], sender: str) -> SharedContact | None:
    """The first number on the first contact card; own only if its wa_id is the sender's."""
    for card in cards:
        for phone in card.get("phones") or []:
            number = phone.get("phone") or phone.get("wa_id")
            if number:
                return SharedContact(str(number), is_own=str(phone.get("wa_id", "")) == sender)
    return None


def _status_from(raw: dict[str, Any]) -> DeliveryStatus:
    errors = raw.get("errors") or []
    code = errors[0].get("code") if errors and isinstance(errors[0], dict) else None
    return DeliveryStatus(
        wamid=str(raw["id"]),
        status=str(raw["status"]),
        recipient=str(raw.get("recipient_id", "")),
        timestamp=_timestamp(raw.get("timestamp")),
        error_code=int(code) if code is not None else None,
    )


def _timestamp(value: object) -> datetime | None:
    """Unix seconds (WhatsApp sends them as a string) as an aware UTC datetime."""
    try:
        return datetime.fromtimestamp(int(str(value)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _command_in(text: str) -> str | None:
    """`/batal extra` → `batal`, as on Telegram; None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2 or text[1].isspace():
        return None
    return text[1:].split(maxsplit=1)[0].lower()


async def resolve_media(message: WhatsAppMessage, client: GraphClient) -> Incoming:
    """The message's `Incoming`, with its image downloaded through the Graph API.

    An image that cannot be fetched (expired id, Meta trouble) reaches the engine
    as `unsupported="image_unavailable"`, so the person still gets an answer.
    """
    if message.media_id is None:
        return message.incoming
    try:
        data, mime_type = await client.download_media(message.media_id)
    except GraphRequestFailed as failure:
        log.warning("whatsapp media download failed", extra={"outcome": repr(failure.outcome)})
        return replace(message.incoming, unsupported="image_unavailable")
    return replace(message.incoming, photo=Photo(data, mime_type))


# --- replies out --------------------------------------------------------------------------------


def payloads_for_reply(
    to: str,
    reply: Reply,
    *,
    photo_media_id: str | None = None,
    document_media_id: str | None = None,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """The `POST /messages` bodies that show `reply` to `to`, every one within the limits.

    0 choices: text (split when long); 1-3: reply buttons; 4-10: a list; more, or
    ids WhatsApp cannot carry: numbered text (a typed number picks a choice).
    The photo and document go first and must have been uploaded already; a
    short text without choices becomes the photo's caption. `contact_button`
    has no WhatsApp equivalent: the sender's number is known already.
    `language` is that of the few words this adapter adds (the list button).
    """
    if reply.photo is not None and photo_media_id is None:
        raise ValueError("upload the reply's photo first and pass photo_media_id")
    if reply.document is not None and document_media_id is None:
        raise ValueError("upload the reply's document first and pass document_media_id")
    text = reply.text.strip()
    payloads: list[dict[str, Any]] = []
    if reply.photo is not None and photo_media_id is not None:
        image: dict[str, Any] = {"id": photo_media_id}
        if text and not reply.choices and text_length(text) <= MAX_CAPTION:
            image["caption"] = text
            text = ""
        payloads.append(_message(to, "image", image))
    if reply.document is not None and document_media_id is not None:
        document = {"id": document_media_id, "filename": reply.document.filename}
        payloads.append(_message(to, "document", document))
    if not text and not reply.choices and payloads:
        return payloads
    with use_language(language) if language else nullcontext():
        payloads += _text_and_choices(to, text, reply.choices)
    return payloads


def _text_and_choices(to: str, text: str, choices: Sequence[Choice]) -> list[dict[str, Any]]:
    if not choices:
        return [_text(to, chunk) for chunk in split_text(text)]
    titles = [shorten(_label(choice, n), MAX_BUTTON_TITLE) for n, choice in enumerate(choices, 1)]
    if (
        len(choices) <= MAX_BUTTONS
        and _ids_fit(choices, MAX_BUTTON_ID)
        and len(set(titles)) == len(titles)
    ):
        buttons = [
            {"type": "reply", "reply": {"id": choice.id, "title": title}}
            for choice, title in zip(choices, titles, strict=True)
        ]
        return _with_body(to, text, "button", {"buttons": buttons})
    if len(choices) <= MAX_LIST_ROWS and _ids_fit(choices, MAX_ROW_ID):
        rows = [_row(choice, _label(choice, n)) for n, choice in enumerate(choices, 1)]
        action = {
            "button": shorten(_("Pilih"), MAX_LIST_BUTTON),
            "sections": [{"rows": rows}],
        }
        return _with_body(to, text, "list", action)
    return [_text(to, chunk) for chunk in split_text(numbered_text(text, choices))]


def _label(choice: Choice, position: int) -> str:
    """The choice's label, or its number when it has none (titles must not be empty)."""
    return " ".join(choice.label.split()) or str(position)


def _ids_fit(choices: Sequence[Choice], limit: int) -> bool:
    """Whether every id can travel in a button or row: unique, 1..limit, no outer spaces."""
    ids = [choice.id for choice in choices]
    return len(set(ids)) == len(ids) and all(
        0 < text_length(i) <= limit and i == i.strip() for i in ids
    )


def _row(choice: Choice, label: str) -> dict[str, str]:
    """A list row; a label too long for the title is shown whole in the description."""
    row = {"id": choice.id, "title": shorten(label, MAX_ROW_TITLE)}
    if row["title"] != label:
        row["description"] = shorten(label, MAX_ROW_DESCRIPTION)
    return row


def _with_body(to: str, text: str, kind: str, action: dict[str, Any]) -> list[dict[str, Any]]:
    """An interactive message; a text too long for its body goes ahead as plain text."""
    lead, body = split_body(text)
    interactive = {"type": kind, "body": {"text": body}, "action": action}
    leading = [_text(to, chunk) for chunk in split_text(lead)] if lead else []
    return [*leading, _message(to, "interactive", interactive)]


def numbered_text(text: str, choices: Sequence[Choice]) -> str:
    """The question followed by its choices as `1. …` lines, to be answered by number."""
    lines = [f"{n}. {_label(choice, n)}" for n, choice in enumerate(choices, 1)]
    framing = _("Balas dengan nomor pilihan Anda:")
    return "\n\n".join(part for part in (text, framing + "\n" + "\n".join(lines)) if part)


def split_body(text: str, limit: int = MAX_INTERACTIVE_BODY) -> tuple[str, str]:
    """Split a text into a lead to send first and a body of at most `limit` units.

    The body is the last paragraph (usually the question), else the last line,
    else as many whole words from the end as fit.
    """
    text = text.strip()
    if text_length(text) <= limit:
        return "", text or ELLIPSIS
    for separator in ("\n\n", "\n"):
        cut = text.rfind(separator)
        tail = text[cut + len(separator) :].strip() if cut > 0 else ""
        if tail and text_length(tail) <= limit:
            return text[:cut].rstrip(), tail
    tail = _suffix_within(text, limit)
    space = tail.find(" ")
    if 0 <= space < len(tail) - 1:
        tail = tail[space + 1 :]
    return text[: len(text) - len(tail)].rstrip(), tail


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split a long text into messages WhatsApp accepts, at line breaks or spaces if possible."""
    chunks: list[str] = []
    rest = text.strip()
    while text_length(rest) > limit:
        room = _prefix_within(rest, limit)
        cut = room.rfind("\n")
        if cut <= 0:
            cut = room.rfind(" ")
        if cut <= 0:
            cut = len(room)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    chunks.append(rest)
    return [chunk for chunk in chunks if chunk] or [ELLIPSIS]


def shorten(label: str, limit: int) -> str:
    """`label` within `limit` units: cut at a word boundary when that keeps most of it, plus `…`."""
    if text_length(label) <= limit:
        return label
    room = _prefix_within(label, limit - text_length(ELLIPSIS)).rstrip()
    space = room.rfind(" ")
    if space >= len(room) // 2:
        room = room[:space]
    return room.rstrip(" ,.;:-–/(") + ELLIPSIS


def _prefix_within(text: str, limit: int) -> str:
    """The longest start of `text` that is at most `limit` units long."""
    used = 0
    for index, char in enumerate(text):
        used += text_length(char)
        if used > limit:
            return text[:index]
    return text


def _suffix_within(text: str, limit: int) -> str:
    """The longest end of `text` that is at most `limit` units long."""
    return _prefix_within(text[::-1], limit)[::-1]


def _text(to: str, body: str) -> dict[str, Any]:
    return _message(to, "text", {"preview_url": False, "body": body})


def _message(to: str, kind: str, content: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": kind,
        kind: dict(content),
    }


# --- the channel ----------------------------------------------------------------------------------

OnStatus = Callable[[DeliveryStatus], Awaitable[None]]

WORKERS = 8
"""Deliveries processed at once; the rest wait in the inbox, not as tasks in memory."""


class Inbox(Protocol):
    """Where acknowledged deliveries are kept until processed (see `bot.inbox`)."""

    async def record(self, body: bytes) -> int: ...

    async def done(self, delivery_id: int) -> None: ...

    async def pending(self) -> list[tuple[int, bytes]]: ...


"""Receives every delivery status of a message the bot sent (the caller records it)."""


CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)
"""Free-form messages only within 24 h of the member's last message; templates after."""


@dataclass(frozen=True)
class WhatsAppTemplate:
    """An approved message template: its name and language; the body takes the reply's
    `template_parameters` in order."""

    name: str
    language: str


def template_payload(
    to: str, template: WhatsAppTemplate, parameters: Sequence[str]
) -> dict[str, Any]:
    """A template message, each parameter shortened to what a template variable holds."""
    body = [
        {"type": "text", "text": shorten(value, MAX_TEMPLATE_PARAMETER)} for value in parameters
    ]
    content: dict[str, Any] = {"name": template.name, "language": {"code": template.language}}
    if body:
        content["components"] = [{"type": "body", "parameters": body}]
    return _message(to, "template", content)


class WhatsAppChannel:
    """Runs the bot on WhatsApp: the webhook routes, and replies through the Graph API.

    A signed delivery is kept in the inbox, acknowledged at once, and processed by
    a fixed pool of workers; a delivery acknowledged but not processed when the
    process stopped is processed by `recover()` at the next start. One member's
    messages are fetched, handled and answered one at a time, in arrival order.
    The channel does not own `client`; whoever made it closes it.
    """

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
        self._inbox = inbox
        self._queue: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
        self._worker_count = workers
        self._workers: list[asyncio.Task[None]] = []

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
        """Check size and signature before anything is parsed, then answer 200 at once."""
        if (request.content_length or 0) > MAX_WEBHOOK_BODY:
            return web.Response(status=413)
        raw_body = await _read_at_most(request, MAX_WEBHOOK_BODY)
        if raw_body is None:
            return web.Response(status=413)
        if not verify_signature(self._app_secret, raw_body, request.headers.get(SIGNATURE_HEADER)):
            log.warning("whatsapp delivery with a bad signature refused")
            return web.Response(status=403)
        delivery_id = await self._inbox.record(raw_body)
        self._enqueue(delivery_id, raw_body)
        return web.Response(status=200)

    async def recover(self) -> int:
        """Queue the deliveries a previous run acknowledged but did not process."""
        pending = await self._inbox.pending()
        for delivery_id, raw_body in pending:
            self._enqueue(delivery_id, raw_body)
        if pending:
            log.info("whatsapp deliveries recovered", extra={"count": len(pending)})
        return len(pending)

    def _enqueue(self, delivery_id: int, raw_body: bytes) -> None:
        self._queue.put_nowait((delivery_id, raw_body))
        if not self._workers:
            self._workers = [asyncio.create_task(self._work()) for _ in range(self._worker_count)]

    async def _work(self) -> None:
        while True:
            delivery_id, raw_body = await self._queue.get()
            try:
                await self._process(raw_body)
                await self._inbox.done(delivery_id)
            except Exception:
                log.exception("whatsapp delivery not marked done", extra={"id": delivery_id})
            finally:
                self._queue.task_done()

    async def drain(self) -> None:
        """Wait until every delivery received so far has been processed."""
        await self._queue.join()

    async def close(self) -> None:
        """Finish what was received, then stop the workers."""
        await self.drain()
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []

    async def _process(self, raw_body: bytes) -> None:
        """Process one delivery in the background; failures are logged, never raised."""
        try:
            await self.handle_delivery(raw_body)
        except Exception:
            log.exception("whatsapp delivery failed", extra={"error_id": uuid.uuid4().hex[:8]})

    async def handle_delivery(self, raw_body: bytes) -> None:
        """Hand every message of a (verified) delivery to the engine and send the replies."""
        try:
            payload = json.loads(raw_body)
        except ValueError:
            log.warning("whatsapp delivery is not JSON")
            return
        delivery = parse_delivery(payload, phone_number_id=self.client.phone_number_id)
        for status in delivery.statuses:
            await self._report(status)
        for message in delivery.messages:
            try:
                await self.handle_message(message)
            except Exception:
                log.exception(
                    "whatsapp message failed",
                    extra={"error_id": uuid.uuid4().hex[:8], "channel": CHANNEL},
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
        last = context.last_inbound_at
        if last is not None and context.now - last < CUSTOMER_SERVICE_WINDOW:
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
            log.exception("recording a whatsapp status failed")


def _as_delivery(result: SendResult) -> DeliveryOutcome:
    if isinstance(result, Sent):
        return Delivered(result.message_id)
    if isinstance(result, OutsideWindow):
        return NoRoute("outside the 24-hour window")
    if isinstance(result, Rejected):
        return Undeliverable(f"{result.code}: {result.detail}")
    return RetryLater(result.detail)


async def _read_at_most(request: web.Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it grows past `limit` bytes."""
    body = bytearray()
    async for chunk in request.content.iter_any():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)

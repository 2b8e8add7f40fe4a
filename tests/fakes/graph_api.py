"""A fake WhatsApp Cloud API (Graph API) server for tests.

`FakeGraphAPI` is a real aiohttp server on 127.0.0.1 (an ephemeral port), so the bot's
`GraphClient` talks HTTP to it exactly as to Meta. It records every request, answers sends
the way the Graph API does, serves and accepts media, and lets a test queue the errors Meta
returns (`fail_next`). Every outgoing message is checked against the WhatsApp section of
the Cloud API's documented limits (`check_message`); problems are collected in `violations`, and
the `fake_graph` fixture asserts there are none at teardown.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import deque
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Final

import pytest
from aiohttp import BodyPartReader, web

VERSION: Final = "v23.0"
PHONE_NUMBER_ID: Final = "106540352242922"
TOKEN: Final = "EAAG-test-token"

MESSAGE_TYPES: Final = frozenset(
    {
        "text",
        "image",
        "document",
        "interactive",
        "audio",
        "video",
        "sticker",
        "location",
        "template",
    }
)
MAX_TEXT_BODY: Final = 4096
MAX_TEMPLATE_PARAMETER: Final = 1024
MAX_CAPTION: Final = 1024
MAX_INTERACTIVE_BODY: Final = 1024
MAX_HEADER_TEXT: Final = 60
MAX_FOOTER_TEXT: Final = 60
MAX_BUTTONS: Final = 3
MAX_BUTTON_TITLE: Final = 20
MAX_BUTTON_ID: Final = 256
MAX_LIST_BUTTON: Final = 20
MAX_SECTIONS: Final = 10
MAX_ROWS: Final = 10
MAX_SECTION_TITLE: Final = 24
MAX_ROW_TITLE: Final = 24
MAX_ROW_DESCRIPTION: Final = 72
MAX_ROW_ID: Final = 200
PHONE: Final = re.compile(r"\+?[0-9]{6,15}")
BSUID: Final = re.compile(r"[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}")
"""A business-scoped user id: country code, a period, then letters and digits (`ID.1234…`)."""


def length(text: str) -> int:
    """Length in UTF-16 code units: never less than Meta's count, however it counts."""
    return len(text.encode("utf-16-le")) // 2


# --- the limits --------------------------------------------------------------------------------


def check_message(payload: Mapping[str, Any]) -> list[str]:
    """Everything the real Graph API would reject in one `POST /messages` body."""
    problems: list[str] = []
    if payload.get("messaging_product") != "whatsapp":
        problems.append("messaging_product must be 'whatsapp'")
    if payload.get("recipient_type", "individual") != "individual":
        problems.append("recipient_type must be 'individual'")
    problems += _check_address(payload)
    kind = payload.get("type", "text")
    if kind not in MESSAGE_TYPES:
        return [*problems, f"unknown message type {kind!r}"]
    content = payload.get(kind)
    if not isinstance(content, dict):
        return [*problems, f"type {kind!r} needs a {kind!r} object"]
    if kind == "text":
        problems += _check_text(content.get("body"), "text.body", 1, MAX_TEXT_BODY)
    elif kind in ("image", "document", "audio", "video", "sticker"):
        problems += _check_media(kind, content)
    elif kind == "interactive":
        problems += _check_interactive(content)
    elif kind == "template":
        problems += _check_template(content)
    return problems


def _check_address(payload: Mapping[str, Any]) -> list[str]:
    """`to` is a phone number; `recipient` a business-scoped user id (`ID.123…`); one is needed.

    When both are given Meta sends to `to`; we never send both.
    """
    to, recipient = payload.get("to"), payload.get("recipient")
    if to is None and recipient is None:
        return ["to (a phone number) or recipient (a business-scoped user id) is required"]
    if to is not None and recipient is not None:
        return ["give to or recipient, not both"]
    if to is not None and not (isinstance(to, str) and PHONE.fullmatch(to)):
        return [f"to must be a phone number, got {to!r}"]
    if recipient is not None and not (isinstance(recipient, str) and BSUID.fullmatch(recipient)):
        return [f"recipient must be a business-scoped user id, got {recipient!r}"]
    return []


def address_of(payload: Mapping[str, Any]) -> str | None:
    """Whom a `POST /messages` body is for: its `to` or its `recipient`."""
    address = payload.get("to") or payload.get("recipient")
    return str(address) if address is not None else None


def _check_template(content: Mapping[str, Any]) -> list[str]:
    """A template names an approved template and language; body parameters are short texts."""
    problems: list[str] = []
    if not isinstance(content.get("name"), str) or not content["name"]:
        problems.append("template.name is required")
    language = content.get("language")
    if not isinstance(language, dict) or not isinstance(language.get("code"), str):
        problems.append("template.language.code is required")
    for component in content.get("components", []):
        for parameter in component.get("parameters", []):
            if parameter.get("type") == "text":
                problems += _check_text(
                    parameter.get("text"), "template parameter", 1, MAX_TEMPLATE_PARAMETER
                )
    return problems


def _check_text(value: object, where: str, low: int, high: int) -> list[str]:
    if not isinstance(value, str):
        return [f"{where} must be a string, got {type(value).__name__}"]
    if not low <= length(value) <= high:
        return [f"{where} must be {low}-{high} characters, got {length(value)}"]
    return []


def _check_media(kind: str, content: Mapping[str, Any]) -> list[str]:
    problems = []
    if ("id" in content) == ("link" in content):
        problems.append(f"{kind} needs exactly one of id or link")
    if "caption" in content:
        if kind not in ("image", "document", "video"):
            problems.append(f"{kind} cannot have a caption")
        problems += _check_text(content["caption"], f"{kind}.caption", 1, MAX_CAPTION)
    if "filename" in content and kind != "document":
        problems.append(f"{kind} cannot have a filename")
    return problems


def _check_interactive(content: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    kind = content.get("type")
    body = content.get("body")
    if not isinstance(body, dict):
        problems.append("interactive.body is required")
    else:
        problems += _check_text(body.get("text"), "interactive.body.text", 1, MAX_INTERACTIVE_BODY)
    header = content.get("header")
    if header is not None:
        if not isinstance(header, dict) or header.get("type") not in ("text", "image"):
            problems.append("interactive.header must be a text or image header")
        elif header["type"] == "text":
            problems += _check_text(header.get("text"), "header.text", 1, MAX_HEADER_TEXT)
        if kind == "list" and isinstance(header, dict) and header.get("type") != "text":
            problems.append("a list message header must be text")
    footer = content.get("footer")
    if footer is not None:
        text = footer.get("text") if isinstance(footer, dict) else None
        problems += _check_text(text, "footer.text", 1, MAX_FOOTER_TEXT)
    action = content.get("action")
    if not isinstance(action, dict):
        return [*problems, "interactive.action is required"]
    if kind == "button":
        problems += _check_buttons(action.get("buttons"))
    elif kind == "list":
        problems += _check_list(action)
    else:
        problems.append(f"unknown interactive type {kind!r}")
    return problems


def _check_buttons(buttons: object) -> list[str]:
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= MAX_BUTTONS:
        return [f"a button message needs 1-{MAX_BUTTONS} buttons"]
    problems: list[str] = []
    ids, titles = [], []
    for button in buttons:
        reply = button.get("reply") if isinstance(button, dict) else None
        if (
            not isinstance(button, dict)
            or button.get("type") != "reply"
            or not isinstance(reply, dict)
        ):
            problems.append("each button must be {'type': 'reply', 'reply': {...}}")
            continue
        problems += _check_id(reply.get("id"), "button id", MAX_BUTTON_ID)
        problems += _check_text(reply.get("title"), "button title", 1, MAX_BUTTON_TITLE)
        ids.append(reply.get("id"))
        titles.append(reply.get("title"))
    if len(set(map(str, ids))) != len(ids):
        problems.append("button ids must be unique")
    if len(set(map(str, titles))) != len(titles):
        problems.append("button titles must be unique within the message")
    return problems


def _check_list(action: Mapping[str, Any]) -> list[str]:
    problems = _check_text(action.get("button"), "list button", 1, MAX_LIST_BUTTON)
    sections = action.get("sections")
    if not isinstance(sections, list) or not 1 <= len(sections) <= MAX_SECTIONS:
        return [*problems, f"a list needs 1-{MAX_SECTIONS} sections"]
    ids: list[object] = []
    for section in sections:
        if not isinstance(section, dict):
            problems.append("each section must be an object")
            continue
        if "title" in section or len(sections) > 1:
            problems += _check_text(section.get("title"), "section title", 1, MAX_SECTION_TITLE)
        rows = section.get("rows")
        if not isinstance(rows, list) or not rows:
            problems.append("each section needs at least one row")
            continue
        for row in rows:
            if not isinstance(row, dict):
                problems.append("each row must be an object")
                continue
            problems += _check_id(row.get("id"), "row id", MAX_ROW_ID)
            problems += _check_text(row.get("title"), "row title", 1, MAX_ROW_TITLE)
            if "description" in row:
                problems += _check_text(
                    row["description"], "row description", 1, MAX_ROW_DESCRIPTION
                )
            ids.append(row.get("id"))
    if len(ids) > MAX_ROWS:
        problems.append(f"a list holds at most {MAX_ROWS} rows in all, got {len(ids)}")
    if len(set(map(str, ids))) != len(ids):
        problems.append("row ids must be unique")
    return problems


def _check_id(value: object, where: str, limit: int) -> list[str]:
    problems = _check_text(value, where, 1, limit)
    if isinstance(value, str) and value != value.strip():
        problems.append(f"{where} cannot have leading or trailing spaces")
    return problems


def readable(message: Mapping[str, Any]) -> str:
    """What a person sees of one sent message: its text, caption, or body and options."""
    kind = message.get("type")
    content = message.get(kind) if isinstance(kind, str) else None
    if not isinstance(content, dict):
        return ""
    if kind == "text":
        return str(content.get("body", ""))
    if kind in ("image", "document"):
        return str(content.get("caption") or content.get("filename") or f"[{kind}]")
    if kind != "interactive":
        return f"[{kind}]"
    lines = [str(content["body"]["text"])]
    action = content.get("action", {})
    if content.get("type") == "button":
        lines += [f"[{b['reply']['title']}]" for b in action.get("buttons", [])]
    else:
        lines.append(f"[{action.get('button', '')}]")
        for section in action.get("sections", []):
            for row in section.get("rows", []):
                lines.append(f"- {row['title']} {row.get('description', '')}".rstrip())
    return "\n".join(lines)


# --- what was asked -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request the bot made to the Graph API."""

    method: str
    path: str
    headers: Mapping[str, str]
    json: Any = None
    form: Mapping[str, str] = field(default_factory=dict)

    @property
    def bearer(self) -> str | None:
        """The bearer token it carried, if any."""
        value = self.headers.get("Authorization", "")
        return value.removeprefix("Bearer ") if value.startswith("Bearer ") else None


@dataclass(frozen=True)
class Media:
    """A media file the fake holds: sent by a person, or uploaded by the bot."""

    data: bytes
    mime_type: str
    filename: str | None = None


@dataclass(frozen=True)
class QueuedError:
    status: int
    code: int
    message: str


class FakeGraphAPI:
    """The Graph API for one business number, recorded and checked."""

    def __init__(
        self,
        *,
        token: str = TOKEN,
        phone_number_id: str = PHONE_NUMBER_ID,
        version: str = VERSION,
    ) -> None:
        self.token = token
        self.phone_number_id = phone_number_id
        self.version = version
        self.requests: list[RecordedRequest] = []
        self.sent: list[dict[str, Any]] = []
        """Message bodies the fake accepted, in order."""
        self.violations: list[str] = []
        self.media: dict[str, Media] = {}
        self._errors: deque[QueuedError] = deque()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._base_url = ""

    # --- running -------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1, on a port the system picks."""
        app = web.Application()
        app.router.add_post("/{version}/{phone_id}/messages", self._send)
        app.router.add_post("/{version}/{phone_id}/media", self._upload)
        app.router.add_get("/media-download/{media_id}", self._download)
        app.router.add_get("/{version}/{media_id}", self._media_info)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_url(self) -> str:
        """The Graph API base, version included, as `OKOCE_WHATSAPP_API_URL` takes it."""
        return f"{self._base_url}/{self.version}"

    # --- what a test arranges ------------------------------------------------------------

    def fail_next(
        self, code: int, http_status: int = 400, message: str = "(#{code}) test error"
    ) -> None:
        """Answer the next send with this Graph API error (call again to queue more)."""
        self._errors.append(QueuedError(http_status, code, message.format(code=code)))

    def add_media(self, data: bytes, mime_type: str = "image/jpeg") -> str:
        """Hold a file as if a person had sent it; returns its media id."""
        media_id = str(900_000_000_000 + next(self._ids))
        self.media[media_id] = Media(data, mime_type)
        return media_id

    # --- what a test reads -----------------------------------------------------------------

    def requests_to(self, suffix: str, method: str | None = None) -> list[RecordedRequest]:
        """Requests whose path ends with `suffix` (e.g. `/messages`)."""
        return [
            r
            for r in self.requests
            if r.path.endswith(suffix) and (method is None or r.method == method)
        ]

    def messages_to(self, wa_id: str) -> list[dict[str, Any]]:
        """Accepted messages addressed to `wa_id`."""
        return [message for message in self.sent if address_of(message) == wa_id]

    # --- the endpoints ---------------------------------------------------------------------

    async def _record(
        self, request: web.Request, form: Mapping[str, str] | None = None
    ) -> RecordedRequest:
        body = await request.json() if request.content_type == "application/json" else None
        recorded = RecordedRequest(
            request.method, request.path, dict(request.headers), body, dict(form or {})
        )
        self.requests.append(recorded)
        return recorded

    def _authorised(self, recorded: RecordedRequest) -> web.Response | None:
        if recorded.bearer == self.token:
            return None
        self.violations.append(f"{recorded.method} {recorded.path}: no valid bearer token")
        return _error(401, 190, "Invalid OAuth access token")

    def _right_number(self, request: web.Request) -> web.Response | None:
        version, phone_id = request.match_info["version"], request.match_info["phone_id"]
        if version == self.version and phone_id == self.phone_number_id:
            return None
        self.violations.append(f"{request.path}: unknown version or phone number id")
        return _error(400, 100, "Unsupported post request")

    async def _send(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        refusal = self._authorised(recorded) or self._right_number(request)
        if refusal is not None:
            return refusal
        payload = recorded.json
        if not isinstance(payload, dict):
            self.violations.append("POST /messages: body is not a JSON object")
            return _error(400, 100, "Invalid parameter")
        if self._errors:
            queued = self._errors.popleft()
            return _error(queued.status, queued.code, queued.message)
        problems = check_message(payload)
        kind = payload.get("type")
        media = payload.get(kind) if isinstance(kind, str) else None
        if isinstance(media, dict) and "id" in media and media["id"] not in self.media:
            problems.append(f"{kind}.id {media['id']!r} was never uploaded")
        if problems:
            self.violations += [f"POST /messages: {problem}" for problem in problems]
            return _error(400, 100, "; ".join(problems))
        self.sent.append(payload)
        to = address_of(payload) or ""
        contact = (
            {"input": to, "wa_id": to.lstrip("+")}
            if "to" in payload
            else {"input": to, "user_id": to}
        )
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [contact],
                "messages": [{"id": f"wamid.FAKE{next(self._ids):012d}"}],
            }
        )

    async def _upload(self, request: web.Request) -> web.Response:
        fields: dict[str, str] = {}
        upload: Media | None = None
        if request.content_type.startswith("multipart/"):
            async for part in await request.multipart():
                if not isinstance(part, BodyPartReader):
                    continue
                if part.filename is not None:
                    mime = part.headers.get("Content-Type", "application/octet-stream")
                    upload = Media(bytes(await part.read()), mime, part.filename)
                else:
                    fields[part.name or ""] = await part.text()
        recorded = await self._record(request, fields)
        refusal = self._authorised(recorded) or self._right_number(request)
        if refusal is not None:
            return refusal
        if fields.get("messaging_product") != "whatsapp":
            self.violations.append("POST /media: messaging_product must be 'whatsapp'")
        if upload is None or "type" not in fields:
            self.violations.append("POST /media: needs a file part and a type field")
            return _error(400, 100, "Invalid parameter")
        media_id = str(700_000_000_000 + next(self._ids))
        self.media[media_id] = upload
        return web.json_response({"id": media_id})

    async def _media_info(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        refusal = self._authorised(recorded)
        if refusal is not None:
            return refusal
        media_id = request.match_info["media_id"]
        media = self.media.get(media_id)
        if request.match_info["version"] != self.version or media is None:
            return _error(400, 100, "Unsupported get request")
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "url": f"{self._base_url}/media-download/{media_id}",
                "mime_type": media.mime_type,
                "sha256": hashlib.sha256(media.data).hexdigest(),
                "file_size": len(media.data),
                "id": media_id,
            }
        )

    async def _download(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        refusal = self._authorised(recorded)
        if refusal is not None:
            return refusal
        media = self.media.get(request.match_info["media_id"])
        if media is None:
            return web.Response(status=404)
        return web.Response(body=media.data, content_type=media.mime_type)


def _error(status: int, code: int, message: str) -> web.Response:
    """An error answer in the Graph API's format."""
    body = {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "error_data": {"messaging_product": "whatsapp", "details": message},
            "fbtrace_id": "AbCdEfGhIjK",
        }
    }
    return web.Response(status=status, text=json.dumps(body), content_type="application/json")


@asynccontextmanager
async def running_fake_graph(**options: Any) -> AsyncIterator[FakeGraphAPI]:
    """A started `FakeGraphAPI`, stopped on exit."""
    fake = FakeGraphAPI(**options)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def fake_graph() -> AsyncIterator[FakeGraphAPI]:
    """A running fake Graph API; the test fails if the bot sent anything WhatsApp rejects."""
    async with running_fake_graph() as fake:
        yield fake
    assert not fake.violations, "requests WhatsApp would reject:\n" + "\n".join(fake.violations)

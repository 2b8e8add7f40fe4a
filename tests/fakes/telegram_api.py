"""A fake Telegram Bot API server for tests.

`FakeTelegramAPI` plugs into python-telegram-bot as its `BaseRequest`, so tests run the real
`Application`, `Bot` and handlers without a network. It records every request, answers the
way Telegram does, and checks each request against the Bot API spec
(`tests/fixtures/telegram/telegram-bot-api.json`, MIT) and the platform's documented limits.
PTB swallows exceptions raised inside handlers, so problems are collected in `violations`
rather than raised; the `fake_telegram` fixture asserts there are none at teardown.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any, Final, Literal
from urllib.parse import urlsplit

import pytest
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

SPEC_PATH: Final = (
    Path(__file__).resolve().parents[1] / "fixtures" / "telegram" / "telegram-bot-api.json"
)

BOT_ID: Final = 424242
BOT_USERNAME: Final = "okoce_test_bot"
BOT_FIRST_NAME: Final = "OK OCE"

MESSAGE_METHODS: Final = frozenset(
    name.lower()
    for name in (
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVoice",
        "sendAudio",
        "sendVideo",
        "sendAnimation",
        "sendSticker",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
    )
)
"""Methods that put a message in a chat; `messages_to` looks at these."""

MAX_POLL_WAIT: Final = 0.5
"""Longest a `getUpdates` long poll waits, so polling tests stay fast."""


def bot_user() -> dict[str, Any]:
    """The bot's own `User` object, as `getMe` returns it."""
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": BOT_FIRST_NAME,
        "username": BOT_USERNAME,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


# --- what was sent -------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedFile:
    """One file uploaded with a request (a multipart part)."""

    filename: str
    mime_type: str
    content: bytes


@dataclass(frozen=True)
class RecordedRequest:
    """One Bot API call the bot made.

    `params` holds the values as Telegram reads them: objects as dicts and lists, JSON strings
    passed through `api_kwargs` decoded. Uploaded files are in `files`, keyed by multipart part
    name; a parameter uploaded directly (no `attach://`) appears only there.
    """

    method: str
    params: dict[str, Any]
    files: dict[str, RecordedFile]


@dataclass(frozen=True)
class Upload:
    """Stands for an InputFile parameter while checking types."""

    part: str


# --- the spec --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    """A size rule: `low`..`high` characters, UTF-8 bytes or array items."""

    low: int
    high: int
    unit: Literal["characters", "bytes", "items"]
    after_entities: bool = False

    def describe(self) -> str:
        """The rule in the spec's words, e.g. `1-64 bytes`."""
        return f"{self.low}-{self.high} {self.unit}"


@dataclass(frozen=True)
class FieldSpec:
    """A method parameter or a type field, with the rules its description states."""

    name: str
    types: tuple[str, ...]
    required: bool
    limit: Limit | None = None
    charset: re.Pattern[str] | None = None
    constant: str | None = None
    required_unless: tuple[str, ...] = ()
    required_with: str | None = None


@dataclass(frozen=True)
class OneOfRule:
    """`Exactly one` / `At most one` of some fields may be set (e.g. a button's action)."""

    exactly: bool
    among: frozenset[str]


@dataclass(frozen=True)
class ShapeSpec:
    """A method's parameters or a type's fields."""

    name: str
    fields: Mapping[str, FieldSpec]
    subtypes: tuple[str, ...] = ()
    returns: tuple[str, ...] = ()
    string_allowed: bool = False
    one_of: OneOfRule | None = None


PLATFORM_LIMITS: Final[Mapping[tuple[str, str], Limit]] = {
    ("sendMessage", "text"): Limit(1, 4096, "characters", after_entities=True),
    ("editMessageText", "text"): Limit(1, 4096, "characters", after_entities=True),
    ("InlineKeyboardButton", "callback_data"): Limit(1, 64, "bytes"),
    ("BotCommand", "command"): Limit(1, 32, "characters"),
    ("BotCommand", "description"): Limit(1, 256, "characters"),
    ("setMyCommands", "commands"): Limit(0, 100, "items"),
}
"""Limits from PLATFORM_LIMITS.md; they win over what is parsed from the spec prose."""

CAPTION_LIMIT: Final = Limit(0, 1024, "characters", after_entities=True)

_RANGE = re.compile(
    r"(\d+)-(\d+) (characters|bytes|items)(?P<parsed>,? after entit(?:y|ies) parsing)?"
)
_AT_MOST_ITEMS = re.compile(r"[Aa]t most (\d+) [\w ]+ can be specified")
_DISCRIMINATOR = re.compile(r"(?:must be|always)\s+[\"“]?([A-Za-z0-9_]+)[\"”]?\s*$")
_REQUIRED_UNLESS = re.compile(r"Required if (\w+)(?: and (\w+))? (?:is|are) not specified")
_REQUIRED_WITH = re.compile(r"Required if (\w+) is specified")
_ONE_OF_EXCEPT = re.compile(r"(Exactly|At most) one of the fields other than (.+?) must be used")
_ONE_OF_NAMED = re.compile(
    r"Exactly one of the fields (\w+) or (\w+) (?:must be used|will be present)"
)
_ONE_OF_OPTIONAL = re.compile(r"(exactly|At most) one of the optional fields", re.IGNORECASE)
_CHARSETS: Final = (
    ("A-Z, a-z, 0-9, _ and -", re.compile(r"[A-Za-z0-9_-]*")),
    ("only lowercase English letters, digits and underscores", re.compile(r"[a-z0-9_]*")),
)
_DISCRIMINATOR_FIELDS: Final = frozenset({"type", "source", "status"})

PTB_DEFAULT_PARAMETERS: Final = frozenset(
    {
        "allow_sending_without_reply",
        "disable_notification",
        "do_quote",
        "explanation_parse_mode",
        "link_preview_options",
        "parse_mode",
        "protect_content",
        "question_parse_mode",
        "text_parse_mode",
    }
)
"""Parameters PTB's `Defaults` add to every send, even for methods without them.

Telegram ignores unknown parameters, so these are not flagged when a method lacks them.
"""


def _field_spec(owner: str, raw: Mapping[str, Any], is_subtype: bool) -> FieldSpec:
    """Read one field and the rules its description states."""
    name: str = raw["name"]
    types = tuple(raw["types"])
    text: str = raw.get("description", "")
    limit: Limit | None = None
    if match := _RANGE.search(text):
        unit = match.group(3)
        limit = Limit(
            int(match.group(1)),
            int(match.group(2)),
            "bytes" if unit == "bytes" else "items" if unit == "items" else "characters",
            after_entities=match.group("parsed") is not None,
        )
    elif match := _AT_MOST_ITEMS.search(text):
        limit = Limit(0, int(match.group(1)), "items")
    elif name == "caption":
        limit = CAPTION_LIMIT
    limit = PLATFORM_LIMITS.get((owner, name), limit)
    charset = next((pattern for phrase, pattern in _CHARSETS if phrase in text), None)
    constant = None
    discriminates = is_subtype and name in _DISCRIMINATOR_FIELDS and raw["required"]
    if discriminates and types == ("String",) and (match := _DISCRIMINATOR.search(text)):
        constant = match.group(1)
    unless: tuple[str, ...] = ()
    if match := _REQUIRED_UNLESS.search(text):
        unless = tuple(group for group in match.groups() if group)
    with_field = match.group(1) if (match := _REQUIRED_WITH.search(text)) else None
    return FieldSpec(
        name=name,
        types=types,
        required=bool(raw["required"]),
        limit=limit,
        charset=charset,
        constant=constant,
        required_unless=unless,
        required_with=with_field,
    )


def _one_of_rule(description: str, fields: Mapping[str, FieldSpec]) -> OneOfRule | None:
    """Read an `exactly one` / `at most one` rule from a type's description."""
    if match := _ONE_OF_EXCEPT.search(description):
        exempt = set(re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group(2)))
        return OneOfRule(match.group(1) == "Exactly", frozenset(set(fields) - exempt))
    if match := _ONE_OF_NAMED.search(description):
        return OneOfRule(True, frozenset(match.groups()))
    if match := _ONE_OF_OPTIONAL.search(description):
        optional = frozenset(name for name, spec in fields.items() if not spec.required)
        return OneOfRule(match.group(1).lower() == "exactly", optional)
    return None


def _shape(raw: Mapping[str, Any]) -> ShapeSpec:
    """Read a method or a type."""
    name: str = raw["name"]
    is_subtype = bool(raw.get("subtype_of"))
    fields = {
        spec.name: spec
        for spec in (_field_spec(name, item, is_subtype) for item in raw.get("fields", ()))
    }
    description = " ".join(raw.get("description", ()))
    return ShapeSpec(
        name=name,
        fields=fields,
        subtypes=tuple(raw.get("subtypes", ())),
        returns=tuple(raw.get("returns", ())),
        string_allowed="String can be used instead of this object" in description,
        one_of=_one_of_rule(description, fields),
    )


_HTML_TAG = re.compile(r"<[^>]*>")
_MARKDOWN_LINK_TARGET = re.compile(r"\]\((?:\\.|[^)\\])*\)")


def visible_text(text: str, parse_mode: str | None) -> str:
    """Approximate the text Telegram keeps after parsing entities (markup removed)."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return html.unescape(_HTML_TAG.sub("", text))
    if mode not in ("markdown", "markdownv2"):
        return text
    markers = "*_`[]~|>!" if mode == "markdownv2" else "*_`[]"
    kept: list[str] = []
    escaped = False
    for char in _MARKDOWN_LINK_TARGET.sub("]", text):
        if escaped:
            kept.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char not in markers:
            kept.append(char)
    return "".join(kept)


def _kind(value: object) -> str:
    """A short name for a JSON value's kind, for messages."""
    if isinstance(value, Upload):
        return "an uploaded file"
    if isinstance(value, bool):
        return f"Boolean {value!r}"
    if isinstance(value, int):
        return f"Integer {value!r}"
    if isinstance(value, float):
        return f"Float {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"String {shown!r}"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_SCALARS: Final[Mapping[str, Callable[[object], bool]]] = {
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Boolean": lambda v: isinstance(v, bool),
    "String": lambda v: isinstance(v, str),
    "InputFile": lambda v: isinstance(v, Upload),
}


class BotApiSpec:
    """The Bot API as data: methods, types, and the checks a request must pass."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.version: str = raw.get("version", "")
        self.methods: dict[str, ShapeSpec] = {
            name.lower(): _shape(item) for name, item in raw["methods"].items()
        }
        self.types: dict[str, ShapeSpec] = {
            name: _shape(item) for name, item in raw["types"].items()
        }

    def method(self, name: str) -> ShapeSpec | None:
        """The method called `name`, ignoring case as Telegram does."""
        return self.methods.get(name.lower())

    def decode(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """The parameters as Telegram reads them off the wire.

        Non-string values go through JSON (enums become strings, tuples lists); a string given
        for a parameter the spec does not type as String is JSON-decoded, as Telegram does.
        """
        shape = self.method(method)
        decoded: dict[str, Any] = {}
        for name, value in params.items():
            if not isinstance(value, str):
                decoded[name] = json.loads(json.dumps(value))
                continue
            decoded[name] = value
            spec = shape.fields.get(name) if shape is not None else None
            if spec is None or "String" in spec.types or value.startswith("attach://"):
                continue
            with contextlib.suppress(ValueError):
                decoded[name] = json.loads(value)
        return decoded

    def check_request(
        self, method: str, params: Mapping[str, Any], files: Mapping[str, RecordedFile]
    ) -> list[str]:
        """Everything wrong with one request; `params` must already be decoded."""
        shape = self.method(method)
        if shape is None:
            return [f"{method}: no such method in the Bot API spec ({self.version})"]
        values: dict[str, Any] = dict(params)
        attached = set(_attach_names(params))
        problems = [
            f"{method}: attach://{name} names no uploaded file"
            for name in sorted(attached - set(files))
        ]
        for part in files:
            if part in attached:
                continue
            if part in shape.fields and part not in values:
                values[part] = Upload(part)
            else:
                problems.append(f"{method}: uploaded file part {part!r} is not used")
        for name in PTB_DEFAULT_PARAMETERS & set(values) - set(shape.fields):
            del values[name]
        problems += self._check_fields(values, shape, method, unknown_word="parameter")
        return problems

    def check_value(self, value: Any, type_expr: str, where: str = "value") -> list[str]:
        """Everything wrong with `value` read as `type_expr` (e.g. `Update`)."""
        return self._check_union(value, (type_expr,), where)

    def _check_union(self, value: Any, exprs: Sequence[str], where: str) -> list[str]:
        if len(exprs) == 1:
            return self._check_type(value, exprs[0], where)
        wrong_kind = f"{where}: expected "
        wrong_subtype = tuple(f"{where}.{name}: must be " for name in _DISCRIMINATOR_FIELDS)
        best: list[str] | None = None
        best_score = (True, 0)
        best_expr = ""
        for expr in exprs:
            problems = self._check_type(value, expr, where)
            if not problems:
                return []
            if any(p.startswith(wrong_kind) for p in problems):
                continue
            score = (any(p.startswith(wrong_subtype) for p in problems), len(problems))
            if best is None or score < best_score:
                best, best_score, best_expr = problems, score, expr
        if best is None:
            return [f"{where}: expected {' or '.join(exprs)}, got {_kind(value)}"]
        return [f"{problem} (read as {best_expr})" for problem in best]

    def _check_type(self, value: Any, expr: str, where: str) -> list[str]:
        if expr.startswith("Array of "):
            if not isinstance(value, list | tuple):
                return [f"{where}: expected {expr}, got {_kind(value)}"]
            inner = expr.removeprefix("Array of ")
            return [
                problem
                for index, item in enumerate(value)
                for problem in self._check_type(item, inner, f"{where}[{index}]")
            ]
        if (scalar := _SCALARS.get(expr)) is not None:
            return [] if scalar(value) else [f"{where}: expected {expr}, got {_kind(value)}"]
        shape = self.types.get(expr)
        if shape is None:
            return [f"{where}: the spec has no type {expr}"]
        if shape.string_allowed and isinstance(value, str):
            return []
        if shape.subtypes:
            return self._check_union(value, shape.subtypes, where)
        if not isinstance(value, dict):
            return [f"{where}: expected {expr}, got {_kind(value)}"]
        return self._check_fields(value, shape, where, unknown_word="field")

    def _check_fields(
        self, values: Mapping[str, Any], shape: ShapeSpec, where: str, unknown_word: str
    ) -> list[str]:
        problems: list[str] = []
        for name, spec in shape.fields.items():
            if name in values:
                continue
            if spec.required:
                problems.append(f"{where}: missing required {unknown_word} {name!r}")
            elif spec.required_unless and not any(o in values for o in spec.required_unless):
                others = " and ".join(repr(o) for o in spec.required_unless)
                verb = "are" if len(spec.required_unless) > 1 else "is"
                problems.append(f"{where}: {name!r} is required when {others} {verb} not given")
            elif spec.required_with and spec.required_with in values:
                problems.append(
                    f"{where}: {name!r} is required when {spec.required_with!r} is given"
                )
        for name, value in values.items():
            field_spec = shape.fields.get(name)
            if field_spec is None:
                problems.append(f"{where}: {shape.name} has no {unknown_word} {name!r}")
                continue
            problems += self._check_field(value, field_spec, f"{where}.{name}", values)
        if shape.one_of is not None:
            present = sorted(shape.one_of.among & set(values))
            if len(present) > 1 or (shape.one_of.exactly and not present):
                problems.append(
                    f"{where}: {shape.name} needs {'exactly' if shape.one_of.exactly else 'at most'}"
                    f" one of {sorted(shape.one_of.among)}, got {present}"
                )
        return problems

    def _check_field(
        self, value: Any, spec: FieldSpec, where: str, siblings: Mapping[str, Any]
    ) -> list[str]:
        problems = self._check_union(value, spec.types, where)
        if problems:
            return problems
        if spec.constant is not None and value != spec.constant:
            return [f"{where}: must be {spec.constant!r}, got {value!r}"]
        if spec.limit is not None:
            problems += _limit_problems(value, spec, where, siblings)
        if isinstance(value, str) and spec.charset and not spec.charset.fullmatch(value):
            problems.append(f"{where}: {value!r} has characters the spec does not allow")
        return problems


def _limit_problems(
    value: Any, spec: FieldSpec, where: str, siblings: Mapping[str, Any]
) -> list[str]:
    """Check `value` against the field's size limit."""
    limit = spec.limit
    assert limit is not None
    if limit.unit == "items":
        if not isinstance(value, list | tuple):
            return []
        size = len(value)
    elif not isinstance(value, str):
        return []
    elif limit.unit == "bytes":
        size = len(value.encode("utf-8"))
    elif limit.after_entities:
        mode = siblings.get("parse_mode") or siblings.get(f"{spec.name}_parse_mode")
        size = len(visible_text(value, mode if isinstance(mode, str) else None).strip())
    else:
        size = len(value)
    if limit.low <= size <= limit.high:
        return []
    shown = f"{size} {limit.unit}" + (" after entity parsing" if limit.after_entities else "")
    return [f"{where}: {shown}, allowed {limit.describe()}"]


def _attach_names(value: Any) -> Iterator[str]:
    """Every `attach://<name>` reference inside a (decoded) parameter value."""
    if isinstance(value, str):
        if value.startswith("attach://"):
            yield value.removeprefix("attach://")
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _attach_names(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _attach_names(item)


@cache
def load_spec(path: Path = SPEC_PATH) -> BotApiSpec:
    """The Bot API spec, read once per test session."""
    return BotApiSpec(json.loads(path.read_text(encoding="utf-8")))


# --- the fake server -----------------------------------------------------------------------


class ApiError(Exception):
    """An error answer, as Telegram sends it."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.error_code = int(error_code)
        self.description = description
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram returns for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _recorded_files(request_data: RequestData | None) -> dict[str, RecordedFile]:
    """The multipart parts of a request, read into memory."""
    if request_data is None or not request_data.contains_files:
        return {}
    files: dict[str, RecordedFile] = {}
    for part, (filename, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        files[part] = RecordedFile(filename=filename, mime_type=mime_type, content=data)
    return files


def _chat(chat_id: Any) -> dict[str, Any]:
    """A `Chat` object for the chat a message was sent to."""
    if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
        chat_id = int(chat_id)
    if isinstance(chat_id, str):
        username = chat_id.removeprefix("@")
        return {"id": -1001000000000, "type": "channel", "title": username, "username": username}
    if isinstance(chat_id, int) and chat_id < 0:
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Grup OK OCE"}
    return {"id": chat_id, "type": "private"}


def _same_chat(left: Any, right: Any) -> bool:
    return str(left) == str(right)


def _echo(params: Mapping[str, Any]) -> dict[str, Any]:
    """The text, caption and their entities of a request, as the sent Message shows them."""
    fields = ("text", "entities", "caption", "caption_entities")
    return {name: params[name] for name in fields if name in params}


class FakeTelegramAPI(BaseRequest):
    """A Telegram Bot API server in memory, used as PTB's request backend.

    Pass it as both `request` and `get_updates_request`. Queue answers with `fail_next`,
    `answer_next` and `queue_update`; read what the bot did with `sent`, `messages_to`,
    `texts_to` and `wait_for`; check it with `assert_no_violations`.
    """

    def __init__(self, spec: BotApiSpec | None = None) -> None:
        self.spec = spec or load_spec()
        self.violations: list[str] = []
        self.downloads: list[str] = []
        self._requests: list[RecordedRequest] = []
        self._recorded = asyncio.Condition()
        self._update_queued = asyncio.Event()
        self._pending_updates: deque[dict[str, Any]] = deque()
        self._seen_update_ids: set[int] = set()
        self._failures: defaultdict[str, deque[ApiError]] = defaultdict(deque)
        self._results: defaultdict[str, deque[Any]] = defaultdict(deque)
        self._messages: dict[tuple[str, int], dict[str, Any]] = {}
        self._files: dict[str, tuple[str, str, bytes]] = {}
        self._commands: list[Any] = []
        self._webhook_url = ""
        self._message_ids = itertools.count(1)
        self._file_serial = itertools.count(1)
        self.initialized = False
        self._answers: dict[str, Callable[[RecordedRequest], Any]] = {
            "getme": lambda _: bot_user(),
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "senddocument": self._send_document,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "setmycommands": self._set_my_commands,
            "getmycommands": lambda _: list(self._commands),
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._webhook_info,
            "getfile": self._get_file,
        }

    # BaseRequest

    @property
    def read_timeout(self) -> float | None:
        """Default read timeout PTB adds the long-poll timeout to."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to open; PTB may call this more than once."""
        self.initialized = True

    async def shutdown(self) -> None:
        """Nothing to close."""
        self.initialized = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Record and check one request, then answer it like Telegram."""
        path = urlsplit(url).path
        if "/file/bot" in path:
            return self.download(path.split("/", 3)[-1])
        raw_params = request_data.parameters if request_data is not None else {}
        return await self.call(
            path.rsplit("/", 1)[-1], raw_params, _recorded_files(request_data), read_timeout
        )

    async def call(
        self,
        api_method: str,
        raw_params: Mapping[str, Any],
        files: dict[str, RecordedFile],
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One Bot API method call as it arrived (in memory or over HTTP): check, record, answer."""
        params = self.spec.decode(api_method, raw_params)
        self.violations.extend(self.spec.check_request(api_method, params, files))
        request = RecordedRequest(method=api_method, params=params, files=files)
        self._requests.append(request)
        async with self._recorded:
            self._recorded.notify_all()
        try:
            result = await self._answer(request, read_timeout)
        except ApiError as error:
            return error.error_code, json.dumps(error.body()).encode()
        return HTTPStatus.OK, json.dumps({"ok": True, "result": result}).encode()

    # scripting the server

    def fail_next(
        self, method: str, error_code: int, description: str, retry_after: int | None = None
    ) -> None:
        """Answer the next call of `method` with this error, as Telegram would."""
        self._require_method(method)
        self._failures[method.lower()].append(ApiError(error_code, description, retry_after))

    def answer_next(self, method: str, result: Any) -> None:
        """Answer the next call of `method` with this `result` instead of the default."""
        self._require_method(method)
        self._results[method.lower()].append(result)

    def queue_update(self, update: Mapping[str, Any]) -> None:
        """Make `update` arrive through `getUpdates`; it must be a valid, new Update."""
        problems = self.spec.check_value(update, "Update", "update")
        if problems:
            raise ValueError("not a valid Update: " + "; ".join(problems))
        update_id = update["update_id"]
        if update_id in self._seen_update_ids:
            raise ValueError(f"update_id {update_id} was already queued")
        self._seen_update_ids.add(update_id)
        self._pending_updates.append(dict(update))
        self._update_queued.set()

    def store_file(self, file_id: str, content: bytes, file_path: str | None = None) -> None:
        """Make `getFile(file_id)` succeed and its download return `content`.

        An absolute `file_path` is what a local Bot API server (`--local`) returns: the file
        is then read from disk, and nothing is downloaded.
        """
        _, unique_id = self._new_file_ids("")
        self._files[file_id] = (file_path or f"documents/{file_id}", unique_id, content)

    # reading what happened

    def sent(self, method: str | None = None) -> list[RecordedRequest]:
        """Every recorded request, or those of one method (any case), in order."""
        if method is None:
            return list(self._requests)
        return [r for r in self._requests if r.method.lower() == method.lower()]

    def messages_to(self, chat_id: int | str) -> list[RecordedRequest]:
        """Requests that put a message in `chat_id` (sendMessage, sendPhoto, ...), in order."""
        return [
            r
            for r in self._requests
            if r.method.lower() in MESSAGE_METHODS and _same_chat(r.params.get("chat_id"), chat_id)
        ]

    def texts_to(self, chat_id: int | str) -> list[str]:
        """The text or caption of each message sent to `chat_id`, in order."""
        return [
            str(r.params.get("text", r.params.get("caption", "")))
            for r in self.messages_to(chat_id)
        ]

    def keyboard_messages(self, chat_id: int | str) -> list[dict[str, Any]]:
        """Every message in a chat that still carries an inline keyboard, oldest first."""
        return [
            message
            for (chat, _message_id), message in self._messages.items()
            if chat == str(chat_id) and (message.get("reply_markup") or {}).get("inline_keyboard")
        ]

    def last_keyboard_message(self, chat_id: int | str) -> dict[str, Any] | None:
        """The newest message in a chat that still carries an inline keyboard, as stored."""
        for (chat, _message_id), message in reversed(self._messages.items()):
            markup = message.get("reply_markup") or {}
            if chat == str(chat_id) and markup.get("inline_keyboard"):
                return message
        return None

    def clear(self) -> None:
        """Forget recorded requests (violations are kept, so none can be hidden)."""
        self._requests.clear()
        self.downloads.clear()

    def pop_violations(self) -> list[str]:
        """Return and forget the violations; for tests that expect some."""
        found, self.violations = self.violations, []
        return found

    def assert_no_violations(self) -> None:
        """Fail if any recorded request broke the spec or a platform limit."""
        if self.violations:
            listed = "\n  ".join(self.violations)
            raise AssertionError(f"requests to Telegram broke the Bot API rules:\n  {listed}")

    async def wait_for(
        self,
        predicate: Callable[[RecordedRequest], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> RecordedRequest:
        """Wait until a recorded request satisfies `predicate` and return the first that does."""

        def first_match() -> RecordedRequest | None:
            return next((r for r in self._requests if predicate(r)), None)

        try:
            async with self._recorded, asyncio.timeout(timeout):
                found = await self._recorded.wait_for(first_match)
        except TimeoutError:
            methods = [r.method for r in self._requests]
            raise AssertionError(
                f"no matching request within {timeout}s; recorded: {methods}"
            ) from None
        assert found is not None
        return found

    # answers

    def _require_method(self, method: str) -> None:
        if self.spec.method(method) is None:
            raise ValueError(f"{method!r} is not a Bot API method")

    async def _answer(self, request: RecordedRequest, read_timeout: ODVInput[float]) -> Any:
        key = request.method.lower()
        if self._failures[key]:
            raise self._failures[key].popleft()
        if self._results[key]:
            return self._results[key].popleft()
        if key == "getupdates":
            return await self._get_updates(request.params, read_timeout)
        answer = self._answers.get(key)
        if answer is not None:
            return answer(request)
        shape = self.spec.method(key)
        return self._by_return_type(request, shape.returns if shape else ())

    def _by_return_type(self, request: RecordedRequest, returns: tuple[str, ...]) -> Any:
        """A plausible answer for a method without its own handler, from what it returns."""
        params = request.params
        if returns == ("Message",):
            return self._new_message(params, _echo(params))
        if returns == ("Message", "Boolean"):
            return self._edited(params, _echo(params))
        if returns == ("Array of Message",):
            media = params.get("media")
            group_id = f"1{next(self._file_serial):016d}"
            return [
                self._new_message(params, {"media_group_id": group_id, **_echo(item)})
                for item in (media if isinstance(media, list) else [])
                if isinstance(item, dict)
            ]
        if returns == ("MessageId",):
            return {"message_id": next(self._message_ids)}
        if returns == ("Array of MessageId",):
            ids = params.get("message_ids")
            return [{"message_id": next(self._message_ids)} for _ in ids or ()]
        if returns and returns[0].startswith("Array of "):
            return []
        return True

    async def _get_updates(self, params: Mapping[str, Any], read_timeout: ODVInput[float]) -> Any:
        if self._webhook_url:
            raise ApiError(
                HTTPStatus.CONFLICT,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset")
        if isinstance(offset, int) and offset > 0:
            while self._pending_updates and self._pending_updates[0]["update_id"] < offset:
                self._pending_updates.popleft()
        if not self._pending_updates:
            wait = min(float(params.get("timeout") or 0), MAX_POLL_WAIT)
            if isinstance(read_timeout, int | float):
                wait = min(wait, float(read_timeout))
            if wait > 0:
                self._update_queued.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(wait):
                        await self._update_queued.wait()
        limit = params.get("limit") or 100
        return list(itertools.islice(self._pending_updates, limit))

    def _new_message(self, params: Mapping[str, Any], content: Mapping[str, Any]) -> Any:
        chat_id = params.get("chat_id")
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": bot_user(),
            "chat": _chat(chat_id),
            "date": int(time.time()),
            **content,
        }
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(str(chat_id), message["message_id"])] = message
        return message

    def _send_message(self, request: RecordedRequest) -> Any:
        return self._new_message(request.params, {"text": "", **_echo(request.params)})

    def _upload_for(self, request: RecordedRequest, name: str) -> RecordedFile | None:
        value = request.params.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            return request.files.get(value.removeprefix("attach://"))
        return request.files.get(name)

    def _new_file_ids(self, prefix: str) -> tuple[str, str]:
        serial = next(self._file_serial)
        return f"{prefix}ACAgUAAxkBAAI{serial:06d}", f"AQAD{serial:06d}"

    def _send_photo(self, request: RecordedRequest) -> Any:
        upload = self._upload_for(request, "photo")
        given = request.params.get("photo")
        sizes: list[dict[str, Any]] = []
        for width, height in ((90, 68), (320, 240), (800, 600)):
            file_id, unique_id = self._new_file_ids("Ag")
            sizes.append(
                {
                    "file_id": file_id,
                    "file_unique_id": unique_id,
                    "width": width,
                    "height": height,
                    "file_size": width * height // 10,
                }
            )
        if upload is not None:
            sizes[-1]["file_size"] = len(upload.content)
        elif isinstance(given, str) and not given.startswith(("http://", "https://")):
            sizes[-1]["file_id"] = given
        return self._new_message(request.params, {"photo": sizes, **_echo(request.params)})

    def _send_document(self, request: RecordedRequest) -> Any:
        upload = self._upload_for(request, "document")
        given = request.params.get("document")
        file_id, unique_id = self._new_file_ids("BQ")
        document: dict[str, Any] = {"file_id": file_id, "file_unique_id": unique_id}
        if upload is not None:
            document |= {
                "file_name": upload.filename,
                "mime_type": upload.mime_type,
                "file_size": len(upload.content),
            }
        elif isinstance(given, str) and not given.startswith(("http://", "https://")):
            document["file_id"] = given
        return self._new_message(request.params, {"document": document, **_echo(request.params)})

    def _edited(self, params: Mapping[str, Any], changes: Mapping[str, Any]) -> Any:
        if "inline_message_id" in params:
            return True
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        key = (str(chat_id), message_id if isinstance(message_id, int) else 0)
        message = dict(
            self._messages.get(key)
            or {"message_id": key[1], "from": bot_user(), "chat": _chat(chat_id), "date": 0}
        )
        message |= changes
        message["edit_date"] = int(time.time())
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        self._messages[key] = message
        return message

    def _edit_message_text(self, request: RecordedRequest) -> Any:
        return self._edited(request.params, {"text": "", **_echo(request.params)})

    def _edit_message_reply_markup(self, request: RecordedRequest) -> Any:
        return self._edited(request.params, {})

    def _set_my_commands(self, request: RecordedRequest) -> Any:
        commands = request.params.get("commands")
        self._commands = list(commands) if isinstance(commands, list) else []
        return True

    def _set_webhook(self, request: RecordedRequest) -> Any:
        self._webhook_url = str(request.params.get("url", ""))
        return True

    def _delete_webhook(self, request: RecordedRequest) -> Any:
        self._webhook_url = ""
        if request.params.get("drop_pending_updates"):
            self._pending_updates.clear()
        return True

    def _webhook_info(self, _: RecordedRequest) -> Any:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending_updates),
        }

    def _get_file(self, request: RecordedRequest) -> Any:
        file_id = str(request.params.get("file_id", ""))
        if file_id not in self._files:
            raise ApiError(HTTPStatus.BAD_REQUEST, "Bad Request: invalid file_id")
        file_path, unique_id, content = self._files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_size": len(content),
            "file_path": file_path,
        }

    def download(self, file_path: str) -> tuple[int, bytes]:
        """Serve `GET /file/bot<token>/<file_path>` for a stored file."""
        self.downloads.append(file_path)
        for stored_path, _, content in self._files.values():
            if stored_path == file_path:
                return HTTPStatus.OK, content
        return HTTPStatus.NOT_FOUND, json.dumps(
            {"ok": False, "error_code": 404, "description": "Not Found"}
        ).encode()


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegramAPI]:
    """A fresh fake Telegram that fails the test at teardown if a request broke the rules."""
    fake = FakeTelegramAPI()
    yield fake
    fake.assert_no_violations()

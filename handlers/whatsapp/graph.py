"""A small client for the WhatsApp Cloud API (Meta's Graph API), on aiohttp.

It sends messages, downloads media people send and uploads media the bot sends,
and says what happened as a value (`Sent`, `OutsideWindow`, `Rejected`,
`Failed`) rather than raising: a member outside the 24-hour window or a refused
request is an expected outcome the caller decides about. Throttling and server
trouble are retried a bounded number of times with exponential backoff, and
sends keep to the number's throughput.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, TypeAlias

import aiohttp
from aiolimiter import AsyncLimiter

log = logging.getLogger(__name__)

DEFAULT_RATE = 80.0
"""Messages per second per business number (WhatsApp's default throughput)."""
DEFAULT_MAX_TRIES = 4
DEFAULT_BACKOFF_BASE = 0.5
"""Seconds before the first retry; each further retry waits twice as long."""
DEFAULT_TIMEOUT = 30.0
MAX_DOWNLOAD_BYTES = 16 * 1024 * 1024
"""The most we read of one media file; WhatsApp images are at most 5 MB."""

OUTSIDE_WINDOW_CODE = 131047
"""More than 24 hours since the member last wrote: only a template may be sent."""
TRANSIENT_CODES = frozenset({4, 80007, 130429, 131000, 131016, 131056})
"""Throttling (app, account, number, pair) and Meta-side trouble: worth retrying."""


@dataclass(frozen=True)
class Sent:
    """The Graph API accepted the message (delivery is reported later by status)."""

    message_id: str


@dataclass(frozen=True)
class OutsideWindow:
    """Error 131047: the 24-hour window is closed; a template message is needed."""


@dataclass(frozen=True)
class Rejected:
    """The request was refused for good (a 4xx other than throttling); not retried."""

    code: int | None
    detail: str


@dataclass(frozen=True)
class Failed:
    """Transient trouble (throttling, 5xx, network) outlasted every retry."""

    detail: str


SendResult: TypeAlias = Sent | OutsideWindow | Rejected | Failed
"""What became of one request to the Graph API."""


class GraphRequestFailed(Exception):
    """A media download or upload did not succeed; `outcome` says how."""

    def __init__(self, outcome: OutsideWindow | Rejected | Failed) -> None:
        super().__init__(outcome)
        self.outcome = outcome


@dataclass(frozen=True)
class _Transient:
    """One attempt failed in a way a later attempt may not."""

    detail: str


_Answer: TypeAlias = dict[str, Any] | OutsideWindow | Rejected | _Transient
"""One attempt's answer: the JSON body of a success, or what went wrong."""

_Request: TypeAlias = Callable[
    [aiohttp.ClientSession], AbstractAsyncContextManager[aiohttp.ClientResponse]
]
"""Builds one request on the session (called again for every try)."""


class GraphClient:
    """Talks to the Graph API for one WhatsApp business number.

    It owns its aiohttp session: use it as `async with GraphClient(...)`, or call
    `close()` when done.
    """

    def __init__(
        self,
        api_url: str,
        phone_number_id: str,
        token: str,
        *,
        rate: float = DEFAULT_RATE,
        max_tries: int = DEFAULT_MAX_TRIES,
        backoff_base: float = DEFAULT_BACKOFF_BASE,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if max_tries < 1:
            raise ValueError("max_tries must be at least 1")
        self.api_url = api_url.rstrip("/")
        self.phone_number_id = phone_number_id
        self._token = token
        self._limiter = AsyncLimiter(rate, 1.0)
        self._max_tries = max_tries
        self._backoff_base = backoff_base
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> GraphClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session (a later call opens a new one)."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, payload: Mapping[str, Any]) -> SendResult:
        """Send one message (`payload` is the JSON of `POST /messages`)."""
        url = f"{self.api_url}/{self.phone_number_id}/messages"
        answer = await self._with_retries(
            lambda session: session.post(url, json=payload, headers=self._auth()),
            limited=True,
        )
        if not isinstance(answer, dict):
            return answer
        try:
            return Sent(str(answer["messages"][0]["id"]))
        except (KeyError, IndexError, TypeError):
            return Failed("the send was answered without a message id")

    async def download_media(
        self, media_id: str, *, max_bytes: int = MAX_DOWNLOAD_BYTES
    ) -> tuple[bytes, str]:
        """The bytes and MIME type of a media file someone sent (by its media id).

        The id gives a short-lived URL, which is then fetched with the same token.
        Raises `GraphRequestFailed` when either step does not succeed.
        """
        info = await self._with_retries(
            lambda session: session.get(f"{self.api_url}/{media_id}", headers=self._auth())
        )
        if not isinstance(info, dict):
            raise GraphRequestFailed(info)
        url, mime_type = info.get("url"), info.get("mime_type")
        if not isinstance(url, str) or not isinstance(mime_type, str):
            raise GraphRequestFailed(Failed("media info without url or mime_type"))
        size = info.get("file_size")
        if (
            isinstance(size, int | str)
            and str(size).isascii()
            and str(size).isdigit()
            and int(size) > max_bytes
        ):
            raise GraphRequestFailed(Rejected(None, "media file too large"))
        for attempt in range(1, self._max_tries + 1):
            data = await self._download_once(url, max_bytes)
            if not isinstance(data, _Transient):
                break
            if attempt < self._max_tries:
                await self._back_off(attempt)
        if isinstance(data, bytes):
            return data, mime_type
        raise GraphRequestFailed(_final(data))

    async def upload_media(self, data: bytes, mime_type: str, filename: str) -> str:
        """Upload a file the bot will send; returns its media id.

        Raises `GraphRequestFailed` when the upload does not succeed.
        """
        url = f"{self.api_url}/{self.phone_number_id}/media"

        def form() -> aiohttp.FormData:
            built = aiohttp.FormData()
            built.add_field("messaging_product", "whatsapp")
            built.add_field("type", mime_type)
            built.add_field("file", data, filename=filename, content_type=mime_type)
            return built

        answer = await self._with_retries(
            lambda session: session.post(url, data=form(), headers=self._auth())
        )
        if not isinstance(answer, dict):
            raise GraphRequestFailed(answer)
        media_id = answer.get("id")
        if not isinstance(media_id, str | int):
            raise GraphRequestFailed(Failed("the upload was answered without a media id"))
        return str(media_id)

    # --- one request, retried -------------------------------------------------------------

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"}

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def _with_retries(
        self,
        request: _Request,
        *,
        limited: bool = False,
    ) -> dict[str, Any] | OutsideWindow | Rejected | Failed:
        """Make the request until it succeeds, fails for good, or the tries run out.

        `request` builds a fresh request each time (a multipart body cannot be
        sent twice); `limited` requests wait their turn under the send rate.
        """
        last = _Transient("not attempted")
        for attempt in range(1, self._max_tries + 1):
            if limited:
                async with self._limiter:
                    answer = await self._attempt(request)
            else:
                answer = await self._attempt(request)
            if not isinstance(answer, _Transient):
                return answer
            last = answer
            if attempt < self._max_tries:
                log.info("graph api request will be retried", extra={"attempt": attempt})
                await self._back_off(attempt)
        return _final(last)

    async def _attempt(self, request: _Request) -> _Answer:
        try:
            async with request(self._http()) as response:
                body = await _json_or_none(response)
                if 200 <= response.status < 300:
                    if isinstance(body, dict):
                        return body
                    return _Transient(f"HTTP {response.status} without a JSON object")
                return _classify_error(response.status, body)
        except (aiohttp.ClientError, TimeoutError) as error:
            return _Transient(f"{type(error).__name__}: {error}")

    async def _download_once(self, url: str, max_bytes: int) -> bytes | Rejected | _Transient:
        try:
            async with self._http().get(url, headers=self._auth()) as response:
                if response.status >= 500 or response.status == 429:
                    return _Transient(f"media download answered HTTP {response.status}")
                if response.status >= 400:
                    return Rejected(None, f"media download answered HTTP {response.status}")
                if (response.content_length or 0) > max_bytes:
                    return Rejected(None, "media file too large")
                data = bytearray()
                async for chunk in response.content.iter_chunked(64 * 1024):
                    data += chunk
                    if len(data) > max_bytes:
                        return Rejected(None, "media file too large")
                return bytes(data)
        except (aiohttp.ClientError, TimeoutError) as error:
            return _Transient(f"{type(error).__name__}: {error}")

    async def _back_off(self, attempt: int) -> None:
        await asyncio.sleep(self._backoff_base * 2 ** (attempt - 1))


async def _json_or_none(response: aiohttp.ClientResponse) -> Any:
    """The response's JSON, or None when it is not JSON (a proxy's HTML error page)."""
    try:
        return await response.json(content_type=None)
    except ValueError:
        return None


def _classify_error(status: int, body: Any) -> OutsideWindow | Rejected | _Transient:
    """Sort a Graph API error answer into the outcomes callers act on."""
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    code = error.get("code")
    code = code if isinstance(code, int) else None
    data = error.get("error_data")
    details = data.get("details") if isinstance(data, dict) else None
    detail = str(details or error.get("message") or f"HTTP {status}")
    if code == OUTSIDE_WINDOW_CODE:
        return OutsideWindow()
    if code in TRANSIENT_CODES or status == 429 or status >= 500:
        return _Transient(f"HTTP {status}, code {code}: {detail}")
    log.warning(
        "graph api refused a request",
        extra={"status": status, "code": code, "fbtrace_id": error.get("fbtrace_id")},
    )
    return Rejected(code, detail)


def _final(
    answer: OutsideWindow | Rejected | Failed | _Transient,
) -> OutsideWindow | Rejected | Failed:
    """A transient failure that is still there after the last try becomes `Failed`."""
    if isinstance(answer, _Transient):
        log.warning("graph api request failed after retries", extra={"detail": answer.detail})
        return Failed(answer.detail)
    return answer

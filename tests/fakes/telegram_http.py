"""The fake Telegram Bot API served over HTTP on 127.0.0.1, as a Bot API server is.

`FakeTelegramAPI` usually plugs into python-telegram-bot as an in-process request
object, where the host of a URL does not matter. Served here over real HTTP, the bot
uses its own HTTP client, so a test sees which server each call went to: method calls
are answered only under `<base>/bot<token>/<method>` and files only under
`<base>/file/bot<token>/<path>`, nowhere else.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiohttp import BodyPartReader, web

from tests.fakes.telegram_api import FakeTelegramAPI, RecordedFile

JSON = "application/json"


@dataclass(frozen=True)
class ServedBotApi:
    """Where the served fake listens: the bot's `base_url` and `base_file_url`."""

    base_url: str
    """Up to and including `/bot`, as `OKOCE_TELEGRAM_API_URL` takes it."""
    base_file_url: str
    """Up to and including `/file/bot`, as `OKOCE_TELEGRAM_FILE_URL` takes it."""


def _routes(api: FakeTelegramAPI, token: str) -> list[web.RouteDef]:
    async def method_call(request: web.Request) -> web.Response:
        params, files = await _read_call(request)
        status, body = await api.call(request.match_info["method"], params, files)
        return web.Response(status=status, body=body, content_type=JSON)

    async def file_download(request: web.Request) -> web.Response:
        status, body = api.download(request.match_info["path"])
        return web.Response(status=status, body=body)

    return [
        web.post(f"/bot{token}/{{method}}", method_call),
        web.get(f"/bot{token}/{{method}}", method_call),
        web.get(f"/file/bot{token}/{{path:.+}}", file_download),
    ]


async def _read_call(request: web.Request) -> tuple[dict[str, str], dict[str, RecordedFile]]:
    """A call's parameters (as sent: strings, JSON for objects) and uploaded files."""
    params: dict[str, str] = dict(request.query)
    files: dict[str, RecordedFile] = {}
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                files[part.name] = RecordedFile(
                    filename=part.filename,
                    mime_type=part.headers.get("Content-Type", "application/octet-stream"),
                    content=await part.read(),
                )
            else:
                params[part.name] = await part.text()
    elif request.content_type == JSON:
        params.update({key: str(value) for key, value in (await request.json()).items()})
    elif request.can_read_body:
        params.update({key: str(value) for key, value in (await request.post()).items()})
    return params, files


@asynccontextmanager
async def serve_bot_api(api: FakeTelegramAPI, token: str) -> AsyncIterator[ServedBotApi]:
    """Serve `api` for `token` on a free port of 127.0.0.1 while the block runs."""
    app = web.Application()
    app.add_routes(_routes(api, token))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield ServedBotApi(f"http://{host}:{port}/bot", f"http://{host}:{port}/file/bot")
    finally:
        await runner.cleanup()

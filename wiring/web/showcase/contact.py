"""Buyers reach sellers (WhatsApp, Telegram) and report listings, all without JavaScript.

"Chat di WhatsApp" links to `/p/<id>/wa`, which counts a lead and redirects (303) to
`https://wa.me/<number>?text=…` with a message about the product already written: the
seller's number is never in the page for scrapers to collect, and only there when the
seller allowed it. "Tanya lewat Telegram" is a deep link straight into the bot,
`https://t.me/<bot>?start=p<id>`; the bot counts that lead when the chat opens.

A report is a POST form with a reason. One sent from another site's page is refused
(its `Origin`, or `Sec-Fetch-Site: cross-site`, says so), so no site can make its
visitors report for it; each client may send `REPORTS_PER_HOUR` reports an hour.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from urllib.parse import quote

from aiohttp import web

from bot.i18n import gettext as _
from bot.i18n import use_language
from bot.money import format_rupiah
from bot.services import catalog
from bot.vocabulary import ReportReason
from wiring.web.app import DATABASE_KEY
from wiring.web.showcase.cache import PAGES_KEY
from wiring.web.showcase.config import SHOWCASE_KEY, ShowcaseConfig
from wiring.web.showcase.rendering import language_of, render

DEEP_LINK_PREFIX = "p"
"""`?start=p<id>`: the Telegram start parameter that opens an inquiry about listing <id>."""
REPORTS_PER_HOUR = 5
TRACKED_CLIENTS = 10_000
"""Clients whose recent reports are remembered; the longest quiet are forgotten first."""


def telegram_link(config: ShowcaseConfig, listing_id: int) -> str | None:
    """The deep link that opens an inquiry in the bot, or None when the bot is unknown."""
    if not config.telegram_username:
        return None
    return f"https://t.me/{config.telegram_username}?start={DEEP_LINK_PREFIX}{listing_id}"


def whatsapp_link(phone_e164: str, text: str) -> str:
    """WhatsApp's click-to-chat link to a number, with the message written in."""
    digits = "".join(char for char in phone_e164 if char.isdigit())
    return f"https://wa.me/{digits}?text={quote(text, safe='')}"


def client_fingerprint(config: ShowcaseConfig, request: web.Request) -> str:
    """What tells one web client from another: its address and browser."""
    return f"{config.client_address(request)}|{request.headers.get('User-Agent', '')[:200]}"


def from_this_site(config: ShowcaseConfig, request: web.Request) -> bool:
    """Whether a form was sent from one of our own pages (browsers say where it came from).

    A request without `Origin` (an old browser) is taken; one whose `Origin` names another
    host, or that the browser marks cross-site, is not.
    """
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = {f"{request.scheme}://{request.host}"}
    if config.public_url:
        own.add(config.public_url)
    return origin.rstrip("/") in own


async def whatsapp_redirect(request: web.Request) -> web.StreamResponse:
    """Count a lead and send the buyer on to WhatsApp, when the seller shows their number."""
    listing_id = listing_id_of(request)
    db = request.app[DATABASE_KEY]
    async with db.reading() as session:
        shown = await catalog.product(session, listing_id)
    if isinstance(shown, catalog.NotFound) or shown.seller.whatsapp_e164 is None:
        raise web.HTTPNotFound()
    async with db.transaction() as session:
        await catalog.record_lead(session, listing_id, now=request.app[SHOWCASE_KEY].clock.now())
    config = request.app[SHOWCASE_KEY]
    url = f"{config.base_url(request)}/p/{listing_id}"
    with use_language(language_of(request)):
        text = _("Halo, saya lihat {product} ({price}) di Etalase OK OCE: {url}").format(
            product=shown.name, price=format_rupiah(shown.price), url=url
        )
        text += " " + _("Apakah masih ada?")
    response = web.HTTPSeeOther(whatsapp_link(shown.seller.whatsapp_e164, text))
    response.headers["Cache-Control"] = "no-store"
    raise response


class ReportLimiter:
    """At most `per_hour` reports per client in any hour, in memory."""

    def __init__(self, per_hour: int = REPORTS_PER_HOUR) -> None:
        self.per_hour = per_hour
        self._sent: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, client: str, now: float) -> bool:
        """Whether this client may report now (and count it if so)."""
        sent = self._sent.pop(client, deque())
        while sent and sent[0] <= now - 3600:
            sent.popleft()
        allowed = len(sent) < self.per_hour
        if allowed:
            sent.append(now)
        self._sent[client] = sent
        while len(self._sent) > TRACKED_CLIENTS:
            self._sent.popitem(last=False)
        return allowed


LIMITER_KEY = web.AppKey("report_limiter", ReportLimiter)


async def report(request: web.Request) -> web.Response:
    """A buyer reports a listing: thanked, refused when too many, 404 when it is gone."""
    listing_id = listing_id_of(request)
    config = request.app[SHOWCASE_KEY]
    if not from_this_site(config, request):
        return _message(request, "elsewhere", status=403)
    form = await request.post()
    reason_text = str(form.get("reason", ""))
    if reason_text not in {reason.value for reason in ReportReason}:
        return _message(request, "no_reason", status=400)
    fingerprint = client_fingerprint(config, request)
    if not request.app[LIMITER_KEY].allow(fingerprint, time.monotonic()):
        return _message(request, "too_many", status=429)
    reporter = catalog.web_reporter(fingerprint, config.client_key)
    async with request.app[DATABASE_KEY].transaction() as session:
        outcome = await catalog.report_listing(
            session, listing_id, reporter, ReportReason(reason_text), now=config.clock.now()
        )
    if isinstance(outcome, catalog.NotFound):
        raise web.HTTPNotFound()
    if isinstance(outcome, catalog.ReportTaken) and outcome.sent_to_review:
        request.app[PAGES_KEY].forget_path(f"/p/{listing_id}")
    return _message(request, "reported", status=200)


def _message(request: web.Request, message: str, *, status: int) -> web.Response:
    """The answer to a report, never kept by any cache."""
    response = render(request, "message.html", {"message": message}, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def listing_id_of(request: web.Request) -> int:
    """The listing id in the path; a 404 for anything that is not one."""
    text = request.match_info["listing_id"]
    if not text.isdigit() or len(text) > 12:
        raise web.HTTPNotFound()
    return int(text)

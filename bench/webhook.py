"""Signed WhatsApp deliveries into the webhook over 127.0.0.1, acknowledged and processed.

The real path: `WhatsAppChannel`'s routes on an aiohttp server, checking each
delivery's `X-Hub-Signature-256`, answering 200 and processing in the background
(the engine on a fresh SQLite database, replies through `GraphClient` to a fake
Graph API in its own process). The deliveries are text messages in Meta's webhook
format from a few hundred people, each message with its own wamid; a share of them
are sent again byte for byte, as Meta redelivers. Each person's messages are sent
close together, so they are in flight at once and per-member ordering is exercised.
The load comes from its own process too, `--concurrency` requests in flight at a
time, timing each acknowledgement (request sent to 200 received).

After the last acknowledgement the channel is drained, and exactly-once is checked
three ways: `processed_events` rows for "whatsapp" against the distinct wamids, how
often the engine answered each wamid, and the messages the fake Graph API received
per person against those the engine's answers make.

Aim (bench/webhook.py issue): acknowledgement p99 under 250 ms, and every delivery
processed exactly once.

    python -m bench.webhook [--deliveries 2000] [--concurrency 200] [--senders 500]
                            [--redeliveries 0.05] [--graph-rate R] [--graph-latency MS]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import logging
import multiprocessing
import random
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import func, select

from bench.fake_graph_api import PHONE_NUMBER_ID, TOKEN, serve_in_subprocess, stats_url
from bot.areas import jakarta_areas
from bot.clock import SystemClock
from bot.config import Settings
from bot.db import Database
from bot.inbox import DatabaseInbox
from bot.messages import Incoming, Reply
from bot.models import Base, ProcessedEvent
from conversations.engine import ConversationEngine
from conversations.registry import all_actions, all_flows
from handlers.whatsapp import CHANNEL, SIGNATURE_HEADER, WEBHOOK_PATH, WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from handlers.whatsapp.rendering import payloads_for_reply

APP_SECRET = "bench-app-secret"
VERIFY_TOKEN = "bench-verify-token"
WABA_ID = "102290129340398"
DISPLAY_PHONE_NUMBER = "6281100000001"
TEXTS = ("halo", "1", "menu", "apa kabar", "jadwal")
"""What each person types, in turn: greeting, registration consent, menu, free text, a gated flow."""
UNTHROTTLED = 1e9
"""Sends per second given to `GraphClient` when `--graph-rate` is not set."""
REQUEST_TIMEOUT = 30.0
"""Seconds one webhook POST may take before the load generator gives up on it."""
AIM_P99_MS = 250.0


# --- deliveries, as Meta sends them -------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """One webhook POST: its raw body and signature, and what it carries."""

    wamid: str
    sender: str
    body: bytes
    signature: str
    redelivery: bool = False


def new_wamid(sender: str, number: int) -> str:
    """A message id shaped like Meta's (`wamid.` + base64), unique per `number`."""
    raw = f"\x18\x0d{sender}\x15\x02\x00\x12\x18\x14{number:020X}\x00".encode()
    return "wamid." + base64.b64encode(raw).decode()


def text_delivery(sender: str, text: str, wamid: str, timestamp: int) -> dict[str, Any]:
    """The whole JSON body Meta POSTs when `sender` typed `text`."""
    message = {
        "from": sender,
        "id": wamid,
        "timestamp": str(timestamp),
        "type": "text",
        "text": {"body": text},
    }
    value = {
        "messaging_product": "whatsapp",
        "metadata": {
            "display_phone_number": DISPLAY_PHONE_NUMBER,
            "phone_number_id": PHONE_NUMBER_ID,
        },
        "contacts": [{"profile": {"name": "Anggota Bench"}, "wa_id": sender}],
        "messages": [message],
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA_ID, "changes": [{"value": value, "field": "messages"}]}],
    }


def sign(app_secret: str, raw_body: bytes) -> str:
    """The `X-Hub-Signature-256` header Meta sends with `raw_body`."""
    return "sha256=" + hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()


def build_deliveries(
    total: int, senders: int, redelivery_share: float, window: int, seed: int
) -> list[Delivery]:
    """`total` signed deliveries: distinct messages, plus that share sent again later.

    Each person's messages are consecutive and then shuffled within windows of
    `window` (the number in flight), so one person's messages overlap in flight.
    A redelivery follows its original by up to two windows: some overlap it.
    """
    rng = random.Random(seed)
    redeliveries = round(total * redelivery_share)
    unique = total - redeliveries
    people = [f"62812{n:08d}" for n in range(senders)]
    order = [people[i * senders // unique] for i in range(unique)]
    for start in range(0, unique, window):
        chunk = order[start : start + window]
        rng.shuffle(chunk)
        order[start : start + window] = chunk
    typed: Counter[str] = Counter()
    now = int(time.time())
    originals: list[Delivery] = []
    for number, sender in enumerate(order, 1):
        wamid = new_wamid(sender, number)
        text = TEXTS[typed[sender] % len(TEXTS)]
        typed[sender] += 1
        body = json.dumps(text_delivery(sender, text, wamid, now), separators=(",", ":")).encode()
        originals.append(Delivery(wamid, sender, body, sign(APP_SECRET, body)))
    keyed = [((float(i), 0), delivery) for i, delivery in enumerate(originals)]
    for i in rng.sample(range(unique), redeliveries):
        again = replace(originals[i], redelivery=True)
        keyed.append(((i + rng.randint(1, 2 * window) + 0.5, 1), again))
    keyed.sort(key=lambda pair: pair[0])
    return [delivery for _key, delivery in keyed]


# --- the load, from its own process -------------------------------------------------------------


@dataclass
class LoadResult:
    """What the load generator saw: the latency of each answered POST, in seconds."""

    latencies: dict[int, float] = field(default_factory=dict)
    """By the request's position in the sending order."""
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


async def post_all(url: str, requests: list[tuple[bytes, str]], concurrency: int) -> LoadResult:
    """POST every body with its signature, `concurrency` at a time, timing each answer."""
    result = LoadResult()
    slots = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:

        async def post(position: int, body: bytes, signature: str) -> None:
            headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature}
            async with slots:
                started = time.perf_counter()
                try:
                    async with http.post(url, data=body, headers=headers) as response:
                        await response.read()
                        result.latencies[position] = time.perf_counter() - started
                        result.statuses[response.status] += 1
                except (aiohttp.ClientError, TimeoutError) as error:
                    result.failures.append(f"{type(error).__name__}: {error}")

        started = time.perf_counter()
        await asyncio.gather(*(post(n, *request) for n, request in enumerate(requests)))
        result.seconds = time.perf_counter() - started
    return result


def _load(
    requests: list[tuple[bytes, str]],
    concurrency: int,
    deadline: float,
    orders: Connection,
    results: Connection,
) -> None:
    """The load generator's process: wait for the webhook URL, send everything, report."""
    if not orders.poll(deadline):
        return
    url = str(orders.recv())

    async def bounded() -> LoadResult:
        async with asyncio.timeout(deadline):
            return await post_all(url, requests, concurrency)

    results.send(asyncio.run(bounded()))


# --- the bot, measured ------------------------------------------------------------------------


class CountingEngine(ConversationEngine):
    """The real engine, noting how often each event was answered and what that sends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls = 0
        self.answered: Counter[str] = Counter()
        """Times each event id was answered with at least one reply."""
        self.expected_sends: Counter[str] = Counter()
        """Graph API messages the answers to each person make."""

    async def handle(self, incoming: Incoming) -> list[Reply]:
        replies = await super().handle(incoming)
        self.calls += 1
        if replies:
            self.answered[incoming.event_id] += 1
            self.expected_sends[incoming.user_id] += sum(
                len(payloads_for_reply(incoming.user_id, reply, photo_media_id="m"))
                for reply in replies
            )
        return replies


class CountingHandler(logging.Handler):
    """Keeps every warning and error logged during the run."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Outcome:
    load: LoadResult
    seconds_to_acked: float
    seconds_to_drained: float
    handled_by_last_ack: int
    processed_rows: int
    answered: Counter[str]
    expected_sends: Counter[str]
    received: dict[str, int]
    refused: int


async def run_bot(
    api_url: str, graph_rate: float, deadline: float, orders: Connection, results: Connection
) -> Outcome:
    """Serve the webhook, hand its URL to the load generator, wait for it, drain, count."""
    with tempfile.TemporaryDirectory() as directory:
        db = Database(f"sqlite+aiosqlite:///{Path(directory) / 'webhook.db'}")
        async with db.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        engine = CountingEngine(
            db, settings, all_flows(), jakarta_areas(), SystemClock(), all_actions()
        )
        client = GraphClient(api_url, PHONE_NUMBER_ID, TOKEN, rate=graph_rate, timeout=10.0)
        channel = WhatsAppChannel(
            engine,
            client,
            app_secret=APP_SECRET,
            verify_token=VERIFY_TOKEN,
            inbox=DatabaseInbox(db, engine.clock, "whatsapp"),
        )
        app = web.Application()
        app.add_routes(channel.routes())
        await channel.recover()  # as `okoce-bot run` does at start
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            host, port = runner.addresses[0][:2]
            started = time.monotonic()
            orders.send(f"http://{host}:{port}{WEBHOOK_PATH}")
            if not await asyncio.to_thread(results.poll, deadline):
                raise RuntimeError(f"the load generator did not report within {deadline:.0f} s")
            load = results.recv()
            if not isinstance(load, LoadResult):
                raise RuntimeError("the load generator reported nothing usable")
            acked = time.monotonic()
            handled_by_last_ack = engine.calls
            async with asyncio.timeout(deadline):
                await channel.drain()
            drained = time.monotonic()
        finally:
            await runner.cleanup()
            await client.close()
        async with db.engine.connect() as connection:
            processed_rows = int(
                await connection.scalar(
                    select(func.count())
                    .select_from(ProcessedEvent)
                    .where(ProcessedEvent.channel == CHANNEL)
                )
                or 0
            )
        await db.dispose()
    stats = await _graph_stats(api_url)
    return Outcome(
        load=load,
        seconds_to_acked=acked - started,
        seconds_to_drained=drained - started,
        handled_by_last_ack=handled_by_last_ack,
        processed_rows=processed_rows,
        answered=engine.answered,
        expected_sends=engine.expected_sends,
        received={str(to): int(n) for to, n in stats["received"].items()},
        refused=int(stats["refused"]),
    )


async def _graph_stats(api_url: str) -> dict[str, Any]:
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        response = await http.get(stats_url(api_url))
        data: dict[str, Any] = await response.json()
        return data


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:.1f} ms"


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    """p50, p99 and max, in seconds (NaN when there are too few to tell)."""
    if len(latencies) < 2:
        return float("nan"), float("nan"), float("nan")
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[49], cuts[98], max(latencies)


def report(
    deliveries: list[Delivery],
    concurrency: int,
    outcome: Outcome,
    errors: list[logging.LogRecord],
) -> bool:
    """Print the figures and the verdict; True when the aim is met."""
    load = outcome.load
    unique = {d.wamid for d in deliveries}
    redeliveries = sum(d.redelivery for d in deliveries)
    acked_ok = load.statuses.get(200, 0)
    p50, p99, worst = percentiles(list(load.latencies.values()))
    warm = [latency for n, latency in load.latencies.items() if n >= concurrency]
    warm_p50, warm_p99, warm_worst = percentiles(warm)
    print(
        f"acks        {len(deliveries)} deliveries in {load.seconds:.2f} s = "
        f"{len(deliveries) / load.seconds:.0f} deliveries/s; "
        f"ack p50 {_ms(p50)}, p99 {_ms(p99)}, max {_ms(worst)}"
    )
    print(
        f"            after the first {concurrency} (connections open, bot warm): "
        f"p50 {_ms(warm_p50)}, p99 {_ms(warm_p99)}, max {_ms(warm_worst)}"
    )
    statuses = ", ".join(f"{status}: {n}" for status, n in sorted(load.statuses.items()))
    print(f"            answers {statuses}; failed requests {len(load.failures)}")
    for failure in load.failures[:3]:
        print(f"              {failure}")
    print(
        f"processing  {len(unique)} messages fully handled in {outcome.seconds_to_drained:.2f} s = "
        f"{len(unique) / outcome.seconds_to_drained:.0f} messages/s; "
        f"{outcome.handled_by_last_ack} of {len(deliveries)} deliveries handled by the last ack, "
        f"drain took {outcome.seconds_to_drained - outcome.seconds_to_acked:.2f} s more"
    )
    expected_total = sum(outcome.expected_sends.values())
    received_total = sum(outcome.received.values())
    people = set(outcome.expected_sends) | set(outcome.received)
    lost = sum(max(0, outcome.expected_sends[p] - outcome.received.get(p, 0)) for p in people)
    extra = sum(max(0, outcome.received.get(p, 0) - outcome.expected_sends[p]) for p in people)
    duplicates = sum(n - 1 for n in outcome.answered.values() if n > 1)
    unanswered = len(unique - set(outcome.answered))
    print(
        f"graph api   {received_total} messages received ({expected_total} expected) for "
        f"{len(outcome.received)} people, lost {lost}, extra {extra}, refused {outcome.refused}"
    )
    print(
        f"once        distinct wamids {len(unique)} (+{redeliveries} redeliveries); "
        f"processed_events rows {outcome.processed_rows}; distinct processed "
        f"{len(outcome.answered)}; duplicates processed {duplicates}; unanswered {unanswered}"
    )
    print(f"log         warnings/errors {len(errors)}")
    for record in errors[:3]:
        print(f"              {record.name}: {record.getMessage()}")
    exactly_once = (
        outcome.processed_rows == len(unique)
        and len(outcome.answered) == len(unique)
        and duplicates == 0
        and lost == 0
        and extra == 0
        and outcome.refused == 0
    )
    all_acked = acked_ok == len(deliveries) and not load.failures
    met = all_acked and p99 < AIM_P99_MS / 1000 and exactly_once and not errors
    print(
        f"aim: ack p99 < {AIM_P99_MS:.0f} ms ({_ms(p99)}), every delivery acknowledged "
        f"({acked_ok}/{len(deliveries)}) and processed exactly once "
        f"({'yes' if exactly_once else 'no'})  [{'ok' if met else 'MISSED'}]"
    )
    return met


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--senders", type=int, default=500)
    parser.add_argument(
        "--redeliveries", type=float, default=0.05, help="share of deliveries sent twice"
    )
    parser.add_argument(
        "--graph-rate", type=float, default=None, help="GraphClient sends/s (default unthrottled)"
    )
    parser.add_argument(
        "--graph-latency", type=float, default=0.0, help="ms the fake Graph API takes to answer"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="s for the load, and drain")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.deliveries < 2 or not 0 < args.senders <= args.deliveries:
        parser.error("need at least 2 deliveries and 1..deliveries senders")

    deliveries = build_deliveries(
        args.deliveries, args.senders, args.redeliveries, args.concurrency, args.seed
    )
    unique = len({d.wamid for d in deliveries})
    rate = args.graph_rate or UNTHROTTLED
    print(
        f"bench/webhook.py: {len(deliveries)} signed deliveries ({unique} messages from "
        f"{args.senders} people + {len(deliveries) - unique} redeliveries), "
        f"{args.concurrency} in flight, over 127.0.0.1"
    )
    print(
        f"graph api: fake in its own process, answering in {args.graph_latency:.0f} ms; "
        f"GraphClient rate {'unthrottled' if args.graph_rate is None else f'{rate:.0f}/s'}"
    )
    errors = CountingHandler()
    logging.getLogger().addHandler(errors)
    with serve_in_subprocess(args.graph_latency / 1000) as api_url:
        orders_rx, orders_tx = multiprocessing.Pipe(duplex=False)
        results_rx, results_tx = multiprocessing.Pipe(duplex=False)
        requests = [(d.body, d.signature) for d in deliveries]
        loader = multiprocessing.Process(
            target=_load,
            args=(requests, args.concurrency, args.timeout, orders_rx, results_tx),
            daemon=True,
        )
        loader.start()
        try:
            outcome = asyncio.run(run_bot(api_url, rate, args.timeout, orders_tx, results_rx))
        finally:
            loader.terminate()
            loader.join(10)
    report(deliveries, args.concurrency, outcome, errors.records)


if __name__ == "__main__":
    main()

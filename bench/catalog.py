"""The showcase under load: grid, product page, photo and search beside a static file.

10,000 live listings with photos from 2,000 sellers (`bench.catalog_seed`), on SQLite
and then on PostgreSQL (skipped, saying why, when the server does not answer). The
showcase is the real aiohttp application `okoce-bot run` serves, on 127.0.0.1 in this
process; the load comes from its own process, `--concurrency` clients each sending its
next request as soon as the last one is answered, for `--seconds` per phase after a
short warm-up. The floor, in the same run and app: `/static/showcase.css`, a file
served by aiohttp's static route.

Every page is measured twice: as served (rendered pages and photos kept a few seconds
for every visitor, `wiring.web.showcase.cache`) and rendered afresh for every request
(a second app on the same database with the cache off), so the cost of rendering is
seen, not only that of the cache. Products are 3,000 random ones, so few repeat.

Aim (issue 10): p95 under 50 ms for every page on SQLite at 50 clients, and a page
costing at most 3x the static file (cost = the static file's requests per second over
the page's, both saturated).

    python -m bench.catalog [--concurrency 50] [--seconds 4] [--listings 10000]
                            [--sellers 2000] [--postgres URL | --no-postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import secrets
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bench.catalog_seed import SEARCHES, Seeded, seed
from bot.areas import jakarta_areas
from bot.clock import SystemClock
from bot.db import Database
from bot.migrations import upgrade_database
from bot.photo_store import DirectoryPhotoStore
from wiring.web.app import build_web_app
from wiring.web.showcase import ShowcaseConfig, install_showcase, slug
from wiring.web.showcase.cache import TTL_SECONDS

DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
WARM_UP_SECONDS = 0.5
AIM_P95 = 0.050
AIM_COST = 3.0
PAGES = ("grid", "product", "photo", "search")
PHASES = ("static", *(f"{page}{mode}" for mode in ("", "-rendered") for page in PAGES))
"""Each page as served (with the few seconds' page and photo cache) and rendered afresh."""


@dataclass
class PhaseResult:
    """What one phase's clients saw."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, cut: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[cut - 1]


def urls_for(
    served: str, rendered: str, seeded: Seeded, rng: random.Random
) -> dict[str, list[str]]:
    """The addresses of each phase, as buyers would ask for them, on either server."""
    kecamatans = [slug(k.name) for k in jakarta_areas().kecamatans]
    paths = {
        "grid": [f"/?hal={page}" for page in range(1, 11)]
        + [f"/?kategori=camilan&hal={page}" for page in range(1, 6)]
        + [f"/k/{kecamatan}" for kecamatan in kecamatans],
        "product": [f"/p/{listing_id}" for listing_id in rng.sample(seeded.listing_ids, 3000)],
        "photo": [f"/photos/{key}/thumb.jpg" for key in seeded.photo_keys],
        "search": [f"/?q={quote(search)}" for search in SEARCHES]
        + [f"/?q={quote(search)}&hal=2" for search in SEARCHES],
    }
    for urls in paths.values():
        rng.shuffle(urls)
    phases = {"static": [f"{served}/static/showcase.css"]}
    for base, mode in ((served, ""), (rendered, "-rendered")):
        phases.update({f"{page}{mode}": [base + path for path in paths[page]] for page in PAGES})
    return phases


async def load_phase(urls: list[str], concurrency: int, seconds: float) -> PhaseResult:
    """`concurrency` clients requesting `urls` round-robin; timed after the warm-up."""
    result = PhaseResult()
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    timeout = aiohttp.ClientTimeout(total=10)
    started = time.perf_counter()
    measuring_from = started + WARM_UP_SECONDS
    stop_at = measuring_from + seconds
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:

        async def client(offset: int) -> None:
            position = offset
            while (now := time.perf_counter()) < stop_at:
                url = urls[position % len(urls)]
                position += concurrency
                try:
                    async with http.get(url) as response:
                        await response.read()
                        status = response.status
                except (aiohttp.ClientError, TimeoutError):
                    result.failures += 1
                    continue
                if now >= measuring_from:
                    result.latencies.append(time.perf_counter() - now)
                    result.statuses[status] += 1

        await asyncio.gather(*(client(n) for n in range(concurrency)))
    result.seconds = time.perf_counter() - measuring_from
    return result


def _load_process(
    phases: dict[str, list[str]], concurrency: int, seconds: float, results: Connection
) -> None:
    """The load generator's own process: every phase in turn, results sent back."""

    async def all_phases() -> dict[str, PhaseResult]:
        return {name: await load_phase(urls, concurrency, seconds) for name, urls in phases.items()}

    results.send(asyncio.run(all_phases()))


async def serve_and_load(
    db: Database, photo_dir: Path, seeded: Seeded, concurrency: int, seconds: float
) -> dict[str, PhaseResult]:
    """Serve the showcase on 127.0.0.1 (as configured, and without its cache) under load."""
    runners = []
    for cache_seconds in (TTL_SECONDS, 0.0):
        app = build_web_app(db, [])
        config = ShowcaseConfig(
            store=DirectoryPhotoStore(photo_dir),
            areas=jakarta_areas(),
            client_key=secrets.token_hex(16),
            public_url="https://etalase.okoce.example",
            telegram_username="okoce_bench_bot",
        )
        install_showcase(app, db, config, SystemClock(), cache_seconds=cache_seconds)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        runners.append(runner)
    try:
        served, rendered = ("http://{}:{}".format(*runner.addresses[0][:2]) for runner in runners)
        phases = urls_for(served, rendered, seeded, random.Random(1))
        receiving, sending = multiprocessing.Pipe(duplex=False)
        loader = multiprocessing.Process(
            target=_load_process, args=(phases, concurrency, seconds, sending), daemon=True
        )
        loader.start()
        deadline = len(phases) * (seconds + WARM_UP_SECONDS + 15)
        ready = await asyncio.to_thread(receiving.poll, deadline)
        loader.join(5)
        if not ready:
            loader.terminate()
            raise TimeoutError("the load process did not finish in time")
        results: dict[str, PhaseResult] = receiving.recv()
        return results
    finally:
        for runner in runners:
            await runner.cleanup()


def report(backend: str, results: dict[str, PhaseResult], concurrency: int) -> None:
    """One backend's table, and whether each page meets the aims."""
    floor = results["static"]
    print(f"\n{backend}: {concurrency} clients")
    print(f"  {'phase':<8} {'requests':>8} {'req/s':>8} {'p50':>9} {'p95':>9} {'cost':>6}  status")
    for name in PHASES:
        result = results[name]
        cost = floor.per_second / result.per_second if result.per_second else float("inf")
        statuses = ",".join(f"{code}x{n}" for code, n in sorted(result.statuses.items()))
        if result.failures:
            statuses += f",failed x{result.failures}"
        print(
            f"  {name:<8} {len(result.latencies):>8} {result.per_second:>8.0f} "
            f"{1000 * result.percentile(50):>7.1f}ms {1000 * result.percentile(95):>7.1f}ms "
            f"{cost:>5.1f}x  {statuses}"
        )
    for name in PHASES[1:]:
        if name.startswith("photo"):
            continue  # a photo is no page; its figures are for comparison
        result = results[name]
        cost = floor.per_second / result.per_second if result.per_second else float("inf")
        p95_met = result.percentile(95) < AIM_P95
        print(
            f"  {name}: p95 < {AIM_P95 * 1000:.0f} ms {'met' if p95_met else 'NOT met'}; "
            f"cost <= {AIM_COST:.0f}x static {'met' if cost <= AIM_COST else 'NOT met'}"
        )


async def run_backend(
    backend: str, url: str, engine_options: dict[str, Any], args: argparse.Namespace
) -> None:
    """Migrate, seed, serve and measure one database."""
    with tempfile.TemporaryDirectory(prefix="okoce-bench-") as folder:
        photo_dir = Path(folder) / "photos"
        if backend == "SQLite":
            url = f"sqlite+aiosqlite:///{Path(folder) / 'okoce.db'}"
        migrate_options = {k: v for k, v in engine_options.items() if k != "pool_size"}
        await upgrade_database(url, **migrate_options)
        db = Database(url, **engine_options)
        try:
            started = time.perf_counter()
            seeded = await seed(db, photo_dir, sellers=args.sellers, listings=args.listings)
            print(
                f"{backend}: seeded {args.listings} listings from {args.sellers} sellers "
                f"in {time.perf_counter() - started:.1f} s"
            )
            results = await serve_and_load(db, photo_dir, seeded, args.concurrency, args.seconds)
        finally:
            await db.dispose()
    report(backend, results, args.concurrency)


async def postgres_schema(url: str) -> tuple[str, str] | str:
    """A fresh schema for the run (its name and the admin URL), or why there is none."""
    engine = create_async_engine(url, poolclass=NullPool, connect_args={"timeout": 5})
    schema = f"okoce_bench_{secrets.token_hex(4)}"
    try:
        async with engine.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except (OSError, Exception) as error:  # any refusal is a reason to skip, said below
        return f"{type(error).__name__}: {error}".splitlines()[0]
    finally:
        await engine.dispose()
    return schema, url


async def drop_schema(url: str, schema: str) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        await engine.dispose()


async def main_async(args: argparse.Namespace) -> None:
    await run_backend("SQLite", "", {}, args)
    if args.no_postgres:
        return
    created = await postgres_schema(args.postgres)
    if isinstance(created, str):
        print(f"\nPostgreSQL: skipped ({created})")
        return
    schema, url = created
    options = {"connect_args": {"server_settings": {"search_path": schema}}, "pool_size": 20}
    try:
        await run_backend("PostgreSQL", url, options, args)
    finally:
        await drop_schema(url, schema)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=4.0, help="measured seconds per phase")
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--sellers", type=int, default=2_000)
    parser.add_argument(
        "--postgres", default=os.environ.get("OKOCE_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    if not 0 < args.sellers <= args.listings:
        parser.error("need 1..listings sellers")
    print(
        f"bench/catalog.py: {args.listings} listings from {args.sellers} sellers, "
        f"{args.concurrency} clients over 127.0.0.1, {args.seconds:g} s per phase"
    )
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()

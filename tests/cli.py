"""Running `okoce-bot` as an operator does: a fresh process, settings from the environment."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import aiohttp

CLI = [sys.executable, "-c", "from wiring.cli import main; main()"]
TIMEOUT_S = 60


def okoce_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """This machine's environment without any OKOCE_ setting, plus `settings` and a data folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("OKOCE_")}
    env["OKOCE_DATA_DIR"] = str(data_dir)
    env.update({f"OKOCE_{key.upper()}": value for key, value in settings.items()})
    return env


def run_cli(
    arguments: Sequence[str],
    env: Mapping[str, str],
    *,
    cwd: Path,
    stdin: str = "",
) -> subprocess.CompletedProcess[str]:
    """`okoce-bot ARGUMENTS` in `cwd` (so no developer's `.env` is read), input on stdin."""
    return subprocess.run(
        [*CLI, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(env),
        cwd=cwd,
        timeout=TIMEOUT_S,
        check=False,
    )


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_bot(
    env: Mapping[str, str],
    *,
    cwd: Path,
    log: Path,
    preexec: Callable[[], None] | None = None,
) -> subprocess.Popen[bytes]:
    """`okoce-bot run` in the background, its log lines (stderr) written to `log`."""
    with log.open("ab") as stderr:
        return subprocess.Popen(
            [*CLI, "run"],
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            preexec_fn=preexec,
        )


async def wait_until_healthy(port: int, process: subprocess.Popen[bytes]) -> None:
    """Poll `/healthz` until the bot answers 200 (bounded; fails if the process died)."""
    url = f"http://127.0.0.1:{port}/healthz"
    deadline = time.monotonic() + TIMEOUT_S
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as http:
        while time.monotonic() < deadline:
            assert process.poll() is None, f"okoce-bot exited with {process.returncode}"
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("okoce-bot did not become healthy")

"""Several `okoce-bot run` processes on one database, as an operator starts them.

Each instance is a real process running the CLI, configured through the environment
only, with its JSON log lines (stderr) read as they come so a test can wait for an
event. Instances are killed with SIGKILL (a crash) or stopped with SIGTERM (a deploy).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.cli import CLI, okoce_env

START_TIMEOUT_S = 60
"""Generous: three processes importing everything on two shared cores take a while."""
TOKEN = "123456:INSTANCES"


@dataclass
class Instance:
    """One running `okoce-bot run`."""

    name: str
    process: asyncio.subprocess.Process
    events: list[dict[str, Any]] = field(default_factory=list)
    """Every JSON log line so far."""
    raw: list[str] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    def logged(self, event: str) -> list[dict[str, Any]]:
        """The log lines whose event is `event`."""
        return [line for line in self.events if line.get("event") == event]

    async def wait_for(self, event: str, *, within: float = START_TIMEOUT_S) -> dict[str, Any]:
        """The first log line with this event, waiting for it (raises on timeout or exit)."""
        async with self.changed:
            try:
                await asyncio.wait_for(
                    self.changed.wait_for(
                        lambda: bool(self.logged(event)) or self.process.returncode is not None
                    ),
                    within,
                )
            except TimeoutError:
                raise AssertionError(f"{self.name} never logged {event!r}:\n{self.log()}") from None
        found = self.logged(event)
        assert found, f"{self.name} exited before logging {event!r}:\n{self.log()}"
        return found[0]

    def kill(self) -> None:
        """SIGKILL: the process dies mid-whatever, as in a crash."""
        self.process.send_signal(signal.SIGKILL)

    async def stop(self, *, within: float = 30) -> int:
        """SIGTERM, then wait for the exit status."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), within)

    def log(self) -> str:
        """The instance's stderr so far (for failure messages)."""
        return "\n".join(self.raw[-60:])

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for line in self.process.stderr:
            text = line.decode(errors="replace").rstrip()
            self.raw.append(text)
            with contextlib.suppress(ValueError):
                parsed = json.loads(text)
                if isinstance(parsed, dict):
                    self.events.append(parsed)
            async with self.changed:
                self.changed.notify_all()
        await self.process.wait()
        async with self.changed:
            self.changed.notify_all()


def instance_env(data_dir: Path, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of an instance on `database_url` (no developer's settings leak in)."""
    return okoce_env(data_dir, database_url=database_url, log_level="INFO", **settings)


@asynccontextmanager
async def running_instances(
    envs: Mapping[str, Mapping[str, str]], *arguments: str, cwd: Path
) -> AsyncIterator[dict[str, Instance]]:
    """Start `okoce-bot run ARGUMENTS` once per named environment; all end with the block."""
    instances: dict[str, Instance] = {}
    readers: list[asyncio.Task[None]] = []
    try:
        for name, env in envs.items():
            process = await asyncio.create_subprocess_exec(
                *CLI,
                "run",
                *arguments,
                env=dict(env),
                cwd=cwd,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            instance = Instance(name, process)
            instances[name] = instance
            readers.append(asyncio.create_task(instance._read()))
        yield instances
    finally:
        for instance in instances.values():
            if instance.process.returncode is None:
                instance.kill()
        for reader in readers:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(reader, 10)


async def first_to_log(
    instances: Mapping[str, Instance], event: str, *, within: float = START_TIMEOUT_S
) -> Instance:
    """The instance that logs `event` first (waiting for one to)."""
    waits = {asyncio.create_task(i.wait_for(event, within=within)): i for i in instances.values()}
    try:
        done, _pending = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task.exception() is None:
                return waits[task]
        raise AssertionError(f"no instance logged {event!r}")
    finally:
        for task in waits:
            task.cancel()

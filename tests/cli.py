"""Running `okoce-bot` as an operator does: a fresh process, settings from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

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

"""The schedule file an operator names, read as text or refused in one clear line.

`okoce-bot sessions import` is pointed at whatever is at hand: a folder, a typo, an
`.xlsx` that was never exported, a CSV saved in Windows-1252. Each gets a sentence
saying what is wrong with the file, not a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileProblem:
    """Why a file cannot be read as a schedule at all, in words for the operator."""

    message: str


MAX_FILE_BYTES = 5 * 1024 * 1024
"""A month of sessions is a few hundred kilobytes at most."""


def read_schedule_file(path: Path) -> str | FileProblem:
    """The text of a schedule file (UTF-8, a byte-order mark allowed), or why it has none."""
    try:
        if path.is_dir():
            return FileProblem("is a folder, not a CSV file")
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return FileProblem("no such file")
    except PermissionError:
        return FileProblem("cannot be read (permission denied)")
    except OSError as error:
        return FileProblem(f"cannot be read ({error.strerror or type(error).__name__})")
    if len(data) > MAX_FILE_BYTES:
        return FileProblem(f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; not a schedule")
    if b"\x00" in data:
        return FileProblem("is not a text file (save the sheet as CSV UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FileProblem('is not UTF-8 text (in Excel, save as "CSV UTF-8")')

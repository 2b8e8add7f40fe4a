"""What every staff-edited content file in `bot/content/` shares: reading, checking, one-line errors.

Staff change these TOML files without touching code, so each is validated strictly
(pydantic, unknown fields refused) and the first mistake becomes one `ContentError`
whose message is a single line, `file: entry: field: problem`:

    faq.toml: entry "nib": answer.en: is missing
    financing.toml: product "kur-mikro": rate_basis: must be one of flat_monthly, ...

`load_content` does the reading and the translation of pydantic's errors; the models
here (`BilingualText`, `ScreenText`, `Source`) are the parts the files have in common.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from bot.message_size import LINE_WIDTH, MAX_LINES, wrapped_lines

PHONE_SCREEN_LINES = MAX_LINES
"""A message members read must fit one cheap phone's screen: 12 lines ..."""
PHONE_LINE_CHARACTERS = LINE_WIDTH
"""... of about 35 characters (`bot.message_size`, which measures every message)."""

URL_PATTERN = r"^https?://\S+$"

ModelT = TypeVar("ModelT", bound=BaseModel)
ContentT = TypeVar("ContentT")

_TYPE_PROBLEMS = {
    "string_type": "must be text in quotes",
    "model_type": "must be a table of fields",
    "model_attributes_type": "must be a table of fields",
    "dict_type": "must be a table of fields",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "string_too_short": "must not be empty",
    "too_short": "must have at least one item",
    "string_pattern_mismatch": "is not in the expected form",
}


class ContentError(Exception):
    """A content file is broken: one line naming the file, the entry, the field and why.

    `entry` is an entry's id, or its 1-based position when it has no usable id; `label`
    says what sort of entry it is ("entry", "product", "step"). The message reads like
    `faq.toml: entry "nib": answer.en: is missing`.
    """

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        entry: str | int | None = None,
        field: str | None = None,
        label: str = "entry",
    ) -> None:
        self.file = file
        self.problem = problem
        self.entry = entry
        self.field = field
        self.label = label
        parts = [file]
        if isinstance(entry, int):
            parts.append(f"{label} {entry}")
        elif entry is not None:
            parts.append(f'{label} "{entry}"')
        if field:
            parts.append(field)
        parts.append(problem)
        # A staff-typed id or a TOML message may hold line breaks; the error stays one line.
        super().__init__(": ".join(" ".join(part.split()) for part in parts))


class ContentModel(BaseModel):
    """A part of a content file: immutable, and unknown fields (typos) are refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def matching(pattern: str, problem: str) -> AfterValidator:
    """A check that text matches `pattern`, saying `problem` (in staff's words) when not."""
    compiled = re.compile(pattern)

    def check(text: str) -> str:
        if not compiled.fullmatch(text):
            raise ValueError(problem)
        return text

    return AfterValidator(check)


Url = Annotated[str, matching(URL_PATTERN, "must be a web address starting with https://")]


class BilingualText(ContentModel):
    """A text members read, in Indonesian (`id`) and English (`en`)."""

    id: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_language(self, language: str) -> str:
        """The English text for "en", the Indonesian one otherwise (Indonesian first)."""
        return self.en if language == "en" else self.id


def phone_lines(text: str) -> int:
    """How many lines `text` takes on a phone screen of `PHONE_LINE_CHARACTERS` characters."""
    return wrapped_lines(text)


def screen_overflow(text: str) -> str | None:
    """Why `text` does not fit one phone screen ("too long for one phone screen: …"), if so."""
    lines = phone_lines(text)
    if lines <= PHONE_SCREEN_LINES:
        return None
    return (
        f"too long for one phone screen: {lines} lines of {PHONE_LINE_CHARACTERS}"
        f" characters, at most {PHONE_SCREEN_LINES}"
    )


class ScreenText(BilingualText):
    """A bilingual text that is sent as one message, so each language fits one phone screen."""

    @field_validator("id", "en")
    @classmethod
    def _fits_phone_screen(cls, text: str) -> str:
        problem = screen_overflow(text)
        if problem is not None:
            raise ValueError(problem)
        return text


class Source(ContentModel):
    """Where figures come from: a citation and, when there is one, its address."""

    title: str = Field(min_length=1)
    url: Url | None = None


def shipped(file_name: str) -> Traversable:
    """The content file of this name that ships with the bot (`bot/content/`)."""
    return resources.files("bot").joinpath("content", file_name)


class ContentFile(Generic[ContentT]):
    """One content file: its name, and how its checked contents are built from its bytes.

    `build(file_name, read_bytes)` reads with `load_content` and adds any check across
    entries; it raises `ContentError`. The shipped file is read once and kept.
    """

    def __init__(self, name: str, build: Callable[[str, Callable[[], bytes]], ContentT]) -> None:
        self.name = name
        self._build = build
        self._shipped: ContentT | None = None

    def load(self, path: Path | None = None) -> ContentT:
        """The file at `path`, or the shipped one; raises `ContentError`."""
        if path is not None:
            return self._build(path.name, path.read_bytes)
        if self._shipped is None:
            self._shipped = self._build(self.name, shipped(self.name).read_bytes)
        return self._shipped

    def load_from(self, folder: Path | None) -> ContentT:
        """This file in `folder` (a staff copy of the content folder), or the shipped one."""
        return self.load(folder / self.name if folder is not None else None)


def check_unique_ids(file_name: str, label: str, ids: Iterable[str]) -> None:
    """Raise `ContentError` at the first id that names a second entry."""
    seen: set[str] = set()
    for entry_id in ids:
        if entry_id in seen:
            raise ContentError(
                file_name,
                "used twice; each id must be unique",
                entry=entry_id,
                field="id",
                label=label,
            )
        seen.add(entry_id)


def load_content(
    file_name: str,
    read_bytes: Callable[[], bytes],
    model: type[ModelT],
    *,
    entry_labels: Mapping[str, str] | None = None,
    entries_with_ids: Collection[str] = (),
) -> ModelT:
    """Parse a UTF-8 TOML content file into `model`, or raise `ContentError` with one line.

    `entry_labels` maps the dotted path of a list whose items are entries to what an
    entry is called (`{"products": "product"}`): a problem inside one names the entry,
    by its `id` for the lists in `entries_with_ids`, else by its position.
    """
    try:
        raw = tomllib.loads(read_bytes().decode("utf-8"))
    except FileNotFoundError as error:
        raise ContentError(file_name, "file not found") from error
    except OSError as error:
        raise ContentError(file_name, f"cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise ContentError(file_name, "is not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        raise ContentError(file_name, f"is not valid TOML: {error}") from error
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise _first_problem(
            file_name, raw, error, entry_labels or {}, frozenset(entries_with_ids)
        ) from error


def _first_problem(
    file_name: str,
    raw: Mapping[str, Any],
    error: ValidationError,
    entry_labels: Mapping[str, str],
    entries_with_ids: Collection[str],
) -> ContentError:
    """The first problem as one line, and how many more there are."""
    problems = error.errors(include_url=False)
    # A misspelt field also shows up as the real one missing; the spelling is the news.
    first = next((p for p in problems if p["type"] == "extra_forbidden"), problems[0])
    problem = _problem(first)
    if len(problems) > 1:
        more = len(problems) - 1
        problem += f" (and {more} more problem{'s' if more > 1 else ''})"
    label, entry, field = _place(raw, first["loc"], entry_labels, entries_with_ids)
    return ContentError(file_name, problem, entry=entry, field=field, label=label)


def _place(
    raw: Mapping[str, Any],
    location: Sequence[int | str],
    entry_labels: Mapping[str, str],
    entries_with_ids: Collection[str],
) -> tuple[str, str | int | None, str | None]:
    """Where a problem is: the entry (label and name) and the field within it.

    The field's names are joined with dots and list positions counted from 1, like
    `questions.id (item 3)`; the path to an entry's list is left out, as its label says it.
    """
    label, entry = "entry", None
    field = ""
    path: list[str] = []
    node: Any = raw
    position = 0
    while position < len(location):
        key = location[position]
        if isinstance(key, int):
            field += f" (item {key + 1})"
            node = _item(node, key)
            position += 1
            continue
        path.append(key)
        node = node.get(key) if isinstance(node, Mapping) else None
        following = location[position + 1] if position + 1 < len(location) else None
        list_path = ".".join(path)
        if entry is None and list_path in entry_labels and isinstance(following, int):
            label = entry_labels[list_path]
            node = _item(node, following)
            entry = _entry_name(node, following) if list_path in entries_with_ids else following + 1
            field = ""
            position += 2
            continue
        field += f".{key}" if field else key
        position += 1
    return label, entry, field or None


def _item(node: Any, index: int) -> Any:
    if isinstance(node, list) and 0 <= index < len(node):
        return node[index]
    return None


def _entry_name(entry: Any, index: int) -> str | int:
    """The entry's id as written, or its 1-based position when it has no usable id."""
    entry_id = entry.get("id") if isinstance(entry, Mapping) else None
    if isinstance(entry_id, str) and entry_id.strip():
        return entry_id.strip()
    return index + 1


def _problem(error: ErrorDetails) -> str:
    """Pydantic's problem in staff's words: what to write instead."""
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind in ("enum", "literal_error"):
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    if kind == "greater_than":
        return f"must be more than {context.get('gt')}"
    if kind == "greater_than_equal":
        return f"must be at least {context.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {context.get('le')}"
    if kind == "string_too_long":
        return f"must be at most {context.get('max_length')} characters"
    if kind == "too_long":
        return f"must have at most {context.get('max_length')} items"
    if kind.startswith(("date", "datetime")):
        return "must be a date like 2026-12-01 (no quotes)"
    if kind.startswith("bool"):
        return "must be true or false (no quotes)"
    if kind.startswith("int"):
        return "must be a whole number"
    if kind.startswith(("decimal", "float")):
        return "must be a number"
    if kind in _TYPE_PROBLEMS:
        return _TYPE_PROBLEMS[kind]
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    message = str(error["msg"])
    return message[:1].lower() + message[1:]

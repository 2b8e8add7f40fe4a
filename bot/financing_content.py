"""The financing catalogue staff edit in `bot/content/financing.toml`, checked at load.

Long because: every entry's model and its checks are one schema, read together.

Staff change products, rates and OJK's caps without touching code, so the file is
validated strictly (pydantic, unknown fields refused) and a mistake becomes one
`ContentError` whose message is a single line naming the file, the entry and the field:

    financing.toml: product "kur-mikro": rate_basis: must be one of flat_monthly, ...

Lenders not marked `ojk_registered = true` may stay in the file but `listed_products()`
never returns them. `rate_above_cap` compares a quote with OJK's cap for online lenders.
"""

from __future__ import annotations

import textwrap
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from bot.loans import MAX_MONTHLY_RATE, RateBasis, monthly_rate, per_day_charge

FINANCING_FILE = "financing.toml"
PHONE_SCREEN_LINES = 12
"""A message members read must fit one cheap phone's screen: 12 lines ..."""
PHONE_LINE_CHARACTERS = 35
"""... of about 35 characters."""

IDENTIFIER_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"
CONTACT_CENTRE_PATTERN = r"^\d{3,}$"
WHATSAPP_PATTERN = r"^0[\d-]{8,}\d$"

_HUNDRED = Decimal(100)
_ENTRY_LABELS = {
    "products": "product",
    "caps": "OJK cap",
    "requirements": "requirement",
    "steps": "step",
    "prepare": "item to prepare",
}
"""Lists whose items are 'entries': an error inside one names the entry, not the list."""
_ENTRIES_WITH_IDS = frozenset({"products", "caps"})
"""Entries named by their `id`; in the others `id` is the Indonesian text, so they get a number."""
_PATTERN_PROBLEMS = {
    IDENTIFIER_PATTERN: 'must be small letters, digits and dashes, like "kur-mikro"',
    URL_PATTERN: "must be a web address starting with https://",
    CONTACT_CENTRE_PATTERN: "must be digits only, like 157",
    WHATSAPP_PATTERN: "must be a phone number starting with 0, like 081-157-157-157",
}
_TYPE_PROBLEMS = {
    "string_type": "must be text in quotes",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "tuple_type": "must be a list",
}

ModelT = TypeVar("ModelT", bound=BaseModel)
Identifier = Annotated[str, Field(pattern=IDENTIFIER_PATTERN, max_length=60)]
Url = Annotated[str, Field(pattern=URL_PATTERN)]


class ContentError(Exception):
    """A content file that cannot be used; the message is one line naming entry and field."""


class ContentModel(BaseModel):
    """A part of a content file: immutable, and unknown fields (typos) are refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class BilingualText(ContentModel):
    """A text members read, in Indonesian (`id`) and English (`en`)."""

    id: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_language(self, language: str) -> str:
        """The English text for "en", the Indonesian one otherwise (Indonesian first)."""
        return self.en if language == "en" else self.id


class ScreenText(BilingualText):
    """A bilingual text that is sent as one message, so each language fits one phone screen."""

    @field_validator("id", "en")
    @classmethod
    def _fits_phone_screen(cls, text: str) -> str:
        lines = phone_lines(text)
        if lines > PHONE_SCREEN_LINES:
            raise ValueError(
                f"too long for one phone screen: {lines} lines of {PHONE_LINE_CHARACTERS}"
                f" characters, at most {PHONE_SCREEN_LINES}"
            )
        return text


class Source(ContentModel):
    """Where figures come from: a citation and, when there is one, its address."""

    title: str = Field(min_length=1)
    url: Url | None = None


class ProductKind(StrEnum):
    """What sort of lender offers a product."""

    KUR_BANK_LOAN = "kur_bank_loan"
    P2P_LENDER = "p2p_lender"
    PROGRAMME_PARTNER = "programme_partner"


class TenorRange(ContentModel):
    """The shortest and longest loan a product allows, in months."""

    min: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max})")
        return self


class Product(ContentModel):
    """One loan product the bot may tell members about."""

    id: Identifier
    name: BilingualText
    provider: BilingualText
    kind: ProductKind
    floor: int | None = Field(default=None, ge=1)
    ceiling: int | None = Field(default=None, gt=0)
    rate_basis: RateBasis
    rate_percent: Decimal = Field(ge=0, le=100)
    later_rates_percent: tuple[Annotated[Decimal, Field(ge=0, le=100)], ...] = ()
    tenor_months: TenorRange | None = None
    ojk_registered: StrictBool
    requirements: tuple[BilingualText, ...] = Field(min_length=1)
    as_of: date
    source: Source
    staff_note: str | None = None

    @field_validator("ceiling")
    @classmethod
    def _above_floor(cls, ceiling: int | None, info: ValidationInfo) -> int | None:
        floor = info.data.get("floor")
        if ceiling is not None and floor is not None and floor > ceiling:
            raise ValueError(f"is below floor ({floor})")
        return ceiling

    @field_validator("rate_percent")
    @classmethod
    def _simulable(cls, rate_percent: Decimal, info: ValidationInfo) -> Decimal:
        basis = info.data.get("rate_basis")
        if basis is not None and monthly_rate(rate_percent / _HUNDRED, basis) > MAX_MONTHLY_RATE:
            raise ValueError(
                f"is more than {(MAX_MONTHLY_RATE * _HUNDRED).normalize():f}% a month as {basis};"
                " check the number and the rate_basis"
            )
        return rate_percent

    @property
    def rate(self) -> Decimal:
        """The quoted rate as a fraction, as `bot.loans.simulate` takes it."""
        return self.rate_percent / _HUNDRED


class LpbbtiCap(ContentModel):
    """OJK's ceiling on what online (P2P) lenders charge per day, from a date, for a tenor."""

    id: Identifier
    applies_to: BilingualText
    per_day_percent: Decimal = Field(gt=0, le=100)
    min_months: int = Field(default=1, ge=1)
    max_months: int | None = Field(default=None, ge=1)
    in_force_from: date
    source: Source
    staff_note: str | None = None

    @field_validator("max_months")
    @classmethod
    def _after_min(cls, max_months: int | None, info: ValidationInfo) -> int | None:
        minimum = info.data.get("min_months")
        if max_months is not None and minimum is not None and minimum > max_months:
            raise ValueError(f"is below min_months ({minimum})")
        return max_months

    @property
    def per_day(self) -> Decimal:
        """The cap as a fraction per day."""
        return self.per_day_percent / _HUNDRED

    def covers(self, months: int) -> bool:
        """Whether a loan of `months` months falls under this cap."""
        return self.min_months <= months and (self.max_months is None or months <= self.max_months)


class LegalityCheck(ContentModel):
    """How a member checks that a lender is legal."""

    contact_centre: str = Field(pattern=CONTACT_CENTRE_PATTERN)
    whatsapp: str = Field(pattern=WHATSAPP_PATTERN)
    rule: BilingualText
    how_to_check: BilingualText
    as_of: date
    source: Source

    @property
    def whatsapp_international(self) -> str:
        """The WhatsApp number in international digits (for a wa.me link)."""
        return "62" + self.whatsapp.replace("-", "")[1:]


class OjkRules(ContentModel):
    """OJK's caps for online lenders and how to check a lender."""

    staff_note: str | None = None
    caps: tuple[LpbbtiCap, ...] = Field(min_length=1)
    legality: LegalityCheck


class FinancingCatalog(ContentModel):
    """Every financing product in the file, and OJK's rules."""

    products: tuple[Product, ...] = Field(min_length=1)
    ojk: OjkRules

    def listed_products(self) -> tuple[Product, ...]:
        """The products the bot may show: only lenders registered with OJK."""
        return tuple(product for product in self.products if product.ojk_registered)

    def product(self, product_id: str) -> Product | None:
        """The product with this id, listed or not."""
        return next((p for p in self.products if p.id == product_id), None)

    def cap_in_force(self, on: date, months: int) -> LpbbtiCap | None:
        """OJK's cap for a `months`-month online loan on `on`: the latest that has started."""
        started = [cap for cap in self.ojk.caps if cap.in_force_from <= on and cap.covers(months)]
        return max(started, key=lambda cap: cap.in_force_from, default=None)


@dataclass(frozen=True)
class CapWarning:
    """A quote that charges more per day than OJK allows online lenders."""

    quoted_per_day: Decimal
    cap: LpbbtiCap


def rate_above_cap(
    rate: Decimal, basis: RateBasis, catalog: FinancingCatalog, *, months: int, on: date
) -> CapWarning | None:
    """A warning when the quote is above OJK's cap for online lenders in force on `on`.

    Both sides are compared per day of the original amount, the way OJK states the cap
    (see `bot.loans.per_day_charge`). No warning does not make a lender legal: fees count
    towards the cap too, and only OJK's register says who may lend.
    """
    cap = catalog.cap_in_force(on, months)
    if cap is None or months < 1 or not rate.is_finite() or rate < 0:
        return None
    quoted = per_day_charge(rate, basis, months)
    return CapWarning(quoted, cap) if quoted > cap.per_day else None


def load_financing(path: Path | None = None) -> FinancingCatalog:
    """The financing catalogue from `path`, or the shipped file; raises `ContentError`."""
    if path is None:
        return _shipped_financing()
    return _checked(load_content(path.name, path.read_bytes, FinancingCatalog), path.name)


@cache
def _shipped_financing() -> FinancingCatalog:
    shipped = resources.files("bot").joinpath("content", FINANCING_FILE)
    return _checked(
        load_content(FINANCING_FILE, shipped.read_bytes, FinancingCatalog), FINANCING_FILE
    )


def _checked(catalog: FinancingCatalog, file_name: str) -> FinancingCatalog:
    """The checks across entries that one entry's model cannot make."""
    _unique_ids(file_name, "product", [product.id for product in catalog.products])
    _unique_ids(file_name, "OJK cap", [cap.id for cap in catalog.ojk.caps])
    return catalog


def _unique_ids(file_name: str, label: str, ids: Sequence[str]) -> None:
    seen: set[str] = set()
    for entry_id in ids:
        if entry_id in seen:
            raise ContentError(
                f'{file_name}: {label} "{entry_id}": id: used twice; each id must be unique'
            )
        seen.add(entry_id)


def phone_lines(text: str) -> int:
    """How many lines `text` takes on a phone screen of `PHONE_LINE_CHARACTERS` characters."""
    return sum(
        max(1, len(textwrap.wrap(paragraph, PHONE_LINE_CHARACTERS)))
        for paragraph in text.splitlines() or [""]
    )


def load_content(file_name: str, read: Callable[[], bytes], model: type[ModelT]) -> ModelT:
    """Parse a TOML content file into `model`, or raise `ContentError` with one line."""
    try:
        raw = tomllib.loads(read().decode("utf-8"))
    except FileNotFoundError as error:
        raise ContentError(f"{file_name}: file not found") from error
    except UnicodeDecodeError as error:
        raise ContentError(f"{file_name}: not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{file_name}: not valid TOML: {error}") from error
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        errors = error.errors()
        # A misspelt field also shows up as the real one missing; the spelling is the news.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        raise ContentError(_one_line(file_name, raw, first)) from error


def _one_line(file_name: str, raw: Mapping[str, Any], error: ErrorDetails) -> str:
    """`file: entry: field: problem`, the entry named by its id where it has one."""
    parts = [file_name]
    field: list[str] = []
    node: Any = raw
    loc = error["loc"]
    position = 0
    while position < len(loc):
        key = loc[position]
        following = loc[position + 1] if position + 1 < len(loc) else None
        if isinstance(key, int):
            if field:
                field[-1] += f"[{key + 1}]"
            node = _index(node, key)
            position += 1
            continue
        child = node.get(key) if isinstance(node, Mapping) else None
        label = _ENTRY_LABELS.get(key)
        if label is not None and isinstance(following, int):
            entry = _index(child, following)
            entry_id = (
                entry.get("id") if key in _ENTRIES_WITH_IDS and isinstance(entry, Mapping) else None
            )
            name = f'"{entry_id}"' if isinstance(entry_id, str) and entry_id else following + 1
            # The label says which list it is, so the path to the list is left out.
            parts.append(f"{label} {name}")
            field, node = [], entry
            position += 2
            continue
        field.append(key)
        node = child
        position += 1
    if field:
        parts.append(".".join(field))
    parts.append(_problem(error))
    return ": ".join(" ".join(part.split()) for part in parts)


def _index(node: Any, index: int) -> Any:
    if isinstance(node, list) and 0 <= index < len(node):
        return node[index]
    return None


def _problem(error: ErrorDetails) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind == "enum":
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    if kind == "greater_than":
        return f"must be more than {context.get('gt')}"
    if kind == "greater_than_equal":
        return f"must be at least {context.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {context.get('le')}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "must be a date like 2026-12-01 (no quotes)"
    if kind.startswith("bool"):
        return "must be true or false (no quotes)"
    if kind.startswith("int"):
        return "must be a whole number"
    if kind.startswith("decimal") or kind.startswith("float"):
        return "must be a number"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "must have at least one item"
    if kind == "string_pattern_mismatch":
        return _PATTERN_PROBLEMS.get(str(context.get("pattern")), "is not in the expected form")
    if kind in _TYPE_PROBLEMS:
        return _TYPE_PROBLEMS[kind]
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    return error["msg"][:1].lower() + error["msg"][1:]

"""The financing catalogue staff edit in `bot/content/financing.toml`, checked at load.

Staff change products, rates and OJK's caps without touching code; the file is checked
as `bot.content_files` checks every content file, and a mistake becomes one
`ContentError` whose message is a single line naming the file, the entry and the field:

    financing.toml: product "kur-mikro": rate_basis: must be one of flat_monthly, ...

Lenders not marked `ojk_registered = true` may stay in the file but `listed_products()`
never returns them. `rate_above_cap` compares a quote with OJK's cap for online lenders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, StrictBool, ValidationInfo, field_validator, model_validator

from bot.content_files import (
    BilingualText,
    ContentFile,
    ContentModel,
    Source,
    check_unique_ids,
    load_content,
    matching,
)
from bot.loans import MAX_MONTHLY_RATE, RateBasis, monthly_rate, per_day_charge

IDENTIFIER_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
CONTACT_CENTRE_PATTERN = r"\d{3,}"
WHATSAPP_PATTERN = r"0[\d-]{8,}\d"

_HUNDRED = Decimal(100)
_ENTRY_LABELS = {"products": "product", "ojk.caps": "OJK cap"}
"""Lists whose items are entries: a problem inside one names the entry by its `id`."""

Identifier = Annotated[
    str,
    Field(max_length=60),
    matching(IDENTIFIER_PATTERN, 'must be small letters, digits and dashes, like "kur-mikro"'),
]
ContactCentre = Annotated[str, matching(CONTACT_CENTRE_PATTERN, "must be digits only, like 157")]
WhatsAppNumber = Annotated[
    str,
    matching(WHATSAPP_PATTERN, "must be a phone number starting with 0, like 081-157-157-157"),
]


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

    contact_centre: ContactCentre
    whatsapp: WhatsAppNumber
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
    return FINANCING_CONTENT.load(path)


def _financing(file_name: str, read_bytes: Callable[[], bytes]) -> FinancingCatalog:
    """Load the catalogue, then make the checks across entries that one entry's model cannot."""
    catalog = load_content(
        file_name,
        read_bytes,
        FinancingCatalog,
        entry_labels=_ENTRY_LABELS,
        entries_with_ids=_ENTRY_LABELS.keys(),
    )
    check_unique_ids(file_name, "product", (product.id for product in catalog.products))
    check_unique_ids(file_name, "OJK cap", (cap.id for cap in catalog.ojk.caps))
    return catalog


FINANCING_CONTENT = ContentFile("financing.toml", _financing)
"""`bot/content/financing.toml`, or a staff copy of it."""

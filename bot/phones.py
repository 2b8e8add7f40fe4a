"""Indonesian mobile numbers as people type them, normalised to E.164.

A number that cannot be used is refused with its reason (`PhoneProblem`), so the
chat can say why: a Jakarta landline (`021-…`), a foreign number, a digit short.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from phonenumbers import PhoneNumberType

_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
_MAX_TYPED = 32
MOBILE_DIGITS = range(9, 13)
"""Digits of an Indonesian mobile number after the leading 0 (`812-3456-7890` is 11)."""


class PhoneProblem(StrEnum):
    """Why a typed number is not an Indonesian mobile number."""

    NOT_A_NUMBER = "not_a_number"
    NOT_INDONESIAN = "not_indonesian"
    LANDLINE = "landline"
    NOT_MOBILE = "not_mobile"
    """A toll-free, premium or other special number."""
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class PhoneReading:
    """A typed number read: `e164` when it is a usable mobile number, else `problem`."""

    e164: str | None = None
    problem: PhoneProblem | None = None


def read_indonesian_mobile(text: str) -> PhoneReading:
    """The E.164 form of an Indonesian mobile number, or why the text is not one.

    Accepts `0812-3456-7890`, `+62 812 3456 7890`, `62812…`, `812…` and the like.
    """
    cleaned = text.strip()
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if not digits:
        return PhoneReading(problem=PhoneProblem.NOT_A_NUMBER)
    if len(cleaned) > _MAX_TYPED:
        return PhoneReading(problem=PhoneProblem.TOO_LONG)
    if digits.startswith("62") and not cleaned.startswith(("+", "0")):
        cleaned = "+" + digits  # `62812…` typed without the plus
    try:
        number = phonenumbers.parse(cleaned, "ID")
    except phonenumbers.NumberParseException:
        return PhoneReading(problem=PhoneProblem.NOT_A_NUMBER)
    if number.country_code != 62:
        return PhoneReading(problem=PhoneProblem.NOT_INDONESIAN)
    national = phonenumbers.national_significant_number(number)
    if phonenumbers.is_valid_number(number):
        kind = phonenumbers.number_type(number)
        if kind in _MOBILE_TYPES:
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            return PhoneReading(e164=e164)
        if kind == PhoneNumberType.FIXED_LINE:
            return PhoneReading(problem=PhoneProblem.LANDLINE)
        return PhoneReading(problem=PhoneProblem.NOT_MOBILE)
    if len(national) < min(MOBILE_DIGITS):
        return PhoneReading(problem=PhoneProblem.TOO_SHORT)
    if len(national) > max(MOBILE_DIGITS):
        return PhoneReading(problem=PhoneProblem.TOO_LONG)
    if not national.startswith("8"):
        return PhoneReading(problem=PhoneProblem.LANDLINE)
    return PhoneReading(problem=PhoneProblem.NOT_MOBILE)


def parse_indonesian_mobile(text: str) -> str | None:
    """Return `+628…` for an Indonesian mobile number, or None."""
    return read_indonesian_mobile(text).e164


def display_phone(e164: str) -> str:
    """Show a stored number the way Indonesians read it: `0812-3456-7890`."""
    number = phonenumbers.parse(e164, "ID")
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return national.replace(" ", "-")

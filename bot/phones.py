"""Indonesian mobile numbers as people type them, normalised to E.164."""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType

_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def parse_indonesian_mobile(text: str) -> str | None:
    """Return `+628…` for an Indonesian mobile number, or None.

    Accepts `0812-3456-7890`, `+62 812 3456 7890`, `62812…`, `812…` and the like.
    """
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 32:
        return None
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if digits.startswith("62") and not cleaned.startswith(("+", "0")):
        cleaned = "+" + digits  # `62812…` typed without the plus
    try:
        number = phonenumbers.parse(cleaned, "ID")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """Show a stored number the way Indonesians read it: `0812-3456-7890`."""
    number = phonenumbers.parse(e164, "ID")
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return national.replace(" ", "-")

"""Registration's steps and what it collects, shared by its modules."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.vocabulary import BusinessStatus, Sector
from conversations.flow import Goto, Turn


class RegistrationStep(StrEnum):
    CONSENT = "consent"
    FULL_NAME = "full_name"
    PHONE = "phone_e164"
    PHONE_SHARED = "phone_shared"
    PHONE_OWNER = "phone_owner"
    KECAMATAN = "kecamatan_code"
    KECAMATAN_IN_KOTA = "kecamatan_code_in_kota"
    KELURAHAN = "kelurahan_code"
    BUSINESS_STATUS = "business_status"
    BUSINESS_NAME = "business_name"
    SECTOR = "sector"
    SUMMARY = "summary"
    EDIT_FIELD = "edit_field"


S = RegistrationStep


class RegistrationData(TypedDict, total=False):
    """The answers so far; `update` marks a member changing their profile.

    `then` is where to go once registered (a guest who wanted to book a session).
    """

    full_name: str
    phone_e164: str
    kecamatan_code: str
    kecamatan_code_candidates: list[str]
    kecamatan_code_kota: str
    kelurahan_code: str
    business_status: BusinessStatus
    business_name: str | None
    sector: Sector
    editing: bool
    update: bool
    then: dict[str, Any]


Turn_ = Turn[RegistrationData]


def next_step(t: Turn_, step: RegistrationStep) -> Goto:
    """Go on to `step`, or straight back to the summary when correcting one answer."""
    return Goto(S.SUMMARY) if t.data.get("editing") else Goto(step)

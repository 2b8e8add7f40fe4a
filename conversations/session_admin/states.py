"""The staff session flow's steps and what it collects."""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.vocabulary import SessionKind, Topic
from conversations.flow import Turn


class SessionAdminStep(StrEnum):
    HOME = "home"
    KIND = "kind"
    TOPIC = "topic"
    KECAMATAN = "kecamatan_code"
    KECAMATAN_IN_KOTA = "kecamatan_code_in_kota"
    VENUE_NAME = "venue_name"
    VENUE_ADDRESS = "venue_address"
    MAP_URL = "map_url"
    DATE = "date"
    CONFIRM_DATE = "confirm_date"
    START_TIME = "start_time"
    END_TIME = "end_time"
    CAPACITY = "capacity"
    COACH = "coach"
    SUMMARY = "summary"
    EDIT_FIELD = "edit_field"
    LIST = "list"
    MANAGE = "manage"
    ATTENDANCE = "attendance"
    CONFIRM_RETIME = "confirm_retime"
    CONFIRM_CANCEL = "confirm_cancel"


class SessionAdminData(TypedDict, total=False):
    """A draft of a new session (or new times for one), and the session being managed.

    Dates and times are ISO strings (`2026-12-06`, `09:00:00`): the data is stored as JSON.
    """

    kind: SessionKind
    topic: Topic
    kecamatan_code: str
    kecamatan_code_candidates: list[str]
    kecamatan_code_kota: str
    venue_name: str
    venue_address: str
    map_url: str | None
    date: str
    date_candidate: str
    date_concern: str
    date_typed_weekday: int | None
    date_alternative: str | None
    time_candidate: str | None
    start_time: str
    end_time: str
    capacity: int
    coach_member_id: int | None
    retime: bool
    editing: bool
    session_id: int
    show_card: bool
    present: list[int]


DRAFT_KEYS = (
    "kind",
    "topic",
    "kecamatan_code",
    "venue_name",
    "venue_address",
    "map_url",
    "date",
    "start_time",
    "end_time",
    "capacity",
    "coach_member_id",
    "retime",
    "editing",
    "date_candidate",
    "date_concern",
    "date_typed_weekday",
    "date_alternative",
    "time_candidate",
)
"""What a new session's draft holds, cleared when it is saved or dropped."""

S = SessionAdminStep
Turn_ = Turn[SessionAdminData]

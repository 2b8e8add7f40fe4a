"""Every flow the bot runs, by name."""

from __future__ import annotations

from conversations.flow import Flow
from conversations.language import LANGUAGE
from conversations.menu import MENU
from conversations.profile import PROFILE
from conversations.registration import REGISTRATION
from conversations.staff import STAFF_ROLES


def all_flows() -> dict[str, Flow]:
    """The flows of this build, keyed by the name stored in conversation state."""
    return {flow.name: flow for flow in (MENU, LANGUAGE, REGISTRATION, PROFILE, STAFF_ROLES)}

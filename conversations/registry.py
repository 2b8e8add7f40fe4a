"""Every flow and proactive-message action the bot runs, by name."""

from __future__ import annotations

from typing import Any

from conversations.coaching import SESSIONS
from conversations.drafts import DRAFT
from conversations.faq_answer import FAQ_ANSWER
from conversations.feedback import FEEDBACK, rate_from_notification
from conversations.flow import Action, Flow
from conversations.handoff import HANDOFF, ask_again_from_notification
from conversations.language import LANGUAGE
from conversations.menu import MENU
from conversations.my_bookings import MY_BOOKINGS, cancel_from_notification
from conversations.profile import PROFILE
from conversations.registration import REGISTRATION
from conversations.session_admin import SESSION_ADMIN
from conversations.staff import STAFF_ROLES
from conversations.staff_questions import STAFF_QUESTIONS, answer_from_notification


def all_flows() -> dict[str, Flow[Any]]:
    """The flows of this build, keyed by the name stored in conversation state."""
    flows = (
        MENU,
        LANGUAGE,
        REGISTRATION,
        PROFILE,
        STAFF_ROLES,
        SESSIONS,
        MY_BOOKINGS,
        FEEDBACK,
        SESSION_ADMIN,
        FAQ_ANSWER,
        HANDOFF,
        STAFF_QUESTIONS,
        DRAFT,
    )
    return {flow.name: flow for flow in flows}


def all_actions() -> dict[str, Action]:
    """Buttons on proactive messages (`@name:argument`), by name."""
    return {
        "cancel": cancel_from_notification,
        "rate": rate_from_notification,
        "answer": answer_from_notification,
        "ask": ask_again_from_notification,
    }

"""Every flow and proactive-message action the bot runs, by name."""

from __future__ import annotations

from typing import Any

from bot.financing_content import FINANCING_CONTENT, FinancingCatalog
from bot.licensing_content import LICENSING_CONTENT, LicensingGuide
from conversations.bookkeeping import BOOKKEEPING
from conversations.coaching import SESSIONS
from conversations.drafts import DRAFT
from conversations.faq_answer import FAQ_ANSWER
from conversations.feedback import FEEDBACK, rate_from_notification
from conversations.financing import financing_flow
from conversations.financing_desk import financing_desk_flow
from conversations.flow import Action, Flow
from conversations.handoff import HANDOFF, ask_again_from_notification
from conversations.language import LANGUAGE
from conversations.licensing import licensing_flow
from conversations.menu import MENU
from conversations.my_bookings import MY_BOOKINGS, cancel_from_notification
from conversations.products.asking_seller import (
    PRODUCT_INQUIRY,
    ask_from_card,
    end_from_notification,
    reply_from_notification,
)
from conversations.products.browsing import BROWSE_PRODUCTS, open_product
from conversations.products.hub import PRODUCTS
from conversations.products.inquiry_notices import END_ACTION, REPLY_ACTION
from conversations.products.my_products import MY_PRODUCTS, open_my_product
from conversations.products.product_cards import INQUIRE_ACTION, PRODUCT_ACTION, REPORT_ACTION
from conversations.products.reporting import REPORT_PRODUCT, report_from_card
from conversations.products.review import REVIEW, review_from_notification
from conversations.products.selling import SELL_PRODUCT
from conversations.profile import PROFILE
from conversations.progress import PROGRESS, progress_from_notification
from conversations.registration import REGISTRATION
from conversations.session_admin import SESSION_ADMIN
from conversations.staff import STAFF_ROLES
from conversations.staff_questions import STAFF_QUESTIONS, answer_from_notification


def all_flows(
    financing: FinancingCatalog | None = None, licensing: LicensingGuide | None = None
) -> dict[str, Flow[Any]]:
    """The flows of this build, keyed by the name stored in conversation state.

    The flows that read a content file get the copy the wiring loaded at start (the
    shipped file when none is given).
    """
    financing = financing or FINANCING_CONTENT.load()
    licensing = licensing or LICENSING_CONTENT.load()
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
        # Issue 11: the 7 PAS path, financing, licensing and bookkeeping.
        PROGRESS,
        financing_flow(financing),
        financing_desk_flow(financing),
        licensing_flow(licensing),
        BOOKKEEPING,
        DRAFT,
        # Issue 10: products by photo, and the showcase.
        PRODUCTS,
        SELL_PRODUCT,
        # Issue 10: buyers browse products, report them, and ask their sellers.
        BROWSE_PRODUCTS,
        REPORT_PRODUCT,
        PRODUCT_INQUIRY,
        # Issue 10: products by photo.
        MY_PRODUCTS,
        REVIEW,
    )
    return {flow.name: flow for flow in flows}


def all_actions() -> dict[str, Action]:
    """Buttons on proactive messages (`@name:argument`), by name."""
    return {
        "cancel": cancel_from_notification,
        "rate": rate_from_notification,
        "answer": answer_from_notification,
        "ask": ask_again_from_notification,
        "progress": progress_from_notification,
        # Issue 10: product cards' buttons (and `/start p42`), and "Tanya penjual" replies.
        PRODUCT_ACTION: open_product,
        INQUIRE_ACTION: ask_from_card,
        REPORT_ACTION: report_from_card,
        REPLY_ACTION: reply_from_notification,
        END_ACTION: end_from_notification,
        # Issue 10: products by photo.
        "my_product": open_my_product,
        "review": review_from_notification,
    }

"""Produk & jualan: the products hub, one menu row leading to everything about products.

The hub lists `HUB_ITEMS`, a table of what it offers, the flow each opens and who may
see it; a new product tool is one more row. A photo sent here starts a listing, as it
does at the main menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict

from bot.i18n import N_, _, gettext
from bot.messages import Choice
from bot.services import roles
from bot.vocabulary import StaffRoleName
from conversations.flow import Finish, Flow, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.products.browsing import BROWSE_FLOW
from conversations.products.my_product_state import MY_PRODUCTS_FLOW
from conversations.products.review import REVIEW_FLOW
from conversations.products.sell_draft import SELL_FLOW
from conversations.products.selling import start_from_photo

PRODUCTS_FLOW = "products"
MENU = "menu"


class Audience(StrEnum):
    """Who sees a hub item: anyone (guests too), members, or coordinators (and admins)."""

    EVERYONE = "everyone"
    MEMBERS = "members"
    COORDINATORS = "coordinators"


@dataclass(frozen=True)
class HubItem:
    """One row of the hub: its choice id, its label (marked `N_`), the flow it opens."""

    id: str
    label: str
    flow: str
    audience: Audience


HUB_ITEMS: tuple[HubItem, ...] = (
    HubItem("sell", N_("📸 Jual produk"), SELL_FLOW, Audience.EVERYONE),
    HubItem("mine", N_("📦 Produk saya"), MY_PRODUCTS_FLOW, Audience.MEMBERS),
    HubItem("browse", N_("🔎 Cari produk"), BROWSE_FLOW, Audience.EVERYONE),
    HubItem("review", N_("📝 Tinjau produk"), REVIEW_FLOW, Audience.COORDINATORS),
)
"""What the hub offers, in order; a guest picking a members' tool is offered registration
by that tool's flow, so `EVERYONE` also suits the selling flow."""


class HubStep(StrEnum):
    CHOOSE = "choose"


class HubData(TypedDict, total=False):
    """The hub collects nothing."""


async def ask_hub(t: Turn[HubData]) -> Prompt:
    """The product tools this person may use."""
    coordinator = t.is_admin or (
        t.member is not None
        and await roles.has_role(t.session, t.member.id, StaffRoleName.COORDINATOR)
    )
    allowed = {Audience.EVERYONE}
    if t.member is not None:
        allowed.add(Audience.MEMBERS)
    if coordinator:
        allowed.add(Audience.COORDINATORS)
    choices = [
        Choice(item.id, gettext(item.label)) for item in HUB_ITEMS if item.audience in allowed
    ]
    choices.append(Choice(MENU, _("↩ Menu")))
    text = _("🛍️ Produk & jualan. Mau apa?\nTip: kirim foto produk kapan saja untuk mulai jualan.")
    return Prompt(text, choices)


async def chose_in_hub(t: Turn[HubData]) -> Outcome:
    """Open the tool picked; a photo is the start of a listing."""
    if t.incoming.photo is not None:
        return await start_from_photo(t)
    if t.choice == MENU:
        return Finish()
    for item in HUB_ITEMS:
        if t.choice == item.id:
            return StartFlow(item.flow)
    return Retry(_("Pilih salah satu di bawah, ya."))


PRODUCTS = Flow[HubData](
    name=PRODUCTS_FLOW,
    step_names=HubStep,
    steps=(Step(HubStep.CHOOSE, ask_hub, chose_in_hub),),
)

"""The main menu: it lists only what works for this person right now."""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.i18n import _
from bot.messages import Choice
from bot.services import roles
from bot.vocabulary import StaffRoleName
from conversations import drafts
from conversations import help as help_texts
from conversations.flow import Flow, Goto, Outcome, Prompt, StartFlow, Step, Turn
from conversations.free_questions import answer_free_text


class MenuStep(StrEnum):
    CHOOSE = "choose"


class MenuData(TypedDict, total=False):
    """The menu collects nothing."""


class MenuItem(StrEnum):
    REGISTER = "register"
    SESSIONS = "sessions"
    MY_BOOKINGS = "my_bookings"
    PROFILE = "profile"
    PRODUCTS = "products"
    # Issue 11: the 7 PAS path, financing, licensing and bookkeeping.
    PROGRESS = "progress"
    FINANCING = "financing"
    BOOKKEEPING = "bookkeeping"
    LICENSING = "licensing"
    FINANCING_DESK = "financing_desk"
    SESSION_ADMIN = "session_admin"
    ROLES = "roles"
    ASK_STAFF = "ask_staff"
    STAFF_QUESTIONS = "staff_questions"
    BROWSE_PRODUCTS = "browse_products"
    HELP = "help"
    LANGUAGE = "language"


OPENS = {
    MenuItem.REGISTER: "registration",
    MenuItem.SESSIONS: "sessions",
    MenuItem.MY_BOOKINGS: "my_bookings",
    MenuItem.PROFILE: "profile",
    MenuItem.PRODUCTS: "products",
    MenuItem.PROGRESS: "progress",
    MenuItem.FINANCING: "financing",
    MenuItem.BOOKKEEPING: "bookkeeping",
    MenuItem.LICENSING: "licensing",
    MenuItem.FINANCING_DESK: "financing_desk",
    MenuItem.SESSION_ADMIN: "session_admin",
    MenuItem.ROLES: "staff_roles",
    MenuItem.ASK_STAFF: "handoff",
    MenuItem.STAFF_QUESTIONS: "staff_questions",
    MenuItem.BROWSE_PRODUCTS: "browse_products",
}
"""The flow each menu item opens."""


async def ask_menu(t: Turn[MenuData]) -> Prompt:
    """Offer registration to guests, the profile and products to members, session admin
    to staff, role admin to admins."""
    held = await roles.roles_of(t.session, t.member.id) if t.member else []
    # Staff tools come first: with the member's own items they run past one page.
    choices = []
    if t.is_admin or any(role.role in tuple(StaffRoleName) for role in held):
        choices.append(Choice(MenuItem.SESSION_ADMIN, _("🧑‍🏫 Kelola sesi")))
    if t.is_admin or any(role.role == StaffRoleName.COORDINATOR for role in held):
        choices.append(Choice(MenuItem.STAFF_QUESTIONS, _("📥 Pertanyaan warga")))
        choices.append(Choice(MenuItem.FINANCING_DESK, _("💼 Permintaan modal")))
    if t.is_admin:
        choices.append(Choice(MenuItem.ROLES, _("🛡️ Kelola peran")))
    if t.member is None:
        resume = drafts.has(t.account, OPENS[MenuItem.REGISTER])
        register = _("📝 Lanjutkan pendaftaran") if resume else _("📝 Daftar OK OCE")
        choices += [
            Choice(MenuItem.REGISTER, register),
            Choice(MenuItem.SESSIONS, _("📅 Lihat jadwal pelatihan")),
            # Issue 10: members find it in the products hub instead.
            Choice(MenuItem.BROWSE_PRODUCTS, _("🛍️ Cari produk")),
        ]
    else:
        choices += [
            Choice(MenuItem.SESSIONS, _("📅 Cari pelatihan")),
            Choice(MenuItem.MY_BOOKINGS, _("🗓️ Jadwal saya")),
            # Issue 10: products by photo, and the showcase.
            Choice(MenuItem.PRODUCTS, _("🛍️ Produk & jualan")),
            # Issue 11: the 7 PAS path, financing, licensing and bookkeeping.
            Choice(MenuItem.PROGRESS, _("🧭 Langkah saya")),
            Choice(MenuItem.FINANCING, _("💰 Modal & pinjaman")),
            Choice(MenuItem.BOOKKEEPING, _("📒 Catatan keuangan")),
            Choice(MenuItem.LICENSING, _("📜 Izin usaha (NIB)")),
            Choice(MenuItem.PROFILE, _("👤 Profil saya")),
        ]
    choices.append(Choice(MenuItem.ASK_STAFF, _("💬 Tanya petugas")))
    choices.append(Choice(MenuItem.HELP, _("❓ Bantuan")))
    if t.member is None:
        # Members' rows are full (ten fit one page); they type "bahasa", as the help says.
        choices.append(Choice(MenuItem.LANGUAGE, _("🌐 Bahasa")))
        return Prompt(_("Menu utama. Silakan pilih:"), choices)
    return Prompt(_("Menu utama, {name}. Silakan pilih:").format(name=t.member.full_name), choices)


async def chose_from_menu(t: Turn[MenuData]) -> Outcome:
    """Open what was picked; anything typed is read as a free question."""
    if t.choice == MenuItem.HELP:
        t.say(help_texts.help_for(None), detail=True)
        return Goto(MenuStep.CHOOSE)
    if t.choice == MenuItem.LANGUAGE:
        return StartFlow("language", data={"resume": {"flow": "menu", "step": MenuStep.CHOOSE}})
    for item, flow in OPENS.items():
        if t.choice == item:
            return StartFlow(flow)
    return await answer_free_text(t)


MENU = Flow[MenuData](
    name="menu", step_names=MenuStep, steps=(Step(MenuStep.CHOOSE, ask_menu, chose_from_menu),)
)

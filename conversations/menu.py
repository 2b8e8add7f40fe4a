"""The main menu: it lists only what works for this person right now."""

from __future__ import annotations

from bot.i18n import _
from bot.messages import Choice
from bot.services import roles
from conversations import help as help_texts
from conversations.flow import Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn


async def ask_menu(t: Turn) -> Prompt:
    """Offer registration to guests, the profile to members, session admin to staff,
    role admin to admins."""
    choices = []
    if t.member is None:
        choices.append(Choice("register", _("📝 Daftar OK OCE")))
    else:
        choices += [
            Choice("sessions", _("📅 Cari pelatihan")),
            Choice("my_bookings", _("🗓️ Jadwal saya")),
            Choice("profile", _("👤 Profil saya")),
        ]
    held = await roles.roles_of(t.session, t.member.id) if t.member else []
    if t.is_admin or any(role.role in (roles.COORDINATOR, roles.COACH) for role in held):
        choices.append(Choice("session_admin", _("🧑‍🏫 Kelola sesi")))
    if t.is_admin:
        choices.append(Choice("roles", _("🛡️ Kelola peran")))
    choices += [Choice("help", _("❓ Bantuan")), Choice("language", _("🌐 Bahasa"))]
    if t.member is None:
        return Prompt(_("Menu utama. Silakan pilih:"), choices)
    return Prompt(_("Menu utama, {name}. Silakan pilih:").format(name=t.member.full_name), choices)


async def chose_from_menu(t: Turn) -> Outcome:
    """Open what was picked."""
    match t.choice:
        case "register":
            return StartFlow("registration")
        case "profile":
            return StartFlow("profile")
        case "sessions":
            return StartFlow("sessions")
        case "my_bookings":
            return StartFlow("my_bookings")
        case "session_admin":
            return StartFlow("session_admin")
        case "roles":
            return StartFlow("staff_roles")
        case "help":
            t.say(help_texts.help_for(None))
            return Goto("choose")
        case "language":
            return StartFlow("language", data={"resume": {"flow": "menu", "step": "choose"}})
    return Retry(_("Pilih salah satu menu di bawah, atau ketik nomornya."))


MENU = Flow(name="menu", steps=(Step("choose", ask_menu, chose_from_menu),))

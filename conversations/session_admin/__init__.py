"""Staff manage coaching sessions in chat ("Kelola sesi"): create, re-time, cancel,
see the roster, download it, and mark attendance.

    home ──create─► kind ─► topic ─► kecamatan_code (a coordinator's own: not asked)
                    ─► venue_name ─► venue_address ─► map_url (or Lewati)
                    ─► date (a doubtful one: confirm_date) ─► start_time ─► end_time
                    ─► capacity ─► coach (or Lewati)
                    ─► summary ──save───► session #id saved ─► home
                               ──edit───► edit_field ─► that question ─► summary
                               ──cancel─► home (nothing kept)
         ──mine───► list (still to come, then the last 14 days; or `#12` typed) ─► manage
         ──menu───► menu

    manage ──roster─────► names and phone numbers ─► manage
           ──csv────────► the roster as a CSV file ─► manage
           ──attendance─► attendance (tap a name to toggle it) ──save─► P2/P3 done ─► manage
           ──retime─────► date ─► start_time ─► end_time ─► confirm_retime ─► manage
           ──cancel─────► confirm_cancel ─► list
           ──back───────► list

    creating     the new session's questions and its summary
    timing       date and times, shared by creating and re-timing
    managing     the list, one session's card and actions, re-timing and calling off
    attendance   marking who came
    roster       who is on a session (chat and CSV)
    permissions  who may manage which session, checked again before every change
"""

from __future__ import annotations

from bot.i18n import N_
from bot.vocabulary import StaffRoleName
from conversations.flow import Flow, Step
from conversations.session_admin import attendance, creating, managing, timing
from conversations.session_admin.states import S, SessionAdminData, SessionAdminStep

SESSION_ADMIN = Flow[SessionAdminData](
    name="session_admin",
    step_names=SessionAdminStep,
    staff_roles=(StaffRoleName.COORDINATOR, StaffRoleName.COACH),
    form_steps=frozenset(
        {
            S.KIND,
            S.TOPIC,
            S.KECAMATAN,
            S.KECAMATAN_IN_KOTA,
            S.VENUE_NAME,
            S.VENUE_ADDRESS,
            S.MAP_URL,
            S.DATE,
            S.CONFIRM_DATE,
            S.START_TIME,
            S.END_TIME,
            S.CAPACITY,
            S.COACH,
            S.SUMMARY,
            S.EDIT_FIELD,
        }
    ),
    draft_name=N_("pembuatan sesi"),
    steps=(
        Step(S.HOME, creating.ask_home, creating.chose_at_home),
        Step(S.KIND, creating.ask_kind, creating.got_kind),
        Step(S.TOPIC, creating.ask_topic, creating.got_topic),
        *creating.KECAMATAN.steps,
        Step(S.VENUE_NAME, creating.ask_venue_name, creating.got_venue_name),
        Step(S.VENUE_ADDRESS, creating.ask_venue_address, creating.got_venue_address),
        Step(S.MAP_URL, creating.ask_map_url, creating.got_map_url),
        Step(S.DATE, timing.ask_date, timing.got_date),
        Step(S.CONFIRM_DATE, timing.ask_confirm_date, timing.confirmed_date),
        Step(S.START_TIME, timing.ask_start_time, timing.got_start_time),
        Step(S.END_TIME, timing.ask_end_time, timing.got_end_time),
        Step(S.CAPACITY, creating.ask_capacity, creating.got_capacity),
        Step(S.COACH, creating.ask_coach, creating.got_coach),
        Step(S.SUMMARY, creating.ask_summary, creating.confirm_summary),
        Step(S.EDIT_FIELD, creating.ask_edit_field, creating.got_edit_field),
        Step(S.LIST, managing.ask_list, managing.picked_in_list),
        Step(S.MANAGE, managing.ask_manage, managing.chose_in_manage),
        Step(S.ATTENDANCE, attendance.ask_attendance, attendance.toggled_attendance),
        Step(S.CONFIRM_RETIME, managing.ask_confirm_retime, managing.confirmed_retime),
        Step(S.CONFIRM_CANCEL, managing.ask_confirm_cancel, managing.confirmed_cancel),
    ),
)

__all__ = ["SESSION_ADMIN"]

"""Staff manage coaching sessions in chat ("Kelola sesi"): create, re-time, cancel,
see the roster, download it, and mark attendance.

    home ──create─► kind ─► topic ─► kecamatan_code (a coordinator's own: not asked)
                    ─► venue_name ─► venue_address ─► map_url (or Lewati)
                    ─► date ─► start_time ─► end_time ─► capacity ─► coach (or Lewati)
                    ─► summary ──save───► session #id saved ─► home
                               ──cancel─► home (nothing kept)
         ──mine───► list (still to come, then the last 14 days; or `#12` typed) ─► manage
         ──menu───► menu

    manage ──roster─────► names and phone numbers ─► manage
           ──csv────────► the roster as a CSV file ─► manage
           ──attendance─► attendance (tap a name to toggle it) ──save─► P2/P3 done ─► manage
           ──retime─────► date ─► start_time ─► end_time ─► confirm_retime ─► manage
           ──cancel─────► confirm_cancel ─► list
           ──back───────► list

Who may manage which session is decided by `coaching.session_to_manage` (admins every
session, coordinators those in their kecamatan, coaches and creators their own); anyone
else is turned back politely. Re-timing reuses the date and time questions, with
`retime` set so that the end time leads to `confirm_retime` instead of `capacity`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta

from babel.numbers import format_decimal

from bot.clock import JAKARTA
from bot.i18n import _, current_language
from bot.messages import Attachment, Choice
from bot.models import Booking, CoachingSession, Member
from bot.phones import display_phone, parse_indonesian_mobile
from bot.schedule_input import parse_capacity, parse_date, parse_time, to_utc
from bot.services import coaching, members, roles
from conversations.area_pickers import KecamatanPicker
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, Step, Turn
from conversations.labels import SESSION_KIND_LABELS, SESSION_STATUS_LABELS, TOPIC_LABELS, label
from conversations.session_card import describe_session, session_title, short_label, when

RECENT = timedelta(days=14)
"""How far back "Sesi saya" looks, so attendance can still be marked after the day."""
MAX_LABEL = 24
"""Characters in a choice label: a WhatsApp list row holds no more."""
VENUE_NAME_LENGTH = range(3, 121)
VENUE_ADDRESS_LENGTH = range(5, 241)
MAP_LINK_MAX = 500

CSV_HEADER = ("no", "nama", "nomor_anggota", "hp", "status", "hadir")
CSV_STATUS = {coaching.BOOKED: "terdaftar", coaching.WAITLISTED: "daftar tunggu"}
CSV_ATTENDED = {True: "ya", False: "tidak", None: ""}
"""The file's columns and values stay the same in every language: spreadsheets read them."""

_DRAFT_KEYS = (
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
)
_SESSION_NUMBER = re.compile(r"^(?:#|sesi\s*#?)\s*(?P<number>\d{1,9})$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def parse_session_number(text: str) -> int | None:
    """The session id staff typed as `#12` or `sesi 12`, or None."""
    matched = _SESSION_NUMBER.match(text.strip())
    return int(matched["number"]) if matched else None


def is_map_link(text: str) -> bool:
    """Whether `text` is one web link (http:// or https://) short enough to store."""
    return (
        text.lower().startswith(("http://", "https://"))
        and len(text) <= MAP_LINK_MAX
        and not any(ch.isspace() for ch in text)
    )


def attendance_label(name: str | None, present: bool) -> str:
    """`✅ Siti Aminah` or `⬜ Siti Aminah`, the name shortened to fit one list row."""
    shown = name or "-"
    room = MAX_LABEL - 2
    if len(shown) > room:
        shown = shown[: room - 1] + "…"
    return f"{'✅' if present else '⬜'} {shown}"


def roster_csv(rows: list[tuple[Booking, Member | None]]) -> bytes:
    """The roster as CSV, UTF-8 with a byte order mark so that Excel reads the names right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for number, (booking, member) in enumerate(rows, start=1):
        writer.writerow(
            [
                number,
                _name(member),
                (member.member_number if member else None) or "-",
                _phone(member),
                CSV_STATUS.get(booking.status, booking.status),
                CSV_ATTENDED[booking.attended],
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


# Home


async def ask_home(t: Turn) -> Prompt:
    choices = [
        Choice("create", _("➕ Buat sesi")),
        Choice("mine", _("📋 Sesi saya")),
        Choice("menu", _("↩ Menu")),
    ]
    return Prompt(_("Kelola sesi pelatihan. Mau apa?"), choices)


async def chose_at_home(t: Turn) -> Outcome:
    if t.choice == "create":
        return _new_draft(t)
    if t.choice == "mine":
        return Goto("list")
    if t.choice == "menu":
        return Finish()
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


# Creating a session


async def ask_kind(t: Turn) -> Prompt:
    choices = [Choice(kind, label(SESSION_KIND_LABELS, kind)) for kind in coaching.KINDS]
    return Prompt(_("Sesi apa yang mau dibuat?"), choices)


async def got_kind(t: Turn) -> Outcome:
    if t.choice not in coaching.KINDS:
        return Retry(_("Pilih salah satu jenis sesi di bawah, ya."))
    t.data["kind"] = t.choice
    return Goto("topic")


async def ask_topic(t: Turn) -> Prompt:
    choices = [Choice(topic, label(TOPIC_LABELS, topic)) for topic in coaching.TOPICS]
    return Prompt(_("Topiknya apa?"), choices)


async def got_topic(t: Turn) -> Outcome:
    """Store the topic; a coordinator's sessions are in their own kecamatan, so skip asking."""
    if t.choice not in coaching.TOPICS:
        return Retry(_("Pilih salah satu topik di bawah, ya."))
    t.data["topic"] = t.choice
    own = await _own_kecamatan(t)
    if own is not None:
        t.data["kecamatan_code"] = own
        return Goto("venue_name")
    return Goto("kecamatan_code")


async def _after_kecamatan(t: Turn) -> Outcome:
    return Goto("venue_name")


KECAMATAN = KecamatanPicker(
    "kecamatan_code", lambda: _("Sesinya di kecamatan mana?"), then=_after_kecamatan
)


async def ask_venue_name(t: Turn) -> Prompt:
    return Prompt(_("Apa nama tempatnya? Contoh: Aula Kantor Kecamatan Tebet"))


async def got_venue_name(t: Turn) -> Outcome:
    name = _one_line(t.text)
    if len(name) not in VENUE_NAME_LENGTH:
        return Retry(_("Nama tempat 3 sampai 120 huruf, ya. Contoh: Aula Kantor Kecamatan Tebet"))
    t.data["venue_name"] = name
    return Goto("venue_address")


async def ask_venue_address(t: Turn) -> Prompt:
    return Prompt(_("Alamat lengkapnya? Contoh: Jl. Prof. Dr. Soepomo No. 54"))


async def got_venue_address(t: Turn) -> Outcome:
    address = _one_line(t.text)
    if len(address) not in VENUE_ADDRESS_LENGTH:
        return Retry(_("Alamat 5 sampai 240 huruf, ya. Contoh: Jl. Prof. Dr. Soepomo No. 54"))
    t.data["venue_address"] = address
    return Goto("map_url")


async def ask_map_url(t: Turn) -> Prompt:
    return Prompt(
        _("Ada link Google Maps tempatnya? Tempel di sini, atau pilih Lewati."),
        [Choice("skip", _("Lewati"))],
    )


async def got_map_url(t: Turn) -> Outcome:
    """A link is optional, but one given must be a web address."""
    if t.choice == "skip":
        t.data["map_url"] = None
        return Goto("date")
    if not is_map_link(t.text):
        return Retry(_("Link harus diawali http:// atau https://. Tempel lagi, atau pilih Lewati."))
    t.data["map_url"] = t.text
    return Goto("date")


async def ask_date(t: Turn) -> Prompt:
    """The day (of a new session, or the new day of one being re-timed)."""
    example = _("Contoh: 24/11, besok, atau Sabtu 28 Nov")
    if t.data.get("retime"):
        chosen = await _chosen(t)
        question = _("Sekarang: {when}\nTanggal barunya?").format(when=when(chosen))
    else:
        question = _("Tanggal berapa?")
    return Prompt(question + "\n" + example)


async def got_date(t: Turn) -> Outcome:
    """Today or later, in Jakarta."""
    today = t.clock.now().astimezone(JAKARTA).date()
    day = parse_date(t.text, today)
    if day is None:
        return Retry(_("Tanggal itu belum bisa dibaca. Contoh: 24/11, besok, atau Sabtu 28 Nov."))
    if day < today:
        return Retry(_("Tanggal itu sudah lewat. Tulis hari ini atau sesudahnya, ya."))
    t.data["date"] = day.isoformat()
    return Goto("start_time")


async def ask_start_time(t: Turn) -> Prompt:
    return Prompt(_("Mulai jam berapa (WIB)? Contoh: 09.00 atau jam 2 siang"))


async def got_start_time(t: Turn) -> Outcome:
    """A clock time still to come."""
    at = parse_time(t.text)
    if at is None:
        return Retry(_("Jam itu belum bisa dibaca. Contoh: 09.00, 13.30, atau jam 2 siang."))
    if to_utc(date.fromisoformat(t.data["date"]), at) <= t.clock.now():
        return Retry(_("Jam itu sudah lewat. Tulis jam yang akan datang, ya."))
    t.data["start_time"] = at.isoformat()
    return Goto("end_time")


async def ask_end_time(t: Turn) -> Prompt:
    return Prompt(_("Selesai jam berapa? Contoh: 11.00"))


async def got_end_time(t: Turn) -> Outcome:
    """After the start, the same day; then capacity (new session) or the re-time summary."""
    at = parse_time(t.text)
    if at is None:
        return Retry(_("Jam itu belum bisa dibaca. Contoh: 09.00, 13.30, atau jam 2 siang."))
    start = time.fromisoformat(t.data["start_time"])
    if at <= start:
        return Retry(
            _("Jam selesai harus sesudah jam mulai ({start}).").format(
                start=start.strftime("%H.%M")
            )
        )
    t.data["end_time"] = at.isoformat()
    return Goto("confirm_retime") if t.data.get("retime") else Goto("capacity")


async def ask_capacity(t: Turn) -> Prompt:
    return Prompt(_("Berapa kursi yang tersedia? Contoh: 30"))


async def got_capacity(t: Turn) -> Outcome:
    capacity = parse_capacity(t.text)
    if capacity is None:
        return Retry(_("Tulis jumlah kursi dengan angka, 1 sampai 500. Contoh: 30"))
    t.data["capacity"] = capacity
    return Goto("coach")


async def ask_coach(t: Turn) -> Prompt:
    """Coaches may name themselves; coordinators and admins may leave it open."""
    choices = []
    is_coach = await _is_coach(t)
    if is_coach:
        choices.append(Choice("self", _("🙋 Saya sendiri")))
    if not is_coach or t.is_admin or (await _manager(t)).coordinator_of is not None:
        choices.append(Choice("skip", _("Lewati")))
    return Prompt(
        _("Siapa coach-nya? Ketik nomor anggota atau nomor HP coach, atau pilih di bawah."),
        choices,
    )


async def got_coach(t: Turn) -> Outcome:
    """Store the coach: this person, nobody yet, or a member holding the coach role."""
    if t.choice == "self" and t.member is not None:
        t.data["coach_member_id"] = t.member.id
        return Goto("summary")
    if t.choice == "skip":
        t.data["coach_member_id"] = None
        return Goto("summary")
    reference = parse_indonesian_mobile(t.text) or t.text
    coach = await members.find_member(t.session, reference) if reference else None
    if coach is None:
        return Retry(_("Anggota itu tidak ketemu. Cek lagi nomornya, ya."))
    if not await roles.has_role(t.session, coach.id, roles.COACH):
        return Retry(
            _("{name} belum punya peran coach. Ketik nomor coach lain, ya.").format(
                name=_name(coach)
            )
        )
    t.data["coach_member_id"] = coach.id
    return Goto("summary")


async def ask_summary(t: Turn) -> Prompt:
    """The new session as members will see it, before it is saved."""
    draft = _draft(t)
    preview = CoachingSession(**draft.__dict__)  # never added to the database session
    text = "\n".join(
        [
            _("Periksa sesi baru:"),
            "",
            describe_session(preview, t.areas, seats=False),
            _("Kursi: {capacity}").format(capacity=draft.capacity),
            _("Coach: {name}").format(name=await _coach_name(t, draft.coach_member_id)),
        ]
    )
    return Prompt(text, [Choice("save", _("✅ Simpan")), Choice("cancel", _("✖️ Batal"))])


async def confirm_summary(t: Turn) -> Outcome:
    """Save the session (members can book it at once), or drop it."""
    if t.choice == "cancel":
        _clear_draft(t)
        t.say(_("Oke, sesi tidak jadi dibuat."))
        return Goto("home")
    if t.choice != "save":
        return Retry(_("Pilih Simpan atau Batal."))
    created = await coaching.create_session(
        t.session, _draft(t), created_by=_identity(t), now=t.clock.now()
    )
    _clear_draft(t)
    t.say(
        _(
            "✅ Sesi #{number} tersimpan. Anggota sudah bisa memesan tempat lewat menu "
            "Cari pelatihan."
        ).format(number=created.id)
    )
    return Goto("home")


# Finding a session to manage


async def ask_list(t: Turn) -> Prompt:
    """Sessions this person manages: still to come first, then recent ones."""
    now = t.clock.now()
    sessions = await coaching.managed_sessions(
        t.session, await _manager(t), now=now, since=now - RECENT
    )
    back = Choice("back", _("↩ Kembali"))
    if not sessions:
        return Prompt(
            _(
                "Belum ada sesi Anda, yang akan datang atau {days} hari terakhir.\n"
                "Tahu nomor sesinya? Ketik saja, contoh: #12"
            ).format(days=RECENT.days),
            [Choice("create", _("➕ Buat sesi")), back],
        )
    choices = [Choice(str(s.id), short_label(s, t.areas)) for s in sessions]
    return Prompt(
        _("Sesi Anda, yang akan datang dulu. Pilih satu, atau ketik nomornya (contoh: #12):"),
        [*choices, back],
    )


async def picked_in_list(t: Turn) -> Outcome:
    """Open the session picked, or typed as `#12`, if this person may manage it."""
    if t.choice == "back":
        return Goto("home")
    if t.choice == "create":
        return _new_draft(t)
    session_id = int(t.choice) if t.choice and t.choice.isdigit() else None
    session_id = session_id or parse_session_number(t.text)
    if session_id is None:
        return Retry(_("Pilih salah satu sesi di bawah, atau ketik nomornya, contoh: #12"))
    found = await coaching.session_to_manage(t.session, await _manager(t), session_id)
    if isinstance(found, coaching.UnknownSession):
        return Retry(
            _("Sesi #{number} tidak ketemu. Cek lagi nomornya, ya.").format(number=session_id)
        )
    if isinstance(found, coaching.NotYours):
        return Retry(_not_yours(session_id))
    t.data["session_id"] = session_id
    t.data["show_card"] = True
    return Goto("manage")


# Managing one session


async def ask_manage(t: Turn) -> Prompt:
    """The session card, who is on it, how it was rated, and what can be done.

    The full card comes when the session is opened (or moved); after another
    action one line is enough, so the roster or note just sent stays in view.
    """
    chosen = await _chosen(t)
    if not t.data.pop("show_card", False):
        again = _("Sesi #{number} ({label}). Mau apa lagi?")
        text = again.format(number=chosen.id, label=short_label(chosen, t.areas))
        return Prompt(text, _manage_choices(chosen))
    rows = await coaching.roster(t.session, chosen.id)
    booked = sum(1 for booking in rows if booking.status == coaching.BOOKED)
    average, rated = await coaching.feedback_summary(t.session, chosen.id)
    if average is None:
        rating = _("⭐ Belum ada penilaian.")
    else:
        rating = _("⭐ Nilai rata-rata: {average} dari 5 ({count} penilaian)").format(
            average=format_decimal(average, "0.0", locale=current_language()), count=rated
        )
    text = "\n".join(
        [
            _("Sesi #{number}").format(number=chosen.id),
            describe_session(chosen, t.areas),
            _("Status: {status}").format(status=label(SESSION_STATUS_LABELS, chosen.status)),
            _("Coach: {name}").format(name=await _coach_name(t, chosen.coach_member_id)),
            _("👥 Peserta: {booked} terdaftar, {waiting} daftar tunggu").format(
                booked=booked, waiting=len(rows) - booked
            ),
            rating,
        ]
    )
    return Prompt(text, _manage_choices(chosen))


async def chose_in_manage(t: Turn) -> Outcome:
    if t.choice == "back":
        return Goto("list")
    chosen = await _still_managed(t)
    if chosen is None:
        return Goto("home")
    if t.choice == "roster":
        t.say(await _roster_text(t, chosen))
        return Goto("manage")
    if t.choice == "csv":
        data = roster_csv(await _roster_rows(t, chosen))
        t.say(
            _("Daftar peserta sesi #{number}, bisa dibuka di Excel.").format(number=chosen.id),
            document=Attachment(f"peserta-sesi-{chosen.id}.csv", data, "text/csv"),
        )
        return Goto("manage")
    if t.choice == "attendance":
        return await _start_attendance(t, chosen)
    if t.choice == "retime":
        return _start_retime(t, chosen)
    if t.choice == "cancel":
        return _start_cancel(t, chosen)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def _start_attendance(t: Turn, chosen: CoachingSession) -> Outcome:
    """Attendance is taken once the session has started, from those holding a seat."""
    if chosen.starts_at > t.clock.now():
        t.say(
            _("Absensi bisa diisi setelah sesi dimulai ({when}). Sampai nanti, ya!").format(
                when=when(chosen)
            )
        )
        return Goto("manage")
    booked = await _booked(t, chosen)
    if not booked:
        t.say(_("Belum ada peserta yang memesan tempat di sesi ini."))
        return Goto("manage")
    t.data["present"] = [booking.member_id for booking in booked if booking.attended]
    return Goto("attendance")


def _start_retime(t: Turn, chosen: CoachingSession) -> Outcome:
    if chosen.status not in coaching.OPEN_STATUSES:
        t.say(_("Sesi ini sudah selesai atau dibatalkan."))
        return Goto("manage")
    if chosen.starts_at <= t.clock.now():
        t.say(_("Sesi ini sudah dimulai, jadi waktunya tidak bisa diubah lagi."))
        return Goto("manage")
    t.data["retime"] = True
    return Goto("date")


def _start_cancel(t: Turn, chosen: CoachingSession) -> Outcome:
    if chosen.status not in coaching.OPEN_STATUSES:
        t.say(_("Sesi ini sudah selesai atau dibatalkan."))
        return Goto("manage")
    if chosen.starts_at <= t.clock.now():
        t.say(_("Sesi ini sudah dimulai, jadi tidak bisa dibatalkan lagi."))
        return Goto("manage")
    return Goto("confirm_cancel")


async def ask_attendance(t: Turn) -> Prompt:
    """Everyone holding a seat, as a toggle each; the list is paged by the engine when long."""
    chosen = await _chosen(t)
    present = set(t.data.get("present", []))
    rows = [(b, await t.session.get(Member, b.member_id)) for b in await _booked(t, chosen)]
    choices = [
        Choice(str(b.member_id), attendance_label(_name(m), b.member_id in present))
        for b, m in rows
    ]
    choices += [Choice("save", _("💾 Simpan absensi")), Choice("back", _("↩ Kembali"))]
    text = _(
        "Absensi sesi #{number}. Ketuk nama yang hadir ({present} dari {total} ditandai), "
        "lalu Simpan absensi."
    ).format(number=chosen.id, present=len(present), total=len(rows))
    return Prompt(text, choices)


async def toggled_attendance(t: Turn) -> Outcome:
    """A name flips present/absent; saving records it (P2, or P3 for mentoring)."""
    if t.choice == "back":
        t.data.pop("present", None)
        return Goto("manage")
    chosen = await _still_managed(t)
    if chosen is None:
        return Goto("home")
    booked = {booking.member_id for booking in await _booked(t, chosen)}
    present = set(t.data.get("present", [])) & booked
    if t.choice == "save":
        count = await coaching.record_attendance(t.session, chosen, present, now=t.clock.now())
        t.data.pop("present", None)
        t.say(
            _("✅ Absensi tersimpan: {count} dari {total} peserta hadir.").format(
                count=count, total=len(booked)
            )
        )
        return Goto("manage")
    member_id = int(t.choice) if t.choice and t.choice.isdigit() else None
    if member_id not in booked:
        return Retry(_("Ketuk nama peserta, atau pilih Simpan absensi."))
    assert member_id is not None
    present ^= {member_id}
    t.data["present"] = sorted(present)
    name = _name(await t.session.get(Member, member_id))
    # Retry, not Goto: it keeps the page of a long roster, and the note confirms the tap.
    if member_id in present:
        return Retry(_("{name}: hadir ✅").format(name=name))
    return Retry(_("{name}: tidak hadir").format(name=name))


async def ask_confirm_retime(t: Turn) -> Prompt:
    chosen = await _chosen(t)
    starts_at, ends_at = _times(t)
    told = len(await coaching.roster(t.session, chosen.id))
    text = _(
        "Ubah waktu sesi #{number}?\nDari: {old}\nJadi: {new}\n{count} anggota akan diberi kabar."
    ).format(
        number=chosen.id,
        old=when(chosen),
        new=when(CoachingSession(starts_at=starts_at, ends_at=ends_at)),
        count=told,
    )
    return Prompt(text, [Choice("yes", _("✅ Ya, ubah")), Choice("no", _("Tidak jadi"))])


async def confirmed_retime(t: Turn) -> Outcome:
    """Move the session; reminders follow, and everyone on it is told."""
    if t.choice == "no":
        t.data.pop("retime", None)
        t.say(_("Oke, waktunya tidak diubah."))
        return Goto("manage")
    if t.choice != "yes":
        return Retry(_('Pilih "Ya, ubah" atau "Tidak jadi".'))
    chosen = await _still_managed(t)
    if chosen is None:
        return Goto("home")
    t.data.pop("retime", None)
    if chosen.status not in coaching.OPEN_STATUSES or chosen.starts_at <= t.clock.now():
        t.say(_("Sesi ini sudah dimulai, jadi waktunya tidak bisa diubah lagi."))
        return Goto("manage")
    starts_at, ends_at = _times(t)
    told = len(await coaching.roster(t.session, chosen.id))
    await coaching.reschedule_session(
        t.session,
        chosen,
        starts_at=starts_at,
        ends_at=ends_at,
        now=t.clock.now(),
        reminder_offsets=t.settings.reminder_offsets,
    )
    t.say(
        _("✅ Waktu sesi #{number} sudah diubah. {count} anggota akan diberi kabar.").format(
            number=chosen.id, count=told
        )
    )
    t.data["show_card"] = True
    return Goto("manage")


async def ask_confirm_cancel(t: Turn) -> Prompt:
    chosen = await _chosen(t)
    told = len(await coaching.roster(t.session, chosen.id))
    text = _("Yakin batalkan sesi #{number}?\n{title}, {when}\n{count} anggota akan diberi kabar.")
    text = text.format(number=chosen.id, title=session_title(chosen), when=when(chosen), count=told)
    return Prompt(text, [Choice("yes", _("Ya, batalkan")), Choice("no", _("Tidak jadi"))])


async def confirmed_cancel(t: Turn) -> Outcome:
    """Call the session off; everyone booked or waiting is told."""
    if t.choice == "no":
        return Goto("manage")
    if t.choice != "yes":
        return Retry(_('Pilih "Ya, batalkan" atau "Tidak jadi".'))
    chosen = await _still_managed(t)
    if chosen is None:
        return Goto("home")
    if chosen.status not in coaching.OPEN_STATUSES or chosen.starts_at <= t.clock.now():
        t.say(_("Sesi ini sudah dimulai, jadi tidak bisa dibatalkan lagi."))
        return Goto("manage")
    told = await coaching.cancel_session(t.session, chosen, now=t.clock.now())
    t.say(
        _("Sesi #{number} dibatalkan. {count} anggota akan diberi kabar.").format(
            number=chosen.id, count=told
        )
    )
    return Goto("list")


# Who is asking, and what they are working on


def _identity(t: Turn) -> str:
    """This chat as `created_by` records it."""
    return f"{t.account.channel}:{t.account.external_id}"


async def _manager(t: Turn) -> coaching.Manager:
    held = await roles.roles_of(t.session, t.member.id) if t.member else []
    coordinator_of = next((r.kecamatan_code for r in held if r.role == roles.COORDINATOR), None)
    return coaching.Manager(
        identity=_identity(t),
        member_id=t.member.id if t.member else None,
        is_admin=t.is_admin,
        coordinator_of=coordinator_of,
    )


async def _is_coach(t: Turn) -> bool:
    return t.member is not None and await roles.has_role(t.session, t.member.id, roles.COACH)


async def _own_kecamatan(t: Turn) -> str | None:
    """The kecamatan a coordinator must hold sessions in (coaches and admins go anywhere)."""
    if t.is_admin or await _is_coach(t):
        return None
    return (await _manager(t)).coordinator_of


async def _still_managed(t: Turn) -> CoachingSession | None:
    """The chosen session if this person (still) may manage it; if not, say so."""
    found = await coaching.session_to_manage(t.session, await _manager(t), t.data["session_id"])
    if isinstance(found, CoachingSession):
        return found
    t.say(_not_yours(t.data["session_id"]))
    return None


def _not_yours(session_id: int) -> str:
    return _(
        "Maaf, sesi #{number} bukan sesi yang bisa Anda kelola. "
        "Hubungi koordinator kecamatannya, ya."
    ).format(number=session_id)


async def _chosen(t: Turn) -> CoachingSession:
    chosen = await t.session.get(CoachingSession, t.data["session_id"])
    assert chosen is not None
    return chosen


def _manage_choices(chosen: CoachingSession) -> list[Choice]:
    """What can still be done: everything while open, the records once done or cancelled."""
    roster = Choice("roster", _("👥 Daftar peserta"))
    attendance = Choice("attendance", _("✅ Absensi"))
    download = Choice("csv", _("⬇️ Unduh CSV"))
    back = Choice("back", _("↩ Kembali"))
    if chosen.status in coaching.OPEN_STATUSES:
        retime = Choice("retime", _("🕒 Ubah waktu"))
        cancel = Choice("cancel", _("❌ Batalkan sesi"))
        return [roster, attendance, retime, cancel, download, back]
    if chosen.status == "done":
        return [roster, attendance, download, back]
    return [roster, download, back]


def _new_draft(t: Turn) -> Outcome:
    _clear_draft(t)
    return Goto("kind")


def _clear_draft(t: Turn) -> None:
    for key in _DRAFT_KEYS:
        t.data.pop(key, None)


def _times(t: Turn) -> tuple[datetime, datetime]:
    """The start and end collected, as aware UTC datetimes."""
    day = date.fromisoformat(t.data["date"])
    starts_at = to_utc(day, time.fromisoformat(t.data["start_time"]))
    return starts_at, to_utc(day, time.fromisoformat(t.data["end_time"]))


def _draft(t: Turn) -> coaching.SessionDraft:
    starts_at, ends_at = _times(t)
    return coaching.SessionDraft(
        kind=t.data["kind"],
        topic=t.data["topic"],
        kecamatan_code=t.data["kecamatan_code"],
        venue_name=t.data["venue_name"],
        venue_address=t.data["venue_address"],
        map_url=t.data.get("map_url"),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=t.data["capacity"],
        coach_member_id=t.data.get("coach_member_id"),
    )


# The roster, for staff only


async def _booked(t: Turn, chosen: CoachingSession) -> list[Booking]:
    rows = await coaching.roster(t.session, chosen.id)
    return [booking for booking in rows if booking.status == coaching.BOOKED]


async def _roster_rows(t: Turn, chosen: CoachingSession) -> list[tuple[Booking, Member | None]]:
    """Booked, then waitlisted, each with their member (None if gone)."""
    rows = await coaching.roster(t.session, chosen.id)
    return [(booking, await t.session.get(Member, booking.member_id)) for booking in rows]


async def _roster_text(t: Turn, chosen: CoachingSession) -> str:
    """Names and phone numbers: booked (✅ = attended), then the waitlist."""
    rows = await _roster_rows(t, chosen)
    if not rows:
        return _("Belum ada peserta di sesi #{number}.").format(number=chosen.id)
    booked = [(b, m) for b, m in rows if b.status == coaching.BOOKED]
    waiting = [(b, m) for b, m in rows if b.status == coaching.WAITLISTED]
    lines = [_("👥 Peserta sesi #{number}:").format(number=chosen.id)]
    for number, (booking, member) in enumerate(booked, start=1):
        mark = " ✅" if booking.attended else ""
        lines.append(f"{number}. {_name(member)} – {_phone(member)}{mark}")
    if waiting:
        lines += ["", _("⏳ Daftar tunggu:")]
        for number, (_booking, member) in enumerate(waiting, start=1):
            lines.append(f"{number}. {_name(member)} – {_phone(member)}")
    return "\n".join(lines)


async def _coach_name(t: Turn, coach_member_id: int | None) -> str:
    if coach_member_id is None:
        return _("belum ditentukan")
    return _name(await t.session.get(Member, coach_member_id))


def _name(member: Member | None) -> str:
    """A member's name, or `-` for one who has deleted their data."""
    return (member.full_name if member else None) or "-"


def _phone(member: Member | None) -> str:
    phone = member.phone_e164 if member else None
    return display_phone(phone) if phone else "-"


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


SESSION_ADMIN = Flow(
    name="session_admin",
    staff_roles=(roles.COORDINATOR, roles.COACH),
    steps=(
        Step("home", ask_home, chose_at_home),
        Step("kind", ask_kind, got_kind),
        Step("topic", ask_topic, got_topic),
        *KECAMATAN.steps,
        Step("venue_name", ask_venue_name, got_venue_name),
        Step("venue_address", ask_venue_address, got_venue_address),
        Step("map_url", ask_map_url, got_map_url),
        Step("date", ask_date, got_date),
        Step("start_time", ask_start_time, got_start_time),
        Step("end_time", ask_end_time, got_end_time),
        Step("capacity", ask_capacity, got_capacity),
        Step("coach", ask_coach, got_coach),
        Step("summary", ask_summary, confirm_summary),
        Step("list", ask_list, picked_in_list),
        Step("manage", ask_manage, chose_in_manage),
        Step("attendance", ask_attendance, toggled_attendance),
        Step("confirm_retime", ask_confirm_retime, confirmed_retime),
        Step("confirm_cancel", ask_confirm_cancel, confirmed_cancel),
    ),
)

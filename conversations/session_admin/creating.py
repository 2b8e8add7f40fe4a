"""Staff create a session: what, where, when, how many seats and who coaches.

home ──create─► kind ─► topic ─► kecamatan (a coordinator's own: not asked) ─► venue
     ─► address ─► map link (or skip) ─► date, start, end ─► capacity ─► coach (or skip)
     ─► summary ──save─► saved, bookable at once ─► home
                ──edit─► edit_field ─► that question (the time: date, start, end) ─► summary
"""

from __future__ import annotations

import re
from typing import Any

from bot.i18n import N_, _
from bot.messages import Choice
from bot.models import CoachingSession
from bot.phones import parse_indonesian_mobile
from bot.schedule_input import parse_capacity
from bot.services import coaching
from bot.vocabulary import SessionKind, Topic
from conversations.area_pickers import KecamatanPicker
from conversations.flow import Finish, Goto, Outcome, Prompt, Retry, Turn
from conversations.labels import SESSION_KIND_LABELS, TOPIC_LABELS
from conversations.session_admin.permissions import is_coach, manager, own_kecamatan
from conversations.session_admin.roster import coach_name
from conversations.session_admin.states import DRAFT_KEYS, S, SessionAdminStep, Turn_
from conversations.session_admin.timing import collected_times
from conversations.session_card import describe_session
from conversations.steps import Confirmation, picked, word_choices

VENUE_NAME_LENGTH = range(3, 121)
VENUE_ADDRESS_LENGTH = range(5, 241)
MAP_LINK_MAX = 500
SAVE = Confirmation(yes=N_("Simpan"), no=N_("Batal"), no_icon="✖️")
EDIT = "edit"
_SPACES = re.compile(r"\s+")


def is_map_link(text: str) -> bool:
    """Whether `text` is one web link (http:// or https://) short enough to store."""
    return (
        text.lower().startswith(("http://", "https://"))
        and len(text) <= MAP_LINK_MAX
        and not any(ch.isspace() for ch in text)
    )


async def ask_home(t: Turn_) -> Prompt:
    choices = [
        Choice("create", _("➕ Buat sesi")),
        Choice("mine", _("📋 Sesi saya")),
        Choice("menu", _("↩ Menu")),
    ]
    return Prompt(_("Kelola sesi pelatihan. Mau apa?"), choices)


async def chose_at_home(t: Turn_) -> Outcome:
    if t.choice == "create":
        return new_draft(t)
    if t.choice == "mine":
        return Goto(S.LIST)
    if t.choice == "menu":
        return Finish()
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_kind(t: Turn_) -> Prompt:
    return Prompt(_("Sesi apa yang mau dibuat?"), word_choices(SessionKind, SESSION_KIND_LABELS))


async def got_kind(t: Turn_) -> Outcome:
    kind = picked(t, SessionKind)
    if kind is None:
        return Retry(_("Pilih salah satu jenis sesi di bawah, ya."))
    t.data["kind"] = kind
    return _then(t, S.TOPIC)


async def ask_topic(t: Turn_) -> Prompt:
    return Prompt(_("Topiknya apa?"), word_choices(Topic, TOPIC_LABELS))


async def got_topic(t: Turn_) -> Outcome:
    """Store the topic; a coordinator's sessions are in their own kecamatan, so skip asking."""
    topic = picked(t, Topic)
    if topic is None:
        return Retry(_("Pilih salah satu topik di bawah, ya."))
    t.data["topic"] = topic
    own = await own_kecamatan(t)
    if own is not None:
        t.data["kecamatan_code"] = own
        return _then(t, S.VENUE_NAME)
    return _then(t, S.KECAMATAN)


async def _after_kecamatan(t: Turn[Any]) -> Outcome:
    return _then(t, S.VENUE_NAME)


KECAMATAN = KecamatanPicker(
    "kecamatan_code",
    lambda: _("Sesinya di kecamatan mana?"),
    then=_after_kecamatan,
    typed_step=S.KECAMATAN,
    in_kota_step=S.KECAMATAN_IN_KOTA,
)


async def ask_venue_name(t: Turn_) -> Prompt:
    return Prompt(_("Apa nama tempatnya? Contoh: Aula Kantor Kecamatan Tebet"))


async def got_venue_name(t: Turn_) -> Outcome:
    name = _one_line(t.text)
    if len(name) not in VENUE_NAME_LENGTH:
        return Retry(_("Nama tempat 3 sampai 120 huruf, ya. Contoh: Aula Kantor Kecamatan Tebet"))
    t.data["venue_name"] = name
    return _then(t, S.VENUE_ADDRESS)


async def ask_venue_address(t: Turn_) -> Prompt:
    return Prompt(_("Alamat lengkapnya? Contoh: Jl. Prof. Dr. Soepomo No. 54"))


async def got_venue_address(t: Turn_) -> Outcome:
    address = _one_line(t.text)
    if len(address) not in VENUE_ADDRESS_LENGTH:
        return Retry(_("Alamat 5 sampai 240 huruf, ya. Contoh: Jl. Prof. Dr. Soepomo No. 54"))
    t.data["venue_address"] = address
    return _then(t, S.MAP_URL)


async def ask_map_url(t: Turn_) -> Prompt:
    return Prompt(
        _("Ada link Google Maps tempatnya? Tempel di sini, atau pilih Lewati."),
        [Choice("skip", _("Lewati"))],
    )


async def got_map_url(t: Turn_) -> Outcome:
    """A link is optional, but one given must be a web address."""
    if t.choice == "skip":
        t.data["map_url"] = None
        return _then(t, S.DATE)
    if not is_map_link(t.text):
        return Retry(_("Link harus diawali http:// atau https://. Tempel lagi, atau pilih Lewati."))
    t.data["map_url"] = t.text
    return _then(t, S.DATE)


async def ask_capacity(t: Turn_) -> Prompt:
    return Prompt(_("Berapa kursi yang tersedia? Contoh: 30"))


async def got_capacity(t: Turn_) -> Outcome:
    capacity = parse_capacity(t.text)
    if capacity is None:
        return Retry(_("Tulis jumlah kursi dengan angka, 1 sampai 500. Contoh: 30"))
    t.data["capacity"] = capacity
    return _then(t, S.COACH)


async def ask_coach(t: Turn_) -> Prompt:
    """Coaches may name themselves; coordinators and admins may leave it open."""
    choices = []
    coaching_self = await is_coach(t)
    if coaching_self:
        choices.append(Choice("self", _("🙋 Saya sendiri")))
    if not coaching_self or t.is_admin or (await manager(t)).coordinator_of is not None:
        choices.append(Choice("skip", _("Lewati")))
    return Prompt(
        _("Siapa coach-nya? Ketik nomor anggota atau nomor HP coach, atau pilih di bawah."),
        choices,
    )


async def got_coach(t: Turn_) -> Outcome:
    """Store the coach: this person, nobody yet, or a member holding the coach role."""
    if t.choice == "self" and t.member is not None:
        t.data["coach_member_id"] = t.member.id
        return Goto(S.SUMMARY)
    if t.choice == "skip":
        t.data["coach_member_id"] = None
        return Goto(S.SUMMARY)
    reference = parse_indonesian_mobile(t.text) or t.text
    coach = await coaching.pick_coach(t.session, await manager(t), reference) if reference else None
    if coach is None:
        # One answer for nobody, a member who is no coach, and a coach out of reach.
        return Retry(_("Coach dengan nomor itu tidak ketemu. Cek lagi nomornya, ya."))
    t.data["coach_member_id"] = coach.id
    return Goto(S.SUMMARY)


async def ask_summary(t: Turn_) -> Prompt:
    """The new session as members will see it, before it is saved (or a part changed)."""
    t.data.pop("editing", None)
    draft = _draft(t)
    preview = CoachingSession(**draft.__dict__)  # never added to the database session
    text = "\n".join(
        [
            _("Periksa sesi baru:"),
            describe_session(preview, t.areas, seats=False),
            _("Kursi: {capacity} · Coach: {name}").format(
                capacity=draft.capacity, name=await coach_name(t, draft.coach_member_id)
            ),
        ]
    )
    save, cancel = SAVE.choices()
    choices = [save, Choice(EDIT, _("✏️ Ubah")), cancel]
    return Prompt(text, choices, synonyms={EDIT: ("edit", "ganti")})


async def confirm_summary(t: Turn_) -> Outcome:
    """Save the session (members can book it at once), change a part, or drop it."""
    if t.choice == EDIT:
        return Goto(S.EDIT_FIELD)
    answer = SAVE.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        clear_draft(t)
        t.say(_("Oke, sesi tidak jadi dibuat."))
        return Goto(S.HOME)
    draft = _draft(t)
    created = await coaching.schedule_session(t.session, await manager(t), draft, now=t.clock.now())
    if isinstance(created, coaching.NotYours):
        t.say(
            _(
                "Maaf, Anda tidak bisa membuat sesi di Kec. {kecamatan}. Sesi tidak disimpan."
            ).format(kecamatan=_kecamatan_name(t, draft.kecamatan_code))
        )
        clear_draft(t)
        return Goto(S.HOME)
    clear_draft(t)
    t.say(
        _(
            "✅ Sesi #{number} tersimpan. Anggota sudah bisa memesan tempat lewat menu "
            "Cari pelatihan."
        ).format(number=created.id)
    )
    return Goto(S.HOME)


async def ask_edit_field(t: Turn_) -> Prompt:
    """Every part of the new session can be changed (a coordinator's kecamatan is fixed)."""
    choices = [
        Choice(S.KIND, _("Jenis sesi")),
        Choice(S.TOPIC, _("Topik")),
        Choice(S.KECAMATAN, _("Kecamatan")),
        Choice(S.VENUE_NAME, _("Nama tempat")),
        Choice(S.VENUE_ADDRESS, _("Alamat")),
        Choice(S.MAP_URL, _("Link peta")),
        Choice(S.DATE, _("Tanggal dan jam")),
        Choice(S.CAPACITY, _("Jumlah kursi")),
        Choice(S.COACH, _("Coach")),
        Choice(S.SUMMARY, _("↩ Kembali")),
    ]
    if await own_kecamatan(t) is not None:
        choices = [choice for choice in choices if choice.id != S.KECAMATAN]
    return Prompt(_("Bagian mana yang mau diubah?"), choices)


async def got_edit_field(t: Turn_) -> Outcome:
    """Ask that question again; its answer leads back to the summary."""
    field = picked(t, SessionAdminStep)
    if field is None or field not in _EDITABLE:
        return Retry(_("Pilih bagian yang mau diubah, ya."))
    if field == S.SUMMARY:
        return Goto(S.SUMMARY)
    if field == S.KECAMATAN and await own_kecamatan(t) is not None:
        return Retry(_("Pilih bagian yang mau diubah, ya."))
    t.data["editing"] = True
    return Goto(field)


_EDITABLE = frozenset(
    {
        S.KIND,
        S.TOPIC,
        S.KECAMATAN,
        S.VENUE_NAME,
        S.VENUE_ADDRESS,
        S.MAP_URL,
        S.DATE,
        S.CAPACITY,
        S.COACH,
        S.SUMMARY,
    }
)


def _then(t: Turn_, step: S) -> Goto:
    """Go on to `step`, or back to the summary when one part is being changed."""
    return Goto(S.SUMMARY) if t.data.get("editing") else Goto(step)


def new_draft(t: Turn_) -> Outcome:
    """Start a new session from its first question."""
    clear_draft(t)
    return Goto(S.KIND)


def clear_draft(t: Turn_) -> None:
    for key in DRAFT_KEYS:
        t.data.pop(key, None)  # type: ignore[misc]


def _draft(t: Turn_) -> coaching.SessionDraft:
    starts_at, ends_at = collected_times(t)
    return coaching.SessionDraft(
        kind=SessionKind(t.data["kind"]),
        topic=Topic(t.data["topic"]),
        kecamatan_code=t.data["kecamatan_code"],
        venue_name=t.data["venue_name"],
        venue_address=t.data["venue_address"],
        map_url=t.data.get("map_url"),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=t.data["capacity"],
        coach_member_id=t.data.get("coach_member_id"),
    )


def _kecamatan_name(t: Turn_, code: str) -> str:
    kecamatan = t.areas.kecamatan(code)
    return kecamatan.name if kecamatan is not None else code


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()

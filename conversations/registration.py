"""Registration, 7 PAS step P1 (Pendaftaran).

    consent ──no──► menu (nothing kept)
       │yes
    full_name ─► phone_e164 ─► kecamatan_code (typed, or kota ─► kecamatan)
       ─► kelurahan_code ─► business_status ─┬─running─► business_name ─┐
                                             └─idea─────────────────────┴─► sector
       ─► summary ──save──► member number, P1 done, menu
                  ──edit──► edit_field ─► that question ─► summary
                  ──cancel► menu (nothing kept)

Members changing their profile come back through `edit_field` with
`update` set, and `summary` then saves the changes instead of registering.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.i18n import _
from bot.messages import Choice
from bot.models import Member
from bot.names import parse_business_name, parse_person_name
from bot.phones import display_phone, parse_indonesian_mobile
from bot.services import members
from bot.vocabulary import BusinessStatus, Sector
from conversations.area_pickers import KecamatanPicker, KelurahanPicker
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.labels import BUSINESS_STATUS_LABELS, SECTOR_LABELS
from conversations.member_card import describe_details
from conversations.steps import NO, YES, picked, word_choices


class RegistrationStep(StrEnum):
    CONSENT = "consent"
    FULL_NAME = "full_name"
    PHONE = "phone_e164"
    KECAMATAN = "kecamatan_code"
    KECAMATAN_IN_KOTA = "kecamatan_code_in_kota"
    KELURAHAN = "kelurahan_code"
    BUSINESS_STATUS = "business_status"
    BUSINESS_NAME = "business_name"
    SECTOR = "sector"
    SUMMARY = "summary"
    EDIT_FIELD = "edit_field"


S = RegistrationStep


class RegistrationData(TypedDict, total=False):
    """The answers so far; `update` marks a member changing their profile."""

    full_name: str
    phone_e164: str
    kecamatan_code: str
    kecamatan_code_candidates: list[str]
    kecamatan_code_kota: str
    kelurahan_code: str
    business_status: BusinessStatus
    business_name: str | None
    sector: Sector
    editing: bool
    update: bool


Turn_ = Turn[RegistrationData]


def _next(t: Turn_, step: RegistrationStep) -> Goto:
    """Go on to `step`, or straight back to the summary when correcting one answer."""
    return Goto(S.SUMMARY) if t.data.get("editing") else Goto(step)


async def ask_consent(t: Turn_) -> Prompt:
    """Say what we keep and why (UU PDP), and ask for consent."""
    notice = _(
        "Sebelum daftar, baca ini dulu ya:\n\n"
        "🔒 Kami simpan nama, nomor HP, kecamatan, kelurahan, dan data usaha Anda.\n"
        "Untuk apa: mendaftarkan Anda di OK OCE, mengatur jadwal pelatihan, "
        "dan menghubungi Anda soal program.\n"
        "Data tidak dijual dan tidak dibagikan ke luar program.\n"
        "Anda bisa lihat dan hapus data kapan saja lewat menu Profil saya.\n\n"
        "Setuju?"
    )
    return Prompt(notice, [Choice(YES, _("✅ Setuju")), Choice(NO, _("Tidak setuju"))])


async def got_consent(t: Turn_) -> Outcome:
    """Consent opens the questions; refusal ends here and keeps nothing."""
    if t.choice == YES:
        return Goto(S.FULL_NAME)
    if t.choice == NO:
        t.say(
            _(
                "Tidak apa-apa. Tidak ada data Anda yang kami simpan.\n"
                "Kalau berubah pikiran, pilih Daftar OK OCE di menu."
            )
        )
        return Finish()
    return Retry(_("Pilih Setuju atau Tidak setuju, ya."))


async def ask_full_name(t: Turn_) -> Prompt:
    return Prompt(_("Siapa nama lengkap Anda?"))


async def got_full_name(t: Turn_) -> Outcome:
    """Store the name; ask for the phone number next."""
    name = parse_person_name(t.text)
    if name is None:
        return Retry(
            _("Tulis nama dengan huruf saja, 3 sampai 80 huruf. Contoh: Siti Aminah, M. Yusuf")
        )
    t.data["full_name"] = name
    return _next(t, S.PHONE)


async def ask_phone(t: Turn_) -> Prompt:
    """Ask for the number; where the platform knows it (WhatsApp), offer it with one tap."""
    verified = parse_indonesian_mobile(t.incoming.sender_phone or "")
    if verified is not None:
        text = _("Berapa nomor HP Anda? Pakai nomor WhatsApp ini ({phone}), atau ketik nomor lain.")
        choices = [Choice("use", _("📱 Pakai nomor ini"))]
        return Prompt(text.format(phone=display_phone(verified)), choices)
    return Prompt(_("Berapa nomor HP Anda? Contoh: 0812-3456-7890"), request_contact=True)


async def got_phone(t: Turn_) -> Outcome:
    """Store the number (shared, tapped or typed) in E.164.

    A number the platform vouches for that a member already registered means this
    is that member on another channel: the chat is linked to them instead. A typed
    number is never looked up here: whether it belongs to a member is nobody's
    business but theirs (saving decides, see `_phone_taken`).
    """
    if t.incoming.contact is not None and not _own_contact(t):
        return Retry(_("Itu nomor orang lain. Kirim nomor HP Anda sendiri, ya."))
    verified = _verified_phone(t)
    phone = verified or parse_indonesian_mobile(t.text)
    if phone is None:
        return Retry(
            _("Nomor itu belum bisa dipakai. Pakai nomor HP Indonesia, contoh: 0812-3456-7890.")
        )
    if verified is not None and t.member is None:
        owner = await members.member_by_phone(t.session, verified)
        if owner is not None:
            return _link_to(t, owner)
    t.data["phone_e164"] = phone
    t.say(_("Nomor {phone} dicatat.").format(phone=display_phone(phone)))
    return _next(t, S.KECAMATAN)


def _own_contact(t: Turn_) -> bool:
    """Whether the shared contact is the sender's own, as the platform tells it.

    Where the platform knows the sender's number (WhatsApp), only that number is theirs.
    """
    contact = t.incoming.contact
    if contact is None or not contact.is_own:
        return False
    sender = parse_indonesian_mobile(t.incoming.sender_phone or "")
    return sender is None or parse_indonesian_mobile(contact.phone) == sender


def _verified_phone(t: Turn_) -> str | None:
    """A number the platform vouches is this person's own (never one merely typed or shown
    on a contact card), in E.164, or None."""
    if t.incoming.contact is not None:
        return parse_indonesian_mobile(t.incoming.contact.phone) if _own_contact(t) else None
    if t.choice == "use":
        return parse_indonesian_mobile(t.incoming.sender_phone or "")
    return None


async def _after_kecamatan(t: Turn_) -> Outcome:
    """A new kecamatan always needs its kelurahan asked again."""
    t.data.pop("kelurahan_code", None)
    return Goto(S.KELURAHAN)


async def _after_kelurahan(t: Turn_) -> Outcome:
    return _next(t, S.BUSINESS_STATUS)


KECAMATAN = KecamatanPicker(
    "kecamatan_code",
    lambda: _("Usaha Anda ada di kecamatan mana?"),
    then=_after_kecamatan,
    typed_step=S.KECAMATAN,
    in_kota_step=S.KECAMATAN_IN_KOTA,
)
KELURAHAN = KelurahanPicker(
    "kelurahan_code", "kecamatan_code", then=_after_kelurahan, step=S.KELURAHAN
)


async def ask_business_status(t: Turn_) -> Prompt:
    choices = word_choices(BusinessStatus, BUSINESS_STATUS_LABELS)
    return Prompt(_("Usaha Anda sudah jalan, atau masih ide?"), choices)


async def got_business_status(t: Turn_) -> Outcome:
    """A running business is asked its name; an idea skips that."""
    status = picked(t, BusinessStatus)
    if status is None:
        return Retry(_("Pilih salah satu jawaban di bawah, ya."))
    t.data["business_status"] = status
    if status == BusinessStatus.IDEA:
        t.data["business_name"] = None
        return _next(t, S.SECTOR)
    if t.data.get("editing") and t.data.get("business_name"):
        return Goto(S.SUMMARY)
    return Goto(S.BUSINESS_NAME)


async def ask_business_name(t: Turn_) -> Prompt:
    return Prompt(_("Apa nama usaha Anda? Contoh: Warung Bu Siti"))


async def got_business_name(t: Turn_) -> Outcome:
    name = parse_business_name(t.text)
    if name is None:
        return Retry(_("Nama usaha 2 sampai 80 huruf atau angka, ya. Contoh: Warung Bu Siti"))
    t.data["business_name"] = name
    return _next(t, S.SECTOR)


async def ask_sector(t: Turn_) -> Prompt:
    return Prompt(_("Bidang usahanya apa?"), word_choices(Sector, SECTOR_LABELS))


async def got_sector(t: Turn_) -> Outcome:
    sector = picked(t, Sector)
    if sector is None:
        return Retry(_("Pilih salah satu bidang di bawah, ya."))
    t.data["sector"] = sector
    return Goto(S.SUMMARY)


async def ask_summary(t: Turn_) -> Prompt:
    """Show everything once more before saving."""
    heading = _("Periksa perubahan data Anda:") if t.data.get("update") else _("Periksa data Anda:")
    choices = [
        Choice("save", _("✅ Simpan")),
        Choice("edit", _("✏️ Ubah")),
        Choice("cancel", _("✖️ Batal")),
    ]
    return Prompt(heading + "\n\n" + describe_details(t.data, t.areas), choices)


async def confirm_summary(t: Turn_) -> Outcome:
    """Save (register, or update a member's profile), correct an answer, or drop it all."""
    if t.choice == "edit":
        return Goto(S.EDIT_FIELD)
    if t.choice == "cancel":
        if t.data.get("update"):
            t.say(_("Oke, tidak ada yang diubah."))
            return StartFlow("profile")
        t.say(_("Pendaftaran dibatalkan. Data tadi tidak disimpan."))
        return Finish()
    if t.choice != "save":
        return Retry(_("Pilih Simpan, Ubah, atau Batal."))
    details = _details(t)
    if t.data.get("update") and t.member is not None:
        updated = await members.update_member(t.session, t.member, details)
        if isinstance(updated, members.PhoneTaken):
            return _phone_taken(t)
        t.say(_("Data Anda sudah diperbarui."))
        return StartFlow("profile")
    registered = await members.register_member(t.session, details, t.clock.now())
    if isinstance(registered, members.PhoneTaken):
        return _phone_taken(t)
    t.account.member_id = registered.member.id
    t.member = registered.member
    t.say(
        _(
            "🎉 Selamat, {name}! Anda sudah terdaftar di OK OCE.\n"
            "Nomor anggota: {number}\n"
            "Langkah P1 Pendaftaran selesai."
        ).format(name=registered.member.full_name, number=registered.member.member_number)
    )
    return Finish()


async def ask_edit_field(t: Turn_) -> Prompt:
    choices = [
        Choice(S.FULL_NAME, _("Nama")),
        Choice(S.PHONE, _("Nomor HP")),
        Choice(S.KECAMATAN, _("Kecamatan/kelurahan")),
        Choice(S.BUSINESS_STATUS, _("Status usaha")),
    ]
    if t.data.get("business_status") == BusinessStatus.RUNNING:
        choices.append(Choice(S.BUSINESS_NAME, _("Nama usaha")))
    choices += [Choice(S.SECTOR, _("Bidang usaha")), Choice(S.SUMMARY, _("↩ Kembali"))]
    return Prompt(_("Bagian mana yang mau diubah?"), choices)


async def got_edit_field(t: Turn_) -> Outcome:
    """Ask that one question again; the answer leads back to the summary."""
    field = picked(t, RegistrationStep)
    if field is None or field not in EDITABLE:
        return Retry(_("Pilih bagian yang mau diubah, ya."))
    t.data["editing"] = True
    return Goto(field)


def _link_to(t: Turn_, member: Member) -> Outcome:
    """This person is already a member (they registered on another channel)."""
    t.account.member_id = member.id
    t.member = member
    t.say(
        _(
            "Nomor ini sudah terdaftar atas nama {name} ({number}). Chat ini sekarang terhubung."
        ).format(name=member.full_name, number=member.member_number)
    )
    return Finish()


def _details(t: Turn_) -> members.MemberDetails:
    return members.MemberDetails(
        full_name=t.data["full_name"],
        phone_e164=t.data["phone_e164"],
        kecamatan_code=t.data["kecamatan_code"],
        kelurahan_code=t.data["kelurahan_code"],
        business_status=BusinessStatus(t.data["business_status"]),
        business_name=t.data.get("business_name"),
        sector=Sector(t.data["sector"]),
        language=t.account.language,
    )


def _phone_taken(t: Turn_) -> Outcome:
    """The number cannot be saved for this person; say so without saying whose it is.

    Only someone the platform shows to own the number (its share-number button, or
    writing from it on WhatsApp) is linked to the member who registered it.
    """
    t.say(
        _(
            "Nomor {phone} tidak bisa dipakai di sini. Kalau itu nomor Anda sendiri, "
            "kirim lewat tombol di bawah supaya bisa kami pastikan. Atau ketik nomor lain."
        ).format(phone=display_phone(t.data["phone_e164"]))
    )
    t.data["editing"] = True
    return Goto(S.PHONE)


EDITABLE = frozenset(
    {S.FULL_NAME, S.PHONE, S.KECAMATAN, S.BUSINESS_STATUS, S.BUSINESS_NAME, S.SECTOR, S.SUMMARY}
)
"""What the summary's "Ubah" can go back to (the summary itself is "↩ Kembali")."""

REGISTRATION = Flow[RegistrationData](
    name="registration",
    step_names=RegistrationStep,
    guests_only=True,
    steps=(
        Step(S.CONSENT, ask_consent, got_consent),
        Step(S.FULL_NAME, ask_full_name, got_full_name),
        Step(S.PHONE, ask_phone, got_phone),
        *KECAMATAN.steps,
        KELURAHAN.step,
        Step(S.BUSINESS_STATUS, ask_business_status, got_business_status),
        Step(S.BUSINESS_NAME, ask_business_name, got_business_name),
        Step(S.SECTOR, ask_sector, got_sector),
        Step(S.SUMMARY, ask_summary, confirm_summary),
        Step(S.EDIT_FIELD, ask_edit_field, got_edit_field),
    ),
)

"""Registration, 7 PAS step P1 (Pendaftaran).

    consent ──no──► menu (nothing kept)
       │yes
    full_name ─► phone_e164 (a verified number a member holds: shared_phone)
       ─► kecamatan_code (typed, or kota ─► kecamatan)
       ─► kelurahan_code ─► business_status ─┬─running─► business_name ─┐
                                             └─idea─────────────────────┴─► sector
       ─► summary ──save──► member number, P1 done, menu (or back where `then` says:
                            a session, a product being listed)
                  ──edit──► edit_field ─► that question ─► summary
                  ──cancel► menu (nothing kept)

Members changing their profile come back through `edit_field` with
`update` set, and `summary` then saves the changes instead of registering.
"menu" in the middle keeps the answers as a draft, offered back next time.
"""

from __future__ import annotations

from bot.business_words import sector_for, status_for
from bot.i18n import N_, _, gettext
from bot.messages import Choice
from bot.names import parse_business_name, parse_person_name
from bot.phones import PhoneProblem, display_phone, parse_indonesian_mobile, read_indonesian_mobile
from bot.services import members
from bot.vocabulary import BusinessStatus, Sector
from conversations import shared_phone
from conversations.area_pickers import KecamatanPicker, KelurahanPicker
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step
from conversations.labels import BUSINESS_STATUS_LABELS, SECTOR_LABELS, label
from conversations.member_card import describe_details
from conversations.registration_states import (
    RegistrationData,
    RegistrationStep,
    S,
    Turn_,
    next_step,
)
from conversations.steps import NO, YES, picked, word_choices

__all__ = ["REGISTRATION", "RegistrationData", "RegistrationStep"]


async def ask_consent(t: Turn_) -> Prompt:
    """Say what we keep and why (UU PDP), and ask for consent."""
    notice = _(
        "Sebelum daftar: 🔒 kami simpan nama, nomor HP, kecamatan, kelurahan, dan data "
        "usaha Anda, untuk pendaftaran, jadwal pelatihan, dan kabar program.\n"
        "Data tidak dijual dan tidak dibagikan ke luar program. "
        "Lihat atau hapus kapan saja di Profil saya.\n"
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
    return next_step(t, S.PHONE)


async def ask_phone(t: Turn_) -> Prompt:
    """Ask for the number; where the platform knows it (WhatsApp), offer it with one tap."""
    verified = parse_indonesian_mobile(t.incoming.sender_phone or "")
    if verified is not None:
        text = _("Berapa nomor HP Anda? Pakai nomor WhatsApp ini ({phone}), atau ketik nomor lain.")
        choices = [Choice("use", _("📱 Pakai nomor ini"))]
        return Prompt(text.format(phone=display_phone(verified)), choices, yes=("use",))
    return Prompt(_("Berapa nomor HP Anda? Contoh: 0812-3456-7890"), request_contact=True)


async def got_phone(t: Turn_) -> Outcome:
    """Store the number (shared, tapped or typed) in E.164, or say why it cannot be used.

    Only a number the platform vouches for is checked against members: if one holds
    it, this may be them on another channel, so the next step asks (`shared_phone`).
    A typed number is taken as it is: whether it belongs to a member is nobody's
    business but theirs, and a household may share one phone.
    """
    if t.incoming.contact is not None and not _own_contact(t):
        return Retry(_("Itu nomor orang lain. Kirim nomor HP Anda sendiri, ya."))
    contact = t.incoming.contact
    reading = read_indonesian_mobile(contact.phone if contact else t.text)
    verified = _verified_phone(t, reading.e164)
    phone = verified or reading.e164
    if phone is None:
        return Retry(_phone_refusal(reading.problem))
    t.data["phone_e164"] = phone
    taken = verified is not None and t.member is None
    if taken and await members.members_by_phone(t.session, phone):
        return Goto(S.PHONE_SHARED)
    t.say(_("Nomor {phone} dicatat.").format(phone=display_phone(phone)))
    return next_step(t, S.KECAMATAN)


def _own_contact(t: Turn_) -> bool:
    """Whether the shared contact is the sender's own, as the platform tells it.

    Where the platform knows the sender's number (WhatsApp), only that number is theirs.
    """
    contact = t.incoming.contact
    if contact is None or not contact.is_own:
        return False
    sender = parse_indonesian_mobile(t.incoming.sender_phone or "")
    return sender is None or parse_indonesian_mobile(contact.phone) == sender


def _verified_phone(t: Turn_, typed: str | None) -> str | None:
    """A number the platform vouches is this person's own (never one merely typed or shown
    on a contact card), in E.164, or None. WhatsApp's sender number typed out is theirs."""
    if t.incoming.contact is not None:
        return parse_indonesian_mobile(t.incoming.contact.phone) if _own_contact(t) else None
    sender = parse_indonesian_mobile(t.incoming.sender_phone or "")
    if t.choice == "use" or (sender is not None and typed == sender):
        return sender
    return None


def _phone_refusal(problem: PhoneProblem | None) -> str:
    """Why a number cannot be used, and what to send instead."""
    example = _("Contoh: 0812-3456-7890")
    reasons = {
        PhoneProblem.LANDLINE: _("Itu nomor telepon rumah/kantor. Kami perlu nomor HP."),
        PhoneProblem.NOT_INDONESIAN: _("Itu bukan nomor Indonesia. Pakai nomor HP Indonesia."),
        PhoneProblem.NOT_MOBILE: _("Itu bukan nomor HP biasa. Pakai nomor HP Anda."),
        PhoneProblem.TOO_SHORT: _("Nomornya kurang angka. Cek lagi, ya."),
        PhoneProblem.TOO_LONG: _("Nomornya kelebihan angka. Cek lagi, ya."),
    }
    reason = reasons.get(problem) if problem else None
    return f"{reason or _('Tulis nomor HP dengan angka, ya.')} {example}"


async def _after_kecamatan(t: Turn_) -> Outcome:
    """A new kecamatan always needs its kelurahan asked again."""
    t.data.pop("kelurahan_code", None)
    return Goto(S.KELURAHAN)


async def _after_kelurahan(t: Turn_) -> Outcome:
    return next_step(t, S.BUSINESS_STATUS)


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
    """A running business is asked its name; an idea skips that (`udah jalan`, `baru rencana`)."""
    status = picked(t, BusinessStatus)
    if status is None and t.choice is None and (status := status_for(t.text)) is not None:
        t.say(_("{choice}, ya.").format(choice=label(BUSINESS_STATUS_LABELS, status)))
    if status is None:
        return Retry(_("Pilih salah satu jawaban di bawah, ya."))
    t.data["business_status"] = status
    if status == BusinessStatus.IDEA:
        t.data["business_name"] = None
        return next_step(t, S.SECTOR)
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
    return next_step(t, S.SECTOR)


async def ask_sector(t: Turn_) -> Prompt:
    return Prompt(_("Bidang usahanya apa?"), word_choices(Sector, SECTOR_LABELS))


async def got_sector(t: Turn_) -> Outcome:
    """The sector picked, or read from words (`makanan`, `warung`, `jahit`)."""
    sector = picked(t, Sector)
    if sector is None and t.choice is None and (sector := sector_for(t.text)) is not None:
        t.say(_("{choice}, ya.").format(choice=label(SECTOR_LABELS, sector)))
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
    text = heading + "\n" + describe_details(t.data, t.areas)
    return Prompt(text, choices, yes=("save",), no=(), synonyms={"edit": ("edit", "ganti")})


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
        await members.update_member(t.session, t.member, details)
        t.say(_("Data Anda sudah diperbarui."))
        return StartFlow("profile")
    registered = await members.register_member(t.session, details, t.clock.now())
    t.account.member_id = registered.member.id
    t.member = registered.member
    then = t.data.get("then")
    if then:  # a detour: say where we go back to (its `note`, marked `N_`, or the session)
        next_words = (
            gettext(then["note"]) if then.get("note") else _("Sekarang kita lanjut ke sesi tadi.")
        )
    else:
        next_words = _("Berikutnya: ikut pelatihan gratis. Pilih 📅 Cari pelatihan di menu.")
    t.say(
        _(
            "🎉 Selamat, {name}! Anda sekarang anggota OK OCE.\n"
            "Nomor anggota: {number} (simpan, ya).\n"
            "{next}"
        ).format(
            name=registered.member.full_name,
            number=registered.member.member_number,
            next=next_words,
        )
    )
    if then:
        return StartFlow(str(then.get("flow")), then.get("step"), then.get("data"))
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


EDITABLE = frozenset(
    {S.FULL_NAME, S.PHONE, S.KECAMATAN, S.BUSINESS_STATUS, S.BUSINESS_NAME, S.SECTOR, S.SUMMARY}
)
"""What the summary's "Ubah" can go back to (the summary itself is "↩ Kembali")."""

REGISTRATION = Flow[RegistrationData](
    name="registration",
    step_names=RegistrationStep,
    guests_only=True,
    form_steps=frozenset(RegistrationStep) - {S.CONSENT},
    draft_name=N_("pendaftaran"),
    steps=(
        Step(S.CONSENT, ask_consent, got_consent),
        Step(S.FULL_NAME, ask_full_name, got_full_name),
        Step(S.PHONE, ask_phone, got_phone),
        *shared_phone.STEPS,
        *KECAMATAN.steps,
        KELURAHAN.step,
        Step(S.BUSINESS_STATUS, ask_business_status, got_business_status),
        Step(S.BUSINESS_NAME, ask_business_name, got_business_name),
        Step(S.SECTOR, ask_sector, got_sector),
        Step(S.SUMMARY, ask_summary, confirm_summary),
        Step(S.EDIT_FIELD, ask_edit_field, got_edit_field),
    ),
)

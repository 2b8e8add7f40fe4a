"""Staff follow up financing requests ("Permintaan modal") and look at members' 7 PAS paths.

    list ──#id──► request (the card, the member's path) ──move──► moved, member told ─► request
                                                        ──final─► confirm_move ─► request
         ──csv──► the requests as a CSV file ─► list
         ──lookup─► lookup (member number or phone) ─► their 7 PAS path ─► list

A coordinator sees and moves the requests of their own kecamatan, an admin every one;
who may do what is checked again at every step, against the roles held now.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TypedDict

from bot.financing_content import FinancingCatalog
from bot.i18n import N_, _, gettext
from bot.messages import Attachment, Choice
from bot.models import FinancingRequest, Member
from bot.phones import display_phone, parse_indonesian_mobile
from bot.services import financing, members, progress, roles
from bot.spreadsheet import csv_bytes
from bot.vocabulary import FinancingRequestStatus, StaffRoleName
from conversations.content_steps import content_steps
from conversations.figures import day, short_rupiah
from conversations.financing.request_text import (
    MOVE_BUTTONS,
    STATUS_ICONS,
    request_lines,
    requested_product,
    status_label,
)
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, Turn
from conversations.pas_path import next_actions_text, steps_text
from conversations.steps import Confirmation


class DeskStep(StrEnum):
    LIST = "list"
    REQUEST = "request"
    CONFIRM_MOVE = "confirm_move"
    LOOKUP = "lookup"


class DeskData(TypedDict, total=False):
    """The request open on screen, and where a final move would take it."""

    request_id: int
    move_to: FinancingRequestStatus


S = DeskStep
Turn_ = Turn[DeskData]
CSV, LOOKUP, MENU, BACK = "csv", "lookup", "menu", "back"
CONFIRM = Confirmation(yes=N_("Ya, simpan"))
CSV_HEADER = (
    "no",
    "tanggal",
    "nama",
    "nomor_anggota",
    "hp",
    "kecamatan",
    "produk",
    "jumlah",
    "untuk",
    "status",
    "diubah",
)
CSV_STATUS = {
    FinancingRequestStatus.NEW: "baru",
    FinancingRequestStatus.CONTACTED: "dihubungi",
    FinancingRequestStatus.REFERRED: "diteruskan",
    FinancingRequestStatus.APPROVED: "disetujui",
    FinancingRequestStatus.REJECTED: "tidak dilanjutkan",
}
"""The file's columns and values stay the same in every language: spreadsheets read them."""


async def reviewer(t: Turn_) -> financing.Reviewer:
    """This chat's person as the financing service judges who may follow requests up."""
    held = await roles.roles_of(t.session, t.member.id) if t.member else []
    coordinator_of = next(
        (r.kecamatan_code for r in held if r.role == StaffRoleName.COORDINATOR), None
    )
    return financing.Reviewer(t.identity, is_admin=t.is_admin, coordinator_of=coordinator_of)


def _name(member: Member | None) -> str:
    return (member.full_name if member else None) or "-"


async def ask_list(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """The requests still open (oldest first), then the latest closed."""
    requests = await financing.requests_for(t.session, await reviewer(t))
    waiting = sum(1 for r in requests if not r.status.is_final)
    choices = []
    for request in requests:
        member = await t.session.get(Member, request.member_id)
        label = f"{STATUS_ICONS[request.status]} {_name(member)} {short_rupiah(request.amount)}"
        choices.append(Choice(str(request.id), label))
    choices += [
        Choice(CSV, _("📊 Unduh CSV")),
        Choice(LOOKUP, _("🔎 Progres anggota")),
        Choice(MENU, _("↩ Menu")),
    ]
    if not requests:
        text = _("💼 Belum ada permintaan modal.")
    else:
        text = _("💼 Permintaan modal: {waiting} masih berjalan. Pilih untuk detail:").format(
            waiting=waiting
        )
    return Prompt(text, choices)


async def picked_in_list(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    if t.choice == MENU:
        return Finish()
    if t.choice == LOOKUP:
        return Goto(S.LOOKUP)
    if t.choice == CSV:
        requests = await financing.requests_for(t.session, await reviewer(t))
        t.say(_("Ini daftar permintaan modal."), document=await _requests_csv(catalog, t, requests))
        return Goto(S.LIST)
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu permintaan di bawah, ya."))
    t.data["request_id"] = int(t.choice)
    return Goto(S.REQUEST)


async def _requests_csv(
    catalog: FinancingCatalog, t: Turn_, requests: Sequence[FinancingRequest]
) -> Attachment:
    rows = []
    for number, request in enumerate(requests, start=1):
        member = await t.session.get(Member, request.member_id)
        kecamatan = t.areas.kecamatan(request.kecamatan_code)
        rows.append(
            (
                number,
                request.created_at.date(),
                _name(member),
                (member.member_number if member else None) or "-",
                display_phone(member.phone_e164) if member and member.phone_e164 else "-",
                kecamatan.name if kecamatan else request.kecamatan_code,
                requested_product(catalog, request.product_id),
                request.amount,
                request.purpose,
                CSV_STATUS[request.status],
                request.updated_at.date(),
            )
        )
    return Attachment("permintaan-modal.csv", csv_bytes(CSV_HEADER, rows), "text/csv")


async def _request(t: Turn_) -> FinancingRequest | None:
    """The request on screen if this person (still) may handle it; if not, say so."""
    found = await financing.request_for(t.session, await reviewer(t), t.data["request_id"])
    if isinstance(found, FinancingRequest):
        return found
    t.say(_("Maaf, permintaan itu bukan dari kecamatan yang Anda pegang."))
    return None


async def ask_request(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """The request (said first), then who asked, their 7 PAS path, and where it can move."""
    request = await _request(t)
    back = Choice(BACK, _("↩ Kembali"))
    if request is None:
        return Prompt(_("Kembali ke daftar?"), [back])
    t.say(
        "\n".join(
            [
                _("💼 Permintaan #{number}").format(number=request.id),
                *request_lines(catalog, request),
                _("Masuk: {date}").format(date=day(request.created_at.date())),
            ]
        )
    )
    member = await t.session.get(Member, request.member_id)
    lines = [
        f"{_name(member)} ({(member.member_number if member else None) or '-'})",
        _("HP: {phone}").format(
            phone=display_phone(member.phone_e164) if member and member.phone_e164 else "-"
        ),
    ]
    if member is not None:
        path = await progress.progress_of(t.session, member)
        done = ", ".join(str(step) for step in sorted(path.done)) or "-"
        lines.append(_("7 PAS: {count}/7 ({steps})").format(count=len(path.done), steps=done))
    choices = [Choice(str(s), gettext(MOVE_BUTTONS[s])) for s in request.status.next_statuses()]
    return Prompt("\n".join(lines), [*choices, back])


async def chose_for_request(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Move the request (a final move is confirmed first), or go back."""
    if t.choice == BACK:
        return Goto(S.LIST)
    try:
        target = FinancingRequestStatus(t.choice or "")
    except ValueError:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    if target.is_final:
        t.data["move_to"] = target
        return Goto(S.CONFIRM_MOVE)
    return await _move(t, target)


async def ask_confirm_move(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    text = _("Ubah status jadi {status}? Setelah ini status tidak bisa diubah lagi.").format(
        status=status_label(FinancingRequestStatus(t.data["move_to"]))
    )
    return Prompt(text, CONFIRM.choices())


async def confirmed_move(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    answer = CONFIRM.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return Goto(S.REQUEST)
    return await _move(t, FinancingRequestStatus(t.data["move_to"]))


async def _move(t: Turn_, target: FinancingRequestStatus) -> Outcome:
    outcome = await financing.move_request(
        t.session, await reviewer(t), t.data["request_id"], target, now=t.clock.now()
    )
    if isinstance(outcome, financing.Moved):
        t.say(
            _("✅ Status: {status}. Anggota akan dikabari.").format(
                status=status_label(outcome.request.status)
            )
        )
    elif isinstance(outcome, financing.NotAllowed):
        t.say(
            _("Status sudah {status}, jadi tidak bisa diubah ke sana.").format(
                status=status_label(outcome.current)
            )
        )
    else:
        t.say(_("Maaf, permintaan itu bukan dari kecamatan yang Anda pegang."))
        return Goto(S.LIST)
    return Goto(S.REQUEST)


async def ask_lookup(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    return Prompt(_("Ketik nomor anggota (contoh: OK-317401-000123) atau nomor HP-nya:"))


async def got_lookup(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Show a member's 7 PAS path, if they are in this person's kecamatan."""
    reference = parse_indonesian_mobile(t.text) or t.text
    member = await members.find_member(t.session, reference) if reference else None
    if member is None:
        return Retry(_("Anggota itu tidak ketemu. Cek lagi nomornya, ya."))
    staff = await reviewer(t)
    if not staff.is_admin and staff.coordinator_of != member.kecamatan_code:
        t.say(_("Maaf, anggota itu bukan dari kecamatan yang Anda pegang."))
        return Goto(S.LIST)
    path = await progress.progress_of(t.session, member)
    t.say(f"{_name(member)} ({member.member_number or '-'})\n" + steps_text(path))
    t.say(next_actions_text(path))
    return Goto(S.LIST)


def financing_desk_flow(catalog: FinancingCatalog) -> Flow[DeskData]:
    """The staff flow over this catalog (for the products' names)."""
    return Flow[DeskData](
        name="financing_desk",
        step_names=DeskStep,
        staff_roles=(StaffRoleName.COORDINATOR,),
        steps=content_steps(
            catalog,
            (
                (S.LIST, ask_list, picked_in_list),
                (S.REQUEST, ask_request, chose_for_request),
                (S.CONFIRM_MOVE, ask_confirm_move, confirmed_move),
                (S.LOOKUP, ask_lookup, got_lookup),
            ),
        ),
    )

"""Coordinators (their kecamatans) and admins (all) review listings waiting to go live.

    list (oldest first) ─► listing (its photos, its words, open reports)
        ──setujui──► live, the seller told ─► list
        ──tolak────► reason (a common one, or typed) ─► rejected, the seller told ─► list

Who may review what is read again at every step: the engine turns away someone whose
coordinator role was taken away, and the catalog refuses a listing of a kecamatan the
reviewer does not hold. A notice's "Tinjau" button (`@review:<id>`) opens that listing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.ascii_numbers import parse_row_id
from bot.i18n import _, gettext
from bot.messages import Attachment, Choice, Reply
from bot.models import Listing, Member
from bot.money import format_rupiah
from bot.product_photos import RenditionKind
from bot.services import catalog
from bot.services.catalog.moderation import MAX_REJECTION_REASON
from bot.vocabulary import ListingStatus, ReportReason, StaffRoleName
from conversations.flow import (
    Entry,
    Finish,
    Flow,
    Goto,
    Outcome,
    Prompt,
    Retry,
    StartFlow,
    Step,
    Turn,
)
from conversations.labels import CATEGORY_LABELS, LISTING_STATUS_LABELS, REPORT_REASON_LABELS
from conversations.products.listing_text import price_words, shortened, stock_words
from conversations.products.rejection_reasons import COMMON_REASONS, CommonReason

REVIEW_FLOW = "review_listings"
APPROVE, REJECT, BACK, MENU = "approve", "reject", "back", "menu"
DESCRIPTION_SHOWN = 100
"""Characters of the description shown beside the photo (three phone lines)."""
SELLER_SHOWN = 40
"""Characters of the seller's business name shown."""


class ReviewStep(StrEnum):
    LIST = "list"
    LISTING = "listing"
    REASON = "reason"


S = ReviewStep


class ReviewData(TypedDict, total=False):
    """The listing open on screen."""

    listing_id: int


Turn_ = Turn[ReviewData]


def reviewer(t: Turn[Any]) -> catalog.Reviewer:
    """This chat's person as the catalog judges reviewers (roles are read by the service)."""
    return catalog.Reviewer(t.member.id if t.member else None, is_admin=t.is_admin)


def _kecamatan(t: Turn_, listing: Listing) -> str:
    kecamatan = t.areas.kecamatan(listing.kecamatan_code)
    return kecamatan.name if kecamatan else listing.kecamatan_code


async def ask_list(t: Turn_) -> Prompt:
    """Listings waiting for this reviewer, oldest first."""
    waiting = await catalog.pending_reviews(t.session, reviewer(t))
    menu = Choice(MENU, _("↩ Menu"))
    if not waiting:
        return Prompt(_("Tidak ada produk yang menunggu tinjauan. 👍"), [menu])
    room = max(8, t.limits.label_length - 4)  # the engine puts `5. ` before the label
    entries = []
    for listing in waiting:
        reports = sum((await catalog.report_reasons(t.session, listing.id)).values())
        flag = _(" · ⚠️ {count} laporan").format(count=reports) if reports else ""
        detail = f"{listing.name}\n{format_rupiah(listing.price)} · {_kecamatan(t, listing)}{flag}"
        entries.append(Entry(str(listing.id), shortened(listing.name, room), detail))
    text = _("📝 Produk menunggu tinjauan: {count}. Yang terlama di atas:").format(
        count=len(waiting)
    )
    return Prompt(text, [menu], entries=entries)


async def picked_listing(t: Turn_) -> Outcome:
    """Open the listing picked (whether it may be reviewed is checked when it is shown)."""
    if t.choice == MENU:
        return Finish()
    listing_id = parse_row_id(t.choice or "")
    if listing_id is None:
        return Retry(_("Pilih salah satu produk di bawah, ya."))
    t.data["listing_id"] = listing_id
    return Goto(S.LISTING)


async def _reviewable(t: Turn_) -> Listing | str:
    """The listing on screen if this person may review it now, or why not."""
    listing = await t.session.get(Listing, t.data.get("listing_id", 0))
    if listing is None or listing.status == ListingStatus.DELETED:
        return _("Produk itu sudah tidak ada.")
    if not await catalog.may_review(t.session, listing, reviewer(t)):
        return _("Maaf, produk itu bukan dari kecamatan yang Anda pegang.")
    if listing.status != ListingStatus.PENDING_REVIEW:
        return _("Produk ini sudah ditinjau. Statusnya: {status}.").format(
            status=gettext(LISTING_STATUS_LABELS[listing.status])
        )
    return listing


async def ask_listing(t: Turn_) -> Prompt:
    """The listing as buyers would see it (photos first), who sells it and its reports,
    then approve or reject."""
    checked = await _reviewable(t)
    if isinstance(checked, str):
        return Prompt(checked, [Choice(BACK, _("↩ Kembali"))])
    listing = checked
    card = _card(listing)
    photos = await catalog.listing_photos(t.session, listing.id)
    shown = 0
    for number, photo in enumerate(photos, start=1):
        data = await t.photos.read(photo.photo_key, RenditionKind.WEB)
        if data is None:
            continue
        text = (
            card
            if shown == 0
            else _("Foto {number} dari {count}").format(number=number, count=len(photos))
        )
        attachment = Attachment(f"produk-{listing.id}-{number}.jpg", data, "image/jpeg")
        t.replies.append(Reply(text, photo=attachment))
        shown += 1
    if shown == 0:
        t.say(card + "\n" + _("(Fotonya tidak ada.)"))
    if listing.description and len(listing.description) > DESCRIPTION_SHOWN:
        # The reviewer opened the listing to read all of it: the whole text, asked for.
        t.say(_("📝 Deskripsi lengkap:") + "\n" + listing.description, detail=True)
    choices = [
        Choice(APPROVE, _("✅ Setujui")),
        Choice(REJECT, _("❌ Tolak")),
        Choice(BACK, _("↩ Kembali")),
    ]
    lines = [*(await _who_and_reports(t, listing)), _("Setujui produk ini supaya tayang?")]
    return Prompt("\n".join(lines), choices)


def _card(listing: Listing) -> str:
    """What buyers would read beside the photo: name, price, category, stock, description."""
    lines = [
        f"📋 {listing.name}",
        f"{price_words(listing)} · {gettext(CATEGORY_LABELS[listing.category])}",
        _("Stok: {stock}").format(stock=stock_words(listing)),
    ]
    if listing.description:
        lines.append(shortened(listing.description, DESCRIPTION_SHOWN))
    return "\n".join(lines)


async def _who_and_reports(t: Turn_, listing: Listing) -> list[str]:
    """Who sells it, where, and why buyers reported it (if they did)."""
    seller = await t.session.get(Member, listing.seller_member_id)
    seller_name = (seller.business_name or seller.full_name or "-") if seller else "-"
    lines = [
        _("Penjual: {seller} ({kecamatan})").format(
            seller=shortened(seller_name, SELLER_SHOWN), kecamatan=_kecamatan(t, listing)
        )
    ]
    reasons = await catalog.report_reasons(t.session, listing.id)
    if reasons:
        named = ", ".join(
            f"{gettext(REPORT_REASON_LABELS[reason])} ({count})"
            for reason, count in sorted(reasons.items(), key=_most_first)
        )
        lines.append(_("⚠️ Dilaporkan: {reasons}").format(reasons=named))
    return lines


def _most_first(reason_count: tuple[ReportReason, int]) -> tuple[int, str]:
    """Reports' reasons, the most given first (then by name, so the order is stable)."""
    reason, count = reason_count
    return -count, reason.value


async def chose_for_listing(t: Turn_) -> Outcome:
    """Approve the listing, or ask why it is rejected."""
    if t.choice == BACK:
        return Goto(S.LIST)
    checked = await _reviewable(t)
    if isinstance(checked, str):
        t.say(checked)
        return Goto(S.LIST)
    if t.choice == REJECT:
        return Goto(S.REASON)
    if t.choice != APPROVE:
        return Retry(_("Pilih Setujui atau Tolak, ya."))
    outcome = await catalog.approve(t.session, checked.id, reviewer(t), now=t.clock.now())
    if isinstance(outcome, catalog.Changed):
        t.say(_("✅ Disetujui, produknya tayang. Penjual sudah dikabari."))
    else:
        t.say(_refused(outcome))
    return Goto(S.LIST)


def _refused(outcome: catalog.NotAllowed | catalog.WrongStatus | catalog.NotFound) -> str:
    if isinstance(outcome, catalog.NotAllowed):
        return _("Maaf, produk itu bukan dari kecamatan yang Anda pegang.")
    if isinstance(outcome, catalog.WrongStatus):
        return _("Produk ini sudah ditinjau orang lain.")
    return _("Produk itu sudah tidak ada.")


async def ask_reason(t: Turn_) -> Prompt:
    """The common reasons, or a reason typed; the seller reads it."""
    choices = [Choice(str(reason), gettext(COMMON_REASONS[reason])) for reason in CommonReason]
    return Prompt(
        _("Kenapa ditolak? Pilih, atau ketik alasannya. Penjual akan membacanya."),
        [*choices, Choice(BACK, _("↩ Kembali"))],
    )


async def got_reason(t: Turn_) -> Outcome:
    """Reject with the reason picked or typed; the seller is told through the outbox."""
    if t.choice == BACK:
        return Goto(S.LISTING)
    try:
        reason = COMMON_REASONS[CommonReason(t.choice or "")]
    except ValueError:
        reason = " ".join(t.text.split())
    if not reason:
        return Retry(_("Ketik alasannya dengan huruf, ya."))
    if len(reason) > MAX_REJECTION_REASON:
        return Retry(
            _("Alasannya terlalu panjang. Paling banyak {most} huruf.").format(
                most=MAX_REJECTION_REASON
            )
        )
    listing_id = t.data.get("listing_id", 0)
    outcome = await catalog.reject(t.session, listing_id, reviewer(t), reason, now=t.clock.now())
    if isinstance(outcome, catalog.Changed):
        t.say(_("❌ Ditolak. Penjual sudah dikabari alasannya."))
    else:
        t.say(_refused(outcome))
    return Goto(S.LIST)


async def review_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """The "Tinjau" button on a request for review: open that listing."""
    listing_id = parse_row_id(argument)
    if listing_id is None:
        return StartFlow(REVIEW_FLOW)
    return StartFlow(REVIEW_FLOW, S.LISTING, {"listing_id": listing_id})


REVIEW = Flow[ReviewData](
    name=REVIEW_FLOW,
    step_names=ReviewStep,
    staff_roles=(StaffRoleName.COORDINATOR,),
    steps=(
        Step(S.LIST, ask_list, picked_listing),
        Step(S.LISTING, ask_listing, chose_for_listing),
        Step(S.REASON, ask_reason, got_reason),
    ),
)

"""Proactive messages in words: each outbox row rendered when it is sent.

Rendering at send time means a reminder comes in the language the member uses
then, and a message about a booking that has since gone is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.areas import AreaDirectory
from bot.i18n import _, format_datetime_wib, use_language
from bot.messages import Choice, Reply
from bot.models import Booking, CoachingSession, HandoffQuestion, Listing, OutboxMessage
from bot.money import format_rupiah
from bot.vocabulary import (
    HANDOFF_KINDS,
    INQUIRY_KINDS,
    BookingStatus,
    ListingStatus,
    OutboxKind,
    QuestionStatus,
    SessionStatus,
)
from conversations.financing_notices import render_financing_update
from conversations.products.inquiry_notices import render_inquiry_message
from conversations.products.rejection_reasons import reason_words
from conversations.session_card import calendar_file, describe_session, session_title, when


def cancel_button(booking_id: int) -> Choice:
    """One tap cancels the seat, whatever the member is doing in the chat."""
    return Choice(f"@cancel:{booking_id}", _("❌ Batalkan tempat"))


async def render_outbox_message(
    session: AsyncSession,
    message: OutboxMessage,
    language: str,
    *,
    areas: AreaDirectory,
    now: datetime,
) -> Reply | None:
    """The words for one outbox row, or None when it no longer applies."""
    if message.kind in HANDOFF_KINDS:
        return await _handoff_words(session, message, language, areas)
    if message.kind == OutboxKind.FINANCING_REQUEST_UPDATE:  # issue 11: not about a booking
        return await render_financing_update(session, message, language)
    if message.kind in INQUIRY_KINDS:  # issue 10: "Tanya penjual", both ways
        return await render_inquiry_message(session, message, language)
    if message.kind in LISTING_KINDS:
        listing = await session.get(Listing, int(message.payload.get("listing_id", 0)))
        if listing is None:
            return None
        with use_language(language):
            reply = _listing_words(message.kind, listing)
        if reply is None:
            return None
        # Outside WhatsApp's 24 hours a template names the product (and a rejection's reason).
        product = f"{listing.name} ({format_rupiah(listing.price)})"
        if message.kind == OutboxKind.LISTING_REJECTED:
            with use_language(language):
                reason = reason_words(listing.rejection_reason)
            return replace(reply, template_parameters=(product, reason))
        return replace(reply, template_parameters=(product,))
    booking = await session.get(Booking, int(message.payload.get("booking_id", 0)))
    if booking is None:
        return None
    coaching = await session.get(CoachingSession, booking.session_id)
    if coaching is None:
        return None
    with use_language(language):
        reply = _words(message, booking, coaching, areas, now)
        if reply is None:
            return None
        # What an approved WhatsApp template shows once the 24-hour window has closed.
        parameters = (
            session_title(coaching),
            when(coaching),
            f"{coaching.venue_name}, {coaching.venue_address}",
        )
    return replace(reply, template_parameters=parameters)


def _words(
    message: OutboxMessage,
    booking: Booking,
    coaching: CoachingSession,
    areas: AreaDirectory,
    now: datetime,
) -> Reply | None:
    """The message for one kind of outbox row, in the current language."""
    card = describe_session(coaching, areas, seats=False)
    if message.kind == OutboxKind.REMINDER:
        if booking.status != BookingStatus.BOOKED or coaching.status == SessionStatus.CANCELLED:
            return None
        hours = float(message.payload.get("hours", 0))
        heading = (
            _("⏰ Pengingat: besok Anda ikut sesi ini.")
            if hours >= 24
            else _("⏰ Pengingat: {hours} jam lagi sesi Anda mulai.").format(hours=f"{hours:g}")
        )
        return Reply(f"{heading}\n\n{card}", choices=(cancel_button(booking.id),))
    if message.kind == OutboxKind.WAITLIST_PROMOTED:
        if booking.status != BookingStatus.BOOKED:
            return None
        heading = _("🎉 Kabar baik! Ada kursi kosong, dan tempat Anda sudah aman.")
        return Reply(
            f"{heading}\n\n{card}",
            choices=(cancel_button(booking.id),),
            document=calendar_file(coaching, areas, now),
        )
    if message.kind == OutboxKind.SESSION_CHANGED:
        heading = _("📢 Jadwal berubah. Ini jadwal yang baru:")
        return Reply(f"{heading}\n\n{card}", document=calendar_file(coaching, areas, now))
    if message.kind == OutboxKind.SESSION_CANCELLED:
        heading = _("😔 Maaf, sesi ini dibatalkan:")
        footer = _("Cari jadwal lain lewat menu, ya.")
        return Reply(
            f"{heading}\n\n{card}\n\n{footer}", document=calendar_file(coaching, areas, now)
        )
    if message.kind == OutboxKind.FEEDBACK_REQUEST:
        text = _(
            "Terima kasih sudah ikut {title}!\n"
            "Seberapa bermanfaat sesinya? Pilih 1 (kurang) sampai 5 (sangat bermanfaat)."
        ).format(title=session_title(coaching))
        choices = tuple(Choice(f"@rate:{booking.id}:{n}", "⭐" * n) for n in range(1, 6))
        return Reply(text, choices=choices)
    raise ValueError(f"unknown outbox message kind {message.kind!r}")


QUOTE_LENGTH = 60
"""Characters of a member's question quoted in a notice (two phone lines)."""


async def _handoff_words(
    session: AsyncSession, message: OutboxMessage, language: str, areas: AreaDirectory
) -> Reply | None:
    """A notice about a question for staff, or staff's answer; None once it is moot."""
    question = await session.get(HandoffQuestion, int(message.payload.get("question_id", 0)))
    if question is None:
        return None
    quoted = _quote(question.text)
    with use_language(language):
        if message.kind == OutboxKind.HANDOFF_ANSWER:
            if question.answer is None:
                return None
            heading = _("💬 Jawaban petugas OK OCE:")
            return Reply(
                f"{heading}\n«{quoted}»\n\n{question.answer}",
                choices=(Choice("@ask:", _("💬 Tanya lagi")),),
                template_parameters=(quoted, question.answer),
            )
        if question.status != QuestionStatus.OPEN:
            return None
        kecamatan = areas.kecamatan(question.kecamatan_code or "")
        place = kecamatan.name if kecamatan else _("tamu (belum terdaftar)")
        due = format_datetime_wib(question.due_at)
        if message.kind == OutboxKind.HANDOFF_QUESTION:
            text = _(
                "💬 Pertanyaan baru dari warga ({place}):\n«{question}»\nMohon dijawab sebelum {due}."
            )
        else:
            text = _("⏰ Pertanyaan warga ({place}) belum dijawab, tenggatnya {due}:\n«{question}»")
        return Reply(
            text.format(place=place, question=quoted, due=due),
            choices=(Choice(f"@answer:{question.id}", _("✍️ Jawab")),),
            template_parameters=(place, quoted, due),
        )


def _quote(text: str) -> str:
    """A member's question on one line, cut to `QUOTE_LENGTH` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_LENGTH else flat[: QUOTE_LENGTH - 1].rstrip() + "…"


LISTING_KINDS = frozenset(
    {
        OutboxKind.LISTING_APPROVED,
        OutboxKind.LISTING_REJECTED,
        OutboxKind.LISTING_HIDDEN_FOR_REVIEW,
        OutboxKind.LISTING_REVIEW_REQUESTED,
    }
)


def _open_in_my_products(listing: Listing) -> Choice:
    """Opens the listing in "Produk saya": its links to share, or what to fix."""
    return Choice(f"@my_product:{listing.id}", _("🛍️ Buka Produk saya"))


def _listing_words(kind: OutboxKind, listing: Listing) -> Reply | None:
    """The message about a listing, or None when its news is stale (it moved on since)."""
    product = f"{listing.name} ({format_rupiah(listing.price)})"
    if kind == OutboxKind.LISTING_APPROVED:
        if not listing.status.is_public:
            return None
        return Reply(
            _("✅ Produk Anda sudah tayang: {product}. Bagikan tautannya ke pembeli, ya!").format(
                product=product
            ),
            choices=(_open_in_my_products(listing),),
        )
    if kind == OutboxKind.LISTING_REJECTED:
        if listing.status != ListingStatus.REJECTED:
            return None
        return Reply(
            _(
                "Maaf, produk {product} belum bisa tayang.\nAlasannya: {reason}\n"
                "Perbaiki lewat menu Produk saya, lalu kirim lagi."
            ).format(product=product, reason=reason_words(listing.rejection_reason)),
            choices=(_open_in_my_products(listing),),
        )
    if kind == OutboxKind.LISTING_HIDDEN_FOR_REVIEW:
        if listing.status != ListingStatus.PENDING_REVIEW:
            return None
        return Reply(
            _(
                "Produk {product} dilaporkan beberapa pembeli, jadi kami sembunyikan dulu "
                "sampai koordinator kecamatan meninjaunya."
            ).format(product=product)
        )
    if kind == OutboxKind.LISTING_REVIEW_REQUESTED:
        if listing.status != ListingStatus.PENDING_REVIEW:
            return None
        return Reply(
            _("📋 Ada produk yang menunggu tinjauan Anda: {product}.").format(product=product),
            choices=(Choice(f"@review:{listing.id}", _("📝 Tinjau")),),
        )
    raise ValueError(f"unknown listing message kind {kind!r}")

"""The relayed messages of "Tanya penjual" in words, rendered when the outbox sends them.

Each names the product, says who wrote (a buyer by the inquiry's number, `Pembeli #12`,
so a seller tells two buyers apart; the seller by their business; never a phone number
or a platform id), quotes the message, and, while the inquiry is open, offers
"Balas" and "Akhiri". A message whose inquiry went (a member was forgotten) is dropped.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import _, use_language
from bot.messages import Choice, Reply
from bot.models import Listing, Member, OutboxMessage, ProductInquiry
from bot.vocabulary import InquirySide, InquiryStatus, OutboxKind

REPLY_ACTION = "inquiry_reply"
END_ACTION = "inquiry_end"


def reply_button(inquiry_id: int) -> Choice:
    """Write back to the other side (opens the relay step)."""
    return Choice(f"@{REPLY_ACTION}:{inquiry_id}", _("✍️ Balas"))


def end_button(inquiry_id: int) -> Choice:
    """End the conversation for both sides."""
    return Choice(f"@{END_ACTION}:{inquiry_id}", _("✅ Akhiri"))


async def render_inquiry_message(
    session: AsyncSession, message: OutboxMessage, language: str
) -> Reply | None:
    """A buyer's question for the seller, the seller's answer, or the news that it ended."""
    inquiry = await session.get(ProductInquiry, int(message.payload.get("inquiry_id", 0)))
    if inquiry is None:
        return None
    listing = await session.get(Listing, inquiry.listing_id)
    if listing is None:
        return None
    product = listing.name
    text = str(message.payload.get("text", ""))
    buttons = (reply_button(inquiry.id), end_button(inquiry.id))
    still_open = inquiry.status == InquiryStatus.OPEN
    with use_language(language):
        if message.kind == OutboxKind.INQUIRY_FOR_SELLER:
            if message.payload.get("opening"):
                heading = _("💬 Pembeli #{number} bertanya soal {product}:")
            else:
                heading = _("💬 Pesan pembeli #{number} soal {product}:")
            heading = heading.format(number=inquiry.id, product=product)
            footer = _("Tekan Balas untuk menjawab.") if still_open else ""
            return Reply(
                "\n".join(filter(None, [heading, f"«{text}»", footer])),
                choices=buttons if still_open else (),
                template_parameters=(product, text),
            )
        if message.kind == OutboxKind.INQUIRY_FOR_BUYER:
            seller = await session.get(Member, inquiry.seller_member_id)
            name = (seller.business_name if seller else None) or _("Penjual")
            heading = _("💬 Jawaban {seller} soal {product}:").format(seller=name, product=product)
            return Reply(
                f"{heading}\n«{text}»",
                choices=buttons if still_open else (),
                template_parameters=(product, text),
            )
        if message.kind == OutboxKind.INQUIRY_ENDED:
            if message.payload.get("by") == InquirySide.BUYER:
                said = _("Pembeli #{number} mengakhiri percakapan soal {product}. Terima kasih!")
            else:
                said = _("Penjual mengakhiri percakapan soal {product}. Terima kasih!")
            text = said.format(number=inquiry.id, product=product)
            return Reply(text, template_parameters=(product,))
    raise ValueError(f"not an inquiry message kind {message.kind!r}")

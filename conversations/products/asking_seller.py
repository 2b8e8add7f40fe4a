"""Tanya penjual: a buyer asks a product's seller, and the two talk through the bot.

    buyer:  ask ──question──► sent, counted as a lead ─► relay ◄─┐
                                                          │ text ─┘ (goes to the seller)
                                                          └ Akhiri / "selesai" ─► ended
    seller: "Balas" on the question, or the answer typed under it ─► relay (the same
            step: text goes to the buyer)

Each side's relay step passes what they type to the other through the outbox; the other
side reads it with "Balas" and "Akhiri" under it. Neither sees the other's number or
platform id. "menu" leaves the relay (the inquiry stays open: "Balas" comes back to it);
"Akhiri", "selesai" or "akhiri" ends it for both; a quiet inquiry idles out
(`inquiries.IDLE_AFTER`). A buyer opens at most `OKOCE_INQUIRIES_PER_HOUR` an hour.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Any, TypedDict

from bot.chat_identity import ChatIdentity
from bot.content_files import phone_lines
from bot.i18n import _, format_datetime_wib
from bot.messages import Choice
from bot.models import Listing, ProductInquiry
from bot.services import catalog
from bot.services.catalog import inquiries
from bot.typed_text import fold
from bot.vocabulary import InquirySide
from conversations import proactive
from conversations.asker import ACTION_PREFIX
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.products.inquiry_notices import REPLY_ACTION

INQUIRY_FLOW = "product_inquiry"
MAX_MESSAGE_LINES = 6
"""A relayed message fits one phone screen under its heading."""
END, MENU, CANCEL = "end", "menu", "cancel"
MAX_CHOICE_WORDS = 2
"""A typed text this short that reads as the way out is taken as it; a longer one is a message."""
END_WORDS = frozenset({"selesai", "akhiri", "akhir", "stop", "sudahan", "udahan", "end", "done"})
POLITE_WORDS = frozenset(
    {"sudah", "udah", "aja", "saja", "ya", "kak", "terima", "kasih", "makasih", "thanks", "dulu"}
)
"""Words that may stand around an end word ("sudah selesai ya kak") without being a message."""


class InquiryStep(StrEnum):
    ASK = "ask"
    RELAY = "relay"


class InquiryData(TypedDict, total=False):
    """The product asked about; once sent, the inquiry, this chat's side, messages sent."""

    listing_id: int
    inquiry_id: int
    side: str
    sent: int


Turn_ = Turn[InquiryData]


def _chat(t: Turn[Any]) -> ChatIdentity:
    return ChatIdentity(t.account.channel, t.account.external_id)


def _member_id(t: Turn[Any]) -> int | None:
    return t.member.id if t.member else None


def _buyer(t: Turn[Any]) -> inquiries.Buyer:
    return inquiries.Buyer(chat=_chat(t), member_id=_member_id(t))


def _message_problem(t: Turn[Any]) -> str | None:
    """Why what came cannot be passed on as it is, or None."""
    if not t.text:
        return _("Di sini hanya bisa kirim tulisan. Ketik pesannya, ya.")
    if phone_lines(t.text) > MAX_MESSAGE_LINES:
        return _("Pesannya terlalu panjang untuk satu layar. Tulis lebih singkat, ya.")
    return None


def _try_again_at(refusal: inquiries.TooManyInquiries, per_hour: int) -> str:
    return _(
        "Anda sudah bertanya ke {count} penjual dalam 1 jam terakhir.\n"
        "Bisa bertanya lagi mulai {when}, ya."
    ).format(count=per_hour, when=format_datetime_wib(refusal.retry_at))


async def start_asking(t: Turn[Any], listing_id: int) -> Outcome:
    """Open the question to a product's seller, unless it is gone, theirs, or over the limit."""
    listing = await t.session.get(Listing, listing_id)
    if listing is None or not listing.status.is_public:
        t.say(_("Maaf, produk itu tidak ada lagi di etalase."))
        return Finish()
    if t.member is not None and t.member.id == listing.seller_member_id:
        t.say(_("Ini produk Anda sendiri, jadi tidak perlu bertanya, ya. 😊"))
        return Finish()
    refusal = await inquiries.refused_until(
        t.session, listing_id, _buyer(t), now=t.clock.now(), per_hour=t.settings.inquiries_per_hour
    )
    if refusal is not None:
        t.say(_try_again_at(refusal, t.settings.inquiries_per_hour))
        return Finish()
    return StartFlow(INQUIRY_FLOW, data={"listing_id": listing_id})


async def ask_question(t: Turn_) -> Prompt:
    listing = await t.session.get(Listing, t.data["listing_id"])
    name = listing.name if listing else _("produk ini")
    text = _(
        "Tulis pertanyaan untuk penjual {product}.\nNomor HP Anda tidak kami tunjukkan ke penjual."
    ).format(product=name)
    return Prompt(text, [Choice(CANCEL, _("↩ Tidak jadi"))])


async def got_question(t: Turn_) -> Outcome:
    """Send the question; the buyer then stays in the relay for more."""
    if t.choice == CANCEL and (not t.text or len(fold(t.text).split()) <= MAX_CHOICE_WORDS):
        return Finish()  # pressed, or "tidak jadi" typed: not a question that starts so
    problem = _message_problem(t)
    if problem is not None:
        return Retry(problem)
    per_hour = t.settings.inquiries_per_hour
    outcome = await inquiries.open_inquiry(
        t.session, t.data["listing_id"], _buyer(t), t.text, now=t.clock.now(), per_hour=per_hour
    )
    if isinstance(outcome, inquiries.TooManyInquiries):
        t.say(_try_again_at(outcome, per_hour))
        return Finish()
    if isinstance(outcome, inquiries.OwnListing):
        t.say(_("Ini produk Anda sendiri, jadi tidak perlu bertanya, ya. 😊"))
        return Finish()
    if isinstance(outcome, catalog.NotFound):
        t.say(_("Maaf, produk itu tidak ada lagi di etalase."))
        return Finish()
    t.say(_("✅ Pertanyaan terkirim ke penjual. Jawabannya nanti masuk ke chat ini."))
    t.data["inquiry_id"] = outcome.inquiry.id
    t.data["side"] = InquirySide.BUYER.value
    t.data["sent"] = 1
    return Goto(InquiryStep.RELAY)


async def ask_relay(t: Turn_) -> Prompt:
    """What to type next; the first time, who it goes to."""
    choices = [Choice(END, _("✅ Akhiri")), Choice(MENU, _("↩ Menu"))]
    synonyms = {END: ("selesai", "akhiri percakapan", "sudah selesai")}
    if t.data.get("sent"):
        text = _("Tulis lagi kalau perlu. Ketik selesai untuk mengakhiri.")
    elif t.data.get("side") == InquirySide.SELLER:
        text = _("Tulis balasan untuk pembeli #{number} ({product}):").format(
            number=t.data.get("inquiry_id"), product=await _listing_of(t)
        )
    else:
        text = _("Tulis pesan untuk penjual {product}:").format(product=await _listing_of(t))
    return Prompt(text, choices, synonyms=synonyms, yes=(), no=())


async def _listing_of(t: Turn_) -> str:
    found = await t.session.get(ProductInquiry, t.data.get("inquiry_id", 0))
    listing = await t.session.get(Listing, found.listing_id) if found else None
    return listing.name if listing else _("produk ini")


def _message_just_received(t: Turn[Any]) -> int | None:
    """The inquiry whose relayed message this chat received after its last question, if any."""
    for choice_id in proactive.latest_choice_ids(t.account):
        name, _sep, argument = choice_id.removeprefix(ACTION_PREFIX).partition(":")
        if name == REPLY_ACTION and argument.isdigit():
            return int(argument)
    return None


async def _follow_newest(t: Turn_) -> None:
    """Answer the conversation whose message came in last, as people do in a chat.

    A seller writing to one buyer may get another buyer's message meanwhile (it arrives
    with its own "Balas"); what they type then is for that newer one.
    """
    newest = _message_just_received(t)
    if newest is None or newest == t.data.get("inquiry_id"):
        return
    found = await inquiries.participant_inquiry(t.session, newest, _chat(t), _member_id(t))
    if isinstance(found, tuple) and inquiries.is_open(found[0], t.clock.now()):
        inquiry, side = found
        t.data["inquiry_id"] = inquiry.id
        t.data["listing_id"] = inquiry.listing_id
        t.data["side"] = side.value


def _sent_note(t: Turn_) -> str:
    return _sent_note_for(InquirySide(t.data.get("side", "buyer")), t.data.get("inquiry_id", 0))


def _sent_note_for(side: InquirySide, inquiry_id: int) -> str:
    if side == InquirySide.SELLER:
        return _("✅ Terkirim ke pembeli #{number}.").format(number=inquiry_id)
    return _("✅ Terkirim ke penjual.")


def _means_end(t: Turn_) -> bool:
    """A press of Akhiri, or a short typed "sudah selesai ya": not a message with the word."""
    if not t.text:
        return t.choice == END
    words = set(fold(t.text).split())
    return bool(words & END_WORDS) and words <= END_WORDS | POLITE_WORDS


async def relayed(t: Turn_) -> Outcome:
    """Pass the text on; end it when asked; leave for the menu."""
    if t.text:  # a button pressed belongs to this question; typed text, to the newest message
        await _follow_newest(t)
    if _means_end(t):
        return await _end(t, t.data.get("inquiry_id", 0))
    if t.choice == MENU and not t.text:
        return Finish()
    problem = _message_problem(t)
    if problem is not None:
        return Retry(problem)
    outcome = await inquiries.send_message(
        t.session, t.data.get("inquiry_id", 0), _chat(t), _member_id(t), t.text, now=t.clock.now()
    )
    if not isinstance(outcome, inquiries.Relayed):
        t.say(_over(outcome))
        return Finish()
    t.say(_sent_note(t))
    t.data["sent"] = t.data.get("sent", 0) + 1
    return Goto(InquiryStep.RELAY)


def _over(outcome: object) -> str:
    if isinstance(outcome, inquiries.InquiryOver):
        return _("Percakapan ini sudah berakhir. Mau tanya lagi? Buka produknya lewat Cari produk.")
    return _("Percakapan ini sudah tidak ada.")


async def _end(t: Turn[Any], inquiry_id: int) -> Outcome:
    outcome = await inquiries.end_inquiry(
        t.session, inquiry_id, _chat(t), _member_id(t), now=t.clock.now()
    )
    if isinstance(outcome, inquiries.Ended):
        t.say(_("Percakapan diakhiri. Terima kasih! 🙏"))
    else:
        t.say(_over(outcome))
    return Finish()


async def reply_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """ "Balas" under a relayed message: the relay step, for whichever side pressed it."""
    inquiry_id = int(argument) if argument.isdigit() else 0
    found = await inquiries.participant_inquiry(t.session, inquiry_id, _chat(t), _member_id(t))
    if not isinstance(found, tuple):
        t.say(_over(found))
        return Finish()
    inquiry, side = found
    if not inquiries.is_open(inquiry, t.clock.now()):
        t.say(_over(inquiries.InquiryOver()))
        return Finish()
    data = {"inquiry_id": inquiry.id, "listing_id": inquiry.listing_id, "side": side.value}
    return StartFlow(INQUIRY_FLOW, InquiryStep.RELAY, data)


async def reply_typed_under_message(t: Turn[Any]) -> Outcome | None:
    """Text typed at the menu right under a relayed message is the answer to it.

    A seller reading a buyer's question simply types the answer; it goes to the buyer as
    if "Balas" had been pressed, and the seller stays in the relay. None when the last
    thing this chat received was not an open conversation's message.
    """
    newest = _message_just_received(t)
    if not t.text or newest is None:
        return None
    return await _relay_first(t, newest)


async def _relay_first(t: Turn[Any], inquiry_id: int) -> Outcome | None:
    found = await inquiries.participant_inquiry(t.session, inquiry_id, _chat(t), _member_id(t))
    if not isinstance(found, tuple) or not inquiries.is_open(found[0], t.clock.now()):
        return None
    # Days later, what they type is something new, not the answer.
    fresh = timedelta(hours=t.settings.conversation_ttl_hours)
    if t.clock.now() - found[0].last_message_at > fresh:
        return None
    problem = _message_problem(t)
    inquiry, side = found
    data = {"inquiry_id": inquiry.id, "listing_id": inquiry.listing_id, "side": side.value}
    if problem is not None:
        t.say(problem)
        return StartFlow(INQUIRY_FLOW, InquiryStep.RELAY, data)
    outcome = await inquiries.send_message(
        t.session, inquiry.id, _chat(t), _member_id(t), t.text, now=t.clock.now()
    )
    if not isinstance(outcome, inquiries.Relayed):
        return None
    t.say(_sent_note_for(side, inquiry.id))
    return StartFlow(INQUIRY_FLOW, InquiryStep.RELAY, {**data, "sent": 1})


async def end_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """ "Akhiri" under a relayed message."""
    return await _end(t, int(argument) if argument.isdigit() else 0)


async def ask_from_card(t: Turn[Any], argument: str) -> Outcome:
    """ "Tanya penjual" on a product card, pressed from wherever the person is."""
    return await start_asking(t, int(argument) if argument.isdigit() else 0)


PRODUCT_INQUIRY = Flow[InquiryData](
    name=INQUIRY_FLOW,
    step_names=InquiryStep,
    steps=(
        Step(InquiryStep.ASK, ask_question, got_question),
        Step(InquiryStep.RELAY, ask_relay, relayed),
    ),
)

"""Free questions: what the bot does with text that picks none of the choices on screen.

Outside a question (the menu, after an FAQ answer), a photo starts a product listing
(`conversations.products.selling`), and anything typed is read in turn as
a request for a person (the handoff, asking for the question in the member's words if
it only said "admin"), a product search ("cari keripik", "mau beli kue": the
showcase's results; "cari pelatihan" stays a question), the answer to a "Tanya penjual"
message just received (relayed to the other side), small talk (the menu), a question
the FAQ answers surely (the answer, with a button to its flow when this build has it;
"kapan pelatihan di cengkareng" opens the session list near Cengkareng), a few words
naming products on sale ("keripik balado": the search for them), or else a question
for staff, shown back with the FAQ's guesses before it is sent.

Inside a question, a step that could not use the text says so with a `Retry`; when the
text is obviously a question the FAQ surely answers, the answer replaces that refusal
and the question is asked again. The step reads the text first, so a name question
still takes a name.
"""

from __future__ import annotations

from typing import Any

from bot.area_mentions import kecamatan_mentioned
from bot.chat_intents import SmallTalk, read_person_request, small_talk
from bot.i18n import _
from bot.product_search_request import PROGRAMME_WORDS, read_product_search
from bot.question_matching import spelled_out
from bot.services import catalog
from conversations import help as help_texts
from conversations.coaching import SessionsStep
from conversations.flow import Finish, Outcome, Retry, StartFlow, Turn
from conversations.handoff import FAQ_FLOW, HANDOFF_FLOW, HandoffStep, question_problem
from conversations.products.asking_seller import reply_typed_under_message
from conversations.products.browsing import search_typed_at_menu
from conversations.products.selling import start_from_photo

SESSIONS_FLOW = "sessions"
GUESSES = 3
"""Entries offered as "did you mean" when none is a sure answer."""
MIN_WORDS_TO_SEND = 2
"""Shorter unclear text is asked again, not sent to staff (`asdfgh`, `1`)."""
QUESTION_CUES = frozenset(
    [
        "bagaimana",
        "cara",
        "apa",
        "apakah",
        "siapa",
        "kapan",
        "dimana",
        "mana",
        "berapa",
        "kenapa",
        "mengapa",
        "syarat",
        "how",
        "what",
        "where",
        "when",
        "who",
        "why",
        "which",
    ]
)
"""Words that make a text inside a question step read as a question of its own."""
MIN_WORDS_OF_A_QUESTION = 3
PRODUCT_NAME_MAX_WORDS = 3
"""Typed alone, up to this many words that match live products are a search for them."""


async def answer_free_text(t: Turn[Any]) -> Outcome:
    """What to do with text typed outside a question step (see the module's docstring)."""
    if t.incoming.photo is not None:
        return await start_from_photo(t)
    text = t.text
    if not text:
        return Finish()
    request = read_person_request(text)
    if request is not None:
        if request.says_what and question_problem(text) is None:
            return StartFlow(HANDOFF_FLOW, HandoffStep.CONFIRM, {"question": text})
        return StartFlow(HANDOFF_FLOW)
    search = read_product_search(text)  # issue 10: "cari keripik" looks in the showcase
    if search is not None:
        return await search_typed_at_menu(t, search.words)
    relayed = await reply_typed_under_message(t)  # issue 10: answering a buyer or seller
    if relayed is not None:
        return relayed
    talk = small_talk(text)
    if talk is not None:
        if talk == SmallTalk.THANKS:
            t.say(_("Sama-sama! 😊"))
        elif talk == SmallTalk.GREETING and t.member is None:
            t.say(help_texts.welcome())
        return Finish()
    mention = kecamatan_mentioned(text, t.areas)
    faq = await t.answers.faq(t.session)
    hits = faq.top(mention.rest if mention else text, GUESSES, t.account.language)
    if hits and hits[0].confident:
        entry = hits[0].entry
        opens = t.answers.opens(entry, guest=t.member is None)
        if opens == SESSIONS_FLOW and mention is not None:
            return StartFlow(SESSIONS_FLOW, SessionsStep.PICK, {"near": mention.kecamatan.code})
        return StartFlow(FAQ_FLOW, data={"entry": entry.id, "asked": text})
    if await _names_products(t, text):  # "keripik balado": what a buyer types to find it
        return await search_typed_at_menu(t, text)
    if len(spelled_out(text, "id")) < MIN_WORDS_TO_SEND and not hits:
        t.say(_("Maaf, saya belum paham. Tulis pertanyaan Anda lebih lengkap, atau pilih menu."))
        return Finish()
    problem = question_problem(text)
    if problem is not None:
        t.say(problem)
        return StartFlow(HANDOFF_FLOW)
    guesses = [hit.entry.id for hit in hits]
    return StartFlow(HANDOFF_FLOW, HandoffStep.CONFIRM, {"question": text, "guesses": guesses})


async def _names_products(t: Turn[Any], text: str) -> bool:
    """A few words, no question and nothing about the programme, that name live products."""
    words = spelled_out(text, "id")
    if not words or len(words) > PRODUCT_NAME_MAX_WORDS or "?" in text:
        return False
    if any(word in QUESTION_CUES or word in PROGRAMME_WORDS for word in words):
        return False
    found = await catalog.browse(t.session, catalog.BrowseQuery(text=text, per_page=1))
    return bool(found.cards)


async def answer_in_step(t: Turn[Any], refusal: Retry) -> Outcome:
    """The FAQ's answer instead of `refusal` when the text was surely a question it knows."""
    text = t.text
    if not text or t.incoming.photo is not None or not _reads_as_a_question(text):
        return refusal  # a photo's caption describes the photo: it is no question
    hit = (await t.answers.faq(t.session)).best_answer(text, t.account.language)
    if hit is None or not hit.confident:
        return refusal
    return Retry(hit.answer)


def _reads_as_a_question(text: str) -> bool:
    """A question mark, a question word, or a few words: not a one-word answer."""
    if "?" in text:
        return True
    words = spelled_out(text, "id")
    return len(words) >= MIN_WORDS_OF_A_QUESTION or any(word in QUESTION_CUES for word in words)

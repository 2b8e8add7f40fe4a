""" "Saya tertarik": a request for the coordinator of the member's kecamatan to follow up.

    (member, no open request) ─► interest_product (unless chosen already)
        ─► interest_amount ─► interest_purpose ─► interest_confirm ──send─► home

Someone not registered is sent to registration first; a member with a request still
being followed up is shown that one instead of writing another.
"""

from __future__ import annotations

from bot.financing_content import FinancingCatalog
from bot.i18n import N_, _
from bot.loans import amount_refusal
from bot.messages import Choice
from bot.models import FinancingRequest
from bot.money import Rupiah, parse_rupiah
from bot.phones import display_phone
from bot.services import financing
from conversations.figures import rupiah
from conversations.financing.catalog_text import listed, listed_product, product_name
from conversations.financing.readiness import missing_steps, progress_for, requirement_line
from conversations.financing.request_text import request_lines
from conversations.financing.simulation_text import refusal_text
from conversations.financing.states import BACK, NOT_SURE, S, Turn_
from conversations.flow import Goto, Outcome, Prompt, Retry, StartFlow
from conversations.steps import Confirmation
from conversations.typed_numbers import amount_problem

SEND = Confirmation(yes=N_("Kirim ke koordinator"))
PURPOSE_LENGTH = range(3, financing.PURPOSE_MAX_LENGTH + 1)


async def start_interest(catalog: FinancingCatalog, t: Turn_, product_id: str | None) -> Outcome:
    """Begin a request, or say why not now (not registered, or one is already open)."""
    if t.member is None:
        t.say(_("Untuk mengajukan, daftar dulu jadi anggota OK OCE, ya."))
        return StartFlow("registration")
    request = await financing.open_request_of(t.session, t.member.id)
    if request is not None:
        _say_still_open(catalog, t, request)
        return Goto(S.HOME)
    t.data["interest_product_id"] = product_id
    return Goto(S.INTEREST_AMOUNT if product_id else S.INTEREST_PRODUCT)


async def ask_interest_product(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    choices = [Choice(p.id, product_name(p)) for p in listed(catalog)]
    choices += [Choice(NOT_SURE, _("🤔 Belum tahu")), Choice(BACK, _("↩ Kembali"))]
    return Prompt(_("🙋 Pinjaman mana yang Anda minati?"), choices)


async def picked_interest_product(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    if t.choice == BACK:
        return Goto(S.HOME)
    if t.choice == NOT_SURE:
        t.data["interest_product_id"] = None
        return Goto(S.INTEREST_AMOUNT)
    product = listed_product(catalog, t.choice)
    if product is None:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    t.data["interest_product_id"] = product.id
    return Goto(S.INTEREST_AMOUNT)


async def ask_interest_amount(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    return Prompt(_("Butuh modal berapa? Contoh: 5jt atau 5.000.000"))


async def got_interest_amount(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Read the amount; it must fit the chosen product's floor and ceiling."""
    typed = parse_rupiah(t.text)
    if not isinstance(typed, Rupiah):
        return Retry(amount_problem(typed.reason))
    product = listed_product(catalog, t.data.get("interest_product_id"))
    refusal = amount_refusal(
        typed.amount,
        ceiling=product.ceiling if product else None,
        floor=product.floor if product else None,
    )
    if refusal is not None:
        return Retry(refusal_text(refusal, product_name(product) if product else None))
    t.data["interest_amount"] = typed.amount
    return Goto(S.INTEREST_PURPOSE)


async def ask_interest_purpose(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    return Prompt(_("Modalnya untuk apa? Contoh: beli gerobak baru, tambah bahan jualan"))


async def got_interest_purpose(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    purpose = " ".join(t.text.split())
    if len(purpose) not in PURPOSE_LENGTH:
        return Retry(
            _("Tulis singkat saja, {low} sampai {high} huruf.").format(
                low=PURPOSE_LENGTH.start, high=PURPOSE_LENGTH.stop - 1
            )
        )
    t.data["interest_purpose"] = purpose
    return Goto(S.INTEREST_CONFIRM)


async def ask_interest_confirm(catalog: FinancingCatalog, t: Turn_) -> Prompt:
    """What is still missing first, then the request as the coordinator will see it."""
    path = await progress_for(t)
    missing = missing_steps(path)
    if missing:
        lines = [_("Masih kurang (tetap bisa dikirim):")]
        t.say("\n".join([*lines, *(requirement_line(step, path) for step in missing)]))
    product = listed_product(catalog, t.data.get("interest_product_id"))
    summary = [
        _("Kirim permintaan ini ke koordinator OK OCE?"),
        _("Jumlah: {amount}").format(amount=rupiah(t.data["interest_amount"])),
        _("Produk: {product}").format(
            product=product_name(product) if product else _("belum tahu, minta saran")
        ),
        _("Untuk: {purpose}").format(purpose=t.data["interest_purpose"]),
    ]
    return Prompt("\n".join(summary), SEND.choices())


def _say_still_open(catalog: FinancingCatalog, t: Turn_, request: FinancingRequest) -> None:
    lines = [_("Permintaan Anda masih diproses:"), *request_lines(catalog, request)]
    t.say("\n".join(lines))


async def confirmed_interest(catalog: FinancingCatalog, t: Turn_) -> Outcome:
    """Save the request and say who follows it up; nothing is lent by the programme."""
    assert t.member is not None
    answer = SEND.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        t.say(_("Oke, tidak jadi dikirim."))
        return Goto(S.HOME)
    outcome = await financing.create_request(
        t.session,
        t.member,
        product_id=t.data.get("interest_product_id"),
        amount=t.data["interest_amount"],
        purpose=t.data["interest_purpose"],
        now=t.clock.now(),
    )
    if isinstance(outcome, financing.AlreadyOpen):
        _say_still_open(catalog, t, outcome.request)
        return Goto(S.HOME)
    kecamatan = t.areas.kecamatan(t.member.kecamatan_code)
    phone = display_phone(t.member.phone_e164) if t.member.phone_e164 else "-"
    t.say(
        _(
            "✅ Terkirim ke koordinator OK OCE Kec. {kecamatan}. Mereka akan menghubungi "
            "Anda di {phone}. Kabar selanjutnya kami kirim di chat ini.\n"
            "Ingat: yang memberi pinjaman adalah bank atau lembaga resmi, bukan OK OCE."
        ).format(kecamatan=kecamatan.name if kecamatan else "-", phone=phone)
    )
    return Goto(S.HOME)

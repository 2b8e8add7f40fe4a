"""Telling a member that their financing request moved on (one outbox row per change).

Each row names the status the request reached, so every change is told once even when a
coordinator moves it twice before the first message goes out.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import _, use_language
from bot.messages import Choice, Reply
from bot.models import FinancingRequest, OutboxMessage
from bot.vocabulary import FinancingRequestStatus
from conversations.figures import rupiah
from conversations.financing.request_text import status_label


def progress_button() -> Choice:
    """One tap opens the member's 7 PAS path, whatever they are doing in the chat."""
    return Choice("@progress:", _("🧭 Langkah saya"))


def _words(status: FinancingRequestStatus, amount: str) -> str:
    if status is FinancingRequestStatus.CONTACTED:
        return _(
            "📞 Permintaan modal Anda ({amount}) sudah dicatat koordinator OK OCE. "
            "Koordinator akan menghubungi Anda untuk membahas langkahnya."
        ).format(amount=amount)
    if status is FinancingRequestStatus.REFERRED:
        return _(
            "🏦 Permintaan modal Anda ({amount}) sudah diteruskan ke pemberi pinjaman. "
            "Siapkan KTP, KK, NIB dan catatan keuangan 3 bulan. Langkah P7 selesai!"
        ).format(amount=amount)
    if status is FinancingRequestStatus.APPROVED:
        return _(
            "🎉 Kabar baik! Pemberi pinjaman menyetujui pinjaman Anda ({amount}). "
            "Baca perjanjiannya baik-baik sebelum tanda tangan, ya."
        ).format(amount=amount)
    if status is FinancingRequestStatus.REJECTED:
        return _(
            "Maaf, permintaan modal Anda ({amount}) belum bisa dilanjutkan. "
            "Tanya koordinator apa yang perlu disiapkan, lalu coba lagi nanti."
        ).format(amount=amount)
    return _("Permintaan modal Anda ({amount}) sudah kami terima.").format(amount=amount)


async def render_financing_update(
    session: AsyncSession, message: OutboxMessage, language: str
) -> Reply | None:
    """The words for one change of a request, or None when the request is gone."""
    request = await session.get(FinancingRequest, int(message.payload.get("request_id", 0)))
    if request is None:
        return None
    try:
        status = FinancingRequestStatus(str(message.payload.get("status")))
    except ValueError:
        return None
    with use_language(language):
        text = _words(status, rupiah(request.amount))
        # What an approved WhatsApp template shows once the 24-hour window has closed.
        parameters = (status_label(status), rupiah(request.amount), "OK OCE")
        return Reply(text, choices=(progress_button(),), template_parameters=parameters)

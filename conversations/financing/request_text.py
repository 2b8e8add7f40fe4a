"""A financing request in words, for the member, for staff, and in the member's notices."""

from __future__ import annotations

from bot.financing_content import FinancingCatalog
from bot.i18n import N_, _, gettext
from bot.models import FinancingRequest
from bot.vocabulary import FinancingRequestStatus
from conversations.figures import rupiah
from conversations.financing.catalog_text import product_name

STATUS_LABELS = {
    FinancingRequestStatus.NEW: N_("Menunggu koordinator"),
    FinancingRequestStatus.CONTACTED: N_("Sudah dihubungi koordinator"),
    FinancingRequestStatus.REFERRED: N_("Diteruskan ke pemberi pinjaman"),
    FinancingRequestStatus.APPROVED: N_("Disetujui pemberi pinjaman"),
    FinancingRequestStatus.REJECTED: N_("Belum berhasil"),
}
"""What the member (and staff) read for each status."""

STATUS_ICONS = {
    FinancingRequestStatus.NEW: "🆕",
    FinancingRequestStatus.CONTACTED: "📞",
    FinancingRequestStatus.REFERRED: "🏦",
    FinancingRequestStatus.APPROVED: "🎉",
    FinancingRequestStatus.REJECTED: "✖️",
}

MOVE_BUTTONS = {
    FinancingRequestStatus.CONTACTED: N_("📞 Sudah dihubungi"),
    FinancingRequestStatus.REFERRED: N_("🏦 Diteruskan ke lender"),
    FinancingRequestStatus.APPROVED: N_("🎉 Disetujui lender"),
    FinancingRequestStatus.REJECTED: N_("✖️ Tidak dilanjutkan"),
}
"""The coordinator's buttons that move a request to each status."""


def status_label(status: FinancingRequestStatus) -> str:
    """`🏦 Diteruskan ke pemberi pinjaman`."""
    return f"{STATUS_ICONS[status]} {gettext(STATUS_LABELS[status])}"


def requested_product(catalog: FinancingCatalog, product_id: str | None) -> str:
    """The product asked about, or that the member is not sure yet."""
    product = catalog.product(product_id) if product_id else None
    return product_name(product) if product is not None else _("belum tahu, minta saran")


def request_lines(catalog: FinancingCatalog, request: FinancingRequest) -> list[str]:
    """Amount, product, purpose and status, one a line."""
    return [
        _("Jumlah: {amount}").format(amount=rupiah(request.amount)),
        _("Produk: {product}").format(product=requested_product(catalog, request.product_id)),
        _("Untuk: {purpose}").format(purpose=request.purpose),
        _("Status: {status}").format(status=status_label(request.status)),
    ]

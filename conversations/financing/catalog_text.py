"""The financing content file in words: products with every figure, and how to check a lender."""

from __future__ import annotations

from decimal import Decimal

from bot.content_files import Source
from bot.financing_content import FinancingCatalog, LegalityCheck, Product, ProductKind
from bot.i18n import N_, _, current_language, gettext
from bot.loans import RateBasis
from conversations.figures import day, percent_figure, rupiah
from conversations.screens import packed

KIND_LABELS = {
    ProductKind.KUR_BANK_LOAN: N_("KUR (Kredit Usaha Rakyat) dari bank"),
    ProductKind.P2P_LENDER: N_("Pinjaman online (P2P) terdaftar OJK"),
    ProductKind.PROGRAMME_PARTNER: N_("Mitra program OK OCE"),
}

BASIS_LABELS = {
    RateBasis.FLAT_MONTHLY: N_("flat per bulan"),
    RateBasis.FLAT_YEARLY: N_("flat per tahun"),
    RateBasis.EFFECTIVE_YEARLY: N_("efektif per tahun"),
    RateBasis.DAILY: N_("per hari"),
}
"""How a rate is quoted, written after the number: `1,5% flat per bulan`."""

BASIS_BUTTONS = {
    RateBasis.FLAT_MONTHLY: N_("Flat per bulan"),
    RateBasis.FLAT_YEARLY: N_("Flat per tahun"),
    RateBasis.EFFECTIVE_YEARLY: N_("Efektif per tahun"),
    RateBasis.DAILY: N_("Per hari"),
}


def quote(percent: Decimal, basis: RateBasis) -> str:
    """`1,5% flat per bulan`."""
    return f"{percent_figure(percent)} {gettext(BASIS_LABELS[basis])}"


def product_name(product: Product) -> str:
    """The product's name in the member's language."""
    return product.name.in_language(current_language())


def amount_range(product: Product) -> str:
    """`Rp10.000.001 – Rp100.000.000`, `sampai Rp10.000.000`, or that the source gives none."""
    if product.floor is not None and product.ceiling is not None:
        return f"{rupiah(product.floor)} – {rupiah(product.ceiling)}"
    if product.ceiling is not None:
        return _("sampai {ceiling}").format(ceiling=rupiah(product.ceiling))
    if product.floor is not None:
        return _("mulai {floor}").format(floor=rupiah(product.floor))
    return _("belum ada data")


def tenor_range(product: Product) -> str:
    """`1–60 bulan`, or that the source gives none."""
    if product.tenor_months is None:
        return _("belum ada data")
    return _("{low}–{high} bulan").format(
        low=product.tenor_months.min, high=product.tenor_months.max
    )


def product_figures(product: Product) -> str:
    """Name, provider, kind, amounts, rate with its basis, later rates, tenor."""
    language = current_language()
    lines = [
        f"💰 {product_name(product)}",
        _("Dari: {provider}").format(provider=product.provider.in_language(language)),
        _("Jenis: {kind}").format(kind=gettext(KIND_LABELS[product.kind])),
        _("Plafon: {amounts}").format(amounts=amount_range(product)),
        _("Bunga: {rate}").format(rate=quote(product.rate_percent, product.rate_basis)),
    ]
    if product.later_rates_percent:
        later = ", ".join(percent_figure(rate) for rate in product.later_rates_percent)
        lines.append(_("Pinjaman berikutnya: {rates}").format(rates=later))
    lines.append(_("Lama: {tenor}").format(tenor=tenor_range(product)))
    return "\n".join(lines)


def product_requirements(product: Product) -> list[str]:
    """What the lender asks for, one a line (in as many messages as fit a screen)."""
    language = current_language()
    heading = _("📋 Syarat {product}:").format(product=product_name(product))
    return packed(heading, [f"- {item.in_language(language)}" for item in product.requirements])


def source_line(source: Source, as_of: str) -> str:
    """`Sumber: … (link)`, then the date the figures are from."""
    lines = [_("Sumber: {title}").format(title=source.title)]
    if source.url:
        lines.append(source.url)
    lines.append(_("Data per {date}.").format(date=as_of))
    return "\n".join(lines)


def product_source(product: Product) -> str:
    """Where the product's figures come from, and as of when."""
    return source_line(product.source, day(product.as_of))


def legality_text(legality: LegalityCheck) -> str:
    """The rule of thumb and how to check a lender with OJK."""
    language = current_language()
    how = legality.how_to_check.in_language(language)
    lines = [_("🛡️ Cek dulu pinjamannya legal"), legality.rule.in_language(language), how]
    if legality.contact_centre not in how:
        lines.append(_("Telepon OJK: {number}").format(number=legality.contact_centre))
    if legality.whatsapp not in how:
        lines.append(_("WhatsApp OJK: {number}").format(number=legality.whatsapp))
    lines += [
        _("Chat WhatsApp OJK: {link}").format(
            link=f"https://wa.me/{legality.whatsapp_international}"
        ),
        _("Bot ini hanya menampilkan lembaga yang terdaftar di OJK."),
        _("Data per {date}.").format(date=day(legality.as_of)),
    ]
    return "\n".join(lines)


def listed(catalog: FinancingCatalog) -> tuple[Product, ...]:
    """The products members may be shown: only lenders registered with OJK."""
    return catalog.listed_products()


def listed_product(catalog: FinancingCatalog, product_id: str | None) -> Product | None:
    """A product members may be shown, by id (None for an unknown or unregistered lender)."""
    return next((p for p in catalog.listed_products() if p.id == product_id), None)

"""The financing file staff edit: the shipped one loads, and a mistake is named in one line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.content_files import ContentError, load_content
from bot.financing_content import FinancingCatalog, ProductKind, load_financing, rate_above_cap
from bot.loans import RateBasis, Simulation, simulate

TODAY = date(2026, 12, 1)

VALID = """
[[products]]
id = "kur-super-mikro"
name = { id = "KUR Super Mikro", en = "KUR Super Micro" }
provider = { id = "Bank penyalur KUR", en = "A KUR bank" }
kind = "kur_bank_loan"
ceiling = 10_000_000
rate_percent = 3
rate_basis = "effective_yearly"
tenor_months = { min = 1, max = 60 }
ojk_registered = true
requirements = [{ id = "KTP elektronik", en = "Electronic ID card" }]
as_of = 2023-09-04
source = { title = "Permenko Perekonomian No. 1 Tahun 2023" }

[[products]]
id = "kur-mikro"
name = { id = "KUR Mikro", en = "KUR Micro" }
provider = { id = "Bank penyalur KUR", en = "A KUR bank" }
kind = "kur_bank_loan"
floor = 10_000_001
ceiling = 100_000_000
rate_percent = 6
rate_basis = "effective_yearly"
tenor_months = { min = 1, max = 60 }
ojk_registered = true
requirements = [
    { id = "KTP elektronik", en = "Electronic ID card" },
    { id = "Kartu Keluarga", en = "Family card" },
]
as_of = 2023-09-04
source = { title = "Permenko Perekonomian No. 1 Tahun 2023" }

[[products]]
id = "unchecked-lender"
name = { id = "Pinjol belum dicek", en = "Unchecked lender" }
provider = { id = "Belum dicek", en = "Not checked" }
kind = "p2p_lender"
rate_percent = 1.5
rate_basis = "flat_monthly"
ojk_registered = false
requirements = [{ id = "KTP elektronik", en = "Electronic ID card" }]
as_of = 2018-02-01
source = { title = "OK OCE programme announcement, February 2018" }

[[ojk.caps]]
id = "productive-2024"
applies_to = { id = "Pinjaman online untuk usaha", en = "Online loans for a business" }
per_day_percent = 0.1
in_force_from = 2024-01-01
source = { title = "SEOJK No. 19/SEOJK.05/2023" }

[ojk.legality]
contact_centre = "157"
whatsapp = "081-157-157-157"
rule = { id = "Pinjol tidak terdaftar di OJK itu ilegal.", en = "An unregistered lender is illegal." }
how_to_check = { id = "Telepon 157.", en = "Call 157." }
as_of = 2026-12-01
source = { title = "OJK" }
"""

KUR_MIKRO_TENOR = (
    'ceiling = 100_000_000\nrate_percent = 6\nrate_basis = "effective_yearly"\n'
    "tenor_months = { min = 1, max = 60 }"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "financing.toml"
    path.write_text(text, encoding="utf-8")
    return path


def broken(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_shipped_file_loads_with_the_programme_products() -> None:
    catalog = load_financing()
    ids = {product.id for product in catalog.products}
    assert ids == {"kur-super-mikro", "kur-mikro", "okoce-p2p-partner", "bank-dki-monas-pemula"}
    super_mikro = catalog.product("kur-super-mikro")
    assert super_mikro is not None
    assert (super_mikro.ceiling, super_mikro.rate, super_mikro.rate_basis) == (
        10_000_000,
        Decimal("0.03"),
        RateBasis.EFFECTIVE_YEARLY,
    )
    mikro = catalog.product("kur-mikro")
    assert mikro is not None
    assert (mikro.floor, mikro.ceiling, mikro.rate) == (10_000_001, 100_000_000, Decimal("0.06"))
    assert mikro.later_rates_percent == (Decimal(7), Decimal(8), Decimal(9))
    partner = catalog.product("okoce-p2p-partner")
    assert partner is not None
    assert (partner.kind, partner.rate, partner.rate_basis) == (
        ProductKind.P2P_LENDER,
        Decimal("0.015"),
        RateBasis.FLAT_MONTHLY,
    )
    assert partner.as_of == date(2018, 2, 1)
    assert "February 2018" in partner.source.title
    bank_dki = catalog.product("bank-dki-monas-pemula")
    assert bank_dki is not None
    assert (bank_dki.ceiling, bank_dki.rate, bank_dki.rate_basis) == (
        10_000_000,
        Decimal("0.07"),
        RateBasis.FLAT_YEARLY,
    )
    assert catalog.ojk.legality.contact_centre == "157"
    assert catalog.ojk.legality.whatsapp == "081-157-157-157"
    assert catalog.ojk.legality.whatsapp_international == "6281157157157"


def test_every_shipped_product_can_be_simulated_at_its_ceiling() -> None:
    for product in load_financing().products:
        tenor = product.tenor_months
        result = simulate(
            product.ceiling or 1_000_000,
            tenor.max if tenor else 12,
            product.rate,
            product.rate_basis,
            ceiling=product.ceiling,
            floor=product.floor,
        )
        assert isinstance(result, Simulation), product.id


def test_shipped_texts_are_in_both_languages() -> None:
    for product in load_financing().products:
        for text in (product.name, product.provider, *product.requirements):
            assert text.in_language("id")
            assert text.in_language("en")


def test_unregistered_lenders_stay_in_the_file_but_are_never_listed() -> None:
    catalog = load_financing()
    assert any(not product.ojk_registered for product in catalog.products)
    listed = catalog.listed_products()
    assert listed
    assert all(product.ojk_registered for product in listed)
    assert "okoce-p2p-partner" not in {product.id for product in listed}


@given(st.lists(st.booleans(), min_size=1, max_size=8))
def test_listed_products_are_exactly_the_registered_ones(flags: list[bool]) -> None:
    shipped = load_financing()
    template = shipped.products[0]
    products = tuple(
        template.model_copy(update={"id": f"product-{index}", "ojk_registered": flag})
        for index, flag in enumerate(flags)
    )
    catalog = FinancingCatalog(products=products, ojk=shipped.ojk)
    listed = [product.id for product in catalog.listed_products()]
    assert listed == [f"product-{index}" for index, flag in enumerate(flags) if flag]


def test_a_valid_file_loads_from_a_path(tmp_path: Path) -> None:
    catalog = load_financing(write(tmp_path, VALID))
    assert [product.id for product in catalog.listed_products()] == ["kur-super-mikro", "kur-mikro"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            broken(KUR_MIKRO_TENOR, KUR_MIKRO_TENOR.replace('"effective_yearly"', '"flat"')),
            'financing.toml: product "kur-mikro": rate_basis: must be one of flat_monthly,'
            " flat_yearly, effective_yearly, daily",
        ),
        (
            broken(
                'as_of = 2018-02-01\nsource = { title = "OK OCE programme announcement, February 2018" }\n',
                "as_of = 2018-02-01\n",
            ),
            'financing.toml: product "unchecked-lender": source: is missing',
        ),
        (
            broken("ceiling = 10_000_000", "ceiling = -10_000_000"),
            'financing.toml: product "kur-super-mikro": ceiling: must be more than 0',
        ),
        (
            broken(
                KUR_MIKRO_TENOR,
                KUR_MIKRO_TENOR.replace("{ min = 1, max = 60 }", "{ min = 12, max = 6 }"),
            ),
            'financing.toml: product "kur-mikro": tenor_months: min (12) is more than max (6)',
        ),
        (
            broken('id = "kur-mikro"', 'id = "kur-super-mikro"'),
            'financing.toml: product "kur-super-mikro": id: used twice; each id must be unique',
        ),
        (
            broken('name = { id = "KUR Mikro", en = "KUR Micro" }', 'name = { id = "KUR Mikro" }'),
            'financing.toml: product "kur-mikro": name.en: is missing',
        ),
        (
            broken('{ id = "Kartu Keluarga", en = "Family card" }', '{ id = "Kartu Keluarga" }'),
            'financing.toml: product "kur-mikro": requirements (item 2).en: is missing',
        ),
        (
            broken(
                'name = { id = "KUR Mikro", en = "KUR Micro" }',
                'name = { id = "KUR Mikro", en = "" }',
            ),
            'financing.toml: product "kur-mikro": name.en: must not be empty',
        ),
        (
            broken("as_of = 2023-09-04", 'as_of = "4 September 2023"'),
            'financing.toml: product "kur-super-mikro": as_of: must be a date like 2026-12-01'
            " (no quotes)",
        ),
        (
            broken("ojk_registered = false", 'ojk_registered = "ya"'),
            'financing.toml: product "unchecked-lender": ojk_registered: must be true or false'
            " (no quotes)",
        ),
        (
            broken("rate_percent = 1.5", "rate_percentage = 1.5"),
            'financing.toml: product "unchecked-lender": rate_percentage: is not a known field'
            " (check the spelling)",
        ),
        (
            broken('kind = "p2p_lender"', 'kind = "pinjol"'),
            'financing.toml: product "unchecked-lender": kind: must be one of kur_bank_loan,'
            " p2p_lender, programme_partner",
        ),
        (
            broken("rate_percent = 1.5", "rate_percent = 15"),
            'financing.toml: product "unchecked-lender": rate_percent: is more than 10% a'
            " month as flat_monthly; check the number and the rate_basis",
        ),
        (
            broken("floor = 10_000_001", "floor = 200_000_000"),
            'financing.toml: product "kur-mikro": ceiling: is below floor (200000000)',
        ),
        (
            broken("per_day_percent = 0.1", "per_day_percent = -0.1"),
            'financing.toml: OJK cap "productive-2024": per_day_percent: must be more than 0',
        ),
        (
            broken('whatsapp = "081-157-157-157"\n', ""),
            "financing.toml: ojk.legality.whatsapp: is missing",
        ),
        (
            broken('id = "kur-mikro"', 'id = "KUR Mikro"'),
            'financing.toml: product "KUR Mikro": id: must be small letters, digits and dashes,'
            ' like "kur-mikro"',
        ),
        (
            broken('id = "kur-mikro"\n', ""),
            "financing.toml: product 2: id: is missing",
        ),
        (
            broken('source = { title = "OJK" }', 'source = { title = "OJK", url = "ojk.go.id" }'),
            "financing.toml: ojk.legality.source.url: must be a web address starting with https://",
        ),
        (
            broken("[[products]]", "[[products]"),
            "financing.toml: is not valid TOML: ",
        ),
    ],
)
def test_a_broken_file_is_named_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ContentError) as raised:
        load_financing(write(tmp_path, text))
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_a_missing_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"^financing\.toml: file not found$"):
        load_financing(tmp_path / "financing.toml")


@pytest.mark.parametrize(
    ("rate", "basis", "months", "on", "cap_id"),
    [
        # The programme's P2P partner: 1.5% flat a month is 0.05% a day, under every cap.
        ("0.015", RateBasis.FLAT_MONTHLY, 12, TODAY, None),
        ("0.015", RateBasis.FLAT_MONTHLY, 3, TODAY, None),
        # 0.2% a day: allowed for a short micro loan, too much for a long one.
        ("0.002", RateBasis.DAILY, 3, TODAY, None),
        ("0.002", RateBasis.DAILY, 12, TODAY, "productive-micro-long-2025"),
        ("0.003", RateBasis.DAILY, 6, TODAY, "productive-micro-short-2025"),
        # In 2024 one cap of 0.1% a day applied to every business loan.
        ("0.002", RateBasis.DAILY, 3, date(2024, 6, 1), "productive-2024"),
        # Before 2024 the file knows no cap.
        ("0.009", RateBasis.DAILY, 3, date(2023, 6, 1), None),
        # 9% flat a month is 0.3% a day.
        ("0.09", RateBasis.FLAT_MONTHLY, 12, TODAY, "productive-micro-long-2025"),
        # Bank-style quotes: 6% effective a year is far under; 60% a year flat is 0.167%/day.
        ("0.06", RateBasis.EFFECTIVE_YEARLY, 24, TODAY, None),
        ("0.60", RateBasis.FLAT_YEARLY, 12, TODAY, "productive-micro-long-2025"),
        # Exactly at the cap is allowed.
        ("0.001", RateBasis.DAILY, 12, TODAY, None),
    ],
)
def test_quotes_above_ojks_cap_are_flagged(
    rate: str, basis: RateBasis, months: int, on: date, cap_id: str | None
) -> None:
    warning = rate_above_cap(Decimal(rate), basis, load_financing(), months=months, on=on)
    assert (warning.cap.id if warning else None) == cap_id
    if warning is not None:
        assert warning.quoted_per_day > warning.cap.per_day


@given(
    rate=st.decimals(allow_nan=True, allow_infinity=True),
    basis=st.sampled_from(list(RateBasis)),
    months=st.integers(min_value=-5, max_value=120),
)
def test_cap_check_answers_every_quote(rate: Decimal, basis: RateBasis, months: int) -> None:
    warning = rate_above_cap(rate, basis, load_financing(), months=months, on=TODAY)
    assert warning is None or warning.quoted_per_day > warning.cap.per_day


def load_text(text: str) -> FinancingCatalog:
    return load_content("financing.toml", text.encode, FinancingCatalog)


@given(st.text())
def test_any_text_gives_a_catalog_or_one_content_error(text: str) -> None:
    try:
        load_text(text)
    except ContentError as error:
        assert str(error).startswith("financing.toml: ")
        assert "\n" not in str(error)


@given(st.data())
def test_a_file_with_any_line_changed_gives_a_catalog_or_one_content_error(
    data: st.DataObject,
) -> None:
    lines = VALID.splitlines()
    index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    lines[index] = data.draw(st.sampled_from(["", "x = 1", "id = 5", "[[products]]", "[ojk]"]))
    try:
        load_text("\n".join(lines))
    except ContentError as error:
        assert str(error).startswith("financing.toml: ")
        assert "\n" not in str(error)

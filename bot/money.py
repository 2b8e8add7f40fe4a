"""Rupiah amounts as people type them on a phone: `15rb`, `1,5jt`, `Rp 15.000,-`, `15k`.

`parse_rupiah` reads an answer that should be nothing but a price; `find_rupiah` picks the
one price out of a longer text (a product caption, a bookkeeping line). Both share one
scanner. Amounts are whole rupiah computed with `Decimal`: nobody prices in sen, so an
amount that lands between two whole rupiah is refused rather than rounded.

A separator followed by exactly three digits (`15.000`, `15,000`, `1.500.000`) groups
thousands; any other separator is a decimal point (`1,5jt`, `1.5jt`, `15.000,00`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import MAX_PREC, Context, Decimal
from enum import StrEnum
from itertools import pairwise

DEFAULT_MAXIMUM = 10_000_000_000
"""Ten billion rupiah: above any micro-business price, below digits typed by mistake."""

SMALLEST_BARE_PRICE = 100
"""A number with no `Rp`, `rb` or thousands dots counts as a price in a text only from here."""

_EXACT = Context(prec=MAX_PREC)  # multiplying typed digits must never round

_MULTIPLIERS: dict[str, int] = {
    **dict.fromkeys(("k", "rb", "rbu", "ribu", "rebu"), 1_000),
    **dict.fromkeys(("jt", "jta", "juta"), 1_000_000),
    **dict.fromkeys(("m", "miliar", "milyar", "mliar", "mlyr"), 1_000_000_000),
    "triliun": 1_000_000_000_000,
}
_MULTIPLIER_WORDS = "|".join(
    sorted((word for word in _MULTIPLIERS if word != "m"), key=len, reverse=True)
)

_GAP = r"[ \t\u00a0\u202f]*"
_NOT_A_LETTER_NEXT = r"(?![^\W\d_]|%)"

# One amount. Lowercase `m` is left out on purpose: in `kain 2m 50rb` it means metres,
# so only a capital `M` (or the word) means miliar.
_AMOUNT = re.compile(
    rf"""
    (?<![\w.,#])
    (?:(?P<currency>rp|idr)\.?{_GAP})?
    (?P<whole>
        [0-9]{{1,3}}(?P<group>[.,])[0-9]{{3}}(?![0-9])(?:(?P=group)[0-9]{{3}}(?![0-9]))*
        | [0-9]+
    )
    (?:(?P<point>[.,])(?P<fraction>[0-9]+))?
    (?![.,]?[0-9])
    (?P<dash>[.,]-{{1,2}})?
    (?:{_GAP}(?P<multiplier>{_MULTIPLIER_WORDS}|(?-i:M)){_NOT_A_LETTER_NEXT})?
    (?:{_GAP}(?P<word>rupiah|idr){_NOT_A_LETTER_NEXT})?
    {_NOT_A_LETTER_NEXT}
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Numbers that look like money but are not: phone numbers and dates.
_NOT_MONEY = re.compile(
    r"""
    (?<![\w.,+])(?:\+62|62|0)[ .\-]?(?:8[0-9]{2}|21)(?:[ .\-]?[0-9]{3,4}){2}[0-9]{0,2}(?![0-9])
    | (?<![0-9])[0-9]{1,2}(?:/[0-9]{1,2}(?:/[0-9]{2,4})?|-[0-9]{1,2}-[0-9]{2,4})(?![0-9])
    """,
    re.VERBOSE,
)

_RANGE_GAP = re.compile(
    rf"{_GAP}(?:-|–|—|~|s/d|s\.d\.?|sd|sampai|sampe|smp|hingga|to){_GAP}", re.IGNORECASE
)
_LIST_GAP = re.compile(rf"{_GAP}(?:atau|or|dan|and|,|/|&)?{_GAP}", re.IGNORECASE)
_COMPOUND_GAP = re.compile(rf"{_GAP}(?:dan|and)?{_GAP}", re.IGNORECASE)
_MINUS = re.compile(rf"^(?P<currency>(?:rp|idr)\.?{_GAP})?[-−–—]{_GAP}", re.IGNORECASE)
_FREE = re.compile(r"\b(?:gratis\w*|free|cuma[- ]?cuma|tanpa biaya)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# In an answer that is only a price, a final `m` cannot be metres: `1,25 m` is miliar.
_FINAL_SMALL_M = re.compile(r"(?<=[0-9 ])m$")

_SCALE_WORDS = frozenset(
    {
        *("belas", "sebelas", "sepuluh", "puluh", "ratus", "seratus", "ribu", "seribu"),
        *("juta", "sejuta", "miliar", "milyar", "semiliar", "setengah", "seperempat"),
        # Jakarta slang for round amounts: cepek 100, gopek 500, seceng 1.000, goceng 5.000,
        # ceban 10.000, goban 50.000.
        *("cepek", "gopek", "seceng", "goceng", "ceban", "goban", "gocap"),
        *("hundred", "thousand", "million", "billion"),
    }
)
_DIGIT_WORDS = frozenset(
    {
        *("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan"),
        *("sembilan", "one", "two", "three", "four", "five", "six", "seven", "eight"),
        *("nine", "ten", "twenty", "fifty"),
    }
)


class RupiahRefusalReason(StrEnum):
    """Why a typed answer is not a price, so the flow can ask again the right way."""

    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    IN_WORDS = "in_words"  # `lima juta`: ask for digits, kindly
    FREE = "free"  # `gratis`, `free`
    ZERO = "zero"
    NEGATIVE = "negative"
    RANGE = "range"  # `15rb-20rb`: ask for one price
    SEVERAL_AMOUNTS = "several_amounts"  # `15rb atau 20rb`
    FRACTION_OF_RUPIAH = "fraction_of_rupiah"  # `15,5` or `15.000,50`: no sen
    TOO_LARGE = "too_large"


class PriceDoubt(StrEnum):
    """Why a price found inside a text cannot be trusted without asking."""

    RANGE = "range"
    SEVERAL_AMOUNTS = "several_amounts"


@dataclass(frozen=True)
class Rupiah:
    """A price in whole rupiah."""

    amount: int


@dataclass(frozen=True)
class RupiahRefusal:
    """A typed answer that was not read as a price, and why."""

    reason: RupiahRefusalReason


@dataclass(frozen=True)
class RupiahMatch:
    """A price found inside a longer text, with where it was (`text[start:end]`).

    For a range or several prices, `amount` is the first (lowest of a range) and the span
    runs from the first to the last of them; `doubt` says why to ask again.
    """

    amount: int
    start: int
    end: int
    doubt: PriceDoubt | None = None

    @property
    def doubtful(self) -> bool:
        """Whether the flow should ask for the price again instead of taking `amount`."""
        return self.doubt is not None


@dataclass(frozen=True)
class _Piece:
    """One amount as scanned, before deciding whether it is a price."""

    start: int
    end: int
    value: Decimal | None  # None when the separators contradict each other
    multiplier: int | None
    marked_as_money: bool  # `Rp`, `rb`, thousands dots, `,-` or `rupiah`
    leading_zero: bool


@dataclass(frozen=True)
class _Group:
    """A single amount, or a range of them (`15-20rb`)."""

    pieces: tuple[_Piece, ...]

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    @property
    def is_range(self) -> bool:
        return len(self.pieces) > 1

    @property
    def marked_as_money(self) -> bool:
        return any(piece.marked_as_money for piece in self.pieces)

    @property
    def lowest(self) -> Decimal | None:
        """The first amount; in `15-20rb` the 15 borrows the `rb` of the 20."""
        lower, upper = self.pieces[0], self.pieces[-1]
        if lower.value is None or lower.multiplier or upper.multiplier is None:
            return lower.value
        borrowed = _EXACT.multiply(lower.value, Decimal(upper.multiplier))
        if upper.value is not None and borrowed <= upper.value:
            return borrowed
        return lower.value


def _read_piece(match: re.Match[str]) -> _Piece:
    group, point, fraction = match["group"], match["point"], match["fraction"]
    multiplier = _MULTIPLIERS[match["multiplier"].lower()] if match["multiplier"] else None
    digits = match["whole"].replace(group, "") if group else match["whole"]
    value: Decimal | None = None
    # `1.500.00` and `1.500,000` mix separators: no reading is safe.
    if not (group and point and (point == group or len(fraction) == 3)):
        value = Decimal(f"{digits}.{fraction}" if fraction else digits)
        if multiplier:
            value = _EXACT.multiply(value, Decimal(multiplier))
    return _Piece(
        start=match.start(),
        end=match.end(),
        value=value,
        multiplier=multiplier,
        marked_as_money=bool(
            match["currency"] or multiplier or group or match["dash"] or match["word"]
        ),
        leading_zero=len(digits) > 1 and digits.startswith("0"),
    )


def _join_compound(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Add up `1 juta 250 ribu` and `1jt 250rb`: falling multipliers with only a space between."""
    joined: list[_Piece] = []
    for piece in pieces:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.multiplier
            and piece.multiplier
            and piece.multiplier < previous.multiplier
            and not text[piece.start : piece.end].lower().startswith(("rp", "idr"))
            and _COMPOUND_GAP.fullmatch(text, previous.end, piece.start)
        ):
            total = None
            if previous.value is not None and piece.value is not None:
                total = _EXACT.add(previous.value, piece.value)
            joined[-1] = _Piece(
                start=previous.start,
                end=piece.end,
                value=total,
                multiplier=piece.multiplier,
                marked_as_money=True,
                leading_zero=False,
            )
        else:
            joined.append(piece)
    return joined


def _scan(text: str) -> list[_Group]:
    """Every amount in `text`, in order, with ranges kept together."""
    not_money = [match.span() for match in _NOT_MONEY.finditer(text)]
    pieces = [
        _read_piece(match)
        for match in _AMOUNT.finditer(text)
        if not any(start < match.end() and match.start() < end for start, end in not_money)
    ]
    groups: list[list[_Piece]] = []
    for piece in _join_compound(text, pieces):
        if groups and _RANGE_GAP.fullmatch(text, groups[-1][-1].end, piece.start):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return [_Group(tuple(pieces)) for pieces in groups]


def _whole_rupiah(value: Decimal | None, maximum: int) -> Rupiah | RupiahRefusal:
    if value is None:
        return RupiahRefusal(RupiahRefusalReason.NOT_A_NUMBER)
    if value == 0:
        return RupiahRefusal(RupiahRefusalReason.ZERO)
    if value > maximum:
        return RupiahRefusal(RupiahRefusalReason.TOO_LARGE)
    if value != value.to_integral_value():
        return RupiahRefusal(RupiahRefusalReason.FRACTION_OF_RUPIAH)
    return Rupiah(int(value))


def _groups_filling(text: str) -> list[_Group] | None:
    """The amounts in `text` if nothing but list words (`atau`, `,`) sits around them."""
    groups = _scan(text)
    if not groups or text[: groups[0].start].strip() or text[groups[-1].end :].strip():
        return None
    for before, after in pairwise(groups):
        if not _LIST_GAP.fullmatch(text, before.end, after.start):
            return None
    return groups


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


NUMBER_WORDS = _SCALE_WORDS | _DIGIT_WORDS
"""Words that spell an amount out (`lima`, `puluh`, `ribu`, `goceng`)."""


def mentions_amount_in_words(text: str) -> bool:
    """Whether `text` spells an amount out (`lima puluh ribu`, `goceng`) instead of digits."""
    return not _words(text).isdisjoint(_SCALE_WORDS)


def parse_rupiah(text: str, *, maximum: int = DEFAULT_MAXIMUM) -> Rupiah | RupiahRefusal:
    """Read an answer that should be one price, or say why it is not one."""
    answer = _FINAL_SMALL_M.sub("M", text.strip().rstrip(".!").strip())
    if not answer:
        return RupiahRefusal(RupiahRefusalReason.EMPTY)
    if _FREE.search(answer) and not any(ch.isdigit() for ch in answer):
        return RupiahRefusal(RupiahRefusalReason.FREE)
    sign = _MINUS.match(answer)
    if sign:
        unsigned = _groups_filling((sign["currency"] or "") + answer[sign.end() :])
        if unsigned and len(unsigned) == 1 and not unsigned[0].is_range:
            value = unsigned[0].lowest
            if value is not None:
                reason = RupiahRefusalReason.ZERO if value == 0 else RupiahRefusalReason.NEGATIVE
                return RupiahRefusal(reason)
    groups = _groups_filling(answer)
    if groups and len(groups) > 1 and all(group.marked_as_money for group in groups):
        return RupiahRefusal(RupiahRefusalReason.SEVERAL_AMOUNTS)
    if groups and len(groups) == 1:
        if groups[0].is_range:
            return RupiahRefusal(RupiahRefusalReason.RANGE)
        return _whole_rupiah(groups[0].lowest, maximum)
    if not _words(answer).isdisjoint(_SCALE_WORDS | _DIGIT_WORDS):
        return RupiahRefusal(RupiahRefusalReason.IN_WORDS)
    return RupiahRefusal(RupiahRefusalReason.NOT_A_NUMBER)


def _as_price(group: _Group, maximum: int) -> RupiahMatch | None:
    """The group as a plausible price, or None (a quantity, an hour, a fraction, zero)."""
    last = group.pieces[-1]
    highest = _whole_rupiah(last.value, maximum)
    if not isinstance(highest, Rupiah):
        return None
    if not group.marked_as_money and (last.leading_zero or highest.amount < SMALLEST_BARE_PRICE):
        return None
    lowest = _whole_rupiah(group.lowest, maximum)
    amount = lowest.amount if isinstance(lowest, Rupiah) else highest.amount
    doubt = PriceDoubt.RANGE if group.is_range else None
    return RupiahMatch(amount=amount, start=group.start, end=group.end, doubt=doubt)


def find_all_rupiah(text: str, *, maximum: int = DEFAULT_MAXIMUM) -> tuple[RupiahMatch, ...]:
    """Every plausible price in `text`, in order; bare numbers only when nothing says `Rp`."""
    marked: list[RupiahMatch] = []
    bare: list[RupiahMatch] = []
    for group in _scan(text):
        price = _as_price(group, maximum)
        if price is not None:
            (marked if group.marked_as_money else bare).append(price)
    return tuple(marked or bare)


def find_rupiah(text: str, *, maximum: int = DEFAULT_MAXIMUM) -> RupiahMatch | None:
    """The one price in a longer text, flagged as doubtful when it is a range or not alone."""
    prices = find_all_rupiah(text, maximum=maximum)
    if not prices:
        return None
    first = prices[0]
    if len(prices) == 1 or all(p.amount == first.amount and not p.doubtful for p in prices):
        return first  # the same price written twice is still one price
    ranged = any(price.doubt is PriceDoubt.RANGE for price in prices)
    doubt = PriceDoubt.RANGE if ranged else PriceDoubt.SEVERAL_AMOUNTS
    return RupiahMatch(amount=first.amount, start=first.start, end=prices[-1].end, doubt=doubt)


def format_rupiah(amount: int) -> str:
    """Write an amount as Indonesians write money: `Rp15.000`, `-Rp5.000`."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")

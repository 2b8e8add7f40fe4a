"""A product photo's caption read for name, price, unit and description.

Sellers caption a photo the way they would post it for sale: `Keripik Balado 15rb`,
`Kue Lapis - 45.000/kotak`, `Rp 15.000,- Nasi Uduk`, often with emoji, hashtags and a
few more lines. The first words that are not the price are the name; what follows is the
description. A range or two different prices is reported as doubtful so the flow asks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.money import find_all_rupiah, find_rupiah

NAME_MIN_LENGTH = 3
NAME_MAX_LENGTH = 80
DESCRIPTION_MAX_LENGTH = 300

# The unit the bot keeps, and the other ways people type it.
_UNIT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "kotak": ("ktk",),
    "box": ("boks",),
    "dus": ("dos",),
    "bungkus": ("bks", "bgks", "bngks"),
    "pcs": ("pc", "piece", "pieces"),
    "buah": ("bh",),
    "biji": ("bj",),
    "porsi": ("prs", "portion"),
    "botol": ("btl", "bottle"),
    "toples": ("stoples", "jar"),
    "kg": ("kilo", "kilogram"),
    "gram": ("gr", "grm", "g"),
    "ons": (),
    "lusin": ("lsn", "dozen"),
    "pak": ("pack", "pck", "pax"),
    "potong": ("ptg", "slice"),
    "lembar": ("lbr", "sheet"),
    "meter": ("mtr", "m"),
    "set": (),
    "liter": ("ltr", "litre", "l"),
    "ml": (),
    "cup": (),
    "gelas": ("glass",),
    "mangkok": ("mangkuk",),
    "pasang": ("pair",),
    "sachet": ("saset",),
    **dict.fromkeys(("tusuk", "ekor", "ikat", "butir", "renteng", "kodi", "loyang"), ()),
    **dict.fromkeys(("paket", "kaleng", "karung", "roll", "unit"), ()),
}
UNITS: dict[str, str] = {
    typed: unit for unit, others in _UNIT_SPELLINGS.items() for typed in (unit, *others)
}
"""Every way of typing a unit, mapped to the one spelling the bot keeps."""

_GAP = r"[ \t\u00a0]*"
_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
# `/kotak`, `per botol`, `@pcs`, `/250gr`: the unit a price is for, right after the price.
_UNIT_AFTER_PRICE = re.compile(
    rf"{_GAP}(?:/|per\b|@){_GAP}(?:(?P<quantity>[0-9]+(?:[.,][0-9]+)?){_GAP})?"
    rf"(?P<unit>{_UNIT_WORDS})(?![^\W\d_])",
    re.IGNORECASE,
)
# Words that introduce a price and are not part of the name: `harga 25rb`, `cuma 10rb`.
_PRICE_LEAD = re.compile(
    rf"(?<![^\W\d_])(?:(?P<lead>harga|hrg|hrga|price|cuma|cm|hanya|hny|only|just"
    rf"|(?P<from>mulai(?:{_GAP}dari)?|start(?:ing)?{_GAP}from|from))\.?{_GAP}[:=]?{_GAP})+$",
    re.IGNORECASE,
)
_PRICE_TAIL = re.compile(rf"{_GAP}(?:aja|saja|ajah|doang|only)(?![^\W\d_])", re.IGNORECASE)
_HASHTAG = re.compile(r"#\w+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LEAD_WINDOW = 40  # `harga` and friends sit right before the price
_EDGE_JUNK = " \t-–—:|•·~=*,.;/+_@!?"
# Emoji, pictographs and their glue (skin tones, joiners, variation selectors, keycaps).
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Cs", "Co", "Cn", "Cf", "Me"})


@dataclass(frozen=True)
class CaptionParts:
    """What a caption says about a product; each part None when the caption does not say."""

    name: str | None
    price: int | None
    price_doubtful: bool  # a range, `mulai 15rb` or two prices: the flow asks again
    unit: str | None  # `kotak`, or with a quantity: `250 gram`
    description: str | None


@dataclass(frozen=True)
class _PriceSpan:
    start: int
    end: int
    unit: str | None
    from_price: bool  # `mulai 15rb`: the price of the cheapest, not of this product


def _without_symbols(text: str) -> str:
    kept = (
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in _SYMBOL_CATEGORIES
        if not "\ufe00" <= ch <= "\ufe0f"
    )
    return _HASHTAG.sub(" ", "".join(kept))


def _unit(match: re.Match[str]) -> str:
    unit = UNITS[match["unit"].lower()]
    quantity = match["quantity"]
    return f"{quantity} {unit}" if quantity and quantity != "1" else unit


def _price_spans(text: str) -> list[_PriceSpan]:
    """Each price widened over its `harga` in front and its `/kotak` and `aja` behind."""
    spans: list[_PriceSpan] = []
    for price in find_all_rupiah(text):
        line_start = text.rfind("\n", 0, price.start) + 1
        window = max(line_start, spans[-1].end if spans else 0, price.start - _LEAD_WINDOW)
        lead = _PRICE_LEAD.search(text, window, price.start)
        end, unit = price.end, None
        if unit_match := _UNIT_AFTER_PRICE.match(text, end):
            end, unit = unit_match.end(), _unit(unit_match)
        if tail := _PRICE_TAIL.match(text, end):
            end = tail.end()
        start = lead.start() if lead else price.start
        spans.append(_PriceSpan(start, end, unit, from_price=bool(lead and lead["from"])))
    return spans


def _parts_by_line(text: str, spans: list[_PriceSpan]) -> list[list[str]]:
    """Each line of `text` as the pieces left between its prices."""
    lines: list[list[str]] = [[]]
    cursor = 0
    for start, end in [*((span.start, span.end) for span in spans), (len(text), len(text))]:
        first, *later = text[cursor:start].split("\n")
        lines[-1].append(first)
        lines.extend([line] for line in later)
        cursor = end
    return lines


def _clean(part: str) -> str:
    return _SPACES.sub(" ", part).strip(_EDGE_JUNK)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(maxsplit=1)[0] if " " in text[:limit] else text[:limit]
    return cut[:limit].rstrip(_EDGE_JUNK)


def _name(part: str) -> str | None:
    name = _shorten(part, NAME_MAX_LENGTH)
    if len(name) < NAME_MIN_LENGTH or not any(ch.isalpha() for ch in name):
        return None
    return name


def parse_caption(text: str | None) -> CaptionParts:
    """Split a product caption into name, price, unit and description."""
    lines = (_SPACES.sub(" ", line).strip() for line in _without_symbols(text or "").splitlines())
    cleaned = "\n".join(line for line in lines if line)
    found = find_rupiah(cleaned)
    spans = _price_spans(cleaned)
    doubtful = found is not None and (found.doubtful or any(s.from_price for s in spans))

    name: str | None = None
    description: list[str] = []
    for line, parts in zip(cleaned.split("\n"), _parts_by_line(cleaned, spans), strict=True):
        contents = [cleaned_part for part in parts if (cleaned_part := _clean(part))]
        if name is None and contents:
            name = _name(contents[0])
            description.extend(contents[1:])
        elif name is not None and contents:
            description.append(line)
    kept = "\n".join(description).strip()
    return CaptionParts(
        name=name,
        price=found.amount if found and not doubtful else None,
        price_doubtful=doubtful,
        unit=spans[0].unit if spans else None,
        description=_shorten(kept, DESCRIPTION_MAX_LENGTH) or None,
    )

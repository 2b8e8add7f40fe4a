"""Session calendar files that Android and iOS calendars import."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.calendar_ics import escape_text, fold_line, session_ics

STAMP = datetime(2026, 11, 1, 3, 4, 5, tzinfo=UTC)
START = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 09:00 in Jakarta
END = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)  # 12:00 in Jakarta


def make_ics(**overrides: object) -> bytes:
    arguments: dict[str, object] = {
        "uid": "session-42@okoce.jakarta.go.id",
        "title": "Coaching Clinic P3: Perizinan",
        "description": "Bawa KTP dan NIB.",
        "location": "Kantor Kecamatan Tebet, Jl. Prof. Dr. Soepomo No. 50",
        "starts_at": START,
        "ends_at": END,
        "stamp": STAMP,
    }
    arguments.update(overrides)
    return session_ics(**arguments)  # type: ignore[arg-type]


def unfold(data: bytes) -> list[str]:
    """Content lines as a calendar reads them: CRLF + one space or tab continues a line."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    lines: list[str] = []
    for physical in text[:-2].split("\r\n"):
        if physical[:1] in (" ", "\t"):
            lines[-1] += physical[1:]
        else:
            lines.append(physical)
    return lines


def unescape(value: str) -> str:
    """The inverse of TEXT escaping (RFC 5545 §3.3.11)."""
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def properties(data: bytes, component: str = "VEVENT") -> dict[str, str]:
    """`NAME;PARAMS` -> raw value for the lines directly inside the first `component`."""
    found: dict[str, str] = {}
    depth: list[str] = []
    for line in unfold(data):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            depth.append(value)
        elif name == "END":
            assert depth.pop() == value
        elif depth and depth[-1] == component:
            found.setdefault(name, value)
    assert not depth, "every BEGIN has its END"
    return found


def test_start_at_two_utc_reads_nine_in_jakarta() -> None:
    event = properties(make_ics())
    assert event["DTSTART;TZID=Asia/Jakarta"] == "20261124T090000"
    assert event["DTEND;TZID=Asia/Jakarta"] == "20261124T120000"
    assert event["DTSTAMP"] == "20261101T030405Z"


def test_times_given_in_another_zone_are_converted_too() -> None:
    tokyo = timezone(timedelta(hours=9))
    event = properties(make_ics(starts_at=START.astimezone(tokyo), ends_at=END.astimezone(tokyo)))
    assert event["DTSTART;TZID=Asia/Jakarta"] == "20261124T090000"


def test_calendar_declares_what_phones_need() -> None:
    lines = unfold(make_ics())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    calendar = properties(make_ics(), "VCALENDAR")
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"].startswith("-//")
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert properties(make_ics(), "VTIMEZONE") == {"TZID": "Asia/Jakarta"}
    assert properties(make_ics(), "STANDARD") == {
        "DTSTART": "19700101T000000",
        "TZOFFSETFROM": "+0700",
        "TZOFFSETTO": "+0700",
        "TZNAME": "WIB",
    }
    event = properties(make_ics())
    assert event["UID"] == "session-42@okoce.jakarta.go.id"
    assert event["SEQUENCE"] == "0"
    assert event["STATUS"] == "CONFIRMED"
    assert "URL" not in event
    assert properties(make_ics(), "VALARM") == {
        "ACTION": "DISPLAY",
        "DESCRIPTION": "Coaching Clinic P3: Perizinan",
        "TRIGGER": "-PT2H",
    }


def test_url_is_written_as_given() -> None:
    url = "https://maps.app.goo.gl/AbC123?g_st=ic"
    assert properties(make_ics(url=url))["URL"] == url


def test_cancelled_session_replaces_the_imported_event() -> None:
    data = make_ics(sequence=3, cancelled=True)
    assert properties(data, "VCALENDAR")["METHOD"] == "CANCEL"
    event = properties(data)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == "3"
    assert event["UID"] == "session-42@okoce.jakarta.go.id"
    assert "BEGIN:VALARM" not in unfold(data)


def test_every_line_ends_in_crlf() -> None:
    data = make_ics(description="Baris satu\nBaris dua\r\nBaris tiga\rempat")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert data.count(b"\r") == data.count(b"\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")


@pytest.mark.parametrize(
    "text",
    [
        "Coaching Clinic P3: Perizinan",
        "Harga; diskon, dan C:\\Users\\Budi",
        "Baris satu\nBaris dua",
        "Catatan: \\n bukan baris baru; koma, titik-koma; \\\\ dua garis",
        "Jl. H. R. Rasuna Said Kav. 1, Kuningan, Setiabudi",
        "Kopi ☕ dan diskusi 🤝🏽 UMKM",
    ],
)
def test_text_escaping_round_trips(text: str) -> None:
    data = make_ics(title=text, description=text, location=text)
    event = properties(data)
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert unescape(event[name]) == text
        assert "\n" not in event[name]


def test_line_breaks_of_every_kind_become_escaped_newlines() -> None:
    event = properties(make_ics(description="a\r\nb\rc\nd"))
    assert event["DESCRIPTION"] == "a\\nb\\nc\\nd"


def test_control_characters_are_dropped_but_tabs_kept() -> None:
    assert escape_text("a\x00b\x1bc\td") == "abc\td"


def test_long_indonesian_and_emoji_text_folds_within_75_octets() -> None:
    description = (
        "Pelatihan P4 (Pemasaran) 🚀📈 untuk pelaku UMKM di Kecamatan Pasar Minggu: "
        "strategi pemasaran digital, foto produk dengan ponsel 📱, dan cara menjual di "
        "marketplace. Peserta diharapkan membawa produk contoh 🍰🧁🍪 serta laptop "
        "bila ada. Gratis, tempat terbatas — daftar lewat bot. Kopi ☕ tersedia. "
        "👩🏽‍🍳👨🏻‍💻🧕🏾 " * 3
    )
    data = make_ics(description=description, title="🎉" * 40, location="é" * 100)
    physical = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) == 75
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # no character is split across a fold
    event = properties(data)
    assert unescape(event["DESCRIPTION"]) == description
    assert unescape(event["SUMMARY"]) == "🎉" * 40
    assert unescape(event["LOCATION"]) == "é" * 100


@pytest.mark.parametrize(
    ("line", "expected_lengths"),
    [
        ("A" * 75, [75]),
        ("A" * 76, [75, 2]),
        ("A" * 75 + "B" * 74, [75, 75]),
        ("A" * 75 + "B" * 75, [75, 75, 2]),
        ("A" * 74 + "é", [74, 3]),  # the 2-octet é does not fit in the first line
        ("A" * 73 + "é", [75]),
        ("A" * 72 + "🎉", [72, 5]),  # a 4-octet emoji moves whole
    ],
)
def test_folding_counts_octets_and_never_splits_a_character(
    line: str, expected_lengths: list[int]
) -> None:
    folded = fold_line(line).encode("utf-8").split(b"\r\n")
    assert [len(part) for part in folded] == expected_lengths
    assert all(part.startswith(b" ") for part in folded[1:])
    assert b"".join(part[1:] if i else part for i, part in enumerate(folded)) == line.encode()


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"starts_at": datetime(2026, 11, 24, 9, 0)}, "timezone-aware"),
        ({"stamp": datetime(2026, 11, 1)}, "timezone-aware"),
        ({"ends_at": START}, "end after"),
        ({"sequence": -1}, "negative"),
        ({"url": "https://example.com/a\r\nX-INJECTED:1"}, "single URI"),
    ],
)
def test_impossible_sessions_are_programming_errors(
    overrides: dict[str, object], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        make_ics(**overrides)

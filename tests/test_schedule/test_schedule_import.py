"""A month's schedule from a coordinator's spreadsheet, as `okoce-bot sessions import` reads it."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import String

from bot.areas import jakarta_areas
from bot.models import CoachingSession
from bot.schedule_import import MAX_LENGTHS, RowError, SessionRow, parse_schedule

TODAY = date(2026, 10, 28)

HEADER = "kind,topic,kecamatan,venue_name,venue_address,map_url,date,start,end,capacity,coach"

NOVEMBER = f"""{HEADER}
clinic,P1,Tebet,Kantor Kecamatan Tebet,"Jl. Prof. Dr. Soepomo No. 50, Tebet Barat",https://maps.app.goo.gl/Tb1,03/11/2026,09.00,12.00,30,OK-317401-000123
pelatihan,p3,kby baru,Gelanggang Remaja Bulungan,"Jl. Bulungan No. 1, Kramat Pela",,5 Nov,13.00,16.30,120,
meetup,umum,31.73.01,Pos OK OCE Cengkareng,"Jl. Kamal Raya, RT 5/RW 2","http://maps.google.com/?q=-6.15,106.73",7 November 2026,jam 7 malam,21.00,50,ok-317301-000007

klinik,P7,Pasar Minggu,Kantor Kecamatan Pasar Minggu,Jl. Raya Ragunan No. 1,,besok,9,11,25,
"""


def parse(text: str) -> tuple[list[SessionRow], list[RowError]]:
    result = parse_schedule(text, today=TODAY, areas=jakarta_areas())
    return result.rows, result.errors


def test_a_good_month_is_read_row_by_row() -> None:
    rows, errors = parse(NOVEMBER)
    assert errors == []
    assert [row.line for row in rows] == [2, 3, 4, 6]  # line 5 is blank

    clinic = rows[0]
    assert clinic.kind == "clinic"
    assert clinic.topic == "P1"
    assert clinic.kecamatan.code == "31.74.01"
    assert clinic.venue_name == "Kantor Kecamatan Tebet"
    assert clinic.venue_address == "Jl. Prof. Dr. Soepomo No. 50, Tebet Barat"
    assert clinic.map_url == "https://maps.app.goo.gl/Tb1"
    assert clinic.starts_at == datetime(2026, 11, 3, 2, 0, tzinfo=UTC)
    assert clinic.ends_at == datetime(2026, 11, 3, 5, 0, tzinfo=UTC)
    assert clinic.capacity == 30
    assert clinic.coach_number == "OK-317401-000123"

    training = rows[1]
    assert (training.kind, training.topic) == ("training", "P3")
    assert training.kecamatan.name == "Kebayoran Baru"
    assert training.map_url is None and training.coach_number is None
    assert training.ends_at == datetime(2026, 11, 5, 9, 30, tzinfo=UTC)

    meetup = rows[2]
    assert (meetup.kind, meetup.topic) == ("meetup", "general")
    assert meetup.kecamatan.name == "Cengkareng"
    assert meetup.starts_at == datetime(2026, 11, 7, 12, 0, tzinfo=UTC)
    assert meetup.coach_number == "OK-317301-000007"

    assert rows[3].starts_at == datetime(2026, 10, 29, 2, 0, tzinfo=UTC)  # "besok"


def test_semicolon_export_with_byte_order_mark_reads_the_same() -> None:
    """What Excel in an Indonesian locale saves as "CSV UTF-8"."""
    text = (
        "\ufeffkind;topic;kecamatan;venue_name;venue_address;date;start;end;capacity\r\n"
        "Clinic;P2;Menteng;Kantor Kecamatan Menteng;Jl. Pegangsaan Barat No. 4, Menteng;"
        "10/11/2026;09:00:00;11:00:00;40\r\n"
        ";;;;;;;;\r\n"
    )
    rows, errors = parse(text)
    assert errors == []
    assert len(rows) == 1
    assert rows[0].venue_address == "Jl. Pegangsaan Barat No. 4, Menteng"
    assert rows[0].starts_at == datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
    assert rows[0].map_url is None and rows[0].coach_number is None


def test_columns_may_come_in_any_order() -> None:
    text = (
        "date,start,end,kecamatan,kind,topic,capacity,venue_name,venue_address\n"
        "12/11/2026,10.00,12.00,Gambir,training,P5,60,Balai Kota,Jl. Medan Merdeka Selatan\n"
    )
    rows, errors = parse(text)
    assert errors == []
    assert rows[0].kecamatan.name == "Gambir" and rows[0].capacity == 60


def test_session_today_is_accepted() -> None:
    rows, errors = parse(
        f"{HEADER}\nclinic,P1,Tebet,Aula,Jl. Tebet Raya,,hari ini,08.00,09.00,10,\n"
    )
    assert errors == []
    assert rows[0].starts_at == datetime(2026, 10, 28, 1, 0, tzinfo=UTC)


def test_a_stray_quote_is_caught_and_later_line_numbers_stay_true() -> None:
    text = (
        f"{HEADER}\n"
        'clinic,P1,Tebet,"Aula,Jl. Tebet Raya,,03/11/2026,9,10,10,\n'
        'clinic,P1,Tebet,Aula",Jl. Tebet Raya,,03/11/2026,9,10,10,\n'
        "clinic,P1,Tebet,Aula,Jl. Tebet Raya,,03/11/2026,9,8,10,\n"
    )
    rows, errors = parse(text)
    assert rows == []
    assert [(error.line, error.column) for error in errors] == [(2, "venue_name"), (4, "end")]
    assert "stray double quote" in errors[0].message


def test_unreadable_csv_is_reported_where_it_stops() -> None:
    good_row = "clinic,P1,Tebet,Aula,Jl. Tebet Raya,,03/11/2026,9,10,10,"
    never_closed = 'clinic,"' + "x" * 200_000  # past the csv module's field size limit
    text = f"{HEADER}\n{good_row}\n{never_closed}\n"
    rows, errors = parse(text)
    assert [row.line for row in rows] == [2]
    assert [(error.line, error.column) for error in errors] == [(3, None)]
    assert errors[0].message.startswith("cannot be read as CSV")


BAD_MONTH = f"""{HEADER}
clinic,P1,Tebet,Kantor Kecamatan Tebet,Jl. Prof. Dr. Soepomo No. 50,,03/11/2026,09.00,12.00,30,
workshop,P8,kebayoran,Aula,Jl. Kebayoran,,31/11/2026,09.00,12.00,30,
training,P2,Bandung,,Jl. Asia Afrika,maps.google.com/x,04/11/2026,25.00,9.75,0,OK-1234
meetup,general,Senen,Pasar Senen,Jl. Pasar Senen, Blok III,,05/11/2026,19.00,21.00,40,

clinic,P4,31.99.01,Aula,Jl. Mana Saja,,27/10/2026,14.00,13.00,501,317401-000123
klinik,P5,Menteng,Aula,Jl. Menteng,,06/11/2026,jam 9,jam 12,seratus,
clinic,P6,Gambir,Balai Kota,Jl. Medan Merdeka Selatan,,10/11/2026,10.00,12.00,80,
"""


def test_every_bad_row_is_reported_with_its_line_and_column() -> None:
    rows, errors = parse(BAD_MONTH)
    assert [row.line for row in rows] == [2, 9]
    assert [(error.line, error.column) for error in errors] == [
        (3, "kind"),
        (3, "topic"),
        (3, "kecamatan"),
        (3, "date"),
        (4, "kecamatan"),
        (4, "venue_name"),
        (4, "map_url"),
        (4, "start"),
        (4, "end"),
        (4, "capacity"),
        (4, "coach"),
        (5, None),
        (7, "kecamatan"),
        (7, "date"),
        (7, "end"),
        (7, "capacity"),
        (7, "coach"),
        (8, "capacity"),
    ]


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        (3, "kind", "'workshop' is not one of clinic, training or meetup"),
        (3, "topic", "'P8' is not one of P1 to P7 or general"),
        (
            3,
            "kecamatan",
            "'kebayoran' could be Kebayoran Lama (31.74.05), Kebayoran Baru (31.74.07), "
            "Kemayoran (31.71.03); write the full name or code",
        ),
        (3, "date", "'31/11/2026' is not a date (write it like 24/11/2026)"),
        (4, "kecamatan", "'Bandung' is not a kecamatan in DKI Jakarta"),
        (4, "venue_name", "is required"),
        (4, "map_url", "'maps.google.com/x' must be a link starting with http:// or https://"),
        (4, "start", "'25.00' is not a time (write it like 09.00 or 14:30)"),
        (4, "capacity", "'0' is not a whole number from 1 to 500"),
        (4, "coach", "'OK-1234' is not a member number like OK-317401-000123"),
        (
            5,
            None,
            "has 12 values but the header has 11 columns"
            " (a comma or semicolon inside a value needs double quotes around it)",
        ),
        (7, "kecamatan", "'31.99.01' is not a kecamatan code in DKI Jakarta"),
        (7, "date", "'27/10/2026' is 2026-10-27, which has already passed"),
        (7, "end", "'13.00' is not after the start"),
        (8, "capacity", "'seratus' is not a whole number from 1 to 500"),
    ],
)
def test_error_messages_tell_the_operator_what_to_fix(
    line: int, column: str | None, message: str
) -> None:
    _rows, errors = parse(BAD_MONTH)
    assert RowError(line, column, message) in errors


def test_values_too_long_for_the_database_are_refused() -> None:
    text = f"{HEADER}\nclinic,P1,Tebet,{'A' * 121},Jl. Tebet Raya,,03/11/2026,9,10,10,\n"
    _rows, errors = parse(text)
    assert errors == [RowError(2, "venue_name", "is 121 characters long; at most 120 fit")]


@pytest.mark.parametrize(("column", "longest"), sorted(MAX_LENGTHS.items()))
def test_length_limits_match_the_session_table(column: str, longest: int) -> None:
    column_type = CoachingSession.__table__.c[column].type
    assert isinstance(column_type, String) and column_type.length == longest


def test_error_reads_as_one_line_for_the_terminal() -> None:
    assert (
        str(RowError(4, "start", "'25.00' is not a time")) == "line 4, start: '25.00' is not a time"
    )
    assert str(RowError(1, None, "missing")) == "line 1: missing"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "kind,topic,kecamatan,venue_name,date,start,end",
            "missing required column(s): venue_address, capacity",
        ),
        (
            "kind,topic,kecamatan,venue_name,venue_address,date,start,end,capacity,notes",
            "unknown column(s): 'notes'",
        ),
        (
            "kind,topic,kecamatan,venue_name,venue_address,date,start,end,capacity,date",
            "repeated column(s): date",
        ),
    ],
)
def test_a_bad_header_is_one_error_on_line_1(header: str, message: str) -> None:
    text = f"{header}\nclinic,P1,Tebet,Aula,Jl. Tebet Raya,03/11/2026,9,10,10,x\n"
    rows, errors = parse(text)
    assert rows == []
    assert len(errors) == 1
    assert errors[0].line == 1 and errors[0].column is None
    assert errors[0].message.startswith(message)
    assert "expected kind,topic,kecamatan,venue_name,venue_address,map_url" in errors[0].message


def test_a_bad_header_is_reported_on_its_own_line() -> None:
    _rows, errors = parse("\n\nkind,topic\n")
    assert [(error.line, error.column) for error in errors] == [(3, None)]


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff"])
def test_an_empty_file_says_what_the_header_should_be(text: str) -> None:
    rows, errors = parse(text)
    assert rows == []
    assert [(error.line, error.column) for error in errors] == [(1, None)]
    assert HEADER in errors[0].message


def test_a_header_without_rows_is_an_empty_schedule() -> None:
    assert parse(HEADER + "\n") == ([], [])

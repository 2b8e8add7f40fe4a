"""Replies become WhatsApp messages that never break a platform limit."""

from typing import Any

import pytest

from bot.i18n import _, use_language
from bot.messages import Attachment, Choice, Reply
from handlers.whatsapp.rendering import (
    numbered_text,
    payloads_for_reply,
    shorten,
    split_body,
    split_text,
)
from tests.fakes.graph_api import check_message, length, readable

SITI = "6281234567890"
QUESTION = "Kelurahannya apa? Pilih atau ketik namanya:"


def choices(count: int, label: str = "Pilihan {n}") -> tuple[Choice, ...]:
    return tuple(Choice(f"7:{n}", label.format(n=n)) for n in range(1, count + 1))


def render(reply: Reply, **media: str) -> list[dict[str, Any]]:
    """Render and check every payload as the fake Graph API would."""
    payloads = payloads_for_reply(SITI, reply, **media)
    for payload in payloads:
        assert check_message(payload) == [], payload
        assert payload["to"] == SITI
    return payloads


def kinds(payloads: list[dict[str, Any]]) -> list[str]:
    return [p["interactive"]["type"] if p["type"] == "interactive" else p["type"] for p in payloads]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, ["text"]),
        (1, ["button"]),
        (2, ["button"]),
        (3, ["button"]),
        (4, ["list"]),
        (10, ["list"]),
        (11, ["text"]),
        (14, ["text"]),
    ],
)
def test_the_number_of_choices_picks_the_message_kind(count: int, expected: list[str]) -> None:
    assert kinds(render(Reply(QUESTION, choices(count)))) == expected


def test_buttons_carry_the_choice_ids_and_labels() -> None:
    (payload,) = render(Reply("Setuju?", (Choice("3:yes", "✅ Setuju"), Choice("3:no", "Tidak"))))
    interactive = payload["interactive"]
    assert interactive["body"] == {"text": "Setuju?"}
    assert [b["reply"] for b in interactive["action"]["buttons"]] == [
        {"id": "3:yes", "title": "✅ Setuju"},
        {"id": "3:no", "title": "Tidak"},
    ]


def test_a_list_has_one_section_with_a_row_per_choice() -> None:
    (payload,) = render(Reply(QUESTION, choices(10)))
    action = payload["interactive"]["action"]
    assert action["button"] == "Pilih"
    (section,) = action["sections"]
    assert [row["id"] for row in section["rows"]] == [f"7:{n}" for n in range(1, 11)]


def test_the_list_button_speaks_the_members_language() -> None:
    (payload,) = payloads_for_reply(SITI, Reply(QUESTION, choices(5)), language="en")
    with use_language("en"):
        assert payload["interactive"]["action"]["button"] == _("Pilih")


def test_more_choices_than_a_list_holds_are_numbered_text() -> None:
    (payload,) = render(Reply(QUESTION, choices(14)))
    body = payload["text"]["body"]
    assert body.startswith(QUESTION)
    assert "\n1. Pilihan 1\n" in body and body.endswith("\n14. Pilihan 14")


def test_long_button_labels_are_cut_at_a_word_and_marked() -> None:
    reply = Reply("?", (Choice("a", "Kepulauan Seribu Utara Sekali"), Choice("b", "Tebet")))
    (payload,) = render(reply)
    titles = [b["reply"]["title"] for b in payload["interactive"]["action"]["buttons"]]
    assert titles == ["Kepulauan Seribu…", "Tebet"]


def test_buttons_whose_shortened_titles_collide_become_a_list() -> None:
    reply = Reply(
        "?",
        (
            Choice("a", "Kepulauan Seribu Utara"),
            Choice("b", "Kepulauan Seribu Selatan"),
        ),
    )
    (payload,) = render(reply)
    assert payload["interactive"]["type"] == "list"
    rows = payload["interactive"]["action"]["sections"][0]["rows"]
    assert [row["title"] for row in rows] == ["Kepulauan Seribu Utara", "Kepulauan Seribu Selatan"]


def test_a_long_row_label_is_shown_whole_in_the_description() -> None:
    long = "Perdagangan besar dan eceran, reparasi dan perawatan mobil dan sepeda motor"
    (payload,) = render(Reply("?", (Choice("x", long), *choices(3))))
    row = payload["interactive"]["action"]["sections"][0]["rows"][0]
    assert length(row["title"]) <= 24 and row["title"].endswith("…")
    assert length(row["description"]) <= 72 and row["description"].endswith("…")
    assert row["description"].startswith("Perdagangan besar dan eceran")


def test_a_body_too_long_for_buttons_goes_first_as_text() -> None:
    notice = "\n".join(f"Baris {n}: " + "data pribadi dilindungi." * 3 for n in range(30))
    text = notice + "\n\nSetuju?"
    payloads = render(Reply(text, (Choice("3:yes", "Setuju"), Choice("3:no", "Tidak"))))
    assert kinds(payloads) == ["text", "button"]
    assert payloads[0]["text"]["body"] == notice
    assert payloads[1]["interactive"]["body"]["text"] == "Setuju?"


def test_a_single_paragraph_too_long_for_a_list_is_split_at_words() -> None:
    text = "kata " * 600
    payloads = render(Reply(text, choices(5)))
    assert kinds(payloads) == ["text", "list"]
    joined = payloads[0]["text"]["body"] + " " + payloads[1]["interactive"]["body"]["text"]
    assert joined.split() == text.split()


def test_a_very_long_text_is_split_into_several_messages_at_lines() -> None:
    text = "\n".join(f"{n:04d} " + "x" * 60 for n in range(200))
    payloads = render(Reply(text))
    assert kinds(payloads) == ["text"] * 4
    assert "\n".join(p["text"]["body"] for p in payloads) == text


def test_emoji_count_double_against_the_limit() -> None:
    text = "😀" * 3000  # 3000 characters, 6000 UTF-16 units
    payloads = render(Reply(text))
    assert len(payloads) == 2
    assert "".join(p["text"]["body"] for p in payloads) == text


def test_numbered_text_that_outgrows_a_message_is_split() -> None:
    many = choices(14, label="Pilihan nomor {n} " + "panjang " * 60)
    payloads = render(Reply(QUESTION, many))
    assert kinds(payloads) == ["text"] * len(payloads) and len(payloads) > 1


def test_ids_too_long_for_a_list_fall_back_to_numbered_text() -> None:
    long_ids = tuple(Choice("x" * 201 + str(n), f"Pilihan {n}") for n in range(5))
    assert kinds(render(Reply(QUESTION, long_ids))) == ["text"]


def test_an_empty_label_becomes_its_number() -> None:
    (payload,) = render(Reply("?", (Choice("a", "  "), Choice("b", "Dua"))))
    titles = [b["reply"]["title"] for b in payload["interactive"]["action"]["buttons"]]
    assert titles == ["1", "Dua"]


def test_the_share_number_button_is_left_out() -> None:
    reply = Reply("Berapa nomor HP Anda?", contact_button="📱 Kirim nomor saya")
    assert readable(render(reply)[0]) == "Berapa nomor HP Anda?"


def test_a_photo_with_a_short_text_is_sent_with_a_caption() -> None:
    photo = Attachment("produk.jpg", b"jpeg", "image/jpeg")
    (payload,) = render(Reply("Keripik Bu Siti", photo=photo), photo_media_id="m1")
    assert payload["image"] == {"id": "m1", "caption": "Keripik Bu Siti"}


def test_a_photo_with_choices_goes_first_and_the_question_after() -> None:
    photo = Attachment("produk.jpg", b"jpeg", "image/jpeg")
    reply = Reply("Tampilkan?", choices(2), photo=photo)
    payloads = render(reply, photo_media_id="m1")
    assert kinds(payloads) == ["image", "button"]
    assert "caption" not in payloads[0]["image"]


def test_a_photo_with_a_text_longer_than_a_caption_sends_the_text_apart() -> None:
    photo = Attachment("produk.jpg", b"jpeg", "image/jpeg")
    payloads = render(Reply("a" * 1500, photo=photo), photo_media_id="m1")
    assert kinds(payloads) == ["image", "text"]


def test_a_document_keeps_its_filename() -> None:
    document = Attachment("jadwal.ics", b"BEGIN:VCALENDAR", "text/calendar")
    payloads = render(Reply("Jadwal Anda", document=document), document_media_id="d1")
    assert payloads[0]["document"] == {"id": "d1", "filename": "jadwal.ics"}
    assert readable(payloads[1]) == "Jadwal Anda"


def test_a_document_alone_sends_no_empty_text() -> None:
    document = Attachment("anggota.csv", b"a,b", "text/csv")
    assert kinds(render(Reply("", document=document), document_media_id="d1")) == ["document"]


def test_an_attachment_must_be_uploaded_before_rendering() -> None:
    with pytest.raises(ValueError, match="upload"):
        payloads_for_reply(SITI, Reply("x", photo=Attachment("a.jpg", b"", "image/jpeg")))


@pytest.mark.parametrize(
    ("label", "limit", "expected"),
    [
        ("Tebet", 20, "Tebet"),
        ("Usaha sudah berjalan lama", 20, "Usaha sudah…"),
        ("Kriya / kerajinan tangan", 20, "Kriya / kerajinan…"),
        ("Supercalifragilisticexpialidocious", 20, "Supercalifragilisti…"),
        ("✅ Simpan dan lanjutkan", 20, "✅ Simpan dan…"),
    ],
)
def test_shorten(label: str, limit: int, expected: str) -> None:
    assert shorten(label, limit) == expected
    assert length(shorten(label, limit)) <= limit


def test_split_body_prefers_the_last_paragraph_then_line() -> None:
    assert split_body("Pendek") == ("", "Pendek")
    lead, body = split_body("a" * 1100 + "\nPilih satu:")
    assert (lead, body) == ("a" * 1100, "Pilih satu:")


def test_split_text_never_returns_an_empty_message() -> None:
    assert split_text("") == ["…"]
    assert split_text("   \n ") == ["…"]


def test_numbered_text_without_a_question_is_just_the_list() -> None:
    assert numbered_text("", choices(2)).endswith("1. Pilihan 1\n2. Pilihan 2")


def test_a_label_numbered_already_is_not_numbered_twice() -> None:
    choices = [Choice(f"s{n}", f"{n}. Kam {n} Des 09.00") for n in (1, 2)] + [
        Choice("menu", "↩ Menu")
    ]
    text = numbered_text("Jadwal terdekat:", choices)
    assert "1. Kam 1 Des 09.00\n2. Kam 2 Des 09.00\n3. ↩ Menu" in text

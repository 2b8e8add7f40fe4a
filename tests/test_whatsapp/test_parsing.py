"""Webhook deliveries become the engine's `Incoming` (and delivery statuses), type by type."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.messages import Incoming, Location, Photo, SharedContact
from handlers.whatsapp import DeliveryStatus, WhatsAppMessage, parse_delivery
from handlers.whatsapp.graph import GraphClient
from handlers.whatsapp.webhook_payload import resolve_media
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import PHONE_NUMBER_ID, FakeGraphAPI

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"
SITI = "6281234567890"
WAMID = "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFDNBMjE0QjFGNkQ1OTk3RTQ1RjdDAA=="
SENT_WAMID = "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQ4QjQ1QzJBQjQ5RkE5RDQ1MgA="
ERROR_131047 = {
    "code": 131047,
    "title": "Re-engagement message",
    "message": "Re-engagement message",
    "error_data": {
        "details": "Message failed to send because more than 24 hours have passed since "
        "the customer last replied to this number."
    },
    "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
}


def fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return loaded


def only_message(payload: dict[str, Any]) -> WhatsAppMessage:
    delivery = parse_delivery(payload, phone_number_id=PHONE_NUMBER_ID)
    assert len(delivery.messages) == 1 and not delivery.statuses
    return delivery.messages[0]


def incoming(payload: dict[str, Any]) -> Incoming:
    message = only_message(payload)
    assert message.media_id is None
    return message.incoming


# --- the builders look like what Meta sends --------------------------------------------------


def test_text_builder_matches_the_recorded_text_message() -> None:
    built = payloads.text_message(SITI, "halo", wamid=WAMID, timestamp="1795399200")
    assert built == fixture("text_message.json")


def test_status_builder_matches_the_recorded_statuses() -> None:
    delivered = payloads.status_update(SENT_WAMID, "delivered", SITI, timestamp="1795399260")
    assert delivered == fixture("status_delivered.json")
    failed = payloads.status_update(
        SENT_WAMID, "failed", SITI, errors=[ERROR_131047], timestamp="1795485600"
    )
    assert failed == fixture("status_failed.json")


# --- messages -----------------------------------------------------------------------------------


def test_a_recorded_text_message_becomes_text_from_the_sender() -> None:
    assert incoming(fixture("text_message.json")) == Incoming(
        channel="whatsapp",
        user_id=SITI,
        event_id=WAMID,
        text="halo",
        received_at=datetime(2026, 11, 23, 2, 0, tzinfo=UTC),
        sender_phone=SITI,
    )


def test_a_typed_slash_command_is_a_command_as_on_telegram() -> None:
    assert incoming(payloads.text_message(SITI, "/Batal sekarang")).command == "batal"
    assert incoming(payloads.text_message(SITI, "/ batal")).text == "/ batal"


def test_text_longer_than_the_engine_accepts_still_goes_through() -> None:
    long = "a" * 5000
    assert incoming(payloads.text_message(SITI, long)).text == long


def test_a_pressed_button_is_a_choice() -> None:
    event = incoming(payloads.button_reply(SITI, "3:yes", "✅ Setuju"))
    assert (event.choice, event.text) == ("3:yes", None)


def test_a_picked_list_row_is_a_choice() -> None:
    event = incoming(payloads.list_reply(SITI, "7:31.74.07.1001", "Senayan"))
    assert event.choice == "7:31.74.07.1001"


def test_an_image_carries_its_media_id_and_caption_until_downloaded() -> None:
    message = only_message(payloads.image_message(SITI, "1479537139650973", caption="Produk"))
    assert message.media_id == "1479537139650973"
    assert message.incoming.text == "Produk"
    assert message.incoming.photo is None


async def test_resolving_an_image_downloads_it_through_the_graph_api(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    media_id = fake_graph.add_media(b"\xff\xd8jpeg bytes", "image/jpeg")
    message = only_message(payloads.image_message(SITI, media_id))
    event = await resolve_media(message, graph_client)
    assert event.photo == Photo(b"\xff\xd8jpeg bytes", "image/jpeg")


async def test_an_image_that_cannot_be_fetched_is_still_answered(
    graph_client: GraphClient,
) -> None:
    message = only_message(payloads.image_message(SITI, "expired-media-id"))
    event = await resolve_media(message, graph_client)
    assert event.photo is None
    assert event.unsupported == "image_unavailable"


def test_a_location_becomes_coordinates() -> None:
    payload = payloads.location_message(
        SITI, -6.2297, 106.8295, place="Kantor Walikota", address="Jl. Prapanca"
    )
    assert incoming(payload).location == Location(-6.2297, 106.8295)


@pytest.mark.parametrize(
    ("contact_wa_id", "expected"),
    [
        (SITI, SharedContact(SITI, is_own=True)),
        ("6281299990000", SharedContact("+62 812-3456-7890", is_own=False)),
        (None, SharedContact("+62 812-3456-7890", is_own=False)),
    ],
    ids=["own card", "someone else's card", "number not on WhatsApp"],
)
def test_a_shared_contact_is_own_only_when_its_wa_id_is_the_sender(
    contact_wa_id: str | None, expected: SharedContact
) -> None:
    payload = payloads.contacts_message(SITI, "+62 812-3456-7890", contact_wa_id=contact_wa_id)
    assert incoming(payload).contact == expected


def test_an_own_card_stands_for_the_senders_number_whatever_its_phone_says() -> None:
    payload = payloads.contacts_message(SITI, "+62 813-0000-1111", contact_wa_id=SITI)
    assert incoming(payload).contact == SharedContact(SITI, is_own=True)


def test_a_contact_card_without_a_number_is_unsupported() -> None:
    payload = payloads.other_message(
        SITI, "contacts", {"contacts": [{"name": {"formatted_name": "Budi"}}]}
    )
    assert incoming(payload).unsupported == "contacts"


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("sticker", None),
        ("audio", {"audio": {"mime_type": "audio/ogg; codecs=opus", "id": "1", "voice": True}}),
        ("video", {"video": {"mime_type": "video/mp4", "id": "2"}}),
        (
            "document",
            {"document": {"filename": "a.pdf", "mime_type": "application/pdf", "id": "3"}},
        ),
        ("unsupported", {"errors": [{"code": 131051, "title": "Message type unknown"}]}),
    ],
)
def test_kinds_the_bot_cannot_read_are_marked_unsupported(
    kind: str, content: dict[str, Any] | None
) -> None:
    if content is None:
        payload = payloads.sticker_message(SITI)
    else:
        payload = payloads.other_message(SITI, kind, content)
    assert incoming(payload).unsupported == kind


def test_a_system_notice_is_not_answered() -> None:
    payload = payloads.other_message(
        SITI,
        "system",
        {"system": {"body": "User changed number", "type": "user_changed_number"}},
    )
    assert parse_delivery(payload).messages == ()


def test_several_messages_in_one_delivery_keep_their_order() -> None:
    delivery = parse_delivery(
        payloads.combine(
            payloads.text_message(SITI, "satu"),
            payloads.text_message("6281300000000", "dua"),
            payloads.text_message(SITI, "tiga"),
        )
    )
    assert [m.incoming.text for m in delivery.messages] == ["satu", "dua", "tiga"]


def test_changes_for_another_business_number_are_left_out() -> None:
    ours = payloads.text_message(SITI, "untuk kita")
    theirs = payloads.text_message(SITI, "bukan", phone_number_id="999999999999999")
    delivery = parse_delivery(payloads.combine(ours, theirs), phone_number_id=PHONE_NUMBER_ID)
    assert [m.incoming.text for m in delivery.messages] == ["untuk kita"]


def test_malformed_items_are_skipped_and_the_rest_kept() -> None:
    broken = payloads.text_message(SITI, "x")
    del broken["entry"][0]["changes"][0]["value"]["messages"][0]["text"]
    delivery = parse_delivery(payloads.combine(broken, payloads.text_message(SITI, "utuh")))
    assert [m.incoming.text for m in delivery.messages] == ["utuh"]
    assert parse_delivery({"object": "whatsapp_business_account"}).messages == ()
    assert parse_delivery(["not", "an", "object"]).messages == ()


# --- statuses -----------------------------------------------------------------------------------


def test_statuses_are_collected_apart_from_messages() -> None:
    delivery = parse_delivery(fixture("status_delivered.json"), phone_number_id=PHONE_NUMBER_ID)
    assert delivery.messages == ()
    assert delivery.statuses == (
        DeliveryStatus(
            wamid=SENT_WAMID,
            status="delivered",
            recipient=SITI,
            timestamp=datetime.fromtimestamp(1795399260, UTC),
            error_code=None,
        ),
    )


def test_a_failed_status_carries_its_error_code() -> None:
    (status,) = parse_delivery(fixture("status_failed.json")).statuses
    assert (status.status, status.error_code) == ("failed", 131047)

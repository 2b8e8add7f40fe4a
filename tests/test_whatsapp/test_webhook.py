"""The webhook, end to end: signed deliveries in over HTTP, answers out to the fake Graph API."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.messages import Attachment, Incoming, Reply
from conversations.engine import ConversationEngine
from handlers.whatsapp import SIGNATURE_HEADER, WEBHOOK_PATH, DeliveryStatus, WhatsAppChannel
from handlers.whatsapp.graph import GraphClient, OutsideWindow, Sent
from handlers.whatsapp.limits import MAX_WEBHOOK_BODY
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import FakeGraphAPI, readable
from tests.fakes.memory_inbox import MemoryInbox
from tests.test_whatsapp.conftest import APP_SECRET, VERIFY_TOKEN
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.whatsapp_webhook import webhook_client

Client = TestClient[web.Request, web.Application]
SITI = "6281234567890"


class RecordingEngine:
    """Stands in for the engine where a test only needs to see what reached it."""

    def __init__(self) -> None:
        self.seen: list[Incoming] = []

    async def handle(self, incoming: Incoming) -> list[Reply]:
        self.seen.append(incoming)
        return []


@pytest.fixture
def siti(webhook: Client, channel: WhatsAppChannel, fake_graph: FakeGraphAPI) -> WhatsAppPerson:
    return WhatsAppPerson(webhook, channel, fake_graph, SITI)


@dataclass
class Recorded:
    """A webhook whose channel's engine only records what it is handed."""

    client: Client
    channel: WhatsAppChannel
    engine: RecordingEngine


@pytest.fixture
async def recorded(graph_client: GraphClient) -> AsyncIterator[Recorded]:
    engine = RecordingEngine()
    channel = WhatsAppChannel(
        engine,  # type: ignore[arg-type]
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=MemoryInbox(),
    )
    async with webhook_client(channel) as client:
        yield Recorded(client, channel, engine)


async def post_signed(client: Client, body: bytes, signature: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers[SIGNATURE_HEADER] = signature
    response = await client.post(WEBHOOK_PATH, data=body, headers=headers)
    return response.status


# --- subscription check -------------------------------------------------------------------------


async def test_meta_subscription_check_echoes_the_challenge(webhook: Client) -> None:
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    response = await webhook.get(WEBHOOK_PATH, params=query)
    assert response.status == 200
    assert response.content_type == "text/plain"
    assert await response.text() == "1158201444"


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.challenge": "1"},
        {},
    ],
    ids=["wrong token", "wrong mode", "no token", "nothing"],
)
async def test_a_wrong_verify_token_is_refused(webhook: Client, query: dict[str, str]) -> None:
    response = await webhook.get(WEBHOOK_PATH, params=query)
    assert response.status == 403


# --- deliveries ---------------------------------------------------------------------------------


async def test_a_new_member_saying_halo_gets_the_welcome_and_the_menu(
    siti: WhatsAppPerson, fake_graph: FakeGraphAPI
) -> None:
    await siti.says("halo")
    welcome, menu = siti.last
    assert "OK OCE" in welcome["text"]["body"]
    assert menu["type"] == "interactive"
    assert menu["interactive"]["type"] in ("button", "list")
    assert "Daftar OK OCE" in siti.text
    assert all(r.bearer == fake_graph.token for r in fake_graph.requests)


async def test_a_redelivered_message_is_processed_once(siti: WhatsAppPerson) -> None:
    delivery = payloads.text_message(SITI, "halo")
    assert await siti.deliver(delivery)
    assert await siti.deliver(delivery) == []


async def test_the_same_message_delivered_twice_at_once_is_answered_once(
    webhook: Client, channel: WhatsAppChannel, fake_graph: FakeGraphAPI
) -> None:
    raw = payloads.encode(payloads.text_message(SITI, "halo"))
    signature = payloads.sign(APP_SECRET, raw)
    assert await post_signed(webhook, raw, signature) == 200
    assert await post_signed(webhook, raw, signature) == 200
    await channel.drain()
    assert len(fake_graph.messages_to(SITI)) == 2  # welcome and menu, once


async def test_one_members_messages_are_answered_in_order(
    webhook: Client, channel: WhatsAppChannel, fake_graph: FakeGraphAPI
) -> None:
    for text in ("halo", "bantuan", "/daftar"):
        raw = payloads.encode(payloads.text_message(SITI, text))
        assert await post_signed(webhook, raw, payloads.sign(APP_SECRET, raw)) == 200
    await channel.drain()
    said = [readable(message) for message in fake_graph.messages_to(SITI)]
    welcome = next(i for i, text in enumerate(said) if text.startswith("Halo!"))
    help_ = next(i for i, text in enumerate(said) if text.startswith("Perintah yang selalu"))
    consent = next(i for i, text in enumerate(said) if text.startswith("Sebelum daftar"))
    assert welcome < help_ < consent


@pytest.mark.parametrize(
    "signature",
    [None, "sha256=" + "0" * 64, payloads.sign("another-secret", b"{}")],
    ids=["missing", "wrong digest", "other secret"],
)
async def test_a_bad_signature_is_refused_and_never_reaches_the_engine(
    recorded: Recorded, fake_graph: FakeGraphAPI, signature: str | None
) -> None:
    client, engine = recorded.client, recorded.engine
    raw = payloads.encode(payloads.text_message(SITI, "halo"))
    assert await post_signed(client, raw, signature) == 403
    assert engine.seen == []
    assert fake_graph.requests == []


async def test_a_body_over_1_mb_is_refused(recorded: Recorded) -> None:
    client, engine = recorded.client, recorded.engine
    raw = payloads.encode(payloads.text_message(SITI, "x" * MAX_WEBHOOK_BODY))
    assert await post_signed(client, raw, payloads.sign(APP_SECRET, raw)) == 413
    assert engine.seen == []


async def test_a_body_over_1_mb_without_a_length_is_refused_while_reading(
    recorded: Recorded,
) -> None:
    client, engine = recorded.client, recorded.engine
    raw = payloads.encode(payloads.text_message(SITI, "x" * MAX_WEBHOOK_BODY))

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(raw), 64 * 1024):
            yield raw[start : start + 64 * 1024]

    response = await client.post(
        WEBHOOK_PATH, data=chunks(), headers={SIGNATURE_HEADER: payloads.sign(APP_SECRET, raw)}
    )
    assert response.status == 413
    assert engine.seen == []


async def test_a_signed_body_that_is_not_json_is_acknowledged_and_ignored(
    recorded: Recorded,
) -> None:
    client, engine = recorded.client, recorded.engine
    assert await post_signed(client, b"not json", payloads.sign(APP_SECRET, b"not json")) == 200
    assert engine.seen == []


async def test_an_image_is_downloaded_through_the_graph_api_before_the_engine_sees_it(
    recorded: Recorded, fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    client, engine = recorded.client, recorded.engine
    media_id = fake_graph.add_media(b"\xff\xd8\xff\xe0 foto produk", "image/jpeg")
    raw = payloads.encode(payloads.image_message(SITI, media_id, caption="Keripik"))
    assert await post_signed(client, raw, payloads.sign(APP_SECRET, raw)) == 200
    await recorded.channel.drain()
    (incoming,) = engine.seen
    assert incoming.photo is not None and incoming.photo.data == b"\xff\xd8\xff\xe0 foto produk"
    assert incoming.text == "Keripik"
    download = fake_graph.requests_to(f"/media-download/{media_id}")
    assert download and download[0].bearer == fake_graph.token


async def test_an_image_from_a_member_gets_an_answer(
    siti: WhatsAppPerson, fake_graph: FakeGraphAPI
) -> None:
    media_id = fake_graph.add_media(b"\xff\xd8 foto", "image/jpeg")
    await siti.deliver(payloads.image_message(SITI, media_id))
    assert siti.last, "the engine answered the photo"
    assert fake_graph.requests_to(f"/media-download/{media_id}")


async def test_a_sticker_gets_a_friendly_answer(siti: WhatsAppPerson) -> None:
    await siti.says("halo")
    await siti.presses("Daftar")
    await siti.presses("Setuju")
    await siti.deliver(payloads.sticker_message(SITI))
    assert "stiker" in siti.text and "Siapa nama lengkap Anda?" in siti.text


async def test_statuses_are_handed_to_the_callback(
    engine: ConversationEngine, graph_client: GraphClient
) -> None:
    seen: list[DeliveryStatus] = []

    async def record(status: DeliveryStatus) -> None:
        seen.append(status)

    channel = WhatsAppChannel(
        engine,
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=MemoryInbox(),
        on_status=record,
    )
    delivery = payloads.combine(
        payloads.status_update("wamid.A", "delivered", SITI),
        payloads.status_update("wamid.B", "failed", SITI, errors=[{"code": 131047}]),
    )
    await channel.handle_delivery(payloads.encode(delivery))
    assert [(s.wamid, s.status, s.error_code) for s in seen] == [
        ("wamid.A", "delivered", None),
        ("wamid.B", "failed", 131047),
    ]


@pytest.mark.expects_crash
async def test_a_failing_status_callback_does_not_stop_the_messages(
    engine: ConversationEngine, graph_client: GraphClient, fake_graph: FakeGraphAPI
) -> None:
    async def broken(status: DeliveryStatus) -> None:
        raise RuntimeError("database down")

    channel = WhatsAppChannel(
        engine,
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=MemoryInbox(),
        on_status=broken,
    )
    delivery = payloads.combine(
        payloads.status_update("wamid.A", "read", SITI), payloads.text_message(SITI, "halo")
    )
    await channel.handle_delivery(payloads.encode(delivery))
    assert fake_graph.messages_to(SITI)


@pytest.mark.expects_crash
async def test_an_error_while_processing_is_logged_not_raised(
    graph_client: GraphClient, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenEngine:
        async def handle(self, incoming: Incoming) -> list[Reply]:
            raise RuntimeError("boom")

    channel = WhatsAppChannel(
        BrokenEngine(),  # type: ignore[arg-type]
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=MemoryInbox(),
    )
    app = web.Application()
    app.add_routes(channel.routes())
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        raw = payloads.encode(payloads.text_message(SITI, "halo"))
        assert await post_signed(client, raw, payloads.sign(APP_SECRET, raw)) == 200
        await channel.drain()
    failures = [r for r in caplog.records if r.getMessage() == "whatsapp message failed"]
    assert failures and len(getattr(failures[0], "error_id", "")) == 8


async def test_outside_the_window_a_reply_reports_it(
    channel: WhatsAppChannel, fake_graph: FakeGraphAPI
) -> None:
    fake_graph.fail_next(131047)
    assert await channel.send_reply(SITI, Reply("Pengingat pelatihan besok")) == OutsideWindow()


async def test_a_reply_stops_at_its_first_failed_message(
    channel: WhatsAppChannel, fake_graph: FakeGraphAPI
) -> None:
    fake_graph.fail_next(131047)
    long = "x" * 5000  # two text messages
    assert await channel.send_reply(SITI, Reply(long)) == OutsideWindow()
    assert len(fake_graph.requests_to("/messages")) == 1


async def test_a_reply_with_a_photo_uploads_it_first(
    channel: WhatsAppChannel, fake_graph: FakeGraphAPI
) -> None:
    photo = Attachment("produk.jpg", b"\xff\xd8 jpeg", "image/jpeg")
    result = await channel.send_reply(SITI, Reply("Keripik Bu Siti", photo=photo))
    assert isinstance(result, Sent)
    (image,) = fake_graph.messages_to(SITI)
    assert fake_graph.media[image["image"]["id"]].data == b"\xff\xd8 jpeg"

"""The Graph API client names what happened to each request and retries only what may pass."""

import time

import pytest

from handlers.whatsapp.graph import (
    Failed,
    GraphClient,
    GraphRequestFailed,
    OutsideWindow,
    Rejected,
    Sent,
)
from tests.fakes.graph_api import FakeGraphAPI
from tests.test_whatsapp.conftest import FAST_BACKOFF

SITI = "6281234567890"


def text_to(to: str, body: str = "Halo") -> dict[str, object]:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "text",
        "text": {"preview_url": False, "body": body},
    }


async def test_a_send_posts_to_the_numbers_messages_with_the_bearer_token(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    result = await graph_client.send(text_to(SITI))
    assert isinstance(result, Sent) and result.message_id.startswith("wamid.")
    (request,) = fake_graph.requests
    assert request.path == f"/v23.0/{fake_graph.phone_number_id}/messages"
    assert request.bearer == fake_graph.token
    assert request.json == text_to(SITI)


async def test_outside_the_24_hour_window_is_its_own_outcome(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    fake_graph.fail_next(131047, message="Re-engagement message")
    assert await graph_client.send(text_to(SITI)) == OutsideWindow()
    assert len(fake_graph.requests) == 1, "not retried"


@pytest.mark.parametrize(("code", "status"), [(130429, 400), (131056, 400), (131000, 500)])
async def test_throttling_is_retried_and_then_succeeds(
    fake_graph: FakeGraphAPI, graph_client: GraphClient, code: int, status: int
) -> None:
    fake_graph.fail_next(code, http_status=status)
    result = await graph_client.send(text_to(SITI))
    assert isinstance(result, Sent)
    assert len(fake_graph.requests_to("/messages")) == 2
    assert len(fake_graph.messages_to(SITI)) == 1


async def test_a_plain_5xx_without_a_graph_error_is_retried(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    fake_graph.fail_next(1, http_status=503)
    assert isinstance(await graph_client.send(text_to(SITI)), Sent)


async def test_throttling_that_does_not_end_fails_after_a_bounded_number_of_tries(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    for _ in range(10):
        fake_graph.fail_next(130429)
    result = await graph_client.send(text_to(SITI))
    assert isinstance(result, Failed) and "130429" in result.detail
    assert len(fake_graph.requests_to("/messages")) == 4


async def test_backoff_doubles_between_tries(fake_graph: FakeGraphAPI) -> None:
    for _ in range(3):
        fake_graph.fail_next(130429)
    async with GraphClient(
        fake_graph.api_url, fake_graph.phone_number_id, fake_graph.token, backoff_base=0.05
    ) as client:
        started = time.monotonic()
        assert isinstance(await client.send(text_to(SITI)), Sent)
    assert time.monotonic() - started >= 0.05 + 0.1 + 0.2


async def test_a_bad_request_is_rejected_and_not_retried(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    fake_graph.fail_next(100, message="(#100) Invalid parameter")
    result = await graph_client.send(text_to(SITI))
    assert result == Rejected(100, "(#100) Invalid parameter")
    assert len(fake_graph.requests) == 1


async def test_an_unreachable_api_fails_after_retries() -> None:
    async with GraphClient(
        "http://127.0.0.1:9/v23.0", "1", "token", backoff_base=FAST_BACKOFF, timeout=2
    ) as client:
        result = await client.send(text_to(SITI))
    assert isinstance(result, Failed)


async def test_sends_keep_to_the_rate(fake_graph: FakeGraphAPI) -> None:
    async with GraphClient(
        fake_graph.api_url, fake_graph.phone_number_id, fake_graph.token, rate=50
    ) as client:
        started = time.monotonic()
        for n in range(75):
            assert isinstance(await client.send(text_to(SITI, f"pesan {n}")), Sent)
    # 50 may go at once; the other 25 at 50 per second take half a second.
    assert time.monotonic() - started >= 0.4


async def test_media_is_downloaded_with_the_bearer_token(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    media_id = fake_graph.add_media(b"\x89PNG...", "image/png")
    assert await graph_client.download_media(media_id) == (b"\x89PNG...", "image/png")
    info, download = fake_graph.requests
    assert info.path == f"/v23.0/{media_id}"
    assert download.path == f"/media-download/{media_id}"
    assert info.bearer == download.bearer == fake_graph.token


async def test_media_larger_than_allowed_is_refused(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    media_id = fake_graph.add_media(b"x" * 2048)
    with pytest.raises(GraphRequestFailed) as failure:
        await graph_client.download_media(media_id, max_bytes=1024)
    assert isinstance(failure.value.outcome, Rejected)


async def test_an_upload_returns_a_media_id_the_api_then_accepts(
    fake_graph: FakeGraphAPI, graph_client: GraphClient
) -> None:
    media_id = await graph_client.upload_media(b"BEGIN:VCALENDAR", "text/calendar", "jadwal.ics")
    assert fake_graph.media[media_id].filename == "jadwal.ics"
    (upload,) = fake_graph.requests
    assert upload.form == {"messaging_product": "whatsapp", "type": "text/calendar"}
    document = {
        "messaging_product": "whatsapp",
        "to": SITI,
        "type": "document",
        "document": {"id": media_id, "filename": "jadwal.ics"},
    }
    assert isinstance(await graph_client.send(document), Sent)


async def test_a_wrong_token_is_rejected(fake_graph: FakeGraphAPI) -> None:
    async with GraphClient(fake_graph.api_url, fake_graph.phone_number_id, "wrong") as client:
        result = await client.send(text_to(SITI))
    assert isinstance(result, Rejected) and result.code == 190
    fake_graph.violations.clear()  # the fake records it; here it is the point

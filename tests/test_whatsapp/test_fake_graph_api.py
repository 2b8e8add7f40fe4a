"""The fake Graph API catches what WhatsApp would reject, so passing tests mean something."""

from typing import Any

import aiohttp
import pytest

from tests.fakes.graph_api import FakeGraphAPI, check_message, running_fake_graph

SITI = "6281234567890"


def interactive(kind: str, action: dict[str, Any], body: str = "Pilih:") -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "to": SITI,
        "type": "interactive",
        "interactive": {"type": kind, "body": {"text": body}, "action": action},
    }


def buttons(*titles: str, ids: list[str] | None = None) -> dict[str, Any]:
    ids = ids or [f"b{n}" for n in range(len(titles))]
    return interactive(
        "button",
        {
            "buttons": [
                {"type": "reply", "reply": {"id": i, "title": t}}
                for i, t in zip(ids, titles, strict=True)
            ]
        },
    )


def rows(count: int, start: int = 0, **row: str) -> list[dict[str, str]]:
    return [{"id": f"r{n}", "title": f"Baris {n}", **row} for n in range(start, start + count)]


def a_list(
    *sections: list[dict[str, str]], button: str = "Pilih", titled: bool = False
) -> dict[str, Any]:
    built = [
        {"title": f"Bagian {n}", "rows": section} if titled else {"rows": section}
        for n, section in enumerate(sections)
    ]
    return interactive("list", {"button": button, "sections": built})


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({**buttons("a"), "messaging_product": "sms"}, "messaging_product"),
        (buttons("a", "b", "c", "d"), "1-3 buttons"),
        (buttons("x" * 21), "button title must be 1-20"),
        (buttons("Sama", "Sama"), "titles must be unique"),
        (buttons("a", "b", ids=["same", "same"]), "ids must be unique"),
        (buttons("a", ids=["x" * 257]), "button id must be 1-256"),
        (buttons("a", ids=[" padded"]), "leading or trailing spaces"),
        (
            {
                **buttons("a"),
                "interactive": {**buttons("a")["interactive"], "body": {"text": "x" * 1025}},
            },
            "body.text must be 1-1024",
        ),
        (a_list(rows(11)), "at most 10 rows"),
        (a_list(rows(6), rows(5), titled=True), "at most 10 rows"),
        (a_list(*[rows(1)] * 11, titled=True), "1-10 sections"),
        (a_list(rows(2), rows(2)), "section title"),
        (a_list(rows(1, title="x" * 25)), "row title must be 1-24"),
        (a_list(rows(1, description="x" * 73)), "row description must be 1-72"),
        (a_list(rows(1), button="x" * 21), "list button must be 1-20"),
        (a_list([{"id": "x" * 201, "title": "t"}]), "row id must be 1-200"),
        (
            {
                "messaging_product": "whatsapp",
                "to": SITI,
                "type": "text",
                "text": {"body": "x" * 4097},
            },
            "text.body must be 1-4096",
        ),
        (
            {"messaging_product": "whatsapp", "to": SITI, "type": "text", "text": {"body": ""}},
            "text.body must be 1-4096",
        ),
        (
            {
                "messaging_product": "whatsapp",
                "to": SITI,
                "type": "text",
                "text": {"body": "😀" * 2049},
            },
            "text.body must be 1-4096",
        ),
        (
            {
                "messaging_product": "whatsapp",
                "to": SITI,
                "type": "image",
                "image": {"id": "1", "caption": "x" * 1025},
            },
            "caption must be 1-1024",
        ),
        (
            {
                "messaging_product": "whatsapp",
                "to": SITI,
                "type": "image",
                "image": {"id": "1", "link": "https://x"},
            },
            "exactly one of id or link",
        ),
        (
            {
                **buttons("a"),
                "interactive": {**buttons("a")["interactive"], "footer": {"text": "x" * 61}},
            },
            "footer.text must be 1-60",
        ),
        (
            {
                **buttons("a"),
                "interactive": {
                    **buttons("a")["interactive"],
                    "header": {"type": "text", "text": "x" * 61},
                },
            },
            "header.text must be 1-60",
        ),
        (
            {"messaging_product": "whatsapp", "to": "Siti", "type": "text", "text": {"body": "x"}},
            "to must be a phone number",
        ),
    ],
)
def test_the_validator_catches_what_whatsapp_rejects(payload: dict[str, Any], problem: str) -> None:
    problems = check_message(payload)
    assert any(problem in p for p in problems), problems


def test_the_validator_accepts_messages_at_the_limits() -> None:
    assert check_message(buttons("x" * 20, "y" * 20, "z" * 20, ids=["a" * 256, "b", "c"])) == []
    assert (
        check_message(
            a_list(rows(1, title="x" * 24, description="y" * 72), rows(9, start=1), titled=True)
        )
        == []
    )


async def test_a_send_without_a_token_is_refused_and_recorded() -> None:
    async with running_fake_graph() as fake, aiohttp.ClientSession() as http:
        response = await http.post(
            f"{fake.api_url}/{fake.phone_number_id}/messages", json=buttons("a")
        )
        assert response.status == 401
        body = await response.json()
        assert body["error"]["code"] == 190
        assert fake.violations == [
            f"POST /v23.0/{fake.phone_number_id}/messages: no valid bearer token"
        ]


async def test_a_rejected_message_is_answered_with_a_graph_error(fake_graph: FakeGraphAPI) -> None:
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{fake_graph.api_url}/{fake_graph.phone_number_id}/messages",
            json=buttons("a", "b", "c", "d"),
            headers={"Authorization": f"Bearer {fake_graph.token}"},
        )
        assert response.status == 400
        assert (await response.json())["error"]["code"] == 100
    assert fake_graph.violations and fake_graph.sent == []
    fake_graph.violations.clear()


async def test_a_queued_error_answers_the_next_send_only(fake_graph: FakeGraphAPI) -> None:
    fake_graph.fail_next(131047, message="Re-engagement message")
    url = f"{fake_graph.api_url}/{fake_graph.phone_number_id}/messages"
    headers = {"Authorization": f"Bearer {fake_graph.token}"}
    async with aiohttp.ClientSession() as http:
        first = await http.post(url, json=buttons("a"), headers=headers)
        second = await http.post(url, json=buttons("a"), headers=headers)
        assert (first.status, second.status) == (400, 200)
        error = (await first.json())["error"]
        assert (error["code"], error["message"]) == (131047, "Re-engagement message")
        answer = await second.json()
    assert answer["contacts"] == [{"input": SITI, "wa_id": SITI}]
    assert answer["messages"][0]["id"].startswith("wamid.")

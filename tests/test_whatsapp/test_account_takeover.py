"""A contact card is not proof of a number: only the sender's own number links a chat."""

from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.models import ChannelAccount
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import FakeGraphAPI
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.transcript import Person

VICTIM_PHONE = "+62 812-3456-7890"
ATTACKER = "6289876543210"


async def test_a_card_with_someone_elses_phone_and_my_own_wa_id_links_nobody(
    webhook: TestClient[web.Request, web.Application],
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
    engine: ConversationEngine,
) -> None:
    await Person(engine, "777", channel="telegram").registers(
        name="Siti Aminah", phone="0812-3456-7890"
    )
    attacker = WhatsAppPerson(webhook, channel, fake_graph, ATTACKER)
    await attacker.says("daftar")
    await attacker.presses("Setuju")
    await attacker.says("Joko Susilo")
    await attacker.deliver(
        payloads.contacts_message(
            ATTACKER, VICTIM_PHONE, contact_wa_id=ATTACKER, formatted_name="Siti Aminah"
        )
    )

    assert "Siti" not in attacker.text and "OK-317401" not in attacker.text
    assert "0898-7654-3210 dicatat" in attacker.text  # his own number, as WhatsApp vouches
    await attacker.says("menu")  # still a guest, his own form kept as a draft
    assert "Lanjutkan pendaftaran" in attacker.text and "Profil saya" not in attacker.text
    async with engine.db.transaction() as session:
        account = (
            await session.scalars(
                select(ChannelAccount).where(ChannelAccount.channel == "whatsapp")
            )
        ).one()
    assert account.member_id is None


async def test_a_card_of_someone_else_is_refused(
    webhook: TestClient[web.Request, web.Application],
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
    engine: ConversationEngine,
) -> None:
    await Person(engine, "778", channel="telegram").registers(
        name="Siti Aminah", phone="0812-3456-7890"
    )
    attacker = WhatsAppPerson(webhook, channel, fake_graph, ATTACKER)
    await attacker.says("daftar")
    await attacker.presses("Setuju")
    await attacker.says("Joko Susilo")
    await attacker.deliver(
        payloads.contacts_message(ATTACKER, VICTIM_PHONE, contact_wa_id="6281234567890")
    )
    assert "nomor orang lain" in attacker.text and "Siti" not in attacker.text

"""A household's one phone: a second person registers with it, and nothing is linked silently.

Whether a number is a member's is told only to someone the platform vouches owns
it (WhatsApp's sender, Telegram's own shared contact); a typed number is taken as
it is. The owner is asked: "that's me" links this chat, "another person" registers
a second member with the same phone.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from bot.db import Database
from bot.messages import Incoming
from bot.models import ChannelAccount, Member
from tests.transcript import Person, make_engine

HOME_PHONE = "0812-9999-0000"
HOME_E164 = "+6281299990000"


class WhatsAppLike(Person):
    """A chat whose platform vouches for the sender's number, as WhatsApp does."""

    def event(self, **fields: object) -> Incoming:
        return replace(super().event(**fields), sender_phone=HOME_E164.removeprefix("+"))


async def _register_from_contact(person: Person, name: str) -> None:
    await person.says("daftar")
    await person.says("ya")
    await person.says(name)
    await person.shares_contact(HOME_E164.removeprefix("+"), own=True)


async def test_a_second_person_registers_with_the_households_phone(database: Database) -> None:
    engine = make_engine(database)
    await Person(engine, "h1", channel="telegram").registers(name="Siti Aminah", phone=HOME_PHONE)
    budi = Person(engine, "h2", channel="telegram")
    await _register_from_contact(budi, "Budi Santoso")
    assert "sudah terdaftar" in budi.text and "keluarga" in budi.text
    assert "Siti" not in budi.text  # not even the owner is told whose it is, yet
    await budi.says("daftarkan orang lain")
    assert "0812-9999-0000 dicatat" in budi.text
    for text in ("tebet", "manggarai", "masih ide", "jasa", "simpan"):
        await budi.says(text)
    assert "Nomor anggota: OK-317401-000002" in budi.text

    async with database.transaction() as session:
        holders = (
            await session.scalars(select(Member).where(Member.phone_e164 == HOME_E164))
        ).all()
        chats = {a.external_id: a.member_id for a in await session.scalars(select(ChannelAccount))}
    assert sorted(m.full_name or "" for m in holders) == ["Budi Santoso", "Siti Aminah"]
    assert chats["h1"] != chats["h2"], "the two members' chats stay apart"


async def test_that_is_me_links_the_chat_as_before(database: Database) -> None:
    engine = make_engine(database)
    await Person(engine, "h3", channel="telegram").registers(name="Siti Aminah", phone=HOME_PHONE)
    again = Person(engine, "h4", channel="telegram")
    await _register_from_contact(again, "Siti A")
    await again.says("itu saya")
    assert "terhubung dengan data Anda: Siti Aminah (OK-317401-000001)" in again.text
    assert "Profil saya" in " ".join(again.labels)


async def test_a_shared_phone_is_never_linked_to_one_of_its_members_silently(
    database: Database,
) -> None:
    engine = make_engine(database)
    await Person(engine, "h5", channel="telegram").registers(name="Siti Aminah", phone=HOME_PHONE)
    await Person(engine, "h6", channel="telegram").registers(name="Budi Santoso", phone=HOME_PHONE)

    whatsapp = WhatsAppLike(engine, HOME_E164.removeprefix("+"), channel="whatsapp")
    await whatsapp.says("halo")
    assert "Daftar OK OCE" in " ".join(whatsapp.labels), "a guest: not linked to either"
    await whatsapp.says("daftar")
    await whatsapp.says("ya")
    await whatsapp.says("Budi")
    await whatsapp.says("pakai nomor ini")
    await whatsapp.says("itu saya")
    assert "Anda yang mana?" in whatsapp.question
    assert {"Siti Aminah", "Budi Santoso"} <= set(whatsapp.labels)
    await whatsapp.says("budi santoso")
    assert "terhubung dengan data Anda: Budi Santoso" in whatsapp.text


async def test_a_whatsapp_number_one_member_holds_still_links_at_once(database: Database) -> None:
    engine = make_engine(database)
    await Person(engine, "h7", channel="telegram").registers(name="Siti Aminah", phone=HOME_PHONE)
    whatsapp = WhatsAppLike(engine, HOME_E164.removeprefix("+"), channel="whatsapp")
    await whatsapp.says("halo")
    assert "Menu utama, Siti Aminah" in whatsapp.question

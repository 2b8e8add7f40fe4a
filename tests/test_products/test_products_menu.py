"""Produk & jualan: one row of the member menu, a hub of product tools, Bahasa still typed."""

from __future__ import annotations

from pathlib import Path

from bot.db import Database
from conversations.products.hub import HUB_ITEMS, Audience
from conversations.registry import all_flows
from tests.test_products.selling_people import Seller, selling_engine


async def test_members_reach_selling_through_the_products_row_of_a_ten_row_menu(
    sqlite_database: Database, tmp_path: Path
) -> None:
    siti = Seller(selling_engine(sqlite_database, tmp_path), "siti")
    await siti.registers()
    await siti.commands("menu")
    assert "🛍️ Produk & jualan" in siti.labels
    assert len(siti.labels) <= 10 and "🌐 Bahasa" not in siti.labels

    await siti.presses("Produk & jualan")
    assert siti.question.startswith("🛍️ Produk & jualan")
    assert siti.labels == ["📸 Jual produk", "📦 Produk saya", "🔎 Cari produk", "↩ Menu"]
    await siti.says("1")
    assert "Kirim foto produknya" in siti.question

    await siti.presses("Menu")
    await siti.presses("Produk & jualan")
    await siti.says("cari produk")
    assert siti.question.startswith("🛍️ Cari produk anggota OK OCE")
    assert siti.labels == ["🏷️ Per kategori", "📍 Per kecamatan", "↩ Menu"]

    await siti.commands("menu")
    assert siti.question.startswith("Menu utama")


async def test_members_still_change_language_by_typing_it(
    sqlite_database: Database, tmp_path: Path
) -> None:
    siti = Seller(selling_engine(sqlite_database, tmp_path), "siti")
    await siti.registers()
    await siti.says("bahasa")
    assert "English" in siti.labels
    await siti.says("help")
    assert "bahasa" in siti.text


async def test_guests_keep_their_menu_and_are_offered_registration_to_sell(
    sqlite_database: Database, tmp_path: Path
) -> None:
    guest = Seller(selling_engine(sqlite_database, tmp_path), "tamu")
    await guest.commands("menu")
    assert "🌐 Bahasa" in guest.labels and "🛍️ Produk & jualan" not in guest.labels

    await guest.sends_photo(caption="Keripik Balado 15rb")
    assert "daftar dulu" in guest.question
    await guest.presses("Nanti saja")
    assert "kirim lagi fotonya" in guest.text
    assert guest.question.startswith("Menu utama")


async def test_a_photo_sent_in_the_hub_starts_a_listing(
    sqlite_database: Database, tmp_path: Path
) -> None:
    siti = Seller(selling_engine(sqlite_database, tmp_path), "siti")
    await siti.registers()
    await siti.commands("menu")
    await siti.presses("Produk & jualan")
    await siti.sends_photo(caption="Keripik Balado 15rb")
    assert "Keripik Balado, Rp15.000." in siti.question


def test_every_hub_item_opens_a_registered_flow_for_a_named_audience() -> None:
    flows = all_flows()
    assert all(item.flow in flows and item.audience in Audience for item in HUB_ITEMS)
    assert len({item.id for item in HUB_ITEMS}) == len(HUB_ITEMS)


async def test_a_guest_typing_jual_is_offered_registration_then_asked_for_the_photo(
    sqlite_database: Database, tmp_path: Path
) -> None:
    guest = Seller(selling_engine(sqlite_database, tmp_path), "tamu")
    await guest.says("jual")
    assert "daftar dulu" in guest.question and "Kirim saja" in guest.question
    await guest.presses("Daftar sekarang")
    await guest.presses("Setuju")
    for answer in ("Siti Aminah", "0812-3456-7890", "tebet", "Menteng Dalam"):
        await guest.says(answer)
    await guest.presses("Masih ide")
    await guest.presses("Kuliner")
    await guest.presses("Simpan")
    assert "lanjut ke produk tadi" in guest.text
    assert "Kirim foto produknya" in guest.question


async def test_a_guest_may_send_the_photo_first_and_it_waits(
    sqlite_database: Database, tmp_path: Path
) -> None:
    guest = Seller(selling_engine(sqlite_database, tmp_path), "tamu")
    await guest.says("jual")
    await guest.sends_photo(caption="Keripik Balado 15rb")
    assert "Foto Anda kami simpan" in guest.question


async def test_a_listing_left_for_the_menu_is_offered_back_from_the_hub(
    sqlite_database: Database, tmp_path: Path
) -> None:
    siti = Seller(selling_engine(sqlite_database, tmp_path), "siti")
    await siti.registers()
    await siti.sends_photo(caption="Keripik Balado 15rb")
    await siti.says("menu")
    assert "Isian jual produk tadi disimpan" in siti.text

    await siti.presses("Produk & jualan")
    await siti.presses("Jual produk")
    assert siti.question.startswith("Lanjutkan jual produk?")
    await siti.presses("Lanjutkan")
    assert "Keripik Balado, Rp15.000." in siti.question

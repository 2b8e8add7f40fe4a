"""Jual produk through the engine: a photo and its caption become a published listing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.db import Database
from bot.messages import Photo
from bot.models import MemberProgress, OutboxMessage, PhotoDeletion
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import RenditionKind
from bot.services import members, roles
from bot.services.catalog import PhotoFacts
from bot.vocabulary import ListingStatus, OutboxKind, PasStep, ProductCategory, StaffRoleName
from conversations.products.photo_intake import take_photo
from tests.test_products.selling_people import Seller, jpeg, listings, photo_keys, selling_engine
from tests.transcript import START

CAPTION = "Keripik Balado 15rb/bungkus"


async def _registered(database: Database, tmp_path: Path, **settings: object) -> Seller:
    siti = Seller(selling_engine(database, tmp_path, **settings), "siti")
    await siti.registers()
    siti.actions = 0
    return siti


async def test_a_captioned_photo_is_published_in_three_taps_with_its_link(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path, public_url="https://etalase.okoce.example")
    await siti.sends_photo(caption=CAPTION)
    assert "Keripik Balado, Rp15.000 / bungkus." in siti.question
    assert "kategori" in siti.question
    assert siti.labels[0] == "Makanan", "her sector (kuliner) is the first guess"

    await siti.presses("Camilan")
    [preview] = siti.last
    assert preview.photo is not None and preview.photo.mime_type == "image/jpeg"
    for shown in ("Keripik Balado", "Rp15.000 / bungkus", "Camilan & kue", "1 foto"):
        assert shown in preview.text
    assert "WA tidak ditampilkan" in preview.text

    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert "sudah tayang" in siti.text
    assert f"https://etalase.okoce.example/p/{listing.id}" in siti.text
    assert siti.actions == 3, "photo, category, Terbitkan: under the target of six"
    assert (listing.name, listing.price, listing.unit) == ("Keripik Balado", 15_000, "bungkus")
    assert listing.category is ProductCategory.CAMILAN
    assert listing.status is ListingStatus.LIVE and not listing.show_whatsapp
    assert len(await photo_keys(database, listing.id)) == 1
    assert await _pas_steps(database) == {PasStep.P5}, "a live product is her P5 done"
    store = DirectoryPhotoStore(tmp_path / "photos")
    [key] = await photo_keys(database, listing.id)
    assert await store.read(key, RenditionKind.WEB) == preview.photo.data


async def _pas_steps(database: Database) -> set[PasStep]:
    """The 7 PAS steps noted in `member_progress` beyond registration."""
    async with database.transaction() as session:
        steps = set(await session.scalars(select(MemberProgress.step)))
    return steps - {PasStep.P1}


async def test_a_caption_without_a_price_asks_only_the_price(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(caption="Kue Lapis Legit")
    assert siti.question.startswith("Berapa harga Kue Lapis Legit?")

    await siti.says("45 ribu")
    assert "Kue Lapis Legit, Rp45.000." in siti.question
    await siti.presses("Makanan")
    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert (listing.name, listing.price, listing.category) == (
        "Kue Lapis Legit",
        45_000,
        ProductCategory.KULINER,
    )
    assert "sudah tayang di etalase" in siti.text, "no public address set: no link"


async def test_a_photo_without_a_caption_asks_the_name_which_may_carry_the_price(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo()
    assert "nama produknya" in siti.question
    await siti.says("Nasi Uduk Betawi 12rb")
    assert "Nasi Uduk Betawi, Rp12.000." in siti.question


async def test_a_doubtful_or_refused_price_is_asked_again_kindly(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(caption="Keripik Balado 15rb-20rb")
    assert "lebih dari satu harga" in siti.question

    for typed, answer in (
        ("gratis", "hanya untuk produk yang dijual"),
        ("-5rb", "tidak bisa minus"),
        ("15rb-20rb", "satu harga saja"),
        ("lima belas ribu", "angkanya saja"),
    ):
        await siti.says(typed)
        assert answer in siti.text, typed
        assert not await listings(database)

    await siti.says("Rp 17.500,-")
    assert "Keripik Balado, Rp17.500." in siti.question


async def test_changing_fields_from_the_preview_comes_back_to_it(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(caption=CAPTION)
    await siti.presses("Camilan")

    await siti.presses("Ubah")
    await siti.presses("Harga")
    await siti.says("20rb")
    assert "Rp20.000 / bungkus" in siti.question
    await siti.presses("Ubah")
    await siti.presses("Stok")
    await siti.says("stok 12 bungkus")
    assert "Stok: 12" in siti.question
    await siti.presses("Ubah")
    await siti.presses("Keterangan")
    await siti.says("Pedas manis, renyah, tanpa pengawet. Pesan H-1 untuk jumlah banyak ya kak.")
    assert "📝 Pedas manis" in siti.question and "…" in siti.question
    await siti.presses("Ubah")
    await siti.presses("Tampilkan WA")
    assert "WA ditampilkan" in siti.question
    await siti.presses("Ubah")
    await siti.presses("Nama")
    await siti.says("Keripik Singkong Balado")
    assert "Keripik Singkong Balado" in siti.question
    await siti.presses("Ubah")
    await siti.presses("Ganti foto")
    assert "Foto yang lama diganti" in siti.question
    await siti.sends_photo(jpeg((5, 160, 5)))
    assert "1 foto" in siti.question

    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert (listing.name, listing.price, listing.stock) == ("Keripik Singkong Balado", 20_000, 12)
    assert listing.show_whatsapp
    assert listing.description is not None and listing.description.endswith("ya kak.")
    assert await photo_keys(database, listing.id) == [await _key_of(jpeg((5, 160, 5)), tmp_path)]
    async with database.transaction() as session:
        replaced = list(await session.scalars(select(PhotoDeletion.photo_key)))
    assert replaced == [await _key_of(jpeg(), tmp_path)], "the replaced photo is let go"


async def test_cancelling_publishes_nothing_and_lets_the_photo_go_until_sent_again(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(caption=CAPTION)
    await siti.presses("Camilan")
    await siti.presses("Batal")

    assert "tidak jadi diterbitkan" in siti.text
    assert siti.question.startswith("Menu utama")
    assert await listings(database) == []
    async with database.transaction() as session:
        queued = list(await session.scalars(select(PhotoDeletion.photo_key)))
    assert len(queued) == 1, "the photo is swept from the store later"

    await siti.sends_photo(caption=CAPTION)  # she thinks again, and sends it once more
    async with database.transaction() as session:
        assert list(await session.scalars(select(PhotoDeletion.photo_key))) == []


async def test_a_too_small_or_fake_photo_is_refused_and_another_asked_for(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(jpeg(size=(200, 150)), caption=CAPTION)
    assert "terlalu kecil" in siti.text
    assert "Kirim foto produknya" in siti.question

    await siti.sends_photo(b"%PDF-1.4 not a photo at all")
    assert "bukan foto" in siti.text
    await siti.says("ini fotonya")
    assert "Kirim fotonya dulu" in siti.text

    await siti.sends_photo(jpeg())
    assert "Keripik Balado, Rp15.000 / bungkus." in siti.question, "the first caption was kept"


async def test_an_album_of_three_becomes_one_listing_with_its_photos_in_order(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    colours = [(200, 40, 40), (40, 200, 40), (40, 40, 200)]
    await siti.sends_photo(jpeg(colours[0]), caption=CAPTION, album="13912345")
    category_question = list(siti.last)
    for number, colour in enumerate(colours[1:], start=2):
        replies = await siti.sends_photo(jpeg(colour), album="13912345")
        assert [reply.text for reply in replies] == [f"📷 Foto ke-{number} masuk."]
        assert not replies[0].choices, "the category question stays, not asked again"

    siti.last = category_question  # she taps the question still on her screen
    await siti.presses("Camilan")
    assert "3 foto" in siti.question
    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    keys = await photo_keys(database, listing.id)
    assert len(set(keys)) == 3
    assert keys[0] == await _key_of(jpeg(colours[0]), tmp_path)
    assert keys[2] == await _key_of(jpeg(colours[2]), tmp_path)


async def _key_of(data: bytes, tmp_path: Path) -> str:
    facts = await take_photo(DirectoryPhotoStore(tmp_path / "photos"), Photo(data))
    assert isinstance(facts, PhotoFacts)
    return facts.key


async def test_an_albums_caption_on_a_later_photo_answers_the_open_question(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(jpeg((1, 2, 3)), album="777")
    assert "nama produknya" in siti.question
    await siti.sends_photo(jpeg((90, 2, 3)), caption="Kue Lapis 45rb", album="777")
    assert siti.last[0].text == "📷 Foto ke-2 masuk."
    assert "Kue Lapis, Rp45.000." in siti.question, "the category is asked next"
    category_question = list(siti.last)

    await siti.sends_photo(jpeg((1, 90, 3)), caption="Bolu Pandan\nLembut, wangi", album="778")
    assert siti.text == "📷 Foto ke-3 masuk."
    siti.last = category_question
    await siti.presses("Camilan")
    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert (listing.name, listing.description) == ("Kue Lapis", None), "another album's words"


async def test_a_sixth_photo_is_refused_saying_the_limit(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(jpeg((10, 10, 10)), caption=CAPTION)
    for shade in range(2, 7):
        await siti.sends_photo(jpeg((shade * 30, 10, 10)))
    assert siti.text == "Paling banyak 5 foto per produk. Foto ini tidak dipakai."

    await siti.says("camilan")
    assert "5 foto" in siti.question
    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert len(await photo_keys(database, listing.id)) == 5


async def test_a_guests_photo_waits_through_registration_then_the_listing_goes_on(
    database: Database, tmp_path: Path
) -> None:
    guest = Seller(selling_engine(database, tmp_path), "tamu")
    await guest.sends_photo(caption=CAPTION)
    assert "daftar dulu" in guest.question and "Foto Anda kami simpan" in guest.question
    offer = list(guest.last)
    await guest.sends_photo(jpeg((30, 90, 150)))
    assert guest.text == "📷 Foto ke-2 masuk."
    guest.last = offer  # the offer is still on her screen

    await guest.presses("Daftar sekarang")
    await guest.presses("Setuju")
    for answer in ("Siti Aminah", "0812-3456-7890", "tebet", "Menteng Dalam"):
        await guest.says(answer)
    await guest.presses("sudah jalan")
    await guest.says("Warung Bu Siti")
    await guest.presses("Kuliner")
    await guest.presses("Simpan")
    assert "Anda sekarang anggota OK OCE" in guest.text
    assert "lanjut ke produk tadi" in guest.text
    assert "Keripik Balado, Rp15.000 / bungkus." in guest.question

    await guest.presses("Camilan")
    assert "2 foto" in guest.question
    await guest.presses("Terbitkan")
    [listing] = await listings(database)
    async with database.transaction() as session:
        seller = await members.find_member(session, "OK-317401-000001")
    assert seller is not None and listing.seller_member_id == seller.id
    assert len(await photo_keys(database, listing.id)) == 2


async def test_under_review_the_listing_waits_and_the_coordinator_is_asked(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path, catalog_moderation="coordinator")
    budi = Seller(siti.engine, "budi")
    await budi.registers(name="Budi Santoso", phone="0813-1111-2222")
    async with database.transaction() as session:
        coordinator = await members.find_member(session, "OK-317401-000002")
        assert coordinator is not None
        await roles.grant_role(
            session,
            coordinator.id,
            StaffRoleName.COORDINATOR,
            kecamatan_code=coordinator.kecamatan_code,
            granted_by="test:1",
            now=START,
        )
    await siti.sends_photo(caption=CAPTION)
    await siti.presses("Camilan")
    await siti.presses("Terbitkan")

    assert "Koordinator kecamatan cek dulu" in siti.text
    [listing] = await listings(database)
    assert listing.status is ListingStatus.PENDING_REVIEW
    assert await _pas_steps(database) == set(), "P5 waits until the product is live"
    async with database.transaction() as session:
        asked = list(
            await session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.kind == OutboxKind.LISTING_REVIEW_REQUESTED
                )
            )
        )
    assert [(row.member_id, row.payload) for row in asked] == [
        (coordinator.id, {"listing_id": listing.id})
    ]


async def test_a_caption_is_never_read_as_a_menu_item_or_a_command(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.commands("menu")
    await siti.sends_photo(caption="Jadwal")
    assert siti.question.startswith("Berapa harga Jadwal?")
    assert "Jadwal terdekat" not in siti.text
    for caption in ("menu", "kembali", "batal"):
        await siti.sends_photo(jpeg((len(caption) * 20, 50, 50)), caption=caption)
        assert "Foto ke-" in siti.text, caption


async def test_in_english_every_selling_screen_is_translated_and_fits_a_phone(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.says("language")
    await siti.presses("English")
    await siti.sends_photo(caption=CAPTION)
    assert "Which category?" in siti.question
    await siti.says("snacks")
    assert "Snacks & cakes" in siti.question
    await siti.presses("Edit")
    assert "What do you want to change?" in siti.question
    await siti.presses("Description")
    await siti.says("Pedas manis, renyah, tanpa pengawet, dibuat setiap pagi di dapur kami.")
    assert "Publish now?" in siti.question and "WA not shown" in siti.question
    await siti.presses("Publish")
    assert "Your product is live" in siti.text


async def test_a_member_who_deletes_their_data_takes_a_half_written_listings_photo(
    database: Database, tmp_path: Path
) -> None:
    siti = await _registered(database, tmp_path)
    await siti.sends_photo(caption=CAPTION)
    await siti.says("menu")
    assert "Isian jual produk tadi disimpan" in siti.text
    await siti.presses("Profil saya")
    await siti.presses("Hapus data saya")
    await siti.presses("Ya, hapus")
    assert "sudah dihapus" in siti.text

    key = await _key_of(jpeg(), tmp_path)
    async with database.transaction() as session:
        queued = list(await session.scalars(select(PhotoDeletion.photo_key)))
    assert queued == [key], "the sweeper removes the photo from the store"


async def test_a_guest_with_a_kept_registration_still_comes_back_to_the_listing(
    database: Database, tmp_path: Path
) -> None:
    guest = Seller(selling_engine(database, tmp_path), "tamu")
    await guest.commands("daftar")
    await guest.presses("Setuju")
    await guest.says("Siti Aminah")
    await guest.says("menu")
    assert "Isian pendaftaran tadi disimpan" in guest.text

    await guest.sends_photo(caption=CAPTION)
    await guest.presses("Daftar sekarang")
    assert guest.question.startswith("Lanjutkan pendaftaran?")
    await guest.presses("Lanjutkan")
    for answer in ("0812-3456-7890", "tebet", "Menteng Dalam"):
        await guest.says(answer)
    await guest.presses("Masih ide")
    await guest.presses("Kuliner")
    await guest.presses("Simpan")
    assert "lanjut ke produk tadi" in guest.text
    assert "Keripik Balado, Rp15.000 / bungkus." in guest.question

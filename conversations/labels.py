"""How programme values are named to people (marked here, translated when shown)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.i18n import N_, gettext
from bot.vocabulary import (
    BusinessStatus,
    ListingStatus,
    PasStep,
    ProductCategory,
    ReportReason,
    Sector,
    SessionKind,
    SessionStatus,
    StaffRoleName,
    Topic,
)

SECTOR_LABELS = {
    Sector.KULINER: N_("Kuliner"),
    Sector.FESYEN: N_("Fesyen"),
    Sector.KRIYA: N_("Kriya / kerajinan"),
    Sector.JASA: N_("Jasa"),
    Sector.AGRIBISNIS: N_("Agribisnis"),
    Sector.PERDAGANGAN: N_("Perdagangan"),
    Sector.LAINNYA: N_("Lainnya"),
}

BUSINESS_STATUS_LABELS = {
    BusinessStatus.RUNNING: N_("Usaha sudah jalan"),
    BusinessStatus.IDEA: N_("Masih ide"),
}

PAS_STEP_LABELS = {
    PasStep.P1: N_("P1 Pendaftaran"),
    PasStep.P2: N_("P2 Pelatihan"),
    PasStep.P3: N_("P3 Pendampingan"),
    PasStep.P4: N_("P4 Perizinan"),
    PasStep.P5: N_("P5 Pemasaran"),
    PasStep.P6: N_("P6 Laporan keuangan"),
    PasStep.P7: N_("P7 Akses permodalan"),
}

PAS_STEP_NAMES = {
    PasStep.P1: N_("daftar"),
    PasStep.P2: N_("pelatihan"),
    PasStep.P3: N_("pendampingan"),
    PasStep.P4: N_("izin usaha"),
    PasStep.P5: N_("pemasaran"),
    PasStep.P6: N_("laporan keuangan"),
    PasStep.P7: N_("akses modal"),
}
"""The 7 PAS steps in plain words, for members (the codes are staff jargon)."""

ROLE_LABELS = {StaffRoleName.COORDINATOR: N_("Koordinator"), StaffRoleName.COACH: N_("Coach")}

LANGUAGE_LABELS = {"id": "Bahasa Indonesia", "en": "English"}
"""Each language is named in itself, so anyone can find theirs."""

SESSION_KIND_LABELS = {
    SessionKind.CLINIC: N_("Klinik konsultasi"),
    SessionKind.TRAINING: N_("Pelatihan"),
    SessionKind.MEETUP: N_("Temu usaha"),
}

SESSION_KIND_SHORT_LABELS = {
    SessionKind.CLINIC: N_("Klinik"),
    SessionKind.TRAINING: N_("Pelatihan"),
    SessionKind.MEETUP: N_("Temu usaha"),
}
"""The kind in a list entry, where every character counts."""

TOPIC_LABELS = {
    Topic.GENERAL: N_("Umum"),
    Topic.P1: N_("P1 Pendaftaran"),
    Topic.P2: N_("P2 Pelatihan"),
    Topic.P3: N_("P3 Pendampingan"),
    Topic.P4: N_("P4 Perizinan"),
    Topic.P5: N_("P5 Pemasaran"),
    Topic.P6: N_("P6 Laporan keuangan"),
    Topic.P7: N_("P7 Akses permodalan"),
}

SESSION_STATUS_LABELS = {
    SessionStatus.SCHEDULED: N_("Terjadwal"),
    SessionStatus.CHANGED: N_("Jadwal diubah"),
    SessionStatus.CANCELLED: N_("Dibatalkan"),
    SessionStatus.DONE: N_("Selesai"),
}

CATEGORY_LABELS = {
    ProductCategory.KULINER: N_("Makanan"),
    ProductCategory.CAMILAN: N_("Camilan & kue"),
    ProductCategory.MINUMAN: N_("Minuman"),
    ProductCategory.FESYEN: N_("Fesyen"),
    ProductCategory.KRIYA: N_("Kerajinan"),
    ProductCategory.KECANTIKAN: N_("Kecantikan"),
    ProductCategory.RUMAH_TANGGA: N_("Perlengkapan rumah"),
    ProductCategory.AGRIBISNIS: N_("Hasil tani & tanaman"),
    ProductCategory.PERDAGANGAN: N_("Sembako & dagangan"),
    ProductCategory.JASA: N_("Jasa"),
    ProductCategory.LAINNYA: N_("Lainnya"),
}

LISTING_STATUS_LABELS = {
    ListingStatus.DRAFT: N_("Draf"),
    ListingStatus.PENDING_REVIEW: N_("Menunggu ditinjau"),
    ListingStatus.LIVE: N_("Tayang"),
    ListingStatus.REJECTED: N_("Ditolak"),
    ListingStatus.SOLD_OUT: N_("Stok habis"),
    ListingStatus.DELETED: N_("Dihapus"),
}

REPORT_REASON_LABELS = {
    ReportReason.SCAM: N_("Penipuan"),
    ReportReason.PROHIBITED: N_("Barang terlarang"),
    ReportReason.INAPPROPRIATE: N_("Tidak pantas"),
    ReportReason.WRONG_INFO: N_("Info atau harga salah"),
    ReportReason.OTHER: N_("Lainnya"),
}


def label(labels: Mapping[Any, str], key: str | None) -> str:
    """The translated label for `key`, or `-` when there is none."""
    if key is None or key not in labels:
        return "-"
    return gettext(labels[key])

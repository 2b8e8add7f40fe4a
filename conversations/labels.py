"""How programme values are named to people (translated when shown)."""

from __future__ import annotations

from bot.i18n import N_, gettext

SECTOR_LABELS = {
    "kuliner": N_("Kuliner"),
    "fesyen": N_("Fesyen"),
    "kriya": N_("Kriya / kerajinan"),
    "jasa": N_("Jasa"),
    "agribisnis": N_("Agribisnis"),
    "perdagangan": N_("Perdagangan"),
    "lainnya": N_("Lainnya"),
}

BUSINESS_STATUS_LABELS = {
    "running": N_("Usaha sudah jalan"),
    "idea": N_("Masih ide"),
}

PAS_STEP_LABELS = {
    "P1": N_("P1 Pendaftaran"),
    "P2": N_("P2 Pelatihan"),
    "P3": N_("P3 Pendampingan"),
    "P4": N_("P4 Perizinan"),
    "P5": N_("P5 Pemasaran"),
    "P6": N_("P6 Laporan keuangan"),
    "P7": N_("P7 Akses permodalan"),
}

ROLE_LABELS = {"coordinator": N_("Koordinator"), "coach": N_("Coach")}

LANGUAGE_LABELS = {"id": "Bahasa Indonesia", "en": "English"}
"""Each language is named in itself, so anyone can find theirs."""


def label(labels: dict[str, str], key: str | None) -> str:
    """The translated label for `key`, or `-` when there is none."""
    if key is None or key not in labels:
        return "-"
    return gettext(labels[key])


SESSION_KIND_LABELS = {
    "clinic": N_("Klinik konsultasi"),
    "training": N_("Pelatihan"),
    "meetup": N_("Temu usaha"),
}

TOPIC_LABELS = {"general": N_("Umum"), **PAS_STEP_LABELS}

SESSION_STATUS_LABELS = {
    "scheduled": N_("Terjadwal"),
    "changed": N_("Jadwal diubah"),
    "cancelled": N_("Dibatalkan"),
    "done": N_("Selesai"),
}

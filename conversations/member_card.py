"""A member's details as a short block of text (registration summary, profile)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.areas import AreaDirectory
from bot.i18n import _
from bot.phones import display_phone
from conversations.labels import BUSINESS_STATUS_LABELS, SECTOR_LABELS, label


def describe_details(values: Mapping[str, Any], areas: AreaDirectory) -> str:
    """Name, phone, area, business and sector, one per line."""
    kecamatan = areas.kecamatan(values.get("kecamatan_code") or "")
    kelurahan = areas.kelurahan(values.get("kelurahan_code") or "")
    area = "-"
    if kecamatan is not None:
        area = _("Kec. {kecamatan}, {kota}").format(
            kecamatan=kecamatan.name, kota=kecamatan.kota.short_name
        )
        if kelurahan is not None:
            area = _("Kel. {kelurahan}").format(kelurahan=kelurahan.name) + ", " + area
    status = label(BUSINESS_STATUS_LABELS, values.get("business_status"))
    business = values.get("business_name")
    phone = values.get("phone_e164")
    lines = [
        _("Nama: {name}").format(name=values.get("full_name") or "-"),
        _("HP: {phone}").format(phone=display_phone(phone) if phone else "-"),
        _("Wilayah: {area}").format(area=area),
        _("Usaha: {business}").format(business=f"{business} ({status})" if business else status),
        _("Bidang: {sector}").format(sector=label(SECTOR_LABELS, values.get("sector"))),
    ]
    return "\n".join(lines)

"""What the catalog services answer besides the thing asked for, shared by every seam."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Listing


@dataclass(frozen=True)
class NotFound:
    """No such listing, or not one this person may see or change (never says which)."""


@dataclass(frozen=True)
class NotAllowed:
    """The listing exists, but this reviewer may not review it (another kecamatan)."""


@dataclass(frozen=True)
class WrongStatus:
    """The listing is not in a state where this can be done (e.g. approving a live one)."""

    listing: Listing


@dataclass(frozen=True)
class Changed:
    """The listing as it is now, after the change."""

    listing: Listing

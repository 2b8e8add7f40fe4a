"""Catalog upkeep for `make i18n`: the Indonesian catalog mirrors its source.

Messages are written in Indonesian, so the `id` catalog's translation of each
message is the message itself. Filling it keeps the completeness check honest: an
empty `msgstr` then always means a message nobody has translated yet.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

SOURCE_LANGUAGE = "id"


def fill_source_catalog(po_path: Path) -> int:
    """Copy each untranslated msgid into its msgstr; return how many were filled."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=SOURCE_LANGUAGE)
    filled = 0
    for message in catalog:
        if not message.id or (message.string and "fuzzy" not in message.flags):
            continue
        message.string = message.id
        filled += 1
        message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return filled


def main() -> None:
    """Fill the Indonesian catalog under the locales directory given as argument."""
    locales = Path(sys.argv[1] if len(sys.argv) > 1 else "locales")
    count = fill_source_catalog(locales / SOURCE_LANGUAGE / "LC_MESSAGES" / "messages.po")
    print(f"id catalog: {count} message(s) filled from source")


if __name__ == "__main__":
    main()

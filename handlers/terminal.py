"""The terminal chat: the embedded demo channel on the same engine and database.

Choices are numbered (type the number), `/foto PATH [CAPTION]` sends a photo and
`/kontak NUMBER` shares a phone number as one's own.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bot.delivery import Delivered, DeliveryOutcome, SendContext, Undeliverable
from bot.i18n import _, use_language
from bot.messages import ChannelLimits, Incoming, Photo, Reply, SharedContact, numbered_label
from conversations.engine import ConversationEngine

CHANNEL = "terminal"
TERMINAL_LIMITS = ChannelLimits(choices_per_message=20, choices_per_page=18, label_length=80)
"""A terminal scrolls: long numbered lists are fine, and labels are shown whole."""


def incoming_from_line(line: str, user_id: str) -> Incoming | str:
    """Translate one typed line into an `Incoming`, or return a problem to show."""
    base = Incoming(channel=CHANNEL, user_id=user_id, event_id=uuid.uuid4().hex)
    text = line.rstrip("\r\n")
    if text.startswith("/foto"):
        path, caption = _photo_and_caption(text.removeprefix("/foto").strip())
        try:
            data = path.read_bytes()
        except OSError:
            return _("File foto tidak bisa dibuka: {path}").format(path=path)
        return replace(base, photo=Photo(data), text=caption)
    if text.startswith("/kontak"):
        number = text.removeprefix("/kontak").strip()
        return replace(base, contact=SharedContact(number, is_own=True))
    if text.startswith("/") and len(text) > 1:
        return replace(base, command=text[1:].split()[0].lower())
    return replace(base, text=text)


def _photo_and_caption(rest: str) -> tuple[Path, str | None]:
    """`/foto PATH [CAPTION]`: the longest start of `rest` that names a file (paths may
    have spaces) is the photo, the words after it its caption."""
    cut = len(rest)
    while cut > 0:
        path = Path(rest[:cut]).expanduser()
        if path.is_file():
            return path, rest[cut:].strip() or None
        cut = rest.rfind(" ", 0, cut)
    return Path(rest).expanduser(), None


def render(reply: Reply, downloads: Path) -> str:
    """A reply as terminal text: the message, then its numbered choices."""
    lines = [reply.text]
    lines += [f"  {numbered_label(n, choice.label)}" for n, choice in enumerate(reply.choices, 1)]
    if reply.contact_button is not None:
        lines.append("  " + _("(atau ketik /kontak NOMOR)"))
    for attachment in (reply.photo, reply.document):
        if attachment is not None:
            downloads.mkdir(parents=True, exist_ok=True)
            target = downloads / attachment.filename
            target.write_bytes(attachment.data)
            lines.append("  " + _("[file disimpan: {path}]").format(path=target))
    return "\n".join(lines)


class TerminalChat:
    """Reads lines from `source`, writes the bot's replies to `sink`, until end of input."""

    channel = CHANNEL

    def __init__(
        self,
        engine: ConversationEngine,
        *,
        user_id: str,
        downloads: Path,
        source: TextIO,
        sink: TextIO,
    ) -> None:
        self.engine = engine
        self.user_id = user_id
        self.downloads = downloads
        self.source = source
        self.sink = sink

    async def run(self) -> None:
        """Chat until the input ends (Ctrl-D).

        The adapter's own hints are in the configured default language; the bot's
        replies come in each member's own.
        """
        with use_language(self.engine.settings.default_language):
            await self._chat()

    async def _chat(self) -> None:
        self._write(_("Chat OK OCE di terminal. Ketik pesan, misalnya: menu. Ctrl-D untuk keluar."))
        loop = asyncio.get_running_loop()
        while True:
            self._write("> ", end="")
            line = await loop.run_in_executor(None, self.source.readline)
            if not line:
                self._write("")
                return
            if not line.strip():
                continue
            incoming = incoming_from_line(line, self.user_id)
            if isinstance(incoming, str):
                self._write(incoming)
                continue
            for reply in await self.engine.handle(incoming):
                self._write(render(reply, self.downloads) + "\n")

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        """Print a proactive message (a reminder) if it is for the person at this terminal."""
        if external_id != self.user_id:
            return Undeliverable("that terminal user is not here")
        self._write("\n" + render(reply, self.downloads) + "\n")
        return Delivered()

    def _write(self, text: str, end: str = "\n") -> None:
        self.sink.write(text + end)
        self.sink.flush()

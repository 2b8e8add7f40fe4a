"""The one settings object: every knob comes from the environment or a `.env` file."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.vocabulary import CatalogModeration, InstanceJob

SUPPORTED_LANGUAGES = ("id", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    """Configuration for one okoce-bot process (prefix `OKOCE_`)."""

    model_config = SettingsConfigDict(
        env_prefix="OKOCE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("./var")
    database_url: str | None = None
    default_language: str = "id"
    admins: Annotated[frozenset[str], NoDecode] = Field(default_factory=frozenset)
    """Platform ids of programme admins: `telegram:123456,terminal:local` (or a JSON list)."""
    log_level: str = "INFO"
    content_dir: Path | None = None
    """A folder holding staff copies of every content file (`faq.toml`, `financing.toml`,
    `licensing.toml`) to use instead of the shipped ones in `bot/content/`."""
    jobs: Annotated[frozenset[InstanceJob], NoDecode] = frozenset(InstanceJob)
    """What this process runs: `channels,web,dispatcher` (all by default)."""

    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    """0 lets the system pick a free port (tests do)."""
    http_trust_forwarded: bool = False
    """Behind a reverse proxy: take the client's address from `X-Forwarded-For`."""
    public_url: str | None = None
    """The showcase's public base URL (`https://etalase.okoce.example`), for absolute links
    in link previews and the sitemap; without it, the address each request came to."""
    telegram_bot_username: str | None = None
    """The bot's @username for "Tanya lewat Telegram" links; asked of Telegram (`getMe`)
    at start when unset."""
    catalog_moderation: CatalogModeration = CatalogModeration.IMMEDIATE
    """`immediate`: listings go live at once; `coordinator`: after a coordinator of the
    seller's kecamatan approves them."""
    inquiries_per_hour: int = Field(default=5, ge=1, le=100)
    """New "Tanya penjual" inquiries one buyer may open in an hour, so sellers are not spammed."""
    photo_dir: Path | None = None
    """Where product photos are kept; `<data dir>/photos` when unset."""
    http_read_timeout: float = Field(default=15.0, gt=0, le=300)
    """Seconds a client has to send a whole request (and its answer to be made)."""
    http_max_connections: int = Field(default=512, ge=8, le=100_000)
    """Connections open at once; fewer if the file-descriptor limit holds fewer."""

    telegram_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_file_url: str | None = None
    """Where files are downloaded, up to and including `/file/bot`; derived from
    `telegram_api_url` when that ends in `/bot` (a local Bot API server serves both)."""
    telegram_overall_rate: float = 30.0
    """Messages per second to Telegram in all (its bulk limit is about 30)."""
    telegram_webhook_url: str | None = None
    """When set, Telegram delivers updates to this public URL (ending in
    /webhooks/telegram) instead of the bot polling."""
    telegram_webhook_secret: str | None = None
    """The secret Telegram echoes on every webhook call; derived from the token when unset."""

    whatsapp_token: str | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_app_secret: str | None = None
    whatsapp_verify_token: str | None = None
    whatsapp_api_url: str = "https://graph.facebook.com/v23.0"
    whatsapp_rate: float = 80.0
    """Messages per second per WhatsApp business number (the platform's default)."""
    whatsapp_templates: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Approved templates per proactive message kind, as JSON:
    `{"reminder": {"name": "okoce_pengingat", "language": "id"}}`."""

    import_max_rows: int = Field(default=2000, ge=1, le=100_000)
    """Rows one `okoce-bot sessions import` file may hold (a month is a few hundred)."""

    conversation_ttl_hours: float = 24.0
    reminder_hours: Annotated[tuple[float, ...], NoDecode] = (24.0, 2.0)
    """Reminders go this many hours before a booked session starts."""
    outbox_worker: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    """This dispatcher's name on the rows it claims (unique per process)."""

    handoff_working_days: int = Field(default=2, ge=1, le=20)
    """Members who ask staff a question are promised an answer within this many working
    days (Monday to Friday); an unanswered question then reminds its coordinator."""

    outbox_telegram_rate: float = 25.0
    """Proactive messages per second to Telegram; leaves room for replies within ~30/s."""
    outbox_lease_seconds: float = Field(default=60.0, gt=0)
    """How long claimed messages stay with their dispatcher; a dead one's go out after this."""
    outbox_in_flight: int = Field(default=8, ge=1)
    """Proactive sends on the wire at once per dispatcher: a dispatcher killed mid-send
    repeats at most this many (their outcome was not recorded yet)."""

    event_key_secret: str | None = None
    """Key of the hashes that processed event ids are kept as; derived from the platform
    credentials when unset. Every instance must share it."""
    dedupe_retention_days: float = Field(default=7.0, gt=0)
    """De-duplication records (processed event keys, processed deliveries) older than
    this are pruned: platforms redeliver within hours, not weeks."""

    def outbox_rate(self, channel: str) -> float:
        """Proactive messages per second through `channel`."""
        rates = {"telegram": self.outbox_telegram_rate, "whatsapp": self.whatsapp_rate}
        return rates.get(channel, 1000.0)

    @property
    def whatsapp_enabled(self) -> bool:
        """Whether everything the WhatsApp channel needs is configured."""
        return all(
            (
                self.whatsapp_token,
                self.whatsapp_phone_number_id,
                self.whatsapp_app_secret,
                self.whatsapp_verify_token,
            )
        )

    @property
    def effective_telegram_file_url(self) -> str | None:
        """The configured file base, or the one beside `telegram_api_url` (None if unknown)."""
        if self.telegram_file_url:
            return self.telegram_file_url
        base = self.telegram_api_url.rstrip("/")
        if base.endswith("/bot"):
            return base.removesuffix("/bot") + "/file/bot"
        return None

    @property
    def effective_telegram_webhook_secret(self) -> str:
        """The configured secret, or one derived from the token (stable across instances)."""
        if self.telegram_webhook_secret:
            return self.telegram_webhook_secret
        digest = hashlib.sha256(f"okoce-webhook:{self.telegram_token}".encode()).hexdigest()
        return digest[:48]

    @property
    def effective_event_key_secret(self) -> bytes:
        """The key processed event ids are hashed with (HMAC-SHA256), stable across instances.

        Keyed, not a plain hash: an event id may be short or guessable (a WhatsApp message
        id carries the sender's number), and without the key nobody holding the table can
        test a guess against it.
        """
        if self.event_key_secret:
            return self.event_key_secret.encode()
        credentials = f"{self.telegram_token}:{self.whatsapp_app_secret}"
        return hashlib.sha256(f"okoce-event-keys:{credentials}".encode()).digest()

    @property
    def dedupe_retention(self) -> timedelta:
        return timedelta(days=self.dedupe_retention_days)

    @property
    def reminder_offsets(self) -> tuple[timedelta, ...]:
        return tuple(timedelta(hours=hours) for hours in self.reminder_hours)

    @property
    def outbox_lease(self) -> timedelta:
        """`outbox_lease_seconds` as a duration."""
        return timedelta(seconds=self.outbox_lease_seconds)

    @field_validator("admins", "reminder_hours", "jobs", mode="before")
    @classmethod
    def _comma_separated_or_json(cls, value: object) -> object:
        """List settings: `a,b` (as the README documents them) or a JSON list."""
        return comma_separated_or_json(value)

    @field_validator("log_level")
    @classmethod
    def _known_log_level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"log_level must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("reminder_hours")
    @classmethod
    def _positive_hours(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if any(hours <= 0 for hours in value):
            raise ValueError("reminder hours must be above zero")
        return value

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("public_url starts with http:// or https://")
        return value.rstrip("/")

    @field_validator("jobs")
    @classmethod
    def _some_job(cls, value: frozenset[InstanceJob]) -> frozenset[InstanceJob]:
        if not value:
            raise ValueError(f"name at least one of {', '.join(InstanceJob)}")
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(f"default_language must be one of {SUPPORTED_LANGUAGES}")
        return value

    @property
    def effective_photo_dir(self) -> Path:
        """The configured photo folder, or `photos` under the data folder."""
        return self.photo_dir or self.data_dir / "photos"

    @property
    def effective_database_url(self) -> str:
        """The configured database, or the embedded SQLite file under `data_dir`."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'okoce.db').resolve()}"


def comma_separated_or_json(value: object) -> object:
    """`telegram:1, telegram:2` or `["telegram:1", "telegram:2"]` as a list; other values as given.

    pydantic-settings would decode list settings from the environment as JSON only;
    people write them comma-separated, so those fields opt out (`NoDecode`) and come here.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except ValueError as error:
            raise ValueError(f"not a JSON list ({error.args[0]})") from None
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_jobs(text: str) -> frozenset[InstanceJob]:
    """`web,dispatcher` as jobs (for `okoce-bot run --jobs`); ValueError names the known ones."""
    words = comma_separated_or_json(text)
    assert isinstance(words, list)
    try:
        jobs = frozenset(InstanceJob(word) for word in words)
    except ValueError:
        raise ValueError(f"jobs are {', '.join(InstanceJob)}") from None
    if not jobs:
        raise ValueError(f"name at least one of {', '.join(InstanceJob)}")
    return jobs

"""The one settings object: every knob comes from the environment or a `.env` file."""

from __future__ import annotations

import os
import socket
from datetime import timedelta
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_LANGUAGES = ("id", "en")


class Settings(BaseSettings):
    """Configuration for one okoce-bot process (prefix `OKOCE_`)."""

    model_config = SettingsConfigDict(
        env_prefix="OKOCE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("./var")
    database_url: str | None = None
    default_language: str = "id"
    admins: frozenset[str] = Field(default_factory=frozenset)
    log_level: str = "INFO"

    telegram_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_overall_rate: float = 30.0
    """Messages per second to Telegram in all (its bulk limit is about 30)."""

    conversation_ttl_hours: float = 24.0
    reminder_hours: tuple[float, ...] = (24.0, 2.0)
    """Reminders go this many hours before a booked session starts."""
    outbox_worker: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    """This dispatcher's name on the rows it claims (unique per process)."""

    outbox_telegram_rate: float = 25.0
    """Proactive messages per second to Telegram; leaves room for replies within ~30/s."""

    def outbox_rate(self, channel: str) -> float:
        """Proactive messages per second through `channel`."""
        return {"telegram": self.outbox_telegram_rate}.get(channel, 1000.0)

    @property
    def reminder_offsets(self) -> tuple[timedelta, ...]:
        return tuple(timedelta(hours=hours) for hours in self.reminder_hours)

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        """Accept `telegram:1,telegram:2` as well as a JSON list."""
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(f"default_language must be one of {SUPPORTED_LANGUAGES}")
        return value

    @property
    def effective_database_url(self) -> str:
        """The configured database, or the embedded SQLite file under `data_dir`."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'okoce.db').resolve()}"

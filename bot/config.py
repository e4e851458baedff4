"""Settings of one deployment (one Pemda), read from the environment and `.env`.

Every name and default is the contract in PRODUCT.md's settings table.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger
from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/tindaklanjut.db"


def _split_csv(value: object) -> object:
    """Turn `1, 2,3` from the environment into a list; lists pass through."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, int):
        return [value]
    return value


def _split_dates(value: object) -> object:
    """ISO dates (`2026-08-17`) from the environment, sorted, each once; one clear error for
    a date written another way."""
    if not isinstance(value, list):
        return value
    found: set[date] = set()
    for part in value:
        if isinstance(part, date):
            found.add(part)
            continue
        try:
            found.add(date.fromisoformat(str(part)))
        except ValueError:
            raise ValueError(
                f"{str(part)!r} bukan tanggal YYYY-MM-DD (contoh: 2026-08-17,2026-12-31)"
            ) from None
    return sorted(found)


class Settings(BaseSettings):
    """The bot's settings; see `.env.example` for every one with its default."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", case_sensitive=True, extra="ignore"
    )

    # without a token `python -m bot` runs the playground (bot/playground)
    BOT_TOKEN: SecretStr | None = None
    # repr=False: a PostgreSQL URL carries its password
    DATABASE_URL: str = Field(default=DEFAULT_DATABASE_URL, repr=False)
    TELEGRAM_API_URL: str = "https://api.telegram.org"
    ADMIN_IDS: Annotated[list[int], NoDecode] = Field(default_factory=list)
    TIMEZONE: str = "Asia/Jakarta"
    LANGUAGE: Literal["id", "en"] = "id"
    WEEKLY_REMINDER_CRON: str = "0 8 * * mon"
    DAILY_CHECK_CRON: str = "0 8 * * *"
    DIGEST_CRON: str = "0 15 * * fri"
    DEADLINE_REMINDER_DAYS: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [3, 1, 0]
    )
    ESCALATION_DAYS: int = Field(default=7, ge=1, le=365)
    WORKING_DAYS_ONLY: bool = True
    # the Pemda's own calendar on top of the national one: local days off (the kabupaten's
    # anniversary) and working days (a Saturday worked in exchange), ISO dates, comma-separated
    EXTRA_HOLIDAYS: Annotated[list[date], NoDecode] = Field(default_factory=list)
    EXTRA_WORKING_DAYS: Annotated[list[date], NoDecode] = Field(default_factory=list)
    # whether an Asisten may verify completions in their own cluster (PRODUCT.md: "if the
    # Pemda allows"); admins always may
    ASISTEN_MAY_VERIFY: bool = False
    # webhook mode (instead of long polling): several processes behind a load balancer
    WEBHOOK_URL: str | None = None
    WEBHOOK_LISTEN: str = "0.0.0.0"
    WEBHOOK_PORT: int = Field(default=8443, ge=1, le=65535)
    WEBHOOK_SECRET: SecretStr | None = None
    # a scheduled push missed while the bot was down is sent at start within this many hours
    MISSED_RUN_GRACE_HOURS: float = Field(default=6, ge=0, le=72)
    # where the bot keeps a copy of every piece of evidence (photos, documents) it can download
    EVIDENCE_DIR: str = "data/bukti"
    # honesty signals: progress unchanged for this many weeks is marked in the digest
    STALLED_WEEKS: int = Field(default=2, ge=1, le=52)
    # the Pemda's name on reports and exports (empty: the line is left out)
    PEMDA_NAME: str = Field(default="", max_length=200)

    # the playground's web page (always on 127.0.0.1)
    PLAYGROUND_PORT: int = Field(default=8080, ge=1, le=65535)
    # /healthz and /metrics on 127.0.0.1 (unset: no listener)
    METRICS_PORT: int | None = Field(default=None, ge=1, le=65535)
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    LOG_FORMAT: Literal["text", "json"] = "text"
    # raw updates (handled) and the payloads of sent messages older than this are purged daily
    RETENTION_INBOX_MONTHS: int = Field(default=6, ge=1, le=120)
    RETENTION_OUTBOX_MONTHS: int = Field(default=6, ge=1, le=120)
    # how fast the sender calls Telegram (Telegram allows about 30/s, 1/s per chat, 20/min
    # per group): a little below its limits, so the jitter on the way never draws a 429
    SEND_PER_SECOND: float = Field(default=29.0, gt=0, le=1000)
    SEND_PER_CHAT_PER_SECOND: float = Field(default=1.0, gt=0, le=100)
    SEND_PER_GROUP_PER_MINUTE: int = Field(default=20, ge=1, le=10_000)

    @field_validator("BOT_TOKEN")
    @classmethod
    def _blank_token_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return SecretStr(value.get_secret_value().strip())

    @field_validator("METRICS_PORT", mode="before")
    @classmethod
    def _blank_port_is_off(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("LOG_LEVEL", mode="before")
    @classmethod
    def _level_any_case(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("LOG_FORMAT", mode="before")
    @classmethod
    def _format_any_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("ADMIN_IDS", "DEADLINE_REMINDER_DAYS", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("EXTRA_HOLIDAYS", "EXTRA_WORKING_DAYS", mode="before")
    @classmethod
    def _iso_dates(cls, value: object) -> object:
        return _split_dates(_split_csv(value))

    @field_validator("EXTRA_WORKING_DAYS")
    @classmethod
    def _not_both(cls, value: list[date], info: ValidationInfo) -> list[date]:
        both = sorted(set(value) & set(info.data.get("EXTRA_HOLIDAYS") or ()))
        if both:
            days = ", ".join(day.isoformat() for day in both)
            raise ValueError(f"{days} juga ada di EXTRA_HOLIDAYS: pilih salah satu")
        return value

    @field_validator("DEADLINE_REMINDER_DAYS")
    @classmethod
    def _days_in_range(cls, value: list[int]) -> list[int]:
        if any(day < 0 or day > 60 for day in value):
            raise ValueError("setiap nilai harus 0 sampai 60")
        return sorted(set(value), reverse=True)

    @field_validator("TIMEZONE")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"zona waktu tidak dikenal: {value!r}") from exc
        return value

    @field_validator("WEEKLY_REMINDER_CRON", "DAILY_CHECK_CRON", "DIGEST_CRON")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"bukan ekspresi cron 5 kolom yang sah: {value!r}") from exc
        return value

    @field_validator("TELEGRAM_API_URL")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("harus diawali http:// atau https://")
        return value.rstrip("/")

    @field_validator("WEBHOOK_URL")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        local = value.startswith(("http://127.0.0.1", "http://localhost"))
        if not value.startswith("https://") and not local:
            raise ValueError("Telegram hanya mengirim ke alamat https://…")
        return value

    @field_validator("WEBHOOK_SECRET")
    @classmethod
    def _secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("hanya huruf, angka, _ dan -, 1 sampai 256 karakter")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.WEBHOOK_URL and self.WEBHOOK_SECRET is None:
            raise ValueError("WEBHOOK_SECRET wajib diisi bila WEBHOOK_URL diisi")
        return self

    @property
    def token(self) -> str:
        """The bot token (only a bot that runs for real has one; see ``BOT_TOKEN``)."""
        if self.BOT_TOKEN is None:
            raise SettingsError("Pengaturan BOT_TOKEN wajib diisi.")
        return self.BOT_TOKEN.get_secret_value()

    @property
    def zona(self) -> ZoneInfo:
        """The Pemda's time zone."""
        return ZoneInfo(self.TIMEZONE)

    @property
    def base_url(self) -> str:
        """Bot API root for method calls (PTB appends the token)."""
        return f"{self.TELEGRAM_API_URL}/bot"

    @property
    def base_file_url(self) -> str:
        """Bot API root for file downloads (PTB appends the token)."""
        return f"{self.TELEGRAM_API_URL}/file/bot"


class SettingsError(Exception):
    """Settings could not be loaded; the message names each bad setting, one per line."""


def load_settings(**overrides: object) -> Settings:
    """Load settings from the environment and `.env`, explaining any error in one line each."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines: list[str] = []
        named: set[str] = set()
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "WEBHOOK_SECRET"
            if name in named:
                continue
            named.add(name)
            if err["type"] == "missing":
                lines.append(f"Pengaturan {name} wajib diisi.")
            else:
                reason = str(err["msg"]).removeprefix("Value error, ")
                lines.append(f"Pengaturan {name} tidak valid: {reason}")
        raise SettingsError("\n".join(lines)) from None

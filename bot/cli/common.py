"""What every subcommand shares: one-line errors, the database, its Alembic revision, getMe."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url

from bot.config import Settings
from storage.db import Database
from storage.migrate import alembic_config

DB_TIMEOUT = 10.0
TELEGRAM_TIMEOUT = 5.0


class CliError(Exception):
    """A failure the admin can act on: its message is one clear Indonesian line."""


def shown_url(url: str) -> str:
    """The database URL without its password."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(settings: Settings) -> Path | None:
    """The SQLite file of DATABASE_URL, or None on PostgreSQL."""
    parsed = make_url(settings.DATABASE_URL)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise CliError("DATABASE_URL menunjuk SQLite di memori: tidak ada berkas untuk diolah.")
    return Path(parsed.database)


def is_postgres(settings: Settings) -> bool:
    """Whether DATABASE_URL is a PostgreSQL database."""
    return make_url(settings.DATABASE_URL).get_backend_name() == "postgresql"


def db_error(exc: BaseException, settings: Settings) -> CliError:
    """A database failure as one line (never the driver's traceback)."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return CliError(f"Basis data {shown_url(settings.DATABASE_URL)} tidak bisa dipakai: {reason}")


@asynccontextmanager
async def open_database(settings: Settings, *, must_exist: bool = True) -> AsyncIterator[Database]:
    """The bot's database, reachable (checked with SELECT 1 within a short timeout)."""
    path = sqlite_path(settings)
    if must_exist and path is not None and not path.exists():
        raise CliError(
            f"Berkas basis data SQLite {path} belum ada (dibuat saat bot pertama kali mulai)."
        )
    db = Database(settings.DATABASE_URL)
    try:
        try:
            async with asyncio.timeout(DB_TIMEOUT):
                async with db.engine.connect() as conn:
                    await conn.execute(text("SELECT 1"))
        except TimeoutError:
            raise CliError(
                f"Basis data {shown_url(settings.DATABASE_URL)} tidak menjawab dalam "
                f"{DB_TIMEOUT:g} detik."
            ) from None
        except CliError:
            raise
        except Exception as exc:
            raise db_error(exc, settings) from None
        yield db
    finally:
        await db.dispose()


@dataclass(frozen=True)
class Revisions:
    """The database's Alembic revision (None: never migrated) and this version's head."""

    current: str | None
    head: str
    known: bool  # whether this version of the bot knows the database's revision

    @property
    def pending(self) -> list[str]:
        """Revisions still to apply, oldest first."""
        script = ScriptDirectory.from_config(alembic_config())
        if not self.known:
            return []
        steps = [rev.revision for rev in script.iterate_revisions(self.head, self.current)]
        return list(reversed(steps))


async def revisions(db: Database) -> Revisions:
    """Where the database stands against the migrations shipped with this version."""

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with db.engine.connect() as conn:
        current = await conn.run_sync(read)
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    known = current is None or current in {rev.revision for rev in script.walk_revisions()}
    return Revisions(current, head, known)


def unknown_revision(current: str) -> CliError:
    """The database was migrated by a newer version of the bot."""
    return CliError(
        f"Basis data pada revisi {current} yang tidak dikenal versi bot ini (dibuat versi yang "
        "lebih baru?): pasang versi bot yang sesuai."
    )


async def bot_username(settings: Settings) -> str:
    """The bot's @username from getMe (a short timeout; the token never shown)."""
    token = settings.token
    url = f"{settings.base_url}{token}/getMe"
    where = settings.TELEGRAM_API_URL
    try:
        async with httpx.AsyncClient(timeout=TELEGRAM_TIMEOUT) as client:
            answer = await client.get(url)
    except httpx.TimeoutException:
        raise CliError(
            f"Telegram di {where} tidak menjawab dalam {TELEGRAM_TIMEOUT:g} detik."
        ) from None
    except httpx.HTTPError as exc:
        reason = str(exc).replace(token, "***") or type(exc).__name__
        raise CliError(f"Telegram di {where} tidak bisa dihubungi: {reason}") from None
    if answer.status_code in (401, 404):
        raise CliError("BOT_TOKEN ditolak oleh Telegram: periksa token dari BotFather.")
    try:
        body = answer.json()
        username = body["result"]["username"] if body.get("ok") else None
    except (ValueError, KeyError, TypeError, AttributeError):
        username = None
    if not isinstance(username, str) or not username:
        raise CliError(
            f"Telegram di {where} menjawab getMe dengan tidak wajar (HTTP {answer.status_code})."
        )
    return username

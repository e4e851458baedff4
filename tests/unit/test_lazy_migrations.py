"""The bot starts without loading Alembic when the database is already up to date (issue 11,
point 3): the newest revision is read from the migration files and the database's
``alembic_version``; Alembic is imported only when a migration is pending. Each probe runs in
a fresh interpreter, so nothing this test session imported can hide an import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from storage.migrate import alembic_config, head_revision

ROOT = Path(__file__).parents[2]

PROBE = """
import asyncio, sys
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from storage.migrate import upgrade_to_head

async def main(url):
    engine = create_async_engine(url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as conn:
            version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    finally:
        await engine.dispose()
    print(version, "alembic" in sys.modules)

asyncio.run(main(sys.argv[1]))
"""


def start(url: str) -> tuple[str, bool]:
    """Run the start-up migration in a fresh interpreter: the revision after it, and whether
    Alembic was imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    version, imported = done.stdout.split()
    return version, imported == "True"


def test_head_is_read_from_the_migration_files_as_alembic_reads_it() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_alembic_is_loaded_only_when_a_migration_is_pending(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    assert start(url) == (head_revision(), True)  # a new database: migrated
    assert start(url) == (head_revision(), False)  # up to date: Alembic never loaded
    # a database still at an earlier revision is migrated (Alembic loaded for it)
    older = tmp_path / "lama.db"
    engine = create_engine(f"sqlite:///{older}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    assert start(f"sqlite+aiosqlite:///{older}") == (head_revision(), True)

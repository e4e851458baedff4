"""Service tests: the use cases called directly with a unit of work and an actor, on a real
database (SQLite, and PostgreSQL with TEST_POSTGRES_URL), without python-telegram-bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.people.access import Actor
from bot.messaging.callbacks import CallbackSigner
from bot.texts import Texts
from storage.db import Database
from storage.migrate import upgrade_to_head
from tests.conftest import START, FakeClock

T = TypeVar("T")
ADMIN = Actor(
    member_id=None, telegram_id=1001, nama="Rina", peran=Peran.ADMIN, opd_id=None, klaster=None
)


class Store:
    """A migrated database and units of work at the test's moment."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.now = START

    def unit(self) -> Any:
        """A unit of work at ``now`` (the test commits it, as the pipeline would)."""
        return self.db.unit(self.now)

    async def rows(self, model: type[T], *where: Any) -> Sequence[T]:
        """Rows of a table, as committed."""
        async with self.db.unit(self.now) as uow:
            return (await uow.session.scalars(select(model).where(*where))).all()


def env_of(store: Store, texts: Texts | None = None, **settings: Any) -> Env:
    """The wiring services need, at the store's moment (Monday 23 November 2026, 08:00 WIB),
    with the given settings over the defaults."""
    values: dict[str, Any] = {"BOT_TOKEN": "123:abc", **settings}
    config = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    return Env(store.db, config, FakeClock(store.now), CallbackSigner("123:abc"), texts or Texts())


def asisten(klaster: int) -> Actor:
    """An Asisten of ``klaster`` (member 3000 + klaster)."""
    return Actor(
        member_id=None,
        telegram_id=3000 + klaster,
        nama=f"Asisten {klaster}",
        peran=Peran.ASISTEN,
        opd_id=None,
        klaster=klaster,
    )


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    """An empty, migrated database."""
    db = Database(database_url)
    await upgrade_to_head(db.engine)
    try:
        yield Store(db)
    finally:
        await db.dispose()

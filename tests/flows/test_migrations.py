"""The migrations produce exactly the schema the models describe, on both databases."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from storage.models import Base
from tests.support.harness import BotHarness


async def test_migrated_schema_matches_models(bot: BotHarness) -> None:
    def diff(connection: Connection) -> Any:  # alembic types its result as Any
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)

    async with bot.app.env.db.engine.connect() as conn:
        changes = await conn.run_sync(diff)
    assert changes == []

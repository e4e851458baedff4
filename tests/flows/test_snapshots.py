"""A Pemda restored from the session's snapshot is the Pemda the test would have built: the
same rows in every table, the same fake Telegram (every recorded call, chat, message, file),
the same ids, clock and pacing; and the story goes on the same from there."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select, text

from bot.features.people import service as people_service
from storage.models import Base, Invite
from tests.conftest import FakeClock
from tests.support.harness import BotHarness
from tests.support.pemda import (
    ASISTEN_1,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    button_data,
    directive_to,
    local,
    publish_three,
    setup_pemda,
)
from tests.support.snapshots import WIRING, Snapshots


async def world(bot: BotHarness) -> dict[str, Any]:
    """Every row of every table, the fake's whole state and what the app keeps in memory."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        for table in Base.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in await uow.session.execute(query)]
        version = await uow.session.execute(text("SELECT version_num FROM alembic_version"))
        rows["alembic_version"] = [tuple(row) for row in version]
    sender = bot.app.sender
    return {
        **{f"table {name}": found for name, found in rows.items()},
        **{
            f"fake {name}": copy.deepcopy(value)
            for name, value in vars(bot.request).items()
            if name not in WIRING
        },
        "update ids": dict(bot.updates.next_ids),
        "clock": bot.clock.now(),
        "pacing": sender.pacing.state(),
        "bot username": bot.app.env.bot_username,
    }


def assert_same(built: dict[str, Any], restored: dict[str, Any]) -> None:
    assert built.keys() == restored.keys()
    for key, value in built.items():
        assert value == restored[key], key


async def go_on(bot: BotHarness) -> None:
    """The same story after the publishing, on either harness."""
    calls = list(bot.request.calls)
    await bot.say(
        KEPALA_DINKES, "sdh 60 persen pak", reply_to=directive_to(calls, KEPALA_DINKES["id"], 1)
    )
    message = directive_to(calls, KEPALA_BAPPEDA["id"], 2)
    await bot.press(KEPALA_BAPPEDA, message, button_data(message, "👍"))
    await bot.say(ASISTEN_1, "/status")
    await bot.tick(local(30, 8))


async def test_a_restored_pemda_is_the_one_built_in_the_test(
    bot: BotHarness, snapshots: Snapshots, monkeypatch: pytest.MonkeyPatch
) -> None:
    restores = snapshots.restores
    await setup_pemda(bot)
    after_setup = await world(bot)
    preview, calls = await publish_three(bot)
    after_publishing = await world(bot)
    assert snapshots.restores == restores + 2, "both stages come from the snapshot"

    # the same Pemda built here, with the invite codes (random) of the snapshot's build
    codes = iter([invite.code for invite in await bot.rows(Invite)])
    monkeypatch.setattr(
        people_service, "secrets", SimpleNamespace(token_urlsafe=lambda _size: next(codes))
    )
    url = await snapshots.empty_database(bot.settings.DATABASE_URL, "built")
    built = BotHarness(url, FakeClock())
    await built.start()
    try:
        await setup_pemda(built)
        assert_same(await world(built), after_setup)
        assert await publish_three(built) == (preview, calls)
        assert_same(await world(built), after_publishing)
        await go_on(built)
        await go_on(bot)
        assert_same(await world(built), await world(bot))
    finally:
        await built.stop()
    built.request.assert_clean()

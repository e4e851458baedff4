"""One update, one unit of work, proven by crashing at every step.

For a representative set of updates (a reply, a plain message, a button press, the answer to a
forced reply, a file import, `/status`, `/start KODE`) the process "dies" at each commit and
flush point of handling that update in turn: that statement fails and so does every database
call after it. A new process then starts on the same database (it replays what the inbox
holds unhandled) and Telegram delivers the update again as it would when it was not
confirmed. Every time, the rows and the messages officials receive are exactly those of a run
without a crash: nothing lost, nothing twice.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, event, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update

from storage.models import Base, UTCDateTime
from tests.conftest import FakeClock, fresh_postgres
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import (
    ASISTEN_1,
    CAMAT,
    KEPALA_DINKES,
    button_data,
    directive_to,
    invite_code,
    published,
)
from tests.support.snapshots import Snapshots

OUTGOING = (
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "sendDocument",
    "sendPhoto",
    "deleteMessage",
)
# ids of rows made by the update itself: PostgreSQL's sequences do not roll back, so a row
# inserted again after a crash may get another id; what the rows say must be the same
NEW_ROW_IDS = {"id", "member_id", "laporan_id", "corrects_id", "draft_id"}
# invite codes are random in every run (the setup makes some)
INVITE_CODE = re.compile(r"(start[= ])[A-Za-z0-9_-]{16,}")
# ...and so are the ids of new rows where other rows name them (signed into button data, in
# the audit log's details)
NEW_ROW_REFS = re.compile(r"('callback_data': |'laporan': |member:)('[^']*'|\d+)")
# every start declares the command menus again (setMyCommands is not a message to anyone)
RESTART_WORK = "setMyCommands"


class Crash(Exception):
    """The process died here (injected)."""


class CrashPoint:
    """Counts the commit and flush points (every INSERT, UPDATE, DELETE and COMMIT) while
    armed; at point ``at`` the process dies: that call fails and so does every later one."""

    def __init__(self, engine: AsyncEngine, at: int | None) -> None:
        self.at = at
        self.seen = 0
        self.armed = False
        self.dead = False
        event.listen(engine.sync_engine, "before_cursor_execute", self._statement)
        event.listen(engine.sync_engine, "commit", self._commit)

    def _point(self) -> None:
        if not self.armed:
            return
        self.seen += 1
        if self.seen == self.at:
            self.dead = True
            raise Crash(f"crash at point {self.at}")

    def _statement(self, _conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.dead:
            raise Crash("the process is dead")
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            self._point()

    def _commit(self, _conn: Connection) -> None:
        if self.dead:
            raise Crash("the process is dead")
        self._point()


Prepare = Callable[[BotHarness], Awaitable[dict[str, Any]]]


async def _published(bot: BotHarness) -> list[Call]:
    return await published(bot)  # the session's built Pemda, restored


async def a_reply(bot: BotHarness) -> dict[str, Any]:
    message = directive_to(await _published(bot), KEPALA_DINKES["id"], 1)
    return bot.updates.message(
        KEPALA_DINKES,
        private_chat(KEPALA_DINKES),
        "sdh 60 persen pak, rapat koordinasi sudah",
        reply_to=message,
    )


async def a_plain_message(bot: BotHarness) -> dict[str, Any]:
    await _published(bot)
    return bot.updates.message(KEPALA_DINKES, private_chat(KEPALA_DINKES), "selamat pagi pak")


async def a_button_press(bot: BotHarness) -> dict[str, Any]:
    message = directive_to(await _published(bot), KEPALA_DINKES["id"], 1)
    return bot.updates.callback(KEPALA_DINKES, message, button_data(message, "👍"))


async def a_prompt_answer(bot: BotHarness) -> dict[str, Any]:
    message = directive_to(await _published(bot), KEPALA_DINKES["id"], 1)
    await bot.press(KEPALA_DINKES, message, button_data(message, "📈"))
    return bot.updates.message(KEPALA_DINKES, private_chat(KEPALA_DINKES), "progres 45%")


async def a_file_import(bot: BotHarness) -> dict[str, Any]:
    await _published(bot)
    csv = (
        b"kode,nama,klaster\nDINKES,Dinas Kesehatan Kabupaten,1\n"
        b"BPBD,Badan Penanggulangan Bencana Daerah,1\n"
    )
    doc = bot.request.add_file(csv, file_name="opd.csv", mime_type="text/csv")
    return bot.updates.document(bot.admin, private_chat(bot.admin), doc, caption="/opd_impor")


async def a_status(bot: BotHarness) -> dict[str, Any]:
    await _published(bot)
    return bot.updates.message(ASISTEN_1, private_chat(ASISTEN_1), "/status")


async def a_start_with_code(bot: BotHarness) -> dict[str, Any]:
    await _published(bot)
    code = invite_code(await bot.say(bot.admin, "/undang kepala KEC_LIMAKAUM"))
    return bot.updates.message(CAMAT, private_chat(CAMAT), f"/start {code}")


CASES: dict[str, Prepare] = {
    "reply": a_reply,
    "plain_message": a_plain_message,
    "button": a_button_press,
    "prompt_answer": a_prompt_answer,
    "file_import": a_file_import,
    "status": a_status,
    "start_code": a_start_with_code,
}


@dataclass
class Outcome:
    """What officials saw after the update, what the database holds, and how many commit
    and flush points handling the update had."""

    messages: list[tuple[Any, ...]]
    answers: list[str]
    rows: dict[str, list[tuple[Any, ...]]]
    points: int
    crashed: bool


def _message(call: Call) -> tuple[Any, ...]:
    labels = tuple(label for row in RecordingRequest.buttons(call) for label, _ in row)
    return (call.method, call.chat_id, call.text, labels)


def _normal(value: str) -> str:
    return NEW_ROW_REFS.sub(r"\1…", INVITE_CODE.sub(r"\1KODE", value))


async def _rows(bot: BotHarness) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = {}
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        for table in Base.metadata.sorted_tables:
            columns = [
                c
                for c in table.columns
                if c.name not in NEW_ROW_IDS | {"code"}
                and not isinstance(c.type, (DateTime, UTCDateTime))
            ]
            result = await uow.session.execute(select(*columns))
            found[table.name] = sorted(
                (tuple(_normal(repr(v)) for v in row) for row in result if RESTART_WORK not in row),
                key=repr,
            )
    return found


async def run(url: str, prepare: Prepare, crash_at: int | None, snapshots: Snapshots) -> Outcome:
    """Prepare on the session's built Pemda, feed the update (crashing at ``crash_at``),
    restart if it crashed, let Telegram deliver it again, send what is due, and read the
    outcome."""
    bot = BotHarness(url, FakeClock())
    await bot.start()
    snapshots.attach(bot)
    try:
        update = await prepare(bot)
        before = len(bot.request.calls)
        crash = CrashPoint(bot.app.env.db.engine, crash_at)
        crash.armed = True
        with contextlib.suppress(Crash):  # a crash may end the process right there
            await bot.app.process_update(Update.de_json(update, bot.app.bot))
        crash.armed = False
        if crash.dead:
            await bot.restart()
            await bot.feed(update)  # Telegram again, if it was never confirmed
        else:
            await bot.app.sender.send_due()
        new = bot.request.calls[before:]
        return Outcome(
            messages=[_message(c) for c in new if c.method in OUTGOING and c.ok],
            answers=[
                c.params.get("text", "") for c in new if c.method == "answerCallbackQuery" and c.ok
            ],
            rows=await _rows(bot),
            points=crash.seen,
            crashed=crash.dead,
        )
    finally:
        await bot.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_database(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_url: str | None, snapshots: Snapshots
) -> Iterator[Callable[[], Awaitable[str]]]:
    """A maker of empty migrated databases, one per run of the scenario."""
    counter = iter(range(1_000_000))
    if request.param == "postgres" and not postgres_url:
        pytest.skip("TEST_POSTGRES_URL not set")

    async def make() -> str:
        if request.param == "sqlite":
            return await snapshots.empty_sqlite(tmp_path / f"bot{next(counter)}.db")
        assert postgres_url is not None
        await fresh_postgres(postgres_url)
        return postgres_url

    yield make


@pytest.mark.parametrize("case", sorted(CASES))
async def test_a_crash_at_any_step_loses_nothing_and_repeats_nothing(
    case: str, fresh_database: Callable[[], Awaitable[str]], snapshots: Snapshots
) -> None:
    prepare = CASES[case]
    reference = await run(await fresh_database(), prepare, None, snapshots)
    assert reference.messages, "the update must make the bot answer"
    assert reference.points >= 2  # at least the inbox row and the update's own commit
    for at in range(1, reference.points + 1):
        crashed = await run(await fresh_database(), prepare, at, snapshots)
        assert crashed.crashed, f"{case}: point {at} was not reached"
        assert crashed.messages == reference.messages, f"{case}: crash at point {at}"
        assert set(reference.answers) <= set(crashed.answers), f"{case}: crash at {at}"
        assert crashed.rows == reference.rows, (
            f"{case}: crash at point {at}\n{_diff(reference.rows, crashed.rows)}"
        )


def _diff(a: dict[str, list[tuple[Any, ...]]], b: dict[str, list[tuple[Any, ...]]]) -> str:
    lines = []
    for table in a:
        left, right = set(a[table]), set(b.get(table, []))
        lines += [f"{table} only in reference: {row}" for row in left - right]
        lines += [f"{table} only after the crash: {row}" for row in right - left]
    return "\n".join(lines)

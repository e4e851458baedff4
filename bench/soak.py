"""Soak benchmark (issue 10): the bot as a real process against the HTTP fake of the Bot API
with Telegram's limits, random faults and kill -9 every ~30 s, then counted from the outbox
rows and the fake's record of what it received. Not a test and not run in CI.

    .venv/bin/python bench/soak.py                    # 10 minutes on a temporary SQLite file
    .venv/bin/python bench/soak.py --minutes 3
    .venv/bin/python bench/soak.py --database postgresql+asyncpg://postgres@127.0.0.1:5432/test

The Pemda: 100 OPDs of 10 members (1,000 members, tests/e2e/seed.py), one open directive
each. The run: a directive published to all 100 OPDs (five directives of 20 OPDs, as one
``/arahan``: the preview is made before the faults start), replies from a third of the
members spread over the run, ``/status`` from the admin and heads of OPD every few seconds, the
weekly push at a minute set for the run; meanwhile the fake answers sending calls with 429,
5xx or a dropped connection (before or after carrying the call out) at random, and the bot is
killed with SIGKILL every 25–35 s and restarted at once. When the time is up the faults and
kills stop and the bot is left to finish its queue; then everything is counted, nothing assumed:

- each message row (sendMessage/Photo/Document) against the calls the fake carried out: a call
  is the row's when the fake's message id is the one the row recorded, else when its chat,
  method, text and buttons are the row's (rows that look alike in one chat are named);
- per-chat order: a message that arrived after a later row of its chat had arrived (an
  answer may overtake fan-out made before it: a chat's two queues);
- each reply update against the reports (laporan) stored for its chat and message id;
- the send rate over the seconds when the push had messages waiting, against 30/s;
- the time from a ``/status`` update being queued to its answer arriving, for those queued
  while a push was under way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fake import Faults, SoakApi  # noqa: E402
from bench.processes import Measured  # noqa: E402
from bench.scenarios import (  # noqa: E402
    ADMIN,
    ADMIN_ID,
    BenchFailed,
    Databases,
    Repliers,
    Sizes,
    bot_settings,
    chat_of,
    publish_button,
    seed,
    until,
)
from storage.db import Database  # noqa: E402
from storage.models import Laporan, OutboxMessage  # noqa: E402
from tests.support.fake_telegram import Call  # noqa: E402
from tests.support.updates import UpdateFactory, private_chat, user  # noqa: E402

OPDS, PER_OPD = 100, 10  # 1,000 members: tests/e2e/seed.py numbers up to 100 per OPD
SIZES = Sizes(OPDS, PER_OPD, 0, 0, 1, 0, 0.0, 0, 0, 0)
MESSAGES = frozenset({"sendMessage", "sendPhoto", "sendDocument"})  # the outbox's messages
TELEGRAM_RATE = 30.0
SIARAN = 1  # storage.states.OutboxPrioritas.SIARAN: fan-out
DRAIN_LIMIT = 600.0  # seconds the bot gets to finish its queue after the faults stop
ANSWER_KEY = re.compile(r"^[a-z_]+:(\d+)\.")  # storage.db.UnitOfWork.once_key


@dataclass
class Run:
    """What the driver did and saw while the bot ran."""

    replies: list[tuple[int, int]] = field(default_factory=list)  # (chat, message id)
    commands: list[tuple[int, float]] = field(default_factory=list)  # (update id, queued at)
    kills: list[float] = field(default_factory=list)  # when each kill -9 was sent
    ended_by_itself: int = 0
    pressed_at: float = 0.0
    faults_until: float = 0.0
    drained_at: float | None = None
    weekly_cron: str = ""


class Soak:
    """One soak run: a seeded database, the fake, the bot process and the driver's traffic."""

    def __init__(self, minutes: float, database: str | None, seed: int) -> None:
        self.seconds = minutes * 60
        self.folder = Path(tempfile.mkdtemp(prefix="soak-"))
        self.databases = Databases(database, self.folder)
        self.rng = random.Random(seed)
        self.api = SoakApi(Faults(), random.Random(seed + 1))
        self.updates = UpdateFactory(first_update_id=1)
        self.run = Run()
        self.url = ""
        self.proc: Measured | None = None
        self.settings: dict[str, str] = {}

    # ---------------------------------------------------------------- the run
    async def go(self) -> Run:
        """Seed, start, publish, soak, drain; the database is kept for the count."""
        self.url = await self.databases.fresh("soak")
        (self.folder / "soak").mkdir(parents=True, exist_ok=True)
        await seed(self.url, SIZES)
        await self.api.start()
        self.run.weekly_cron = weekly_cron(time.time() + 15 + 0.25 * self.seconds)
        self.settings = bot_settings(self.api, self.url) | {
            "WEEKLY_REMINDER_CRON": self.run.weekly_cron,
            # a kill at the push's minute must not lose it: caught up at the next start
            "MISSED_RUN_GRACE_HOURS": "1",
        }
        self.proc = Measured(["-m", "bot"], self.settings, self.folder / "bot")
        await self.proc.start()
        await until(self.api, lambda: self.api.first_poll is not None, self.proc, 60, "start")
        press = await self._preview()
        self.api.faulty = True
        self.run.pressed_at = time.time()
        self.api.queue([self.updates.callback(ADMIN, self.api.last_sent[ADMIN_ID], press)])
        deadline = time.monotonic() + self.seconds
        await asyncio.gather(
            self._killer(deadline),
            self._repliers(deadline),
            self._status_callers(deadline),
        )
        self.api.faulty = False
        self.run.faults_until = time.time()
        await self._drain()
        return self.run

    async def _preview(self) -> str:
        """``/arahan`` to all 100 OPDs (20 per directive); the Terbitkan button's data."""
        assert self.proc is not None
        codes = [f"OPD{i:02d}" for i in range(1, OPDS + 1)]
        lines = [
            f"{','.join(codes[at : at + 20])} | 2 minggu | Percepat validasi data {at}"
            for at in range(0, len(codes), 20)
        ]
        self.api.queue(
            [self.updates.message(ADMIN, private_chat(ADMIN), "/arahan " + "\n".join(lines))]
        )

        def previewed() -> bool:
            try:
                publish_button(self.api.last_sent.get(ADMIN_ID, {}))
            except BenchFailed:
                return False
            return True

        await until(self.api, previewed, self.proc, 60, "the preview")
        return publish_button(self.api.last_sent[ADMIN_ID])

    async def _killer(self, deadline: float) -> None:
        """kill -9 every 25–35 s and start again at once; a process that ended by itself is
        started again too (and counted)."""
        assert self.proc is not None
        next_kill = time.monotonic() + self.rng.uniform(25, 35)
        while time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            if not self.proc.alive():
                self.run.ended_by_itself += 1
                await self.proc.start()
            elif time.monotonic() >= next_kill:
                await self.proc.kill()
                self.run.kills.append(time.time())
                await self.proc.start()
                next_kill = time.monotonic() + self.rng.uniform(25, 35)

    async def _repliers(self, deadline: float) -> None:
        """A third of the members reply to their directive, spread over the first 80% of
        the run, each with a progress higher than their OPD's last."""
        repliers = Repliers(SIZES, self.updates)
        count = OPDS * PER_OPD // 3 + 1
        span = 0.8 * (deadline - time.monotonic())
        for _ in range(count):
            updates, _chats = repliers.take(1)
            message = updates[0]["message"]
            self.run.replies.append((message["chat"]["id"], message["message_id"]))
            self.api.queue(updates)
            await asyncio.sleep(span / count)

    async def _status_callers(self, deadline: float) -> None:
        """``/status`` every 1.5–3.5 s, from the admin or the head of a random OPD."""
        while time.monotonic() < deadline:
            opd = self.rng.randint(1, OPDS)
            who = ADMIN if self.rng.random() < 0.3 else user(chat_of(opd, 0), f"Pejabat {opd}-0")
            update = self.updates.command(who, private_chat(who), "status")
            self.run.commands.append((update["update_id"], time.time()))
            self.api.queue([update])
            await asyncio.sleep(self.rng.uniform(1.5, 3.5))

    async def _drain(self) -> None:
        """Leave the bot (alive, no faults, no kills) to finish: no update left unread and no
        message queued or in flight, three times in a row."""
        assert self.proc is not None
        if not self.proc.alive():
            self.run.ended_by_itself += 1
            await self.proc.start()
        end = time.monotonic() + DRAIN_LIMIT
        quiet = 0
        while time.monotonic() < end and quiet < 3:
            await asyncio.sleep(2)
            waiting = await self._waiting_rows()
            unread = len(self.api.core._updates)
            quiet = quiet + 1 if waiting == 0 and unread == 0 else 0
        if quiet >= 3:
            self.run.drained_at = time.time()
        await self.proc.stop()

    async def _waiting_rows(self) -> int:
        db = Database(self.url)
        try:
            async with db.engine.connect() as conn:
                query = select(func.count()).where(OutboxMessage.state.in_(("antri", "mengirim")))
                return int(await conn.scalar(query) or 0)
        finally:
            await db.dispose()

    async def close(self) -> None:
        """Stop what runs; drop the databases made; the folder is kept only on failure."""
        if self.proc is not None and self.proc.alive():
            await self.proc.kill()
        await self.api.stop()
        await self.databases.drop_all()


def weekly_cron(at: float) -> str:
    """A cron line for the first whole minute after ``at``, in the bot's time zone."""
    local = datetime.fromtimestamp(at, ZoneInfo("Asia/Jakarta")) + timedelta(minutes=1)
    return f"{local.minute} {local.hour} * * *"


# -------------------------------------------------------------------- counting
@dataclass
class Row:
    """An outbox message row, as the count needs it."""

    id: int
    key: str
    chat: int
    state: str
    message_id: int | None
    prioritas: int
    attempts: int
    created: float
    look: str  # chat, method, text and buttons: what a matching call carries


def look_of(method: str, chat: object, params: dict[str, Any]) -> str:
    """What identifies a message's content in one chat."""
    text = params.get("text", params.get("caption"))
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    return json.dumps([method, chat, text, markup], sort_keys=True, ensure_ascii=False)


def stamp(value: datetime) -> float:
    """A stored time as a Unix time (SQLite gives it back without its zone: UTC)."""
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


async def read_rows(url: str) -> tuple[list[Row], int, dict[tuple[int, int], int]]:
    """The outbox's message rows, how many rows of other methods, and reports per (chat,
    message id)."""
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            found = (await conn.execute(select(OutboxMessage).order_by(OutboxMessage.id))).all()
            laporan = (
                await conn.execute(
                    select(Laporan.chat_id, Laporan.message_id, func.count()).group_by(
                        Laporan.chat_id, Laporan.message_id
                    )
                )
            ).all()
    finally:
        await db.dispose()
    rows, others = [], 0
    for r in found:
        if r.method not in MESSAGES:
            others += 1
            continue
        rows.append(
            Row(
                r.id,
                r.key,
                r.chat_id,
                r.state,
                r.message_id,
                r.prioritas,
                r.attempts,
                stamp(r.created_at),
                look_of(r.method, r.chat_id, r.payload),
            )
        )
    reports = {(int(c), int(m)): int(n) for c, m, n in laporan if c is not None and m is not None}
    return rows, others, reports


@dataclass
class Tally:
    """The delivered calls attributed to rows."""

    deliveries: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    arrivals: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    alike: int = 0  # calls matched by look among several rows that look the same
    unmatched: int = 0  # delivered calls no row accounts for


def attribute(rows: list[Row], received: list[tuple[float, Call]]) -> Tally:
    """Each delivered call to its row: by the message id the row recorded, else by look
    (among rows that look alike in one chat, the oldest with the fewest deliveries)."""
    by_message = {(r.chat, r.message_id): r for r in rows if r.message_id is not None}
    by_look: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_look[r.look].append(r)
    tally = Tally()
    for at, call in received:
        if call.method not in MESSAGES:
            continue
        result = call.result if isinstance(call.result, dict) else {}
        row = by_message.get((call.chat_id, result.get("message_id")))  # type: ignore[arg-type]
        if row is None:
            alike = by_look.get(look_of(call.method, call.chat_id, call.params), [])
            if not alike:
                tally.unmatched += 1
                continue
            if len(alike) > 1:
                tally.alike += 1
            row = min(alike, key=lambda r: (len(tally.deliveries[r.id]), r.id))
        tally.deliveries[row.id].append(at)
        tally.arrivals[row.chat].append(row.id)
    return tally


def order_violations(tally: Tally, rows: list[Row]) -> tuple[int, int]:
    """Messages that arrived after a later row of their chat had arrived, and the chats. A
    chat has two queues: an answer may overtake fan-out made before it, nothing else may."""
    prioritas = {r.id: r.prioritas for r in rows}
    violations, chats = 0, 0
    for ids in tally.arrivals.values():
        highest: dict[int, int] = defaultdict(int)  # per priority, the highest id arrived
        seen: set[int] = set()
        here = 0
        for row_id in ids:
            mine = prioritas[row_id]
            overtaken_by = max((top for p, top in highest.items() if p >= mine), default=0)
            if row_id not in seen and row_id < overtaken_by:
                here += 1
            seen.add(row_id)
            highest[mine] = max(highest[mine], row_id)
        violations += here
        chats += here > 0
    return violations, chats


def busy_spans(rows: list[Row], tally: Tally) -> list[tuple[float, float]]:
    """When fan-out had messages waiting: from each siaran row's creation to its first
    arrival, merged. A row that never arrived (written off as tidak pasti) is left out: when
    it stopped waiting is not known, and counting it to the end would take the whole run."""
    spans = sorted(
        (r.created, min(tally.deliveries[r.id]))
        for r in rows
        if r.prioritas == SIARAN and tally.deliveries[r.id]
    )
    merged: list[tuple[float, float]] = []
    for start, stop in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


@dataclass
class Answered:
    """One answered ``/status``."""

    waited: float  # queued → the first message of its answer arrived
    during: bool  # queued while a push had messages waiting
    behind_push: bool  # its chat had a fan-out message queued before it, not yet arrived
    attempts: int  # calls the answer's first message took
    after_kill: float | None  # seconds since the last kill -9 when it was queued


def answer_times(
    run: Run, rows: list[Row], tally: Tally, spans: list[tuple[float, float]]
) -> tuple[list[Answered], Counter[str]]:
    """The answered ``/status`` commands, and the unanswered ones by what became of their
    answer (the state of its first row, or no row at all)."""
    answers: dict[int, list[Row]] = defaultdict(list)
    pushed: dict[int, list[Row]] = defaultdict(list)
    for r in rows:
        found = ANSWER_KEY.match(r.key)
        if found:
            answers[int(found.group(1))].append(r)
        if r.prioritas == SIARAN:
            pushed[r.chat].append(r)
    answered: list[Answered] = []
    unanswered: Counter[str] = Counter()
    for update_id, queued in run.commands:
        arrived = [(at, r) for r in answers[update_id] for at in tally.deliveries[r.id]]
        if not arrived:
            rows_of = sorted(answers[update_id], key=lambda r: r.id)
            unanswered[rows_of[0].state if rows_of else "no answer queued"] += 1
            continue
        at, first = min(arrived, key=lambda pair: pair[0])
        behind = any(  # a row written off (never arrived) holds nothing back
            p.id < first.id and min(tally.deliveries[p.id], default=0.0) > queued
            for p in pushed[first.chat]
        )
        kills = [k for k in run.kills if k <= queued]
        answered.append(
            Answered(
                at - queued,
                any(s <= queued < e for s, e in spans),
                behind,
                first.attempts,
                queued - kills[-1] if kills else None,
            )
        )
    return answered, unanswered


def report(soak: Soak, rows: list[Row], others: int, reports: dict[tuple[int, int], int]) -> str:
    """The printed figures."""
    run, api = soak.run, soak.api
    tally = attribute(rows, api.received)
    times = Counter(min(len(tally.deliveries[r.id]), 2) for r in rows)
    unknown = [r for r in rows if r.state == "tidak_pasti"]
    unknown_times = Counter(min(len(tally.deliveries[r.id]), 2) for r in unknown)
    never = Counter(r.state for r in rows if not tally.deliveries[r.id])
    sent_twice_as = Counter(r.state for r in rows if len(tally.deliveries[r.id]) >= 2)
    violations, chats = order_violations(tally, rows)
    spans = busy_spans(rows, tally)
    busy = sum(stop - start for start, stop in spans)
    arrived = [at for ats in tally.deliveries.values() for at in ats]
    in_busy = sum(1 for at in arrived if any(s <= at < e for s, e in spans))
    kinds = Counter(
        "weekly push"
        if r.key.startswith("pengingat:mingguan")
        else ("other fan-out" if r.prioritas == SIARAN else "answers")
        for r in rows
    )

    recorded = Counter(min(reports.get(reply, 0), 2) for reply in run.replies)

    answered, unanswered = answer_times(run, rows, tally, spans)
    during = [a for a in answered if a.during]
    free = [a.waited for a in during if not a.behind_push]
    behind = [a.waited for a in during if a.behind_push]

    def latency(values: list[float]) -> str:
        if not values:
            return "none"
        p50, p95 = percentile(values, 50), percentile(values, 95)
        return f"p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(values):.2f} s (n={len(values)})"

    def why(a: Answered) -> str:
        kill = f", {a.after_kill:.0f} s after a kill" if a.after_kill is not None else ""
        push = ", behind its chat's push message" if a.behind_push else ""
        return f"{a.waited:.1f} s ({a.attempts} call(s){push}{kill})"

    slowest = sorted(during, key=lambda a: -a.waited)[:3]

    faults = ", ".join(f"{n} {name}" for name, n in sorted(api.injected.items()))
    soaked = run.faults_until - run.pressed_at
    drained = (
        f"drained {run.drained_at - run.faults_until:.0f} s after the faults stopped"
        if run.drained_at
        else f"NOT drained within {DRAIN_LIMIT:.0f} s after the faults stopped"
    )
    lines = [
        f"database: {soak.databases.dialect}",
        f"Pemda: {OPDS} OPDs × {PER_OPD} members = {OPDS * PER_OPD:,} members; weekly push "
        f"at cron '{run.weekly_cron}' (Asia/Jakarta)",
        f"soak: {soaked / 60:.1f} min of faults and kills, {drained}",
        f"kill -9: {len(run.kills)} (restarted at once); process ended by itself: "
        f"{run.ended_by_itself}",
        f"faults injected on sending calls: {faults or 'none'}; 429 from the limits: "
        f"{api.too_many}",
        "",
        f"message rows: {len(rows):,} ("
        + ", ".join(f"{n:,} {k}" for k, n in sorted(kinds.items()))
        + f"); {others} rows of other methods not counted",
        f"  delivered exactly once: {times[1]:,}",
        f"  delivered twice or more: {times[2]:,}"
        + (f" (rows now {dict(sent_twice_as)})" if sent_twice_as else ""),
        f"  never delivered: {times[0]:,}" + (f" (rows now {dict(never)})" if never else ""),
        f"  unknown (tidak pasti): {len(unknown):,} — in truth delivered once "
        f"{unknown_times[1]}, never {unknown_times[0]}, twice {unknown_times[2]}",
        f"  delivered calls no row accounts for: {tally.unmatched}; matched among look-alike "
        f"rows of one chat: {tally.alike}",
        f"per-chat order violations: {violations} messages in {chats} chats",
        f"replies: {len(run.replies)} sent; recorded exactly once {recorded[1]}, twice or more "
        f"{recorded[2]}, never {recorded[0]}",
        f"send rate while fan-out waited: {in_busy / busy if busy else 0:.1f} msg/s against "
        f"{TELEGRAM_RATE:.0f}/s ({in_busy:,} messages in {busy:.0f} s)",
        f"/status answers during a push: {latency([a.waited for a in during])}",
        f"  chat with no push message waiting: {latency(free)}",
        f"  chat with its own push message queued first (per-chat order): {latency(behind)}",
        f"  slowest: {'; '.join(why(a) for a in slowest) or 'none'}",
        f"/status answers overall: {latency([a.waited for a in answered])}; unanswered "
        f"{sum(unanswered.values())} of {len(run.commands)}"
        + (f" ({dict(unanswered)})" if unanswered else ""),
    ]
    return "\n".join(lines)


async def main_async(minutes: float, database: str | None, seed_value: int) -> int:
    """Run, count, print."""
    soak = Soak(minutes, database, seed_value)
    try:
        await soak.go()
        rows, others, reports = await read_rows(soak.url)
        print(report(soak, rows, others, reports))
    except BenchFailed as exc:
        print(f"soak failed: {exc}\n(logs kept in {soak.folder})", file=sys.stderr)
        return 1
    finally:
        await soak.close()
    shutil.rmtree(soak.folder, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(
        prog="bench/soak.py", description="Soak the bot under faults and kills (issue 10)."
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="faults and kills (10)")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="a PostgreSQL server's URL (the run makes and drops <database>_bench_soak); "
        "default: a temporary SQLite file",
    )
    parser.add_argument("--seed", type=int, default=1, help="the random faults' seed")
    args = parser.parse_args(argv)
    return asyncio.run(main_async(args.minutes, args.database, args.seed))


if __name__ == "__main__":
    sys.exit(main())

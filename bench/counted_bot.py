"""`python -m bot` with its transactions counted: SQLAlchemy's engine events "commit" and
"rollback" on every engine, the pool's pings and the statements, split by who ran them (the
sender's and the evidence keeper's loops, the inbox storing updates on their way in, or the
handling of updates). SIGUSR1 writes the
counts so far to $BENCH_COUNTS as JSON.

    BENCH_COUNTS=/tmp/counts.json python -m bench.counted_bot
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

# the bot's background loops, by their asyncio task names (bot/app.py)
LOOPS = {"sender": "sender", "bukti": "keeper", "berkas": "desk", "pemilihan": "election"}
counts: Counter[str] = Counter()


def _who() -> str:
    try:
        task = asyncio.current_task()
    except RuntimeError:
        return "other"
    return LOOPS.get(task.get_name(), "updates") if task is not None else "other"


def _whose(conn: Any) -> str:
    # a transaction that stored updates on their way in (a poll's, or a webhook's) is the
    # inbox's, whichever task ran it
    return "inbox" if conn.info.pop("inbox", False) else _who()


@event.listens_for(Engine, "commit")
def _commit(conn: Any) -> None:
    counts[f"{_whose(conn)}.commit"] += 1


@event.listens_for(Engine, "rollback")
def _rollback(conn: Any) -> None:
    counts[f"{_whose(conn)}.rollback"] += 1


@event.listens_for(Engine, "engine_connect")
def _checkout(conn: Any) -> None:
    # with pool_pre_ping the pool pings (a round trip) at every checkout of a connection
    if getattr(conn.engine.pool, "_pre_ping", False):
        counts[f"{_who()}.ping"] += 1


@event.listens_for(Engine, "before_cursor_execute")
def _statement(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
    if statement.startswith("INSERT INTO inbox"):
        conn.info["inbox"] = True
        counts["inbox.statement"] += 1
    else:
        counts[f"{_who()}.statement"] += 1


def _dump(signum: int, frame: FrameType | None) -> None:
    path = Path(os.environ["BENCH_COUNTS"])
    part = path.with_suffix(".part")
    part.write_text(json.dumps(counts))
    part.replace(path)


if __name__ == "__main__":
    from bot.__main__ import main

    signal.signal(signal.SIGUSR1, _dump)
    sys.exit(main())

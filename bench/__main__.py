"""`python -m bench`: run the suite and print its table (see bench/__init__.py)."""

from __future__ import annotations

import argparse
import asyncio
import platform
import sys

from bench.scenarios import FULL, NAMES, QUICK, BenchFailed, Figures, Sizes, Suite, median
from bench.table import Row, at_least, at_most, format_table, machine_load

TELEGRAM_RATE = 30.0  # messages per second Telegram allows a bot overall


def rows(f: Figures, sizes: Sizes, only: set[str]) -> list[Row]:
    """The table's rows for the measurements asked for, each with the issue's goal."""
    out: list[Row] = []
    replies = "replies" in only
    if replies and f.cpu_ms is not None and f.echo_cpu_ms is not None:
        out.append(
            Row(
                "CPU per handled reply",
                f.cpu_ms,
                f"{f.cpu_ms:.1f} ms (echo {f.echo_cpu_ms:.1f} ms)",
                (at_most(3 * f.echo_cpu_ms, f"≤ 3× echo = {3 * f.echo_cpu_ms:.1f} ms"),),
            )
        )
    if replies and f.rate is not None and f.echo_rate is not None:
        half = 0.5 * f.echo_rate
        out.append(
            Row(
                f"replies recorded per second (burst of {sizes.burst}, limits off)",
                f.rate,
                f"{f.rate:.0f}/s (echo {f.echo_rate:.0f}/s; {f.recorded} recorded)",
                (at_least(half, f"≥ 0.5× echo = {half:.0f}/s"),),
                ((f.recorded, at_least(sizes.burst, f"all {sizes.burst} recorded")),),
            )
        )
    if f.commits:
        commits = f.commits.get("updates.commit", 0.0)
        rollbacks = f.commits.get("updates.rollback", 0.0)
        pings = f.commits.get("updates.ping", 0.0)
        statements = f.commits.get("updates.statement", 0.0)
        sender = f.commits.get("sender.commit", 0.0)
        inbox = f.commits.get("inbox.commit", 0.0)
        out.append(
            Row(
                "transactions per reply (handling the update)",
                commits,
                f"{commits:.2f} commits, {rollbacks:.1f} rollbacks, {pings:.1f} pings, "
                f"{statements:.0f} statements (inbox: {inbox:.2f} commits, one per poll; "
                f"sender: {sender:.2f} commits)",
                (at_most(1, "1 commit"),),
                ((rollbacks, at_most(0, "0 rollbacks")), (pings, at_most(0, "0 pings"))),
            )
        )
    if "fanout" in only and f.fanout_rate is not None and f.first_delivery_s is not None:
        goal = 0.95 * TELEGRAM_RATE
        out.append(
            Row(
                f"fan-out to {f.fanout_reached:,} members, Terbitkan → last delivery",
                f.fanout_rate,
                f"{f.fanout_rate:.1f} msg/s, {f.too_many} × 429",
                (at_least(goal, f"≥ 0.95 × 30/s = {goal:.1f} msg/s"),),
                ((f.too_many, at_most(0, "0 × 429")),),
            )
        )
        out.append(
            Row(
                "fan-out: Terbitkan → first delivery",
                f.first_delivery_s,
                f"{f.first_delivery_s:.2f} s",
                (at_most(0.5, "at once (≤ 0.5 s)"),),
            )
        )
    memory = "memory" in only
    if memory and f.idle_mb is not None and f.echo_idle_mb is not None:
        out.append(
            Row(
                "memory idle after start (RSS)",
                f.idle_mb,
                f"{f.idle_mb:.0f} MB (echo {f.echo_idle_mb:.0f} MB)",
                (at_most(80, "≤ 80 MB"),),
            )
        )
    if memory and f.pushed_mb is not None:
        out.append(
            Row(
                f"memory after the {sizes.members:,}-member push (RSS)",
                f.pushed_mb,
                f"{f.pushed_mb:.0f} MB",
                (at_most(100, "≤ 100 MB"),),
            )
        )
    if "start" in only and f.start_s and f.echo_start_s:
        start, echo = median(f.start_s), median(f.echo_start_s)
        spread = f" ({min(f.start_s):.2f}–{max(f.start_s):.2f})" if len(f.start_s) > 1 else ""
        out.append(
            Row(
                "start → first getUpdates",
                start,
                f"{start:.2f} s{spread} (echo {echo:.2f} s)",
                (at_most(1.2, "≤ 1.2 s"),),
            )
        )
    for label, ours, theirs in f.digest:
        out.append(
            Row(
                f"digest {label}",
                ours,
                f"{ours:.1f} ms (SQL {theirs:.1f} ms, {ours / theirs:.2f}×)",
                (at_most(200, "< 200 ms"),),
                ((ours / theirs, at_most(3, "≤ 3× SQL")),),
            )
        )
    e = f.export
    if "export" in only and e:
        reports = int(e["reports"])
        out.append(
            Row(
                f"export of {reports:,} reports (/ekspor, made by the file desk)",
                e["seconds"],
                f"{e['seconds']:.1f} s (workbook {e['workbook_mb']:.1f} MB; one cluster "
                f"{e['cluster_seconds']:.1f} s)",
                (at_most(30, "≤ 30 s"),),
            )
        )
        grown = e["rss_after_mb"] - e["rss_before_mb"]
        out.append(
            Row(
                "memory the export adds (peak RSS)",
                grown,
                f"+{grown:.0f} MB (to {e['rss_after_mb']:.0f} MB; Python allocations "
                f"{e['traced_peak_mb']:.0f} MB)",
                (at_most(50, "≤ +50 MB"),),
            )
        )
        out.append(
            Row(
                "other work while the export is made",
                e["write_wait_max_ms"],
                f"{int(e['writes'])} writes waited ≤ {e['write_wait_max_ms']:.0f} ms (median "
                f"{e['write_wait_median_ms']:.0f} ms); event loop stalled ≤ "
                f"{e['loop_stall_ms']:.0f} ms",
                (at_most(500, "writes ≤ 0.5 s"),),
                ((e["loop_stall_ms"], at_most(500, "event loop ≤ 0.5 s")),),
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the measurements, print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Measure the bot against its goals (issue 11)."
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy URL of a PostgreSQL server to measure on (the suite makes and drops "
        "its own databases there); default: a temporary SQLite file",
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument(
        "--only",
        metavar="NAME",
        action="append",
        choices=NAMES,
        help=f"run only this measurement (repeatable): {', '.join(NAMES)}",
    )
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("The suite reads CPU time and memory from /proc: Linux only.", file=sys.stderr)
        return 2
    sizes = QUICK if args.quick else FULL
    suite = Suite(args.database, sizes, set(args.only or NAMES))
    load_before = machine_load()
    try:
        figures = asyncio.run(suite.run())
    except BenchFailed as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    notes = f"python {platform.python_version()}, {'quick' if args.quick else 'full'} sizes"
    print(
        format_table(
            rows(figures, sizes, suite.only),
            database=suite.databases.dialect,
            load_before=load_before,
            load_after=machine_load(),
            notes=notes,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark suite's table (bench/table.py): a figure holds its goal only when every goal
holds, the limit itself counts as within, and a row without a goal is judged by no one."""

from __future__ import annotations

from bench.table import FAILS, HOLDS, INFO, Row, at_least, at_most, format_table


def test_a_ceiling_holds_up_to_and_including_its_limit() -> None:
    goal = at_most(80, "≤ 80 MB")
    assert Row("memory", 80.0, "80 MB", (goal,)).verdict == HOLDS
    assert Row("memory", 80.5, "81 MB", (goal,)).verdict == FAILS


def test_a_floor_holds_from_its_limit_up() -> None:
    goal = at_least(28.5, "≥ 28.5 msg/s")
    assert Row("fan-out", 28.5, "28.5 msg/s", (goal,)).verdict == HOLDS
    assert Row("fan-out", 25.9, "25.9 msg/s", (goal,)).verdict == FAILS


def test_every_goal_of_a_row_must_hold() -> None:
    rate = (at_least(28.5, "≥ 28.5 msg/s"),)
    no_429 = at_most(0, "0 × 429")
    assert Row("fan-out", 29.0, "29 msg/s", rate, ((0, no_429),)).verdict == HOLDS
    assert Row("fan-out", 29.0, "29 msg/s", rate, ((3, no_429),)).verdict == FAILS


def test_a_row_without_a_goal_is_information() -> None:
    assert Row("load", 1.0, "1.0").verdict == INFO


def test_the_table_shows_each_figure_its_goal_the_verdict_and_the_machine() -> None:
    rows = [
        Row("CPU per handled reply", 34.0, "34.0 ms", (at_most(6.6, "≤ 3× echo = 6.6 ms"),)),
        Row("start → first getUpdates", 1.1, "1.10 s", (at_most(1.2, "≤ 1.2 s"),)),
    ]
    table = format_table(rows, database="SQLite", load_before="0.5", load_after="0.7")
    lines = table.splitlines()
    assert lines[0] == "database: SQLite"
    assert "0.5 (before)" in lines[1] and "0.7 (after)" in lines[1]
    cpu = next(line for line in lines if line.startswith("| CPU"))
    start = next(line for line in lines if line.startswith("| start"))
    assert "34.0 ms" in cpu and "≤ 3× echo = 6.6 ms" in cpu and cpu.rstrip(" |").endswith(FAILS)
    assert start.rstrip(" |").endswith(HOLDS)
    assert len({len(line) for line in lines if line.startswith("|")}) == 1  # columns align

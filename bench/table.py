"""The suite's one table: each figure with its measured value, its goal and whether it holds.

Kept apart from the measuring code (and free of its imports) so that a unit test can check
the ✓/✗ logic without starting anything.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

HOLDS, FAILS, INFO = "✓", "✗", "–"


@dataclass(frozen=True)
class Goal:
    """A limit a figure must stay within: ``at_most`` or ``at_least`` ``limit``."""

    limit: float
    at_most: bool
    text: str

    def holds(self, value: float) -> bool:
        """Whether ``value`` is within the goal (the limit itself counts as within)."""
        return value <= self.limit if self.at_most else value >= self.limit


def at_most(limit: float, text: str) -> Goal:
    """The figure may not exceed ``limit`` (CPU, memory, time)."""
    return Goal(limit, True, text)


def at_least(limit: float, text: str) -> Goal:
    """The figure may not fall below ``limit`` (rates)."""
    return Goal(limit, False, text)


@dataclass(frozen=True)
class Row:
    """One figure: what was measured (``value``, shown as ``shown``) against its goals; a row
    with no goals is for information (shown with –). Every goal must hold for ✓."""

    figure: str
    value: float
    shown: str
    goals: tuple[Goal, ...] = ()
    # further figures the goals also judge, e.g. the 429 count beside a rate
    also: tuple[tuple[float, Goal], ...] = ()

    @property
    def verdict(self) -> str:
        """✓ when every goal holds, ✗ when one fails, – when there is nothing to judge."""
        checks = [(self.value, goal) for goal in self.goals] + list(self.also)
        if not checks:
            return INFO
        return HOLDS if all(goal.holds(value) for value, goal in checks) else FAILS

    @property
    def goal_text(self) -> str:
        """The goals as the table shows them."""
        texts = [goal.text for goal in self.goals] + [goal.text for _, goal in self.also]
        return ", ".join(texts) if texts else "–"


def machine_load() -> str:
    """The machine's load averages (1, 5, 15 min) and its CPU count, for the table's header."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def format_table(
    rows: Sequence[Row], *, database: str, load_before: str, load_after: str, notes: str = ""
) -> str:
    """A Markdown table of the rows, headed by the database and the machine's load."""
    header = ("figure", "measured", "goal", "")
    cells = [header] + [(r.figure, r.shown, r.goal_text, r.verdict) for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    out = [
        f"database: {database}",
        f"load average: {load_before} (before), {load_after} (after)",
    ]
    if notes:
        out.append(notes)
    out += ["", line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(values) for values in cells[1:]]
    return "\n".join(out)

"""Time as a dependency: services take ``now`` from a clock so tests choose the moment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time, timezone-aware UTC."""

    def now(self) -> datetime:
        """The current moment in UTC."""


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current moment in UTC."""
        return datetime.now(UTC)

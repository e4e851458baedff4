"""Telegram's sending limits, kept by the sender: when may the next call start.

Overall, a token bucket at ``per_second`` (default 29/s, Telegram allows about 30): a call that
starts a little late (the event loop was busy) is made up by the next one, so the achieved rate
stays at the configured one instead of drifting below it; and never more than ``per_second``
calls (rounded down) start in any one second, so the jitter on the way to Telegram must squeeze
a whole gap (about 34 ms at 29/s) before Telegram could count a 31st call in its second.
Per chat: at most ``per_chat_per_second`` calls a second, and in a group at most
``per_group_per_minute`` calls in any sixty seconds (a sliding window, as Telegram counts).
Every question is asked with one ``now``, so waits compare fairly.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SECOND = timedelta(seconds=1)
MINUTE = timedelta(minutes=1)
# chats are forgotten once their pacing no longer matters (a long push to 10,000 chats)
FORGET_AFTER = 10_000


@dataclass
class Limits:
    """How fast the sender may call Telegram (the settings ``SEND_PER_SECOND``,
    ``SEND_PER_CHAT_PER_SECOND``, ``SEND_PER_GROUP_PER_MINUTE``)."""

    per_second: float = 29.0
    per_chat_per_second: float = 1.0
    per_group_per_minute: int = 20
    # at most this many calls may start back to back after a pause (at least 1)
    burst: float = 1.5


@dataclass
class Pacing:
    """The sender's memory of its recent calls: the overall bucket and each chat's calls."""

    limits: Limits
    tokens: float = 0.0
    filled_at: datetime | None = None
    chats: dict[int, deque[datetime]] = field(default_factory=dict)
    recent: deque[datetime] = field(default_factory=deque)  # the last calls, overall

    def __post_init__(self) -> None:
        self.tokens = self.limits.burst

    def _tokens(self, now: datetime) -> float:
        if self.filled_at is None:
            return self.limits.burst
        grown = (now - self.filled_at).total_seconds() * self.limits.per_second
        return min(self.limits.burst, self.tokens + max(grown, 0.0))

    def overall_at(self, now: datetime) -> datetime:
        """When the overall limit allows the next call (``now`` when it does already)."""
        at = now
        missing = 1.0 - self._tokens(now)
        if missing > 0:
            at = now + timedelta(seconds=missing / self.limits.per_second)
        most = self._most_per_second()
        if len(self.recent) >= most:
            at = max(at, self.recent[-most] + SECOND)
        return at

    def _most_per_second(self) -> int:
        return max(1, int(self.limits.per_second))

    def chat_at(self, chat_id: int, now: datetime) -> datetime:
        """When the chat's own limits allow its next call."""
        calls = self.chats.get(chat_id)
        if not calls:
            return now
        at = calls[-1] + timedelta(seconds=1.0 / self.limits.per_chat_per_second)
        if chat_id < 0:
            recent = [t for t in calls if t > now - MINUTE]
            if len(recent) >= self.limits.per_group_per_minute:
                at = max(at, recent[-self.limits.per_group_per_minute] + MINUTE)
        return max(at, now)

    def take(self, chat_id: int, now: datetime) -> None:
        """A call to ``chat_id`` starts at ``now``."""
        self.tokens = self._tokens(now) - 1.0
        self.filled_at = now
        self.recent.append(now)
        while len(self.recent) > self._most_per_second():
            self.recent.popleft()
        calls = self.chats.setdefault(chat_id, deque())
        calls.append(now)
        keep = self.limits.per_group_per_minute if chat_id < 0 else 1
        while len(calls) > keep:
            calls.popleft()
        if len(self.chats) > FORGET_AFTER:
            self.chats = {c: t for c, t in self.chats.items() if t[-1] > now - MINUTE}

    def state(self) -> tuple[float, datetime | None, dict[int, tuple[datetime, ...]]]:
        """Everything it remembers, comparable and copyable (tests keep and restore it)."""
        return self.tokens, self.filled_at, {c: tuple(t) for c, t in self.chats.items()}

    def restore(
        self, state: tuple[float, datetime | None, dict[int, tuple[datetime, ...]]]
    ) -> None:
        """Back to a remembered ``state``."""
        self.tokens, self.filled_at, chats = state
        self.chats = {c: deque(t) for c, t in chats.items()}

"""How the results of reminder work read in Telegram."""

from __future__ import annotations

from bot.env import Env
from bot.messaging.outbox import View


def ran_now(env: Env, queued: int) -> View:
    """The answer to `/ingatkan`: how many reminders it queued."""
    return View(env.texts.count("ingatkan.selesai", queued, jumlah=queued))

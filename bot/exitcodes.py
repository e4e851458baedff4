"""The exit codes of `python -m bot`, for the service manager: after ``BAD_SETTINGS`` or
``SECOND_POLLER`` a restart cannot help (deploy/tindaklanjut.service lists them in
``RestartPreventExitStatus``); after ``FAILURE`` (Telegram or the database unreachable at
start, a crash) it may."""

from __future__ import annotations

OK = 0
FAILURE = 1
# a setting is invalid (one line names it), or Telegram refused BOT_TOKEN
BAD_SETTINGS = 2
# another process already long-polls with this token (Telegram's 409 Conflict)
SECOND_POLLER = 3

"""Secrets never reach the log: every log record is scrubbed of them when it is created.

The bot token is part of every Bot API URL, and libraries put URLs and tokens into their
error messages and tracebacks (PTB's InvalidToken repeats the token). A record factory is
the one place every record passes through, whatever handler or formatter prints it.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

_SECRETS: set[str] = set()
_MASK = "***"
_installed = False


def scrub(text: str) -> str:
    """``text`` with every registered secret replaced by ``***`` (the longest first: a
    secret that is part of another, e.g. a token's tail, must not leave the rest visible)."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if secret and secret in text:
            text = text.replace(secret, _MASK)
    return text


def protect(*secrets: str) -> None:
    """Register secrets to scrub from every log record from now on."""
    global _installed
    _SECRETS.update(s for s in secrets if len(s) >= 6)
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if not _SECRETS:
            return record
        message = record.getMessage()
        record.msg, record.args = scrub(message), None
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_text = scrub(text.rstrip("\n"))
            record.exc_info = None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True

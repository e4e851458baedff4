"""How log lines look (``LOG_LEVEL``, ``LOG_FORMAT``) and what each line about an update says.

While an update is handled (``about_update``), every log line carries its update id, the user
id and the command or kind of update: as fields in JSON (``LOG_FORMAT=json``, for log
collectors) and as ``[update=… user=… /cmd]`` in text. Secrets stay out: ``bot.logsafe``
scrubs every record as it is made, and the JSON formatter scrubs its finished line too (extra
fields are printed there that the text format leaves out).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.logsafe import scrub

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s%(update_context)s"
JSON_FIELDS = ("asctime", "levelname", "name", "message")
# libraries too talkative at INFO: httpx logs every URL (with the token), alembic every step,
# and the scheduler says every minute that the tick ran
# httpx's URLs carry the token; the others talk at INFO about their own work (fontTools: each
# PDF's font subset, matplotlib: font discovery)
QUIET = ("httpx", "httpcore", "alembic", "apscheduler", "fontTools", "matplotlib")


@dataclass(frozen=True)
class UpdateContext:
    """What a log line about an update says about it."""

    update_id: int
    user_id: int | None
    command: str

    def text(self) -> str:
        """`` [update=5001 user=1001 /start]``."""
        user = self.user_id if self.user_id is not None else "-"
        return f" [update={self.update_id} user={user} {self.command}]"


_current: ContextVar[UpdateContext | None] = ContextVar("update_context", default=None)


def describe(update: Update) -> UpdateContext:
    """The update's id, its user and its command (``/lapor``) or kind (``callback_query``)."""
    user = update.effective_user
    message = update.message or update.edited_message or update.channel_post
    command = ""
    if message is not None:
        text = message.text or message.caption or ""
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0].split("@", 1)[0]
        elif message.document is not None:
            command = "document"
        elif message.photo:
            command = "photo"
    if not command:
        kinds = [kind for kind in Update.ALL_TYPES if getattr(update, kind, None) is not None]
        command = kinds[0] if kinds else "update"
    return UpdateContext(update.update_id, user.id if user is not None else None, command)


@contextmanager
def about_update(update: Update) -> Iterator[UpdateContext]:
    """Within the block (and the tasks it starts), log lines carry the update's context."""
    context = describe(update)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


class UpdateFilter(logging.Filter):
    """Adds ``update_id``, ``user_id``, ``command`` (None outside an update) and the text
    form ``update_context`` to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate; never drops a record."""
        context = _current.get()
        record.update_id = context.update_id if context else None
        record.user_id = context.user_id if context else None
        record.command = context.command if context else None
        record.update_context = context.text() if context else ""
        return True


def json_formatter() -> logging.Formatter:
    """python-json-logger's formatter (v2 or v3), scrubbing its finished line of secrets."""
    try:
        module = importlib.import_module("pythonjsonlogger.json")
    except ImportError:  # python-json-logger 2.x
        module = importlib.import_module("pythonjsonlogger.jsonlogger")
    JsonFormatter: Any = module.JsonFormatter

    class ScrubbedJson(JsonFormatter):  # type: ignore[misc]
        def format(self, record: logging.LogRecord) -> str:
            return scrub(super().format(record))

        def add_fields(
            self, log_record: dict[str, Any], record: logging.LogRecord, message: dict[str, Any]
        ) -> None:
            super().add_fields(log_record, record, message)
            for name in ("update_id", "user_id", "command"):
                value = getattr(record, name, None)
                if value is not None:
                    log_record[name] = value
                else:
                    log_record.pop(name, None)
            log_record.pop("update_context", None)

    return ScrubbedJson(
        " ".join(f"%({name})s" for name in JSON_FIELDS),
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )


def text_formatter() -> logging.Formatter:
    """The plain format, with the update's context at the end of a line about one."""
    return logging.Formatter(TEXT_FORMAT)


def handler(log_format: str, stream: Any = None) -> logging.Handler:
    """A stream handler (stderr by default) in ``text`` or ``json``, with the update filter."""
    out = logging.StreamHandler(stream if stream is not None else sys.stderr)
    out.setFormatter(json_formatter() if log_format == "json" else text_formatter())
    out.addFilter(UpdateFilter())
    return out


def configure(level: str = "INFO", log_format: str = "text", stream: Any = None) -> None:
    """Replace the root logger's handlers with one in ``log_format`` at ``level``; quiet the
    talkative libraries."""
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler(log_format, stream))
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)

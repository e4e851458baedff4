"""LOG_LEVEL and LOG_FORMAT: the root logger's level and format, the update's context on its
lines, secrets out of JSON lines, and no scheduler line every minute at INFO."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from telegram import Update

from bot.__main__ import configure_logging
from bot.config import Settings, SettingsError, load_settings
from bot.logsafe import protect
from bot.observability import logs

TOKEN = "424242:LOG-TEST-TOKEN-abcdef"


@pytest.fixture
def root() -> Iterator[logging.Logger]:
    """The root logger, its handlers and level put back afterwards."""
    logger = logging.getLogger()
    handlers, level = list(logger.handlers), logger.level
    quiet = {name: logging.getLogger(name).level for name in logs.QUIET}
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    for handler in handlers:
        logger.addHandler(handler)
    logger.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def update(payload: dict[str, object]) -> Update:
    return Update.de_json({"update_id": 7001, **payload}, None)


USER = {"id": 42, "is_bot": False, "first_name": "Budi"}
CHAT = {"id": 42, "type": "private"}


def message(**fields: object) -> dict[str, object]:
    return {"message_id": 1, "date": 0, "chat": CHAT, "from": USER, **fields}


def test_settings_defaults_and_errors(no_env_file: None) -> None:
    s = settings()
    assert (s.METRICS_PORT, s.LOG_LEVEL, s.LOG_FORMAT) == (None, "INFO", "text")
    s = settings(METRICS_PORT="", LOG_LEVEL="debug", LOG_FORMAT="JSON")
    assert (s.METRICS_PORT, s.LOG_LEVEL, s.LOG_FORMAT) == (None, "DEBUG", "json")
    assert settings(METRICS_PORT="9464").METRICS_PORT == 9464
    with pytest.raises(SettingsError) as bad:
        load_settings(_env_file=None, LOG_FORMAT="xml", METRICS_PORT="0")
    lines = str(bad.value).splitlines()
    assert any(line.startswith("Pengaturan LOG_FORMAT tidak valid") for line in lines)
    assert any(line.startswith("Pengaturan METRICS_PORT tidak valid") for line in lines)


def test_level_and_format_are_applied(root: logging.Logger) -> None:
    configure_logging(settings(LOG_LEVEL="WARNING", LOG_FORMAT="json"))
    assert root.level == logging.WARNING
    assert len(root.handlers) == 1
    formatter = root.handlers[0].formatter
    assert formatter is not None and type(formatter).__name__ == "ScrubbedJson"
    configure_logging(settings())
    assert root.level == logging.INFO
    assert type(root.handlers[0].formatter) is logging.Formatter


def test_the_scheduler_does_not_log_every_minute_at_info(root: logging.Logger) -> None:
    out = io.StringIO()
    configure_logging(settings())
    root.handlers[0].setStream(out)  # type: ignore[attr-defined]
    # what APScheduler (under PTB's JobQueue) says at each tick
    executor = logging.getLogger("apscheduler.executors.default")
    executor.info('Running job "jadwal (trigger: interval[0:01:00])"')
    executor.info('Job "jadwal (trigger: interval[0:01:00])" executed successfully')
    logging.getLogger("bot.features.reminders.service").info("jadwal mingguan: 3 pesan")
    executor.warning('Run time of job "jadwal" was missed by 0:00:02')
    text = out.getvalue()
    assert "executed successfully" not in text and "Running job" not in text
    assert "jadwal mingguan: 3 pesan" in text and "was missed" in text


def test_text_lines_about_an_update_name_it(root: logging.Logger) -> None:
    out = io.StringIO()
    logs.configure("INFO", "text", out)
    log = logging.getLogger("bot.test")
    with logs.about_update(update({"message": message(text="/lapor@tl_bot 12 progres 50%")})):
        log.info("laporan dicatat")
    log.info("di luar update")
    first, second = out.getvalue().splitlines()
    assert first.endswith("bot.test: laporan dicatat [update=7001 user=42 /lapor]")
    assert second.endswith("bot.test: di luar update")


def test_json_lines_carry_the_fields_and_never_a_secret(root: logging.Logger) -> None:
    protect(TOKEN)
    out = io.StringIO()
    logs.configure("INFO", "json", out)
    log = logging.getLogger("bot.test")
    press = {"id": "9", "from": USER, "chat_instance": "1", "data": "x", "message": message()}
    with logs.about_update(update({"callback_query": press})):
        log.info("tombol %s", "ditekan", extra={"url": f"https://api.telegram.org/bot{TOKEN}/x"})
        try:
            raise RuntimeError(f"gagal memanggil /bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("galat")
    text = out.getvalue()
    assert TOKEN not in text
    first, second = (json.loads(line) for line in text.splitlines())
    assert first["message"] == "tombol ditekan"
    assert (first["update_id"], first["user_id"], first["command"]) == (7001, 42, "callback_query")
    assert first["level"] == "INFO" and first["logger"] == "bot.test" and "time" in first
    assert first["url"] == "https://api.telegram.org/bot***/x"
    assert "RuntimeError" in second["exc_info"] and "***" in second["exc_info"]
    assert "update_context" not in first


def test_kinds_of_updates() -> None:
    doc = {"file_id": "f", "file_unique_id": "u", "file_name": "opd.csv"}
    assert logs.describe(update({"message": message(text="halo")})).command == "message"
    assert logs.describe(update({"message": message(document=doc)})).command == "document"
    captioned = message(document=doc, caption="/opd_impor")
    assert logs.describe(update({"message": captioned})).command == "/opd_impor"
    edited = update({"edited_message": message(text="progres 60%", edit_date=1)})
    assert logs.describe(edited).command == "edited_message"
    chat_member = {
        "chat": CHAT,
        "from": USER,
        "date": 0,
        "old_chat_member": {"status": "member", "user": USER},
        "new_chat_member": {"status": "kicked", "user": USER, "until_date": 0},
    }
    context = logs.describe(update({"my_chat_member": chat_member}))
    assert (context.command, context.user_id) == ("my_chat_member", 42)

"""Tests for the deployment settings (PRODUCT.md "Settings"): defaults, the environment and
`.env`, and one clear line per bad setting, including from `python -m bot`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError, load_settings

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAH-very-secret-token_value"
NAMES = tuple(Settings.model_fields)

# PRODUCT.md's settings table, as typed there (name -> default text)
PRODUCT_DEFAULTS: dict[str, str] = {
    "DATABASE_URL": "sqlite+aiosqlite:///data/tindaklanjut.db",
    "TELEGRAM_API_URL": "https://api.telegram.org",
    "ADMIN_IDS": "",
    "TIMEZONE": "Asia/Jakarta",
    "LANGUAGE": "id",
    "WEEKLY_REMINDER_CRON": "0 8 * * mon",
    "DAILY_CHECK_CRON": "0 8 * * *",
    "DIGEST_CRON": "0 15 * * fri",
    "DEADLINE_REMINDER_DAYS": "3,1,0",
    "ESCALATION_DAYS": "7",
    "WORKING_DAYS_ONLY": "true",
}
EXPECTED_DEFAULTS: dict[str, object] = {
    "DATABASE_URL": "sqlite+aiosqlite:///data/tindaklanjut.db",
    "TELEGRAM_API_URL": "https://api.telegram.org",
    "ADMIN_IDS": [],
    "TIMEZONE": "Asia/Jakarta",
    "LANGUAGE": "id",
    "WEEKLY_REMINDER_CRON": "0 8 * * mon",
    "DAILY_CHECK_CRON": "0 8 * * *",
    "DIGEST_CRON": "0 15 * * fri",
    "DEADLINE_REMINDER_DAYS": [3, 1, 0],
    "ESCALATION_DAYS": 7,
    "WORKING_DAYS_ONLY": True,
}


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty folder (no stray `.env`) and no bot setting in the environment."""
    monkeypatch.chdir(tmp_path)
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def error_of(**overrides: object) -> str:
    with pytest.raises(SettingsError) as caught:
        load_settings(**overrides)
    return str(caught.value)


def assert_one_clear_line(message: str, name: str) -> None:
    assert message.splitlines() == [message], message
    assert message.startswith(f"Pengaturan {name} "), message
    assert "Traceback" not in message
    assert "pydantic" not in message.lower()
    assert "errors.pydantic.dev" not in message


# --- defaults ------------------------------------------------------------------------------


def test_every_contract_name_exists() -> None:
    # settings beyond PRODUCT.md's table may exist; the table's names may not go missing
    assert {"BOT_TOKEN", *PRODUCT_DEFAULTS} <= set(NAMES)


@pytest.mark.parametrize(("name", "expected"), EXPECTED_DEFAULTS.items())
def test_default(name: str, expected: object) -> None:
    assert getattr(load_settings(BOT_TOKEN=TOKEN), name) == expected


@pytest.mark.parametrize(("name", "typed"), PRODUCT_DEFAULTS.items())
def test_default_equals_the_product_value_written_out(
    monkeypatch: pytest.MonkeyPatch, name: str, typed: str
) -> None:
    default = getattr(load_settings(BOT_TOKEN=TOKEN), name)
    monkeypatch.setenv(name, typed)
    assert getattr(load_settings(BOT_TOKEN=TOKEN), name) == default


def product_table() -> dict[str, str]:
    """PRODUCT.md's settings table (name -> default cell), when the contract file is at hand."""
    product = next(
        (
            p
            for p in (REPO.parent / "shared" / "PRODUCT.md", Path("/work/shared/PRODUCT.md"))
            if p.exists()
        ),
        None,
    )
    if product is None:
        pytest.skip("PRODUCT.md not found")
    rows = {}
    for line in product.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[0].strip("`").isupper():
            rows[cells[0].strip("`")] = cells[1]
    return rows


def test_product_table_is_the_one_above() -> None:
    """Every setting the bot reads has PRODUCT.md's default; settings of features the contract
    describes but the bot does not have yet are left out until they are built."""
    rows = product_table()
    assert rows.pop("BOT_TOKEN") in ("(required)", "(none: the playground runs)")
    assert rows.pop("ADMIN_IDS") == "(empty)"
    built = {k: v.strip("`") for k, v in rows.items() if k in PRODUCT_DEFAULTS}
    assert built == {k: v for k, v in PRODUCT_DEFAULTS.items() if k != "ADMIN_IDS"}


def test_zone_and_urls_by_default() -> None:
    settings = load_settings(BOT_TOKEN=TOKEN)
    assert str(settings.zona) == "Asia/Jakarta"
    assert settings.base_url == "https://api.telegram.org/bot"
    assert settings.base_file_url == "https://api.telegram.org/file/bot"


# --- where settings come from --------------------------------------------------------------

VALUES = {
    "BOT_TOKEN": TOKEN,
    "DATABASE_URL": "postgresql+asyncpg://bot:pw@db/tindaklanjut",
    "TELEGRAM_API_URL": "http://127.0.0.1:8081",
    "ADMIN_IDS": "1, 2,3",
    "TIMEZONE": "Asia/Makassar",
    "LANGUAGE": "en",
    "WEEKLY_REMINDER_CRON": "30 7 * * mon",
    "DAILY_CHECK_CRON": "0 9 * * mon-fri",
    "DIGEST_CRON": "0 16 * * thu",
    "DEADLINE_REMINDER_DAYS": "0,3,1",
    "ESCALATION_DAYS": "14",
    "WORKING_DAYS_ONLY": "false",
}
READ = {
    "DATABASE_URL": "postgresql+asyncpg://bot:pw@db/tindaklanjut",
    "TELEGRAM_API_URL": "http://127.0.0.1:8081",
    "ADMIN_IDS": [1, 2, 3],
    "TIMEZONE": "Asia/Makassar",
    "LANGUAGE": "en",
    "WEEKLY_REMINDER_CRON": "30 7 * * mon",
    "DAILY_CHECK_CRON": "0 9 * * mon-fri",
    "DIGEST_CRON": "0 16 * * thu",
    "DEADLINE_REMINDER_DAYS": [3, 1, 0],
    "ESCALATION_DAYS": 14,
    "WORKING_DAYS_ONLY": False,
}


def read(settings: Settings) -> dict[str, object]:
    return {name: getattr(settings, name) for name in READ}


def test_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in VALUES.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings.token == TOKEN
    assert read(settings) == READ


def test_from_dotenv(clean: Path) -> None:
    lines = [f"{name}={value}" for name, value in VALUES.items()]
    (clean / ".env").write_text("# komentar\n" + "\n".join(lines) + "\n", encoding="utf-8")
    settings = load_settings()
    assert settings.token == TOKEN
    assert read(settings) == READ


def test_environment_beats_dotenv_and_overrides_beat_both(
    monkeypatch: pytest.MonkeyPatch, clean: Path
) -> None:
    (clean / ".env").write_text(f"BOT_TOKEN={TOKEN}\nLANGUAGE=en\nESCALATION_DAYS=3\n")
    monkeypatch.setenv("ESCALATION_DAYS", "5")
    settings = load_settings()
    assert (settings.LANGUAGE, settings.ESCALATION_DAYS) == ("en", 5)
    assert load_settings(ESCALATION_DAYS=9).ESCALATION_DAYS == 9


def test_names_are_case_sensitive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("bot_token", TOKEN)
    assert load_settings().BOT_TOKEN is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1, 2,3", [1, 2, 3]),
        ("", []),
        ("  ", []),
        ("42", [42]),
        ("7,", [7]),
        (" 10 ,20 , 30 ", [10, 20, 30]),
    ],
)
def test_admin_ids(monkeypatch: pytest.MonkeyPatch, typed: str, expected: list[int]) -> None:
    monkeypatch.setenv("ADMIN_IDS", typed)
    assert load_settings(BOT_TOKEN=TOKEN).ADMIN_IDS == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0,3,1", [3, 1, 0]),
        ("3,1,0", [3, 1, 0]),
        ("1", [1]),
        ("7, 7, 0", [7, 0]),
        ("60,0", [60, 0]),
    ],
)
def test_deadline_reminder_days(
    monkeypatch: pytest.MonkeyPatch, typed: str, expected: list[int]
) -> None:
    monkeypatch.setenv("DEADLINE_REMINDER_DAYS", typed)
    assert load_settings(BOT_TOKEN=TOKEN).DEADLINE_REMINDER_DAYS == expected


@pytest.mark.parametrize(
    ("url", "base", "files"),
    [
        ("http://127.0.0.1:8081/", "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        ("http://127.0.0.1:8081", "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        (
            "https://api.telegram.org//",
            "https://api.telegram.org/bot",
            "https://api.telegram.org/file/bot",
        ),
    ],
)
def test_api_urls(monkeypatch: pytest.MonkeyPatch, url: str, base: str, files: str) -> None:
    monkeypatch.setenv("TELEGRAM_API_URL", url)
    settings = load_settings(BOT_TOKEN=TOKEN)
    assert (settings.base_url, settings.base_file_url) == (base, files)


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])
def test_indonesian_zones(zone: str) -> None:
    assert str(load_settings(BOT_TOKEN=TOKEN, TIMEZONE=zone).zona) == zone


def test_token_never_shown() -> None:
    settings = load_settings(BOT_TOKEN=TOKEN)
    secret_part = TOKEN.split(":")[1]
    for shown in (
        repr(settings),
        str(settings),
        repr(settings.BOT_TOKEN),
        str(settings.BOT_TOKEN),
        repr(settings.model_dump()),
    ):
        assert TOKEN not in shown
        assert secret_part not in shown


# --- errors: one line per bad setting ------------------------------------------------------


def test_without_a_token_there_is_no_token_to_use() -> None:
    """No token is the playground's setting (PRODUCT.md); a bot that runs for real and asks
    for the token gets one clear line."""
    settings = load_settings()
    assert settings.BOT_TOKEN is None
    with pytest.raises(SettingsError, match="^Pengaturan BOT_TOKEN wajib diisi.$"):
        _ = settings.token


@pytest.mark.parametrize("token", ["", "   "])
def test_empty_token_is_no_token(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("BOT_TOKEN", token)
    assert load_settings().BOT_TOKEN is None


def test_token_is_trimmed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", f" {TOKEN} ")
    assert load_settings().token == TOKEN


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TIMEZONE", "Asia/Jakrta"),
        ("TIMEZONE", "WIB"),
        ("TIMEZONE", ""),
        ("TIMEZONE", "../../etc/passwd"),
        *[
            (cron, bad)
            for cron in ("WEEKLY_REMINDER_CRON", "DAILY_CHECK_CRON", "DIGEST_CRON")
            for bad in (
                "setiap senin",
                "0 8 * *",
                "0 25 * * *",
                "61 8 * * mon",
                "0 8 * * senin",
                "* * * * * *",
                "",
            )
        ],
        ("ADMIN_IDS", "abc"),
        ("ADMIN_IDS", "1;2"),
        ("ADMIN_IDS", "@admin"),
        ("ADMIN_IDS", "1,x"),
        ("LANGUAGE", "fr"),
        ("LANGUAGE", "ID"),
        ("LANGUAGE", ""),
        ("ESCALATION_DAYS", "0"),
        ("ESCALATION_DAYS", "-3"),
        ("ESCALATION_DAYS", "366"),
        ("ESCALATION_DAYS", "tujuh"),
        ("ESCALATION_DAYS", "7.5"),
        ("DEADLINE_REMINDER_DAYS", "61"),
        ("DEADLINE_REMINDER_DAYS", "-1"),
        ("DEADLINE_REMINDER_DAYS", "H-3"),
        ("TELEGRAM_API_URL", "api.telegram.org"),
        ("WORKING_DAYS_ONLY", "kadang"),
    ],
)
def test_bad_setting_gives_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    assert_one_clear_line(error_of(BOT_TOKEN=TOKEN), name)


def test_bad_cron_quotes_the_value() -> None:
    message = error_of(BOT_TOKEN=TOKEN, DIGEST_CRON="0 15 * * jumat")
    assert message == (
        "Pengaturan DIGEST_CRON tidak valid: bukan ekspresi cron 5 kolom yang sah: '0 15 * * jumat'"
    )


def test_several_bad_settings_one_line_each(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEZONE", "Mars/Olympus")
    monkeypatch.setenv("LANGUAGE", "fr")
    monkeypatch.setenv("DAILY_CHECK_CRON", "tiap hari")
    lines = error_of().splitlines()
    assert len(lines) == 3
    for name in ("TIMEZONE", "LANGUAGE", "DAILY_CHECK_CRON"):
        assert sum(line.startswith(f"Pengaturan {name} tidak valid: ") for line in lines) == 1


def test_error_hides_the_validation_traceback() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(BOT_TOKEN=TOKEN, LANGUAGE="fr")
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


# --- python -m bot -------------------------------------------------------------------------


def test_python_m_bot_with_a_bad_setting_says_so_in_one_line(clean: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in NAMES and not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    env["BOT_TOKEN"] = TOKEN
    env["TIMEZONE"] = "Mars/Olympus"
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=clean,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "Pengaturan TIMEZONE tidak valid: zona waktu tidak dikenal: 'Mars/Olympus'"
    ]
    assert done.stdout == ""


# --- product bugs found while writing these tests -------------------------------------------


def test_bad_admin_ids_with_two_bad_values_gives_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ADMIN_IDS", "abc,def")
    assert_one_clear_line(error_of(BOT_TOKEN=TOKEN), "ADMIN_IDS")


@pytest.mark.parametrize(
    ("overrides", "fails"),
    [
        ({"WEBHOOK_URL": "https://bot.example.go.id/tg", "WEBHOOK_SECRET": "abc_DEF-1"}, None),
        ({"WEBHOOK_URL": "http://127.0.0.1:8443/tg", "WEBHOOK_SECRET": "abc"}, None),
        ({"WEBHOOK_URL": "http://bot.example.go.id/tg", "WEBHOOK_SECRET": "abc"}, "WEBHOOK_URL"),
        ({"WEBHOOK_URL": "https://bot.example.go.id/tg"}, "WEBHOOK_SECRET"),
        (
            {"WEBHOOK_URL": "https://bot.example.go.id/tg", "WEBHOOK_SECRET": "a b"},
            "WEBHOOK_SECRET",
        ),
        ({"WEBHOOK_PORT": "0"}, "WEBHOOK_PORT"),
        ({"MISSED_RUN_GRACE_HOURS": "-1"}, "MISSED_RUN_GRACE_HOURS"),
    ],
)
def test_webhook_and_grace_settings(overrides: dict[str, str], fails: str | None) -> None:
    from bot.config import SettingsError, load_settings

    values = {"BOT_TOKEN": "1:x", **overrides}
    if fails is None:
        settings = load_settings(_env_file=None, **values)
        assert "abc" not in repr(settings)
        return
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, **values)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 and fails in lines[0]

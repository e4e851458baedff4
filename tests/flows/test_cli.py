"""The admin command line against a real database (SQLite, and PostgreSQL with
TEST_POSTGRES_URL): check, migrate, backup and restore, an admin invite made from the server,
and the outbox's messages of unknown fate. Run in process through the same entry as
`python -m bot PERINTAH` (bot/cli/main.py:guarded) with the harness's settings."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.engine import Connection, make_url
from telegram.error import TimedOut

from bot.__main__ import parse_arguments
from bot.cli.main import guarded
from bot.config import Settings
from bot.domain.roles import Peran
from storage.db import create_engine
from storage.migrate import alembic_config
from storage.models import Base, Invite, Member, OutboxMessage
from storage.states import OutboxState
from tests.support.fake_bot_api import FakeBotApi
from tests.support.harness import TOKEN, BotHarness, user
from tests.support.pemda import published
from tests.support.snapshots import postgres_admin

# the newest migration's revision (each file is named after its own)
HEAD = max(
    p.name[:4] for p in (Path(__file__).parents[2] / "storage/migrations/versions").glob("0*.py")
)


async def cli(
    capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str
) -> tuple[int, list[str], list[str]]:
    """Run `python -m bot ARGV` in this process; the exit code, stdout and stderr lines."""
    capsys.readouterr()
    code = await guarded(parse_arguments(list(argv)), lambda: settings)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def with_(bot: BotHarness, **changes: Any) -> Settings:
    return bot.settings.model_copy(update=changes)


async def all_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the bot's schema, in primary-key order."""
    engine = create_engine(url)
    found: dict[str, list[tuple[Any, ...]]] = {}
    try:
        async with engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                keys = list(table.primary_key.columns)
                rows = await conn.execute(select(table).order_by(*keys))
                found[table.name] = [tuple(row) for row in rows]
            version = await conn.execute(text("SELECT version_num FROM alembic_version"))
            found["alembic_version"] = [tuple(row) for row in version]
    finally:
        await engine.dispose()
    return found


async def fresh_target(bot: BotHarness, tmp_path: Path) -> str:
    """An empty database of the same kind as the bot's: a new SQLite file, or a new
    PostgreSQL database on the same server (dropped by ``drop_target``)."""
    url = make_url(bot.settings.DATABASE_URL)
    if url.get_backend_name() == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'pulih' / 'bot.db'}"
    name = f"{url.database}_pulih"
    await postgres_admin(
        url.render_as_string(hide_password=False),
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
    )
    return url.set(database=name).render_as_string(hide_password=False)


async def drop_target(bot: BotHarness, target: str) -> None:
    url = make_url(target)
    if url.get_backend_name() == "postgresql":
        await postgres_admin(
            bot.settings.DATABASE_URL, f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'
        )


def needs_pg_tools(bot: BotHarness) -> None:
    if bot.app.env.db.is_postgres and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not installed")


# --------------------------------------------------------------------------- backup, restore
async def test_backup_then_restore_into_a_fresh_database_gives_the_same_rows(
    bot: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    needs_pg_tools(bot)
    await published(bot)
    evidence = tmp_path / "bukti"
    (evidence / "sub").mkdir(parents=True)
    (evidence / "1_1.jpg").write_bytes(b"\xff\xd8foto")
    (evidence / "sub" / "2_3.pdf").write_bytes(b"%PDF dokumen")
    (evidence / ".3_4.jpg.abc.tmp").write_bytes(b"setengah")  # a download being written
    source = with_(bot, EVIDENCE_DIR=str(evidence))
    archive = tmp_path / "cadangan.tar.gz"
    code, out, err = await cli(capsys, source, "backup", str(archive))  # the bot is running
    assert (code, err) == (0, [])
    assert out[0].startswith(f"Cadangan ditulis ke {archive}")
    assert f"revisi {HEAD}, 2 berkas bukti" in out[0]

    target_url = await fresh_target(bot, tmp_path)
    restored_evidence = tmp_path / "bukti-pulih"
    target = with_(bot, DATABASE_URL=target_url, EVIDENCE_DIR=str(restored_evidence))
    try:
        code, out, err = await cli(capsys, target, "restore", str(archive))
        assert (code, err) == (0, [])
        assert out[0].startswith(f"Dipulihkan dari {archive}")
        before = await all_rows(bot.settings.DATABASE_URL)
        after = await all_rows(target_url)
        assert sum(len(rows) for rows in before.values()) > 50
        assert after == before
        assert (restored_evidence / "1_1.jpg").read_bytes() == b"\xff\xd8foto"
        assert (restored_evidence / "sub" / "2_3.pdf").read_bytes() == b"%PDF dokumen"
        assert not list(restored_evidence.glob(".*"))

        # the restored database is the bot's: check finds it migrated and reachable
        code, out, _ = await cli(capsys, target.model_copy(update={"BOT_TOKEN": None}), "check")
        assert code == 0
        assert any(line.startswith("OK") and "Migrasi" in line for line in out)

        # a second restore would overwrite data: refused unless --ganti
        code, out, err = await cli(capsys, target, "restore", str(archive))
        assert code == 1 and out == []
        assert len(err) == 1 and "sudah berisi data" in err[0] and "--ganti" in err[0]
        code, _, err = await cli(capsys, target, "restore", "--ganti", str(archive))
        assert (code, err) == (0, [])
        assert await all_rows(target_url) == before
    finally:
        await drop_target(bot, target_url)


async def test_restore_refuses_the_running_bots_own_database(
    bot: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    needs_pg_tools(bot)
    await published(bot)
    settings = with_(bot, EVIDENCE_DIR=str(tmp_path / "bukti"))
    archive = tmp_path / "c.tar.gz"
    assert (await cli(capsys, settings, "backup", str(archive)))[0] == 0
    before = await all_rows(bot.settings.DATABASE_URL)
    code, out, err = await cli(capsys, settings, "restore", str(archive))
    assert code == 1 and out == [] and len(err) == 1
    assert await all_rows(bot.settings.DATABASE_URL) == before


def test_sqlite_backup_taken_while_another_connection_writes_is_consistent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A writer commits pairs of audit rows as fast as it can while the backup runs: the copy
    holds whole pairs only, everything committed before it started, and is intact."""
    import asyncio

    from bot.cli.backup import sqlite_copy
    from tests.support.snapshots import migrate_sqlite

    live = tmp_path / "live.db"
    asyncio.run(migrate_sqlite(live))
    filler = sqlite3.connect(live)
    filler.execute("PRAGMA journal_mode=WAL")
    with filler:  # enough pages for the copy to take a while
        filler.executemany(
            "INSERT INTO audit_log (at, actor_telegram_id, action, subject) VALUES "
            "('2026-11-23 01:00:00', 1, 'isi', ?)",
            [("x" * 200,) for _ in range(20_000)],
        )
    filler.close()
    started, stop = threading.Event(), threading.Event()
    committed: list[int] = []

    def write() -> None:
        conn = sqlite3.connect(live, timeout=30, isolation_level=None)
        n = 0
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            for _ in range(2):
                conn.execute(
                    "INSERT INTO audit_log (at, actor_telegram_id, action, subject) "
                    "VALUES ('2026-11-23 01:00:00', 1, 'pasangan', ?)",
                    (f"p:{n}",),
                )
            conn.execute("COMMIT")
            n += 1
            committed.append(n)
            if n == 50:
                started.set()
        conn.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert started.wait(60)
        at_start = len(committed)
        copies = [tmp_path / f"copy{i}.db" for i in range(3)]
        for copy in copies:
            sqlite_copy(live, copy)
    finally:
        stop.set()
        writer.join()
    assert len(committed) > at_start  # the writer kept writing during the copies
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        pairs = dict(
            conn.execute(
                "SELECT subject, count(*) FROM audit_log WHERE action = 'pasangan' GROUP BY subject"
            ).fetchall()
        )
        conn.close()
        assert set(pairs.values()) == {2}
        assert len(pairs) >= at_start
    assert not Path(f"{copies[0]}-wal").exists()


# --------------------------------------------------------------------------- check
async def test_check_says_ok_line_by_line_and_exit_0(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    api = FakeBotApi(TOKEN)
    await api.start()
    try:
        code, out, err = await cli(capsys, with_(bot, TELEGRAM_API_URL=api.url), "check")
    finally:
        await api.stop()
    assert (code, err) == (0, [])
    assert [line.split()[0] for line in out] == ["OK"] * 5
    assert [line.split(":")[0].split(maxsplit=1)[1] for line in out] == [
        "Pengaturan",
        "Basis data",
        "Migrasi",
        "Telegram",
        "Data hari libur",
    ]
    assert f"revisi {HEAD}" in out[2]
    assert "@TindakLanjutBot" in out[3]
    assert [c.method for c in api.calls] == ["getMe"]


async def test_check_fails_when_telegram_cannot_be_reached(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    closed = "http://127.0.0.1:9"  # nothing listens on the discard port
    code, out, err = await cli(capsys, with_(bot, TELEGRAM_API_URL=closed), "check")
    assert code == 1 and err == []
    telegram = [line for line in out if "Telegram" in line]
    assert len(telegram) == 1 and telegram[0].startswith("GAGAL")
    assert "tidak bisa dihubungi" in telegram[0] and TOKEN not in "\n".join(out)


async def test_check_a_refused_token_is_said_plainly(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    api = FakeBotApi("999:OTHER")
    await api.start()
    try:
        code, out, _ = await cli(capsys, with_(bot, TELEGRAM_API_URL=api.url), "check")
    finally:
        await api.stop()
    assert code == 1
    assert any(line.startswith("GAGAL") and "BOT_TOKEN ditolak" in line for line in out)


async def test_check_warns_when_the_holiday_data_ends(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    """In 2027 the package (as installed) knows no cuti bersama for 2028: a warning, exit 0."""
    from bot.cli.check import check
    from bot.domain.kalender import cuti_bersama

    if cuti_bersama(2028):
        pytest.skip("this holidays package already knows 2028")
    settings = with_(bot, BOT_TOKEN=None)
    capsys.readouterr()
    code = await check(lambda: settings, today=date(2027, 6, 1))
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    horizon = [line for line in out if "hari libur" in line]
    assert len(horizon) == 1 and horizon[0].startswith("PERINGATAN")
    assert "cuti bersama 2028" in horizon[0] and "holidays" in horizon[0]


async def test_check_names_pending_migrations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'lama.db'}"
    await upgrade_to(url, "0004")
    settings = Settings(_env_file=None, DATABASE_URL=url)  # type: ignore[call-arg]
    code, out, _ = await cli(capsys, settings, "check")
    assert code == 0
    migrasi = [line for line in out if "Migrasi" in line]
    assert migrasi[0].startswith("PERINGATAN") and f"0004 → {HEAD}" in migrasi[0]


async def test_check_with_a_database_that_cannot_be_reached(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+asyncpg://bot:rahasia@127.0.0.1:9/tindaklanjut"
    settings = Settings(_env_file=None, DATABASE_URL=url)  # type: ignore[call-arg]
    code, out, err = await cli(capsys, settings, "check")
    assert code == 1 and err == []
    line = next(line for line in out if "Basis data" in line)
    assert line.startswith("GAGAL") and "rahasia" not in "\n".join(out)


# --------------------------------------------------------------------------- migrate
async def upgrade_to(url: str, revision: str) -> None:
    engine = create_engine(url)

    def run(connection: Connection) -> None:
        command.upgrade(alembic_config(connection), revision)

    try:
        async with engine.begin() as conn:
            await conn.run_sync(run)
    finally:
        await engine.dispose()


async def test_migrate_says_from_which_revision_to_which(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'lama.db'}"
    await upgrade_to(url, "0004")
    settings = Settings(_env_file=None, DATABASE_URL=url)  # type: ignore[call-arg]
    code, out, err = await cli(capsys, settings, "migrate")
    assert (code, err) == (0, [])
    steps = [f"{n:04d}" for n in range(5, int(HEAD) + 1)]
    assert out == [
        f"Migrasi diterapkan: dari revisi 0004 ke {HEAD} "
        f"({len(steps)} migrasi: {', '.join(steps)})."
    ]
    code, out, _ = await cli(capsys, settings, "migrate")
    assert out == [f"Skema sudah terbaru (revisi {HEAD}); tidak ada migrasi diterapkan."]
    fresh = Settings(_env_file=None, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'baru.db'}")  # type: ignore[call-arg]
    code, out, _ = await cli(capsys, fresh, "migrate")
    assert code == 0 and out[0].startswith(f"Migrasi diterapkan: dari revisi kosong ke {HEAD}")


async def test_migrate_refuses_a_database_from_a_newer_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'baru.db'}"
    await upgrade_to(url, "head")
    conn = sqlite3.connect(tmp_path / "baru.db")
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    settings = Settings(_env_file=None, DATABASE_URL=url)  # type: ignore[call-arg]
    code, out, err = await cli(capsys, settings, "migrate")
    assert code == 1 and out == [] and len(err) == 1 and "0099" in err[0]
    code, out, _ = await cli(capsys, settings, "check")
    assert code == 1 and any(line.startswith("GAGAL") and "0099" in line for line in out)


# --------------------------------------------------------------------------- undang admin
async def test_an_admin_invite_from_the_server_makes_an_admin(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = await cli(capsys, bot.settings, "undang", "admin", "--bot-username", "@tl_bot")
    assert (code, err) == (0, [])
    assert out[0].startswith("https://t.me/tl_bot?start=")
    assert "sekali pakai" in out[1]
    code_text = out[0].split("?start=")[1]
    newcomer = user(3001, "Dewi", "dewi_kominfo")
    await bot.say(newcomer, f"/start {code_text}")
    member = (await bot.rows(Member, Member.telegram_id == 3001))[0]
    assert member.peran == Peran.ADMIN.value and member.active
    invite = (await bot.rows(Invite, Invite.code == code_text))[0]
    assert invite.used_by == 3001
    # single use
    other = user(3002, "Eko")
    await bot.say(other, f"/start {code_text}")
    assert not await bot.rows(Member, Member.telegram_id == 3002, Member.peran == "admin")


async def test_an_admin_invite_names_the_bot_from_getme(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    api = FakeBotApi(TOKEN)
    await api.start()
    try:
        code, out, _ = await cli(capsys, with_(bot, TELEGRAM_API_URL=api.url), "undang", "admin")
    finally:
        await api.stop()
    assert code == 0 and out[0].startswith("https://t.me/TindakLanjutBot?start=")


async def test_an_admin_invite_without_telegram_asks_for_the_bot_username(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = with_(bot, TELEGRAM_API_URL="http://127.0.0.1:9")
    code, out, err = await cli(capsys, settings, "undang", "admin")
    assert code == 1 and out == [] and len(err) == 1 and "--bot-username" in err[0]
    assert not await bot.rows(Invite)


async def test_an_admin_invite_needs_an_admin_to_issue_it(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    async with bot.app.env.db.unit() as uow:
        await uow.session.execute(text("UPDATE member SET active = false"))
        await uow.commit()
    settings = with_(bot, ADMIN_IDS=[])
    code, out, err = await cli(capsys, settings, "undang", "admin", "--bot-username", "b")
    assert code == 1 and len(err) == 1 and "ADMIN_IDS" in err[0]


# --------------------------------------------------------------------------- outbox
async def unknown_message(bot: BotHarness) -> OutboxMessage:
    """A message whose call went out and whose answer was lost."""
    from bot.messaging.outbox import enqueue, message_payload

    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        await enqueue(uow, "uji:cli", "sendMessage", 555, message_payload(555, "Rapat dimajukan"))
        await uow.commit()
    original = bot.request.do_request
    state = {"done": False}

    async def failing(url: str, *args: Any, **kwargs: Any) -> Any:
        if url.endswith("/sendMessage") and not state["done"]:
            state["done"] = True
            error = TimedOut("Timed out")
            error.__cause__ = httpx.ReadTimeout("read")
            raise error
        return await original(url, *args, **kwargs)

    bot.request.do_request = failing  # type: ignore[method-assign]
    await bot.app.sender.send_due()
    bot.request.do_request = original  # type: ignore[method-assign]
    row = (await bot.rows(OutboxMessage, OutboxMessage.key == "uji:cli"))[0]
    assert row.state == OutboxState.TIDAK_PASTI
    return row


async def test_outbox_lists_unknown_messages_and_resends_one(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = await cli(capsys, bot.settings, "outbox")
    assert code == 0 and out == ["Tidak ada pesan yang nasibnya tidak pasti."]
    row = await unknown_message(bot)
    code, out, _ = await cli(capsys, bot.settings, "outbox")
    assert code == 0
    listed = [line for line in out if line.strip().startswith(f"#{row.id}")]
    assert len(listed) == 1 and "chat 555" in listed[0] and "Rapat dimajukan" in listed[0]
    assert bot.request.texts(555) == []

    code, out, err = await cli(capsys, bot.settings, "outbox", "kirim-ulang", str(row.id))
    assert (code, err) == (0, [])
    assert f"#{row.id}" in out[0]
    again = (await bot.rows(OutboxMessage, OutboxMessage.id == row.id))[0]
    assert (again.state, again.attempts, again.key) == (OutboxState.ANTRI, 0, "uji:cli")
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == ["Rapat dimajukan"]
    code, out, _ = await cli(capsys, bot.settings, "outbox")
    assert out == ["Tidak ada pesan yang nasibnya tidak pasti."]

    # only an unknown message is resent from here: a sent one is refused in one line
    code, out, err = await cli(capsys, bot.settings, "outbox", "kirim-ulang", str(row.id))
    assert code == 1 and out == [] and len(err) == 1 and "terkirim" in err[0]
    code, _, err = await cli(capsys, bot.settings, "outbox", "kirim-ulang", "987654")
    assert code == 1 and err == ["Pesan outbox #987654 tidak ada."]

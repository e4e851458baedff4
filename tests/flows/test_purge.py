"""Keeping data tidy (issue 15, point 4): raw updates and the payloads of sent messages older
than the retention periods are purged, by `python -m bot purge` and by a daily scheduled run;
reports, history, evidence and every message not surely delivered stay, and so does every
outbox key (nothing is ever sent twice after a purge). SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import exitcodes
from bot.__main__ import parse_arguments
from bot.cli.main import guarded
from bot.cli.purge import purge as purge_command
from bot.config import Settings, load_settings
from bot.features.retention import service as retention
from bot.features.verification.service import CARD_KEY
from bot.messaging.audience import Recipient
from bot.messaging.outbox import Berkas, enqueue, message_payload, send_file
from storage.models import (
    Arahan,
    AuditLog,
    InboxUpdate,
    Laporan,
    MessageLink,
    OutboxFile,
    OutboxMessage,
    Penugasan,
    ScheduledRun,
)
from storage.states import OutboxState, RunState
from tests.support.harness import ADMIN_ID, BotHarness
from tests.support.pemda import KEPALA_DINKES, WIB, published

ADMIN = Recipient(ADMIN_ID, "anggota:uji")
LATER = timedelta(days=200)  # more than the default six months


async def run_purge(
    capsys: pytest.CaptureFixture[str], bot: BotHarness, *, dry_run: bool = False
) -> list[str]:
    """`python -m bot purge [--dry-run]` at the harness's time; its lines (exit code 0)."""
    capsys.readouterr()
    code = await purge_command(bot.settings, dry_run=dry_run, now=bot.clock.now())
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out.splitlines()


async def history(bot: BotHarness) -> dict[str, list[tuple[Any, ...]]]:
    """What is never purged: directives, penugasan, reports, the audit log, message links."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for model in (Arahan, Penugasan, Laporan, AuditLog, MessageLink):
        rows = await bot.rows(model)
        found[model.__tablename__] = [
            tuple(getattr(row, column.key) for column in model.__table__.columns) for row in rows
        ]
    return found


async def old_activity(bot: BotHarness) -> None:
    """Half a year ago: the Pemda published its directives, a Kepala Dinas reported, the
    admin got a file; one message's fate is unknown, one is queued for later, and one update
    was never handled."""
    await published(bot)
    await bot.say(KEPALA_DINKES, "/lapor 1 rapat koordinasi dengan puskesmas sudah dilaksanakan")
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        await send_file(uow, "ekspor:lama", ADMIN, Berkas("rekap.xlsx", b"PK isi", "x/xlsx"))
        await uow.commit()
    await bot.app.sender.send_due()
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        await enqueue(uow, "tidak-pasti:lama", "sendMessage", ADMIN_ID, {"text": "mungkin"})
        await enqueue(uow, "antri:lama", "sendMessage", ADMIN_ID, {"text": "nanti"})
        unknown, queued = (
            await uow.session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.key.in_(["tidak-pasti:lama", "antri:lama"]))
                .order_by(OutboxMessage.key)
            )
        ).all()
        unknown.state = OutboxState.TIDAK_PASTI
        queued.not_before = uow.now + timedelta(days=1000)
        # a verification card still waiting for a decision: its text is shown again then
        await enqueue(uow, f"{CARD_KEY}:99:anggota:1", "sendMessage", ADMIN_ID, {"text": "Kartu"})
        card = await uow.session.scalar(
            select(OutboxMessage).where(OutboxMessage.key == f"{CARD_KEY}:99:anggota:1")
        )
        assert card is not None
        card.state, card.sent_at, card.message_id = OutboxState.TERKIRIM, uow.now, 777
        uow.session.add(InboxUpdate(update_id=1, payload={"update_id": 1}, received_at=uow.now))
        await uow.commit()


async def test_purge_removes_old_updates_and_sent_payloads_and_keeps_history_and_keys(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    await old_activity(bot)
    kept = await history(bot)
    assert kept["laporan"] and kept["audit_log"] and kept["message_link"]
    old_inbox = {r.update_id for r in await bot.rows(InboxUpdate)}
    old_sent = {
        r.key
        for r in await bot.rows(OutboxMessage, OutboxMessage.state == OutboxState.TERKIRIM)
        if not r.key.startswith(f"{CARD_KEY}:")
    }
    old_keys = {r.key for r in await bot.rows(OutboxMessage)}
    assert len(old_inbox) > 5 and len(old_sent) > 5 and len(await bot.rows(OutboxFile)) == 1

    bot.clock.advance(days=200)  # Friday 11 June 2027: more than the default six months
    jumped = bot.clock.now()
    await bot.say(bot.admin, "/bantuan")  # today's update and answer stay
    new_inbox = {r.update_id for r in await bot.rows(InboxUpdate)} - old_inbox
    assert len(new_inbox) == 1

    lines = await run_purge(capsys, bot, dry_run=True)
    assert lines == [
        f"Pembaruan mentah (inbox) yang akan dihapus: {len(old_inbox) - 1} (diterima sebelum "
        "11-12-2026, RETENTION_INBOX_MONTHS=6)",
        f"Isi pesan terkirim (outbox) yang akan dikosongkan: {len(old_sent)} (terkirim sebelum "
        "11-12-2026, RETENTION_OUTBOX_MONTHS=6)",
        "Berkas pesan terkirim yang akan dihapus: 1",
        "Uji coba (--dry-run): tidak ada yang diubah.",
    ]
    assert {r.update_id for r in await bot.rows(InboxUpdate)} == old_inbox | new_inbox
    assert len(await bot.rows(OutboxFile)) == 1

    lines = await run_purge(capsys, bot)
    assert lines == [
        f"Pembaruan mentah (inbox) dihapus: {len(old_inbox) - 1} (diterima sebelum 11-12-2026)",
        f"Isi pesan terkirim (outbox) dikosongkan: {len(old_sent)} (terkirim sebelum "
        "11-12-2026; kuncinya disimpan agar tidak ada yang terkirim dua kali)",
        "Berkas pesan terkirim dihapus: 1",
    ]
    # the handled raw updates went; the one never handled and today's stay
    assert {r.update_id for r in await bot.rows(InboxUpdate)} == {1} | new_inbox
    # every outbox row and key stays; the old sent ones lost their words, nothing else did
    rows = {r.key: r for r in await bot.rows(OutboxMessage)}
    assert old_keys < set(rows)
    assert all(rows[key].payload == {} for key in old_sent)
    assert all(rows[key].state == OutboxState.TERKIRIM for key in old_sent)
    assert rows["tidak-pasti:lama"].payload == {"text": "mungkin"}
    assert rows["antri:lama"].payload == {"text": "nanti"}
    assert rows[f"{CARD_KEY}:99:anggota:1"].payload == {"text": "Kartu"}
    today = [r for r in rows.values() if r.created_at >= jumped]
    assert today and all(r.payload.get("text") for r in today)
    assert await bot.rows(OutboxFile) == []
    assert await history(bot) == kept

    # a replay of old work finds its keys: nothing is queued or sent again
    before = len(bot.request.calls)
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        again = message_payload(ADMIN_ID, "lagi")
        for key in old_sent:
            assert not await enqueue(uow, key, "sendMessage", ADMIN_ID, again)
        assert not await send_file(uow, "ekspor:lama", ADMIN, Berkas("r.xlsx", b"x", "x/xlsx"))
        await uow.commit()
    await bot.app.sender.send_due()
    assert bot.request.calls[before:] == []
    assert await bot.rows(OutboxFile) == []

    # purging again purges nothing
    lines = await run_purge(capsys, bot)
    assert [line.split(": ")[1].split()[0] for line in lines] == ["0", "0", "0"]


async def test_purge_works_in_small_batches(bot: BotHarness) -> None:
    await old_activity(bot)
    bot.clock.advance(days=200)
    env = bot.app.env
    counted = await retention.purge(env.db, env.settings, bot.clock.now(), dry_run=True, batch=2)
    assert counted.inbox > 5 and counted.outbox > 5 and counted.berkas == 1
    done = await retention.purge(env.db, env.settings, bot.clock.now(), batch=2)
    assert (done.inbox, done.outbox, done.berkas) == (
        counted.inbox,
        counted.outbox,
        counted.berkas,
    )
    assert [r.update_id for r in await bot.rows(InboxUpdate)] == [1]
    sent = await bot.rows(OutboxMessage, OutboxMessage.state == OutboxState.TERKIRIM)
    cards = [r for r in sent if r.key.startswith(f"{CARD_KEY}:")]
    assert [r.payload for r in cards] == [{"text": "Kartu"}]
    assert len(sent) == counted.outbox + 1 and all(r.payload == {} for r in sent if r not in cards)


async def test_shorter_retention_settings_purge_more(bot: BotHarness) -> None:
    await old_activity(bot)
    bot.clock.advance(days=40)  # only a month and a bit later
    env = bot.app.env
    default = await retention.purge(env.db, env.settings, bot.clock.now(), dry_run=True)
    assert (default.inbox, default.outbox, default.berkas) == (0, 0, 0)
    short = env.settings.model_copy(update={"RETENTION_INBOX_MONTHS": 1})
    hasil = await retention.purge(env.db, short, bot.clock.now())
    assert hasil.inbox > 5 and (hasil.outbox, hasil.berkas) == (0, 0)
    assert [r.update_id for r in await bot.rows(InboxUpdate)] == [1]
    assert len(await bot.rows(OutboxFile)) == 1


async def test_the_daily_purge_runs_from_the_scheduler_once_a_day(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await old_activity(bot)
    # the bot was down for months and comes back on Friday 11 June 2027 at 02:00: the
    # latest purge (Thursday's, 03:30) runs, the ones missed before it are not run one by one
    bot.clock.current = datetime(2027, 6, 11, 2, 0, tzinfo=WIB).astimezone(UTC)
    caplog.set_level(logging.INFO)
    await bot.tick()
    runs = [r for r in await bot.rows(ScheduledRun) if r.jenis == "retensi"]
    assert [(r.occurrence, r.state, r.queued) for r in runs] == [
        ("2027-06-10T03:30", RunState.SELESAI, 0)
    ]
    assert [r.update_id for r in await bot.rows(InboxUpdate)] == [1]
    assert await bot.rows(OutboxFile) == []
    assert "retensi:" in caplog.text and "pembaruan mentah dihapus" in caplog.text
    # a minute later, and after a restart: nothing runs again until the next 03:30
    bot.clock.advance(minutes=1)
    await bot.tick()
    await bot.restart()
    await bot.tick()
    assert len([r for r in await bot.rows(ScheduledRun) if r.jenis == "retensi"]) == 1
    # Saturday, a day off, 03:30: housekeeping runs every day
    bot.clock.current = datetime(2027, 6, 12, 3, 30, tzinfo=WIB).astimezone(UTC)
    await bot.tick()
    runs = [r for r in await bot.rows(ScheduledRun) if r.jenis == "retensi"]
    assert [r.occurrence for r in runs] == ["2027-06-10T03:30", "2027-06-12T03:30"]
    assert all(r.state == RunState.SELESAI for r in runs)
    # nothing the purge did was sent to anyone
    assert not [c for c in bot.request.calls if "retensi" in (c.text or "")]


# --------------------------------------------------------------------------- the command line
async def cli(
    capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str
) -> tuple[int, list[str], list[str]]:
    capsys.readouterr()
    code = await guarded(parse_arguments(list(argv)), lambda: settings)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


async def test_purge_through_the_command_line_prints_one_line_per_kind(
    bot: BotHarness, capsys: pytest.CaptureFixture[str]
) -> None:
    # ten years of retention: only what is older than that goes, whatever today's date is
    settings = bot.settings.model_copy(
        update={"RETENTION_INBOX_MONTHS": 120, "RETENTION_OUTBOX_MONTHS": 120}
    )
    long_ago = datetime(2010, 1, 4, tzinfo=UTC)
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        uow.session.add(
            InboxUpdate(update_id=7, payload={}, received_at=long_ago, handled_at=long_ago)
        )
        await uow.commit()
    code, out, err = await cli(capsys, settings, "purge", "--dry-run")
    assert (code, err, len(out)) == (0, [], 4)
    assert out[0].startswith("Pembaruan mentah (inbox) yang akan dihapus: 1 ")
    code, out, err = await cli(capsys, settings, "purge")
    assert (code, err, len(out)) == (0, [], 3)
    assert out[0].startswith("Pembaruan mentah (inbox) dihapus: 1 ")
    assert await bot.rows(InboxUpdate, InboxUpdate.update_id == 7) == []


async def test_purge_on_a_database_not_set_up_says_so_in_one_line(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "kosong.db"
    empty.touch()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, DATABASE_URL=f"sqlite+aiosqlite:///{empty}"
    )
    code, out, err = await cli(capsys, settings, "purge")
    assert (code, out) == (1, [])
    assert len(err) == 1 and "python -m bot migrate" in err[0]


async def test_purge_with_a_bad_retention_setting_exits_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("RETENTION_OUTBOX_MONTHS", "0")
    capsys.readouterr()
    code = await guarded(parse_arguments(["purge"]), load_settings)
    out, err = capsys.readouterr()
    assert (code, out) == (exitcodes.BAD_SETTINGS, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("Pengaturan RETENTION_OUTBOX_MONTHS tidak valid")

"""Buttons survive a token change: the signing secret is the database's, made once at first
start and shared by every process, never derived from the bot token."""

from __future__ import annotations

from alembic import command
from pydantic import SecretStr
from sqlalchemy import Connection, text

from bot.domain.roles import ButtonKind
from bot.messaging.callbacks import CallbackSigner
from storage.db import Database
from storage.migrate import alembic_config
from storage.models import Arahan, BotState
from tests.conftest import FakeClock
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import TOKEN, BotHarness
from tests.support.pemda import sent_texts, setup_pemda

NEW_TOKEN = "654321:ROTATED-TOKEN"


async def test_a_button_made_before_a_token_change_still_works(bot: BotHarness) -> None:
    await setup_pemda(bot)
    calls = await bot.say(bot.admin, "/arahan DINKES | 31/12/2026 | Validasi data stunting")
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    publish = RecordingRequest.buttons(preview)[0][0][1]
    # the leaked token is revoked at BotFather; the bot restarts with the new one
    bot.settings = bot.settings.model_copy(update={"BOT_TOKEN": SecretStr(NEW_TOKEN)})
    await bot.restart()
    assert bot.app.bot.token == NEW_TOKEN
    # a button forged with what the old token gives away is refused and changes nothing
    kind, *args, _ = publish.split(":")
    forged = CallbackSigner(TOKEN).make(ButtonKind(kind), *args)
    assert forged != publish
    calls = await bot.press(bot.admin, preview, forged)
    assert await bot.rows(Arahan) == []
    assert any("tidak" in (c.params.get("text") or "") for c in calls)
    # the real one, made under the old token, still publishes
    calls = await bot.press(bot.admin, preview, publish)
    arahan = await bot.rows(Arahan)
    assert [a.nomor for a in arahan] == [1]
    assert any("Validasi data stunting" in t for t in sent_texts(calls))


async def test_the_secret_is_the_databases_not_the_tokens(bot: BotHarness) -> None:
    secret = (await bot.rows(BotState, BotState.key == "callback_secret"))[0].value
    assert len(bytes.fromhex(secret)) == 32 and secret not in TOKEN
    made = bot.app.env.signer.make(ButtonKind.DRAF, "pub", 7)
    assert made == CallbackSigner(secret).make(ButtonKind.DRAF, "pub", 7)
    assert made != CallbackSigner(TOKEN).make(ButtonKind.DRAF, "pub", 7)
    # a database created before the secret was kept does not honour token-signed buttons
    assert bot.app.env.signer.read(CallbackSigner(TOKEN).make(ButtonKind.DRAF, "pub", 7)) is None


async def test_a_database_in_use_before_keeps_its_old_buttons(
    database_url: str, clock: FakeClock
) -> None:
    db = Database(database_url)
    try:

        def to_0003(connection: Connection) -> None:
            command.downgrade(alembic_config(connection), "0003")

        async with db.engine.begin() as conn:
            await conn.run_sync(to_0003)
            await conn.execute(
                text(
                    "INSERT INTO member (telegram_id, nama, peran, active, via_admin_ids,"
                    " joined_at) VALUES (2001, 'Budi', 'kepala_opd', true, false, :now)"
                ),
                {"now": clock.now()},
            )
    finally:
        await db.dispose()
    bot = BotHarness(database_url, clock)
    await bot.start()  # migrates to head
    try:
        signer = bot.app.env.signer
        old = CallbackSigner(TOKEN).make(ButtonKind.DRAF, "pub", 7)
        tombol = signer.read(old)
        assert tombol is not None and tombol.args == ("pub", "7")
        # new buttons are signed with the database's secret
        assert signer.make(ButtonKind.DRAF, "pub", 7) != old
        assert signer.read(CallbackSigner("654321:OTHER").make(ButtonKind.DRAF, "pub", 7)) is None
    finally:
        await bot.stop()

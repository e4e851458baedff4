"""The whole story of the foundation and reporting issues, over real HTTP and long polling:
the bot is started exactly as the README does and officials act through the fake Telegram."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import ADMIN_ID
from tests.support.fake_bot_api import FakeBotApi
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.updates import UpdateFactory, private_chat, user

ADMIN = user(ADMIN_ID, "Rina", "rina_setda")
BUDI = user(2001, "Budi", "budi_dinkes")
SEKDA = user(3500, "Darwin")


class Officials:
    """People writing to the bot through the fake Telegram, waiting for its answers."""

    def __init__(self, api: FakeBotApi, updates: UpdateFactory) -> None:
        self.api = api
        self.updates = updates

    async def send(
        self,
        update: dict[str, Any],
        chat_id: int,
        methods: tuple[str, ...] = ("sendMessage",),
        count: int = 1,
    ) -> list[Call]:
        """Deliver an update; wait for ``count`` answers of ``methods`` to ``chat_id``."""
        start = len(self.api.calls)

        def answers() -> list[Call]:
            return [
                c
                for c in self.api.calls[start:]
                if c.method in methods
                and c.ok
                and (c.chat_id == chat_id or c.method == "answerCallbackQuery")
            ]

        self.api.core.queue_update(update)
        try:
            await self.api.wait_for(lambda: len(answers()) >= count)
        except TimeoutError:
            seen = [
                (c.method, c.chat_id, c.status, (c.text or "")[:60])
                for c in self.api.calls[start:]
                if c.method != "getUpdates"
            ]
            raise AssertionError(f"no answer to {chat_id}; the bot did: {seen}") from None
        return answers()

    async def say(
        self, who: dict[str, Any], text: str, reply_to: Any = None, count: int = 1
    ) -> list[Call]:
        update = self.updates.message(who, private_chat(who), text, reply_to=reply_to)
        return await self.send(update, who["id"], count=count)

    async def press(
        self, who: dict[str, Any], message: Call, label: str, then: tuple[int, str] | None = None
    ) -> list[Call]:
        data = next(
            d for row in RecordingRequest.buttons(message) for t, d in row if t.startswith(label)
        )
        update = self.updates.callback(who, message, data)
        methods: tuple[str, ...] = ("answerCallbackQuery",)
        chat = who["id"]
        if then is not None:
            chat, method = then
            methods = (method,)
        return await self.send(update, chat, methods)


def _joined_notices(api: FakeBotApi) -> int:
    return sum(
        c.method == "sendMessage" and c.chat_id == ADMIN_ID and "bergabung" in (c.text or "")
        for c in api.calls
    )


async def test_the_story_over_http(api: FakeBotApi, updates: UpdateFactory, launch: Any) -> None:
    bot = await launch()
    # at start the admin's menu is set: the bot is up
    await api.wait_for(
        lambda: any(
            c.method == "setMyCommands" and c.params.get("scope", {}).get("chat_id") == ADMIN_ID
            for c in api.calls
        )
    )
    people = Officials(api, updates)
    answer = await people.say(ADMIN, "/opd_tambah DINKES | Dinas Kesehatan | 1")
    assert "DINKES" in (answer[0].text or "")
    invite = await people.say(ADMIN, "/undang kepala DINKES")
    code = (invite[0].text or "").split("?start=")[1].split()[0]
    joined = await people.say(BUDI, f"/start {code}")
    assert "Kepala OPD DINKES" in (joined[0].text or "")
    # the admin is told who joined: a message to their chat that is no answer to a command
    await api.wait_for(lambda: _joined_notices(api) == 1)
    sekda_code = (
        ((await people.say(ADMIN, "/undang sekda"))[0].text or "").split("?start=")[1].split()[0]
    )
    await people.say(SEKDA, f"/start {sekda_code}")
    await api.wait_for(lambda: _joined_notices(api) == 2)
    await people.say(ADMIN, "/rakor Rakor Percepatan Penurunan Stunting | hari ini")
    preview = (
        await people.say(
            ADMIN, "/arahan DINKES | 2 minggu | Validasi data balita stunting per nagari"
        )
    )[0]
    assert "Pratinjau: 1 arahan" in (preview.text or "")
    # Terbitkan: the directive reaches Budi with the report buttons
    delivered = await people.press(ADMIN, preview, "✅ Terbitkan", then=(BUDI["id"], "sendMessage"))
    directive = delivered[0]
    assert "Arahan No. 1" in (directive.text or "")
    labels = [t for row in RecordingRequest.buttons(directive) for t, _ in row]
    assert labels == ["👍 Terima", "📈 Progres", "⚠️ Kendala", "✅ Selesai", "⏳ Minta perpanjangan"]
    receipt = await people.press(BUDI, directive, "👍 Terima", then=(BUDI["id"], "sendMessage"))
    assert "Status: <b>diterima</b>" in (receipt[0].text or "")
    assert any(
        c.method == "answerCallbackQuery" and c.params.get("text") == "Diterima, terima kasih."
        for c in api.calls
    )
    receipt = await people.say(BUDI, "Izin melaporkan, sdh 60 persen", reply_to=directive)
    assert "Progres: 60%" in (receipt[0].text or "")
    digest = await people.say(SEKDA, "/status")
    assert "DINKES" in (digest[0].text or "") and "Semua klaster" in (digest[0].text or "")
    # a clean stop, as a service manager does it
    assert await bot.stop() == 0
    assert "Traceback" not in bot.output()

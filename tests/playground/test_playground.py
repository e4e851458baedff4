"""The playground in one process: the real bot polling the stand-in over HTTP, the sample Pemda
built through the bot, and the page's API as a person on the page uses it. The stand-in here
is the tests' ``RecordingRequest``, so every call the bot makes and every answer and update the
stand-in gives is checked against the official Bot API spec."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import ClientSession, FormData, web
from sqlalchemy import select

from bot.config import Settings
from bot.playground import sample
from bot.playground.html import to_safe_html
from bot.playground.runner import Playground
from bot.playground.server import serve, shut
from storage.models import Bukti, Laporan, ScheduledRun
from tests.support.fake_telegram import RecordingRequest

pytestmark = pytest.mark.asyncio(loop_scope="module")
JSONDict = dict[str, Any]
DINKES_GROUP = sample.DINKES_GROUP.id
WAIT = 15.0  # seconds a test waits for the bot at most (it answers in milliseconds)
FROM_THE_PAGE = {"X-Playground": "1"}  # the page's header; without it a change is refused


class Page:
    """What the web page does: the playground's API over HTTP, and its live events."""

    def __init__(self, playground: Playground, session: ClientSession) -> None:
        self.playground = playground
        self.session = session
        self.url = f"http://127.0.0.1:{playground.port}"

    async def get(self, path: str) -> Any:
        async with self.session.get(self.url + path) as response:
            return await response.json()

    async def post(self, path: str, body: JSONDict) -> tuple[int, JSONDict]:
        async with self.session.post(self.url + path, json=body, headers=FROM_THE_PAGE) as response:
            return response.status, await response.json()

    async def upload(self, fields: dict[str, str], content: bytes, name: str, mime: str) -> Any:
        """A file sent from the page; the answer (status checked)."""
        form = FormData()
        for key, value in fields.items():
            form.add_field(key, value)
        form.add_field("file", content, filename=name, content_type=mime)
        async with self.session.post(
            self.url + "/api/upload", data=form, headers=FROM_THE_PAGE
        ) as response:
            assert response.status == 200, await response.text()
            return await response.json()

    def messages(self, chat_id: int) -> list[JSONDict]:
        return self.playground.standin.messages(chat_id)

    async def bot_says(
        self, chat_id: int, act: Callable[[], Any], match: Callable[[JSONDict], bool]
    ) -> JSONDict:
        """Do ``act`` and wait for the bot's message (new or edited) in ``chat_id`` that
        ``match`` accepts."""
        found: asyncio.Future[JSONDict] = asyncio.get_running_loop().create_future()

        def listen(event: JSONDict) -> None:
            message = event.get("message") or {}
            if (
                event["type"] in ("message", "edit")
                and message.get("chat", {}).get("id") == chat_id
                and message.get("from", {}).get("is_bot")
                and match(message)
                and not found.done()
            ):
                found.set_result(message)

        self.playground.listeners.append(listen)
        try:
            await act()
            return await asyncio.wait_for(found, WAIT)
        finally:
            self.playground.listeners.remove(listen)


def to_html(message: JSONDict) -> str:
    """The message as the page shows it (entities as tags)."""
    return to_safe_html(text_of(message), message.get("entities"))


def text_of(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


def containing(*words: str) -> Callable[[JSONDict], bool]:
    return lambda message: all(word in text_of(message) for word in words)


def directive(page: Page, chat_id: int, nomor: int) -> JSONDict:
    for message in reversed(page.messages(chat_id)):
        if re.match(rf"📌 Arahan No\. {nomor}\b", text_of(message)):
            return message
    raise AssertionError(f"Arahan No. {nomor} not in chat {chat_id}")


def button(message: JSONDict, label: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for b in row:
            if label in b["text"]:
                return str(b["callback_data"])
    raise AssertionError(f"no button {label!r}")


@asynccontextmanager
async def running(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[Playground, web.AppRunner, ClientSession]]:
    """A playground on a free port with the spec-validating stand-in; on the way out, every
    call the bot made is checked against the Bot API's spec."""
    folder: Path = tmp_path_factory.mktemp("playground") / "data"
    settings = Settings(_env_file=None).model_copy(  # type: ignore[call-arg]
        update={"PLAYGROUND_PORT": 0}
    )
    playground, runner = await serve(settings, folder, standin=RecordingRequest)
    async with ClientSession() as session:
        yield playground, runner, session
    standin = playground.standin
    await shut(playground, runner)
    assert isinstance(standin, RecordingRequest)
    standin.assert_clean()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def page(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Page]:
    async with running(tmp_path_factory) as (playground, _, session):
        yield Page(playground, session)


async def rows(page: Page, model: Any, *where: Any) -> list[Any]:
    app = page.playground.app
    assert app is not None
    async with app.env.db.unit(app.env.now()) as uow:
        return list((await uow.session.scalars(select(model).where(*where))).all())


# ---------------------------------------------------------------------- the sample Pemda
async def test_the_sample_pemda_is_ready_on_the_first_command(page: Page) -> None:
    state = await page.get("/api/state")
    assert [p["role"] for p in state["people"]] == [p.peran for p in sample.PEOPLE]
    assert {g["title"] for g in state["groups"]} == {"Dinas Kesehatan", "Forum Rakor Pemkab"}
    admin = state["people"][0]
    assert {"status", "arahan", "verifikasi", "undang"} <= {c["command"] for c in admin["commands"]}
    kepala = next(p for p in state["people"] if p["id"] == sample.KEPALA_DINKES.id)
    assert "undang" not in {c["command"] for c in kepala["commands"]}
    # four directives reached the Rakor group; reports, a kendala and a completion are stored
    rakor = [m for m in page.messages(sample.RAKOR_GROUP.id) if "Arahan No." in text_of(m)]
    assert len(rakor) == 4
    statuses = {r.status_to for r in await rows(page, Laporan)}
    assert {"dalam_proses", "terkendala", "selesai"} <= statuses
    digest = await page.bot_says(
        sample.ASISTEN_1.id,
        lambda: page.post("/api/send", {"from": 3001, "chat": 3001, "text": "/status"}),
        containing("Tindak lanjut arahan"),
    )
    assert "· 1 menunggu verifikasi ·" in text_of(digest)
    assert re.search(r"<b>DINKES</b> — \d+ terbuka", digest["text"] and to_html(digest))


# ---------------------------------------------------------------------- a person on the page
async def test_a_reply_to_a_directive_is_recorded_and_answered(page: Page) -> None:
    card = directive(page, sample.OPERATOR_DINKES.id, 1)
    body = {"from": 2002, "chat": 2002, "text": "progres 70%", "reply_to": card["message_id"]}
    sent: list[JSONDict] = []

    async def reply() -> None:
        sent.append((await page.post("/api/send", body))[1])

    answer = await page.bot_says(2002, reply, containing("Laporan dicatat", "70%"))
    assert sent[0]["ok"] and sent[0]["message"]["reply_to"]["message_id"] == card["message_id"]
    assert "Arahan No. 1" in text_of(answer)
    stored = await rows(page, Laporan, Laporan.progress == 70)
    assert len(stored) == 1


async def test_a_button_press_gets_the_bots_answer(page: Page) -> None:
    card = directive(page, sample.KEPALA_PUPR.id, 2)
    status, answer = await page.post(
        "/api/press",
        {
            "from": 2101,
            "chat": 2101,
            "message_id": card["message_id"],
            "data": button(card, "Terima"),
        },
    )
    assert status == 200 and answer["ok"]
    assert answer["answer"]["text"]  # Telegram shows the bot's answer as a toast


async def test_a_forced_reply_is_shown_as_such(page: Page) -> None:
    card = directive(page, sample.KEPALA_DINKES.id, 4)
    data = button(card, "Progres")
    prompt = await page.bot_says(
        2001,
        lambda: page.post(
            "/api/press",
            {"from": 2001, "chat": 2001, "message_id": card["message_id"], "data": data},
        ),
        containing("balas pesan ini"),
    )
    shown = await page.get("/api/chats/2001/messages")
    view = next(m for m in shown["messages"] if m["message_id"] == prompt["message_id"])
    assert view["force_reply"] is True


async def test_in_a_group_the_bot_reads_only_what_privacy_mode_lets_through(page: Page) -> None:
    status, chatter = await page.post(
        "/api/send", {"from": 2001, "chat": DINKES_GROUP, "text": "rapat jam 9 ya"}
    )
    assert status == 200 and chatter["message"]["delivered"] is False
    answer = await page.bot_says(
        DINKES_GROUP,
        lambda: page.post("/api/send", {"from": 2001, "chat": DINKES_GROUP, "text": "/status"}),
        lambda message: True,
    )
    assert text_of(answer)
    # a poll that was already waiting when the test began delivers it: look at every poll
    updates = [
        u
        for c in page.playground.standin.calls  # type: ignore[attr-defined]
        if c.method == "getUpdates" and c.ok and c.result
        for u in c.result
    ]
    texts = [
        u["message"].get("text")
        for u in updates
        if u.get("message", {}).get("chat", {}).get("id") == DINKES_GROUP
    ]
    assert "/status" in texts and "rapat jam 9 ya" not in texts


async def test_a_csv_upload_reaches_the_import(page: Page) -> None:
    csv = (Path(__file__).parents[2] / "data" / "contoh_arahan.csv").read_bytes()

    async def upload() -> None:
        form = FormData()
        form.add_field("from", "1001")
        form.add_field("chat", "1001")
        form.add_field("caption", "/arahan_impor")
        form.add_field("file", csv, filename="arahan.csv", content_type="text/csv")
        async with page.session.post(
            page.url + "/api/upload", data=form, headers=FROM_THE_PAGE
        ) as response:
            assert response.status == 200, await response.text()

    preview = await page.bot_says(1001, upload, lambda m: bool(m.get("reply_markup")))
    assert "BPKD" in text_of(preview)


async def test_a_photo_becomes_evidence_and_can_be_opened(page: Page) -> None:
    card = directive(page, sample.KEPALA_DINKES.id, 1)
    picture = b"\x89PNG\r\n\x1a\n" + b"0" * 64

    async def upload() -> None:
        form = FormData()
        for name, value in (("from", "2001"), ("chat", "2001")):
            form.add_field(name, value)
        form.add_field("reply_to", str(card["message_id"]))
        form.add_field("caption", "foto kegiatan validasi")
        form.add_field("file", picture, filename="validasi.png", content_type="image/png")
        async with page.session.post(
            page.url + "/api/upload", data=form, headers=FROM_THE_PAGE
        ) as response:
            shown = await response.json()
            assert shown["message"]["photo"]["url"].startswith("/files/")
            async with page.session.get(page.url + shown["message"]["photo"]["url"]) as file:
                assert await file.read() == picture

    await page.bot_says(2001, upload, containing("Arahan No. 1"))
    assert await rows(page, Bukti)


async def test_the_page_follows_live_events(page: Page) -> None:
    async with page.session.get(page.url + "/api/events") as stream:
        await page.post("/api/send", {"from": 3002, "chat": 3002, "text": "/bantuan"})
        kinds: list[JSONDict] = []
        while len(kinds) < 2:
            line = await asyncio.wait_for(stream.content.readline(), WAIT)
            if line.startswith(b"data: "):
                kinds.append(json.loads(line[6:]))
    assert kinds[0]["type"] == "message" and kinds[0]["message"]["html"] == "/bantuan"
    assert kinds[1]["chat"] == 3002 and kinds[1]["message"]["from"]["is_bot"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"from": 42, "chat": 42, "text": "halo"}, "orang tidak dikenal"),
        ({"from": 2001, "chat": 1001, "text": "halo"}, "orang ini tidak ada di chat tersebut"),
        ({"from": 2101, "chat": DINKES_GROUP, "text": "halo"}, "tidak ada di chat"),
        ({"from": 2001, "chat": 2001, "text": "   "}, "pesan kosong"),
        ({"from": 2001, "chat": 2001, "text": "x" * 4097}, "terlalu panjang"),
    ],
)
async def test_what_a_person_cannot_do_is_refused_in_indonesian(
    page: Page, body: JSONDict, error: str
) -> None:
    before = len(page.messages(body["chat"])) if body["chat"] in (1001, 2001) else 0
    status, answer = await page.post("/api/send", body)
    assert status == 400 and not answer["ok"] and error in answer["error"]
    if body["chat"] in (1001, 2001):
        assert len(page.messages(body["chat"])) == before


async def test_a_button_that_is_not_on_the_message_cannot_be_pressed(page: Page) -> None:
    card = directive(page, sample.KEPALA_DINKES.id, 1)
    forged = {"from": 2001, "chat": 2001, "message_id": card["message_id"], "data": "ad:x:1"}
    status, answer = await page.post("/api/press", forged)
    assert status == 400 and "tombol tidak ada" in answer["error"]


async def test_the_bot_api_wants_the_playgrounds_token(page: Page) -> None:
    async with page.session.post(page.url + "/bot123:WRONG/getMe") as response:
        assert response.status == 401


# ---------------------------------------------------------------------- time and reset
async def test_monday_morning_brings_the_weekly_push(page: Page) -> None:
    answers: list[JSONDict] = []

    async def to_monday() -> None:
        answers.append((await page.post("/api/clock", {"step": "senin"}))[1])

    push = await page.bot_says(2001, to_monday, containing("Pengingat mingguan", "DINKES"))
    assert answers[0]["now"].startswith("Senin") and "08.00" in answers[0]["now"]
    assert "No. 1" in text_of(push)
    runs = {(r.jenis, r.state) for r in await rows(page, ScheduledRun)}
    assert ("mingguan", "selesai") in runs and ("harian", "selesai") in runs
    status, refused = await page.post("/api/clock", {"step": "tahun"})
    assert status == 400 and "tidak dikenal" in refused["error"]


async def test_the_weekly_digest_reaches_leadership_on_friday(page: Page) -> None:
    answers: list[JSONDict] = []

    async def to_friday() -> None:
        answers.append((await page.post("/api/clock", {"step": "ringkasan"}))[1])

    digest = await page.bot_says(sample.SEKDA.id, to_friday, containing("Tindak lanjut arahan"))
    assert answers[0]["now"].startswith("Jumat") and "15.00" in answers[0]["now"]
    assert "DINKES" in text_of(digest)


async def test_reset_brings_back_the_sample(page: Page) -> None:
    await page.post("/api/send", {"from": 1001, "chat": 1001, "text": "/bantuan"})
    status, answer = await page.post("/api/reset", {})
    assert status == 200 and answer["ok"]
    state = await page.get("/api/state")
    assert not state["now"].startswith("Senin") or "08.00" not in state["now"]
    assert len([r for r in await rows(page, Laporan)]) == len(sample.ANSWERS)
    assert not any(text_of(m) == "/bantuan" for m in page.messages(1001))

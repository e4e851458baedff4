"""More of the playground through its API, each test on a fresh sample Pemda where time
matters: the page's API refuses what another website would send, the server listens on
127.0.0.1 only, XLSX files go both ways (an import in, /ekspor out), and the clock's steps bring
deadline warnings, escalations and the weekly chart to the right people."""

from __future__ import annotations

import asyncio
import io
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import pytest_asyncio
from aiohttp import ClientSession, FormData, web

from bot.playground import sample
from bot.playground.runner import Playground
from storage.models import OutboxMessage
from storage.states import OutboxState
from tests.playground.test_playground import (
    FROM_THE_PAGE,
    WAIT,
    Page,
    button,
    containing,
    directive,
    rows,
    running,
    text_of,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")
JSONDict = dict[str, Any]
STILL_TO_SEND = (OutboxState.ANTRI.value, OutboxState.MENGIRIM.value)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPO = Path(__file__).resolve().parents[2]


class Served(Page):
    """The page, and the web server's runner (for its address)."""

    def __init__(self, playground: Playground, session: ClientSession, runner: Any) -> None:
        super().__init__(playground, session)
        self.runner: web.AppRunner = runner


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def served(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Served]:
    async with running(tmp_path_factory) as (playground, runner, session):
        yield Served(playground, session, runner)


def collect(page: Page) -> list[JSONDict]:
    """Every message the bot sends from now on (kept until the test ends)."""
    sent: list[JSONDict] = []

    def listen(event: JSONDict) -> None:
        message = event.get("message") or {}
        if event["type"] == "message" and message.get("from", {}).get("is_bot"):
            sent.append(message)

    page.playground.listeners.append(listen)
    return sent


def recipients(sent: list[JSONDict], *words: str) -> set[int]:
    return {m["chat"]["id"] for m in sent if all(w in text_of(m) for w in words)}


async def settled(page: Page) -> None:
    """Until the bot has delivered everything the last step queued: the outbox holds no row
    still to send, checked again after each pass of the bot's sender (never by the wall
    clock)."""
    app = page.playground.app
    assert app is not None
    sender = app.sender
    passed = asyncio.Event()
    send_due = sender.send_due

    async def watched() -> Any:
        try:
            return await send_due()
        finally:
            passed.set()

    sender.send_due = watched  # type: ignore[method-assign]
    try:
        while True:
            passed.clear()
            if not await rows(page, OutboxMessage, OutboxMessage.state.in_(STILL_TO_SEND)):
                return
            await asyncio.wait_for(passed.wait(), WAIT)
    finally:
        del sender.send_due  # the class's own again


# ---------------------------------------------------------------------- not from another site
async def test_a_change_without_the_pages_header_is_refused_and_changes_nothing(
    served: Served,
) -> None:
    card = directive(served, sample.KEPALA_PUPR.id, 2)
    before_now = (await served.get("/api/state"))["now"]
    before = {chat: len(served.messages(chat)) for chat in (1001, 2101)}
    form = FormData()
    for name, value in (("from", "1001"), ("chat", "1001"), ("caption", "/arahan_impor")):
        form.add_field(name, value)
    form.add_field("file", b"opd,tenggat,arahan\n", filename="a.csv", content_type="text/csv")
    forged: list[tuple[str, Any]] = [
        ("/api/send", {"json": {"from": 1001, "chat": 1001, "text": "/bantuan"}}),
        ("/api/send", {"data": "from=1001&chat=1001&text=/bantuan"}),  # a cross-site form
        (
            "/api/press",
            {
                "json": {
                    "from": 2101,
                    "chat": 2101,
                    "message_id": card["message_id"],
                    "data": button(card, "Terima"),
                }
            },
        ),
        ("/api/upload", {"data": form}),
        ("/api/clock", {"json": {"step": "ringkasan"}}),
        ("/api/reset", {"json": {}}),
    ]
    for path, body in forged:
        headers = {"X-Playground": "0"} if path == "/api/clock" else {}
        async with served.session.post(served.url + path, headers=headers, **body) as answer:
            assert answer.status == 403, path
            assert "hanya dari halaman playground" in (await answer.json())["error"]
    # refused before anything was queued, moved or stored: nothing to wait for
    assert (await served.get("/api/state"))["now"] == before_now
    assert {chat: len(served.messages(chat)) for chat in (1001, 2101)} == before
    # reading stays open to the page (GET), and the page's own header is enough
    status, _ = await served.post("/api/send", {"from": 1001, "chat": 1001, "text": "/bantuan"})
    assert status == 200


# ---------------------------------------------------------------------- 127.0.0.1 only
def other_addresses() -> list[str]:
    """This machine's addresses other than loopback (none on an isolated machine)."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: the route's source address
            found.add(probe.getsockname()[0])
        except OSError:
            pass
    return sorted(a for a in found if not a.startswith("127.") and a != "0.0.0.0")


async def test_the_server_listens_on_127_0_0_1_only(served: Served) -> None:
    port = served.playground.port
    assert served.runner.addresses == [("127.0.0.1", port)]
    for address in other_addresses():
        with socket.socket() as probe:
            probe.settimeout(2)
            assert probe.connect_ex((address, port)) != 0, address


# ---------------------------------------------------------------------- files both ways
async def test_an_xlsx_upload_reaches_the_directive_import(served: Served) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["opd", "tenggat", "arahan"])
    sheet.append(["BPKD", "31/12/2026", "Rekap realisasi belanja OPD setiap Jumat dari XLSX."])
    content = io.BytesIO()
    book.save(content)

    async def upload() -> None:
        fields = {"from": "1001", "chat": "1001", "caption": "/arahan_impor"}
        shown = await served.upload(fields, content.getvalue(), "arahan.xlsx", XLSX)
        assert shown["message"]["document"]["name"] == "arahan.xlsx"

    preview = await served.bot_says(1001, upload, lambda m: bool(m.get("reply_markup")))
    assert "BPKD" in text_of(preview) and "XLSX" in text_of(preview)


async def test_ekspor_sends_a_workbook_the_page_can_download(served: Served) -> None:
    answer = await served.bot_says(
        1001,
        lambda: served.post("/api/send", {"from": 1001, "chat": 1001, "text": "/ekspor"}),
        lambda m: "document" in m,
    )
    messages = (await served.get("/api/chats/1001/messages"))["messages"]
    shown = next(m for m in messages if m["message_id"] == answer["message_id"])
    document = shown["document"]
    assert document["name"].endswith(".xlsx") and document["url"].startswith("/files/")
    async with served.session.get(served.url + document["url"]) as file:
        assert file.status == 200
        assert file.headers["Content-Disposition"].startswith("attachment;")
        content = await file.read()
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames
    assert any(
        "DINKES" in str(cell.value or "")
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )


async def test_a_caption_over_1024_characters_is_refused(served: Served) -> None:
    before = len(served.messages(2001))
    form = FormData()
    for name, value in (("from", "2001"), ("chat", "2001"), ("caption", "x" * 1025)):
        form.add_field(name, value)
    form.add_field("file", b"\x89PNG\r\n\x1a\n", filename="a.png", content_type="image/png")
    async with served.session.post(
        served.url + "/api/upload", data=form, headers=FROM_THE_PAGE
    ) as answer:
        assert answer.status == 400
        assert "keterangan terlalu panjang" in (await answer.json())["error"]
    assert len(served.messages(2001)) == before


# ---------------------------------------------------------------------- the clock
async def test_days_bring_deadline_warnings_and_escalations_to_the_right_people(
    served: Served,
) -> None:
    status, _ = await served.post("/api/reset", {})
    assert status == 200
    sent = collect(served)
    dinkes = {sample.KEPALA_DINKES.id, sample.OPERATOR_DINKES.id}
    # the sample's deadlines and silences fall within ten days; a kendala left alone reaches
    # the Bupati after 2 × ESCALATION_DAYS (14 days)
    for _ in range(20):
        status, _ = await served.post("/api/clock", {"step": "hari"})
        assert status == 200
        await settled(served)
        if recipients(sent, "Eskalasi ke Kepala Daerah") and recipients(sent, "OPD tanpa laporan"):
            break
    # the deadline warning goes to the OPD's people, the OPD of the directive only
    assert recipients(sent, "⏰ Pengingat tenggat — DINKES") == dinkes
    assert recipients(sent, "⏰ Pengingat tenggat — DPUPR") == {sample.KEPALA_PUPR.id}
    overdue = [m for m in sent if "Pengingat tenggat — DINKES" in text_of(m)]
    assert any("lewat tenggat" in text_of(m) for m in overdue)
    # silence goes up to the OPD's Asisten; a kendala left alone up to the Sekda
    assert recipients(sent, "Asisten I: OPD tanpa laporan", "No. 4 DINKES") == {sample.ASISTEN_1.id}
    assert recipients(sent, "Asisten II: OPD tanpa laporan", "No. 2 DPUPR") == {sample.ASISTEN_2.id}
    assert recipients(sent, "🔺 Eskalasi ke Sekda", "No. 2 DPUPR", "terkendala") == {
        sample.SEKDA.id
    }
    # and, a week later, up to the Bupati
    assert recipients(sent, "🔺 Eskalasi ke Kepala Daerah", "No. 2 DPUPR", "terkendala") == {
        sample.BUPATI.id
    }
    # nobody else is bothered by them
    warned = recipients(sent, "Pengingat tenggat") | recipients(sent, "OPD tanpa laporan")
    assert warned <= dinkes | {sample.KEPALA_PUPR.id, sample.ASISTEN_1.id, sample.ASISTEN_2.id}


async def test_the_digest_step_shows_the_weekly_chart_to_leadership(served: Served) -> None:
    sent = collect(served)
    status, _ = await served.post("/api/clock", {"step": "ringkasan"})
    assert status == 200
    await settled(served)
    charts = [m for m in sent if "photo" in m and "Grafik penugasan per OPD" in text_of(m)]
    leaders = {sample.ASISTEN_1.id, sample.ASISTEN_2.id, sample.SEKDA.id, sample.BUPATI.id}
    assert leaders <= {m["chat"]["id"] for m in charts}
    assert {m["chat"]["id"] for m in charts} <= leaders | {sample.ASISTEN_3.id}
    bupati = [m for m in charts if m["chat"]["id"] == sample.BUPATI.id]
    shown = (await served.get(f"/api/chats/{sample.BUPATI.id}/messages"))["messages"]
    view = next(m for m in shown if m["message_id"] == bupati[-1]["message_id"])
    assert view["photo"]["url"].startswith("/files/")
    async with served.session.get(served.url + view["photo"]["url"]) as picture:
        assert picture.status == 200 and picture.content_type == "image/png"
        assert (await picture.read()).startswith(b"\x89PNG\r\n\x1a\n")
    assert containing("Grafik")(bupati[-1])

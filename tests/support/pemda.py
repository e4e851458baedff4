"""The sample Pemda that flow, fault and end-to-end tests build on: its people and groups,
and the steps that bring it to life (import the OPDs, invite and join, register the groups,
open a Rakor, publish three directives), plus small readers of what Telegram was asked.

``setup_pemda``, ``publish_three`` and ``published`` give the ``bot`` fixture's harness the
Pemda built once per session (``tests/support/snapshots.py``) when nothing has happened to it
since the step before, else build it as the test goes; ``build=True`` always builds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from storage.models import Penugasan
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, group, private_chat, user
from tests.support.snapshots import Keep

WIB = ZoneInfo("Asia/Jakarta")

SAMPLE_OPD = Path(__file__).parents[2] / "bot" / "playground" / "contoh_opd.csv"
KEPALA_DINKES = user(2001, "Budi", "budi_dinkes", last_name="Santoso")
OPERATOR_DINKES = user(2002, "Sari", "sari_op")
KEPALA_BAPPEDA = user(2101, "Hendra")
CAMAT = user(2201, "Yusuf")
ASISTEN_1 = user(3001, "Marlina")
STRANGER = user(9999, "Orang", "orang_asing")
DINKES_GROUP = group(-1001000000001, "Grup Dinkes")
RAKOR_GROUP = group(-1001000000099, "Forum Rakor Pemkab")


def sent_texts(calls: list[Call]) -> list[str]:
    """The texts of successful sendMessage/editMessageText calls."""
    return [c.text or "" for c in calls if c.method in ("sendMessage", "editMessageText") and c.ok]


def invite_code(calls: list[Call]) -> str:
    """The start code from the invite link in the admin's answer."""
    text = sent_texts(calls)[-1]
    return text.split("?start=")[1].split()[0]


async def import_sample_opds(bot: BotHarness) -> list[Call]:
    doc = bot.request.add_file(
        SAMPLE_OPD.read_bytes(), file_name="contoh_opd.csv", mime_type="text/csv"
    )
    before = len(bot.request.calls)
    await bot.feed(
        bot.updates.document(bot.admin, private_chat(bot.admin), doc, caption="/opd_impor")
    )
    return bot.request.calls[before:]


async def join(bot: BotHarness, who: dict[str, Any], invite_args: str) -> list[Call]:
    code = invite_code(await bot.say(bot.admin, f"/undang {invite_args}"))
    return await bot.say(who, f"/start {code}")


async def setup_pemda(bot: BotHarness, *, build: bool = False) -> None:
    """The OPDs imported, four officials joined, two groups registered, a Rakor opened."""
    if not build and bot.snapshots is not None:
        if await bot.snapshots.restore(bot, "pemda", _build_stages):
            return
    await build_pemda(bot)


async def build_pemda(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    await join(bot, KEPALA_DINKES, "kepala DINKES")
    await join(bot, OPERATOR_DINKES, "operator DINKES")
    await join(bot, KEPALA_BAPPEDA, "kepala BAPPEDA")
    await join(bot, ASISTEN_1, "asisten 1")
    await bot.say(bot.admin, "/grup DINKES", chat=DINKES_GROUP)
    await bot.say(bot.admin, "/grup rakor", chat=RAKOR_GROUP)
    await bot.say(bot.admin, "/rakor Rakor Evaluasi Kinerja OPD Triwulan IV | 23/11/2026")


THREE_DIRECTIVES = (
    "/arahan DINKES,BAPPEDA | 31/12/2026 | Validasi data balita stunting per nagari\n"
    "BAPPEDA | 2 minggu | Susun matriks tindak lanjut Rakor & <kirim> ke Sekda | tinggi\n"
    "DINKES,KEC_LIMAKAUM | 15 Des 2026 | Percepat imunisasi di kecamatan"
)


async def publish_three(bot: BotHarness, *, build: bool = False) -> tuple[Call, list[Call]]:
    """The admin previews and publishes THREE_DIRECTIVES: the preview and the publish calls."""
    if not build and bot.snapshots is not None:
        snapshot = await bot.snapshots.restore(bot, "published", _build_stages)
        if snapshot is not None:
            return _published_calls(bot, snapshot.result)
    return await build_three(bot)


async def build_three(bot: BotHarness) -> tuple[Call, list[Call]]:
    preview_calls = await bot.say(bot.admin, THREE_DIRECTIVES)
    preview = [c for c in preview_calls if c.method == "sendMessage"][-1]
    publish_data = RecordingRequest.buttons(preview)[0][0][1]
    calls = await bot.press(bot.admin, preview, publish_data)
    return preview, calls


def directive_to(calls: list[Call], chat_id: int, nomor: int) -> Call:
    """The message of directive ``nomor`` sent to ``chat_id``."""
    for call in calls:
        if call.chat_id == chat_id and f"Arahan No. {nomor}<" in (call.text or ""):
            return call
    raise AssertionError(f"no directive {nomor} to {chat_id}")


def button_data(call: Call, label_start: str) -> str:
    for row in RecordingRequest.buttons(call):
        for label, data in row:
            if label.startswith(label_start):
                return data
    raise AssertionError(f"no button {label_start!r}")


async def tugas_of(bot: BotHarness, call: Call) -> Penugasan:
    pid = int(button_data(call, "👍").split(":")[2])
    return (await bot.rows(Penugasan, Penugasan.id == pid))[0]


async def published(bot: BotHarness) -> list[Call]:
    """``setup_pemda`` then ``publish_three``: the publish calls."""
    if bot.snapshots is not None:
        snapshot = await bot.snapshots.restore(bot, "published", _build_stages, after="start")
        if snapshot is not None:
            return _published_calls(bot, snapshot.result)[1]
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    return calls


async def _build_stages(bot: BotHarness, keep: Keep) -> None:
    """Build both stages, handing each to ``keep`` (publish_three's calls as indexes)."""
    await build_pemda(bot)
    await keep("pemda", None)
    preview, calls = await build_three(bot)
    everything = bot.request.calls
    preview_at = next(i for i, call in enumerate(everything) if call is preview)
    await keep("published", (preview_at, len(everything) - len(calls)))


def _published_calls(bot: BotHarness, result: tuple[int, int]) -> tuple[Call, list[Call]]:
    preview_at, first = result
    return bot.request.calls[preview_at], bot.request.calls[first:]


def find_button(call: Call, label: str) -> str:
    for row in RecordingRequest.buttons(call):
        for text, data in row:
            bare = text.replace("✅ ", "").replace("⭐ ", "")
            # an OPD of the guided picker reads "KODE · Nama"
            if bare == label or bare.split(" · ")[0] == label:
                return data
    raise AssertionError(f"no button {label!r} in {RecordingRequest.buttons(call)}")


def last_message(calls: list[Call]) -> Call:
    return [c for c in calls if c.method == "sendMessage"][-1]


async def send_file(
    bot: BotHarness, content: bytes, name: str, caption: str | None = None
) -> list[Call]:
    doc = bot.request.add_file(content, file_name=name)
    before = len(bot.request.calls)
    await bot.feed(bot.updates.document(bot.admin, private_chat(bot.admin), doc, caption=caption))
    return bot.request.calls[before:]


def local(day: int, hour: int = 8, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


def to(calls: list[Call], who: dict[str, Any]) -> list[str]:
    return [c.text or "" for c in calls if c.chat_id == who["id"] and c.method == "sendMessage"]

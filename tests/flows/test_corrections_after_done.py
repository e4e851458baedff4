"""An edit of an older message after a `selesai` report corrects that message's own report: the
penugasan stays selesai with the completion's note; an edit of the completion itself re-decides."""

from __future__ import annotations

from typing import Any

from storage.models import Laporan
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import KEPALA_DINKES, directive_to, published, sent_texts, tugas_of

DONE = "selesai 100%, data balita sudah divalidasi semua"


async def edit(bot: BotHarness, update: dict[str, Any], text: str) -> list[str]:
    before = len(bot.request.calls)
    await bot.feed(
        bot.updates.edited_message(
            KEPALA_DINKES, private_chat(KEPALA_DINKES), text, update["message"]["message_id"]
        )
    )
    return sent_texts(bot.request.calls[before:])


async def test_an_edit_of_an_older_message_does_not_replace_the_completion(
    bot: BotHarness,
) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    chat = private_chat(KEPALA_DINKES)
    progress = bot.updates.message(KEPALA_DINKES, chat, "progres 50%", reply_to=message)
    await bot.feed(progress)
    done = bot.updates.message(KEPALA_DINKES, chat, DONE, reply_to=message)
    await bot.feed(done)
    assert (await tugas_of(bot, message)).status == "selesai"

    receipt = await edit(bot, progress, "progres 60%")
    assert len(receipt) == 1 and "Koreksi dicatat" in receipt[0]
    assert "progres 60%" in receipt[0] and "Status tetap <b>selesai" in receipt[0]
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress, tugas.last_note) == ("selesai", 100, DONE)
    first, completion, correction = await bot.rows(Laporan)
    assert (correction.source, correction.corrects_id, correction.catatan) == (
        "koreksi_lama",
        first.id,
        "progres 60%",
    )
    assert correction.status_from == correction.status_to == "selesai"
    # the verifier still sees the completion as what was claimed
    listing = "\n".join(sent_texts(await bot.say(bot.admin, "/verifikasi")))
    assert "Arahan No. 1" in listing and "data balita sudah divalidasi" in listing
    assert "progres 60%" not in listing

    # an edit of the completion itself is a correction of the selesai report
    await edit(bot, done, "belum selesai, baru 80% pak")
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("dalam_proses", 80)
    assert tugas.last_note == "belum selesai, baru 80% pak"
    fixed = (await bot.rows(Laporan))[-1]
    assert (fixed.source, fixed.corrects_id) == ("koreksi", completion.id)

"""The answer to the Progres prompt may be the figure alone; a percentage that cannot be one
(`150%`) is refused with a clear message and records nothing, after the prompt or in free text,
and the official can simply send it again."""

from __future__ import annotations

import pytest

from storage.models import Laporan
from tests.support.fake_telegram import Call
from tests.support.harness import BotHarness
from tests.support.pemda import (
    KEPALA_DINKES,
    button_data,
    directive_to,
    published,
    sent_texts,
    tugas_of,
)

OUT_OF_RANGE = "Progres harus antara 0 dan 100 persen"


async def progres_prompt(bot: BotHarness, message: Call) -> Call:
    pressed = await bot.press(KEPALA_DINKES, message, button_data(message, "📈"))
    return [c for c in pressed if c.method == "sendMessage"][0]


@pytest.mark.parametrize("answer", ["40", "40%", "40 %", "40 persen"])
async def test_the_figure_alone_answers_the_progres_prompt(bot: BotHarness, answer: str) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    prompt = await progres_prompt(bot, message)
    receipt = sent_texts(await bot.say(KEPALA_DINKES, answer, reply_to=prompt))
    assert "Progres: 40%" in receipt[0]
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("dalam_proses", 40)
    (laporan,) = await bot.rows(Laporan)
    assert (laporan.source, laporan.progress) == ("tombol", 40)


@pytest.mark.parametrize("answer", ["150%", "150"])
async def test_an_impossible_figure_after_progres_records_nothing(
    bot: BotHarness, answer: str
) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    prompt = await progres_prompt(bot, message)
    refused = sent_texts(await bot.say(KEPALA_DINKES, answer, reply_to=prompt))
    assert len(refused) == 1
    assert OUT_OF_RANGE in refused[0] and "Arahan No. 1 belum dicatat" in refused[0]
    assert "kirim lagi" in refused[0]
    assert await bot.rows(Laporan) == []
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("baru", 0)
    # sent again, right: recorded (the prompt still stands)
    await bot.say(KEPALA_DINKES, "50")
    assert (await tugas_of(bot, message)).progress == 50


async def test_an_impossible_percentage_in_free_text_records_nothing(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "progres 30%", reply_to=message)
    for text in ("progres 150%", "/lapor 1 progres 150%"):
        refused = sent_texts(
            await bot.say(KEPALA_DINKES, text, reply_to=None if text[0] == "/" else message)
        )
        assert len(refused) == 1 and OUT_OF_RANGE in refused[0] and "150%" in refused[0]
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress, tugas.last_note) == ("dalam_proses", 30, "progres 30%")
    assert len(await bot.rows(Laporan)) == 1

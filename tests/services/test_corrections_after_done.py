"""Reporting service rules of issue 9: an edit of an older message corrects only its own report
(the later report stands); a reading that is unsure whether the work is done asks, one with an
impossible percentage is refused and keeps nothing; **Ya, selesai** / **Belum** on the question.

These take a ``Bacaan`` directly where the rule is the reporting side's, not the reader's."""

from __future__ import annotations

import pytest

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.reply_parser import Bacaan
from bot.features.reporting import lookup as find
from bot.features.reporting.confirm import Akhir, JawabSelesai, answer
from bot.features.reporting.inputs import PesanDiubah, correct
from bot.features.reporting.service import Dicatat, record
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Laporan
from storage.states import Sumber
from tests.services.conftest import Store
from tests.services.test_reporting import (
    BUDI,
    DIRECTIVE_TO_BUDI,
    MADE,
    SARI,
    Pemda,
    env_of,
    private,
    refused,
    reply,
    seed,
    state_of,
)

UNSURE = Bacaan(
    Status.DALAM_PROSES, None, "sosialisasi sudah dilaksanakan", None, ragu_selesai=True
)


async def edited(store: Store, message_id: int, text: str) -> list[Dicatat] | None:
    async with store.unit() as uow:
        hasil = await correct(
            uow, env_of(store), private(BUDI, message_id), PesanDiubah(message_id, text)
        )
        await uow.commit()
    return hasil


async def test_an_edit_of_a_message_before_selesai_is_kept_in_history_only(store: Store) -> None:
    ids = await seed(store)
    await reply(store, private(BUDI, 901), "progres 50%", DIRECTIVE_TO_BUDI)
    await reply(store, private(BUDI, 902), "selesai, semua nagari tuntas", DIRECTIVE_TO_BUDI)
    hasil = await edited(store, 901, "progres 60%")
    assert hasil is not None and len(hasil) == 1 and hasil[0].koreksi_lama
    assert not hasil[0].tanya_selesai
    assert await state_of(store, ids.dinkes_1) == ("selesai", 100, "selesai, semua nagari tuntas")
    first, done, fixed = await store.rows(Laporan)
    assert (fixed.source, fixed.corrects_id, fixed.progress) == ("koreksi_lama", first.id, None)
    # the same edit again is no change; a second edit corrects the correction
    assert await edited(store, 901, "progres 60%") == []
    again = await edited(store, 901, "progres 65%")
    assert again is not None and again[0].laporan.corrects_id == fixed.id
    # the completion itself still governs: its edit re-decides from where it started
    redone = await edited(store, 902, "belum selesai, masih 90%")
    assert redone is not None and not redone[0].koreksi_lama
    assert redone[0].laporan.corrects_id == done.id
    assert await state_of(store, ids.dinkes_1) == ("dalam_proses", 90, "belum selesai, masih 90%")


async def test_an_edit_of_an_older_message_leaves_a_later_kendala_standing(store: Store) -> None:
    ids = await seed(store)
    await reply(store, private(BUDI, 901), "progres 50%", DIRECTIVE_TO_BUDI)
    await reply(store, private(BUDI, 902), "kendala: anggaran belum cair", DIRECTIVE_TO_BUDI)
    await edited(store, 901, "progres 55%")
    status, progress, note = await state_of(store, ids.dinkes_1)
    assert (status, progress) == ("terkendala", 50) and note and "anggaran" in note


async def test_an_unsure_reading_records_what_is_certain_and_asks(store: Store) -> None:
    ids = await seed(store)
    budi = ids.actor(BUDI)
    async with store.unit() as uow:
        tugas, arahan = await find.by_id(uow, budi, ids.dinkes_1)
        asked = await record(uow, private(BUDI), budi, tugas, arahan, UNSURE, Sumber.BALASAN)
        tugas, arahan = await find.by_id(uow, budi, ids.dinkes_2)
        # a button said what it is: no question
        chosen = await record(
            uow,
            private(BUDI),
            budi,
            tugas,
            arahan,
            UNSURE,
            Sumber.TOMBOL,
            intent=Status.DALAM_PROSES,
        )
        await uow.commit()
    assert asked.tanya_selesai and not chosen.tanya_selesai
    assert asked.laporan.status_to == "dalam_proses"
    assert await state_of(store, ids.dinkes_1) == (
        "dalam_proses",
        0,
        "sosialisasi sudah dilaksanakan",
    )


async def test_an_impossible_percentage_refuses_the_report(store: Store) -> None:
    ids = await seed(store)
    budi = ids.actor(BUDI)
    wrong = Bacaan(None, None, "progres 150%", None, persen_tidak_sah="150%")

    async def report(uow: UnitOfWork) -> Dicatat:
        tugas, arahan = await find.by_id(uow, budi, ids.dinkes_1)
        return await record(uow, private(BUDI), budi, tugas, arahan, wrong, Sumber.BALASAN)

    error = await refused(store, report)
    assert isinstance(error, InputTidakValid)
    assert error.pesan == Teks("lapor.persen_tidak_sah", persen="150%", nomor=1)
    assert await store.rows(Laporan) == []
    assert await state_of(store, ids.dinkes_1) == ("baru", 0, None)


async def asked_report(store: Store) -> tuple[Pemda, Laporan]:
    """Budi's report on No. 1 that the bot asked about."""
    ids = await seed(store)
    budi = ids.actor(BUDI)
    async with store.unit() as uow:
        tugas, arahan = await find.by_id(uow, budi, ids.dinkes_1)
        dicatat = await record(uow, private(BUDI), budi, tugas, arahan, UNSURE, Sumber.BALASAN)
        await uow.commit()
    return ids, dicatat.laporan


@pytest.mark.parametrize("ya", [True, False])
async def test_the_answer_completes_or_keeps_the_report(store: Store, ya: bool) -> None:
    ids, laporan = await asked_report(store)
    sari = ids.actor(SARI)  # a colleague of the same OPD answers
    async with store.unit() as uow:
        hasil = await answer(uow, private(SARI, 950), sari, JawabSelesai(ya, laporan.id))
        await uow.commit()
    rows = await store.rows(Laporan)
    if ya:
        assert hasil.akhir is Akhir.SELESAI and hasil.dicatat is not None
        assert (hasil.tugas.status, hasil.tugas.progress) == ("selesai", 100)
        assert hasil.tugas.last_note == "sosialisasi sudah dilaksanakan"
        assert (rows[-1].source, rows[-1].member_id) == ("konfirmasi", sari.member_id)
    else:
        assert hasil.akhir is Akhir.BELUM and hasil.dicatat is None
        assert len(rows) == 1 and hasil.tugas.status == "dalam_proses"


async def test_the_answer_is_refused_to_another_opd_and_stale_once_answered(store: Store) -> None:
    ids, laporan = await asked_report(store)
    made = ids.actor(MADE)
    error = await refused(
        store, lambda uow: answer(uow, private(MADE), made, JawabSelesai(True, laporan.id))
    )
    assert isinstance(error, Ditolak) and len(await store.rows(Laporan)) == 1
    budi = ids.actor(BUDI)
    for _ in range(2):
        async with store.unit() as uow:
            hasil = await answer(uow, private(BUDI), budi, JawabSelesai(True, laporan.id))
            await uow.commit()
    assert hasil.akhir is Akhir.BASI
    assert hasil.alasan == Teks("konfirmasi.sudah_selesai", nomor=1)
    assert len(await store.rows(Laporan)) == 2

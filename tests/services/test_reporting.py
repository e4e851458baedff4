"""Reporting as use cases: replies about a directive, replies to a work list, the report
buttons and the answer to their prompt, /lapor, /tugas, evidence, Tarik laporan, an edited
report and the router's hint, called with a unit of work (no Telegram)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.reporting.buttons import Ditanya, SudahDiterima, TombolLaporan, press
from bot.features.reporting.inbound import Dilaporkan, Masuk, Pengirim, Petunjuk, route
from bot.features.reporting.inputs import (
    BuktiTambahan,
    LaporNomor,
    Pesan,
    PesanDiubah,
    correct,
    evidence_after_report,
    lapor,
    report_message,
)
from bot.features.reporting.lookup import PenugasanDitutup
from bot.features.reporting.service import BuktiMasuk, Dicatat, TarikLaporan, take_back
from bot.features.reporting.worklist import my_open_work
from bot.messaging.caller import Caller
from bot.texts import Teks, Texts
from storage.db import UnitOfWork
from storage.models import (
    Arahan,
    AuditLog,
    AwaitedInput,
    Bukti,
    Laporan,
    Member,
    MessageLink,
    Opd,
    Penugasan,
)
from storage.states import ArahanState, Pending
from tests.services.conftest import ADMIN, Store
from tests.services.conftest import env_of as shared_env

BUDI, SARI, MADE, STRANGER = 2001, 2002, 2101, 9999  # Telegram ids
DINKES_GROUP = -1001234567890
RAKOR_GROUP = -1009876543210
DIRECTIVE_TO_BUDI = 500  # the bot's message to Budi about DINKES's part of No. 1
LIST_TO_BUDI = 501  # the weekly list of DINKES's work, to Budi
IN_DINKES_GROUP = 700  # No. 1 in DINKES's group
IN_RAKOR_GROUP = 800  # No. 1 in the Rakor group (the whole directive)


def env_of(store: Store) -> Env:
    """The wiring the services need: ADMIN_IDS (who is an admin) and today's date."""
    return shared_env(store, ADMIN_IDS=[ADMIN.telegram_id])


@dataclass(frozen=True)
class Pemda:
    """The ids of the sample rows."""

    dinkes: int
    bappeda: int
    arahan_1: int  # directive No. 1
    dinkes_1: int  # DINKES leads No. 1 (due 31 December)
    dinkes_2: int  # DINKES leads No. 2 (due 7 December, sooner)
    dinkes_3: int  # DINKES's No. 3, already terverifikasi
    bappeda_1: int  # BAPPEDA supports No. 1
    budi: int  # head of DINKES
    sari: int  # operator of DINKES
    made: int  # head of BAPPEDA
    asisten_1: int  # the active Asisten of cluster 1 (DINKES's)

    def actor(self, telegram_id: int) -> Actor:
        """Budi, Sari or Made as the role table hands them to a service."""
        member_id, nama, peran, opd = {
            BUDI: (self.budi, "Budi", Peran.KEPALA_OPD, self.dinkes),
            SARI: (self.sari, "Sari", Peran.OPERATOR, self.dinkes),
            MADE: (self.made, "Made", Peran.KEPALA_OPD, self.bappeda),
        }[telegram_id]
        return Actor(member_id, telegram_id, nama, peran, opd, None)


def private(telegram_id: int, message_id: int | None = 900) -> Caller:
    """Someone writing to the bot privately, as message ``message_id``."""
    return Caller(telegram_id, str(telegram_id), None, telegram_id, "private", None, message_id)


def in_group(telegram_id: int, chat_id: int, message_id: int = 901) -> Caller:
    """Someone writing in a group, as message ``message_id``."""
    return Caller(telegram_id, str(telegram_id), None, chat_id, "supergroup", "Grup", message_id)


async def seed(store: Store) -> Pemda:
    """DINKES (cluster 1) and BAPPEDA (cluster 2), their members, Asisten for both clusters
    (one of cluster 1 no longer active), three published directives and the bot's messages
    about them."""
    now = store.now
    async with store.unit() as uow:
        s = uow.session
        dinkes = Opd(kode="DINKES", nama="Dinas <Kesehatan>", klaster=1, created_at=now)
        bappeda = Opd(kode="BAPPEDA", nama="Bappeda", klaster=2, created_at=now)
        for opd in (dinkes, bappeda):
            opd.updated_at = now
        s.add_all([dinkes, bappeda])
        await s.flush()
        people = [
            Member(telegram_id=BUDI, nama="Budi", peran=Peran.KEPALA_OPD, opd_id=dinkes.id),
            Member(telegram_id=SARI, nama="Sari", peran=Peran.OPERATOR, opd_id=dinkes.id),
            Member(telegram_id=MADE, nama="Made", peran=Peran.KEPALA_OPD, opd_id=bappeda.id),
            Member(telegram_id=3001, nama="Asisten Satu", peran=Peran.ASISTEN, klaster=1),
            Member(telegram_id=3002, nama="Asisten Dua", peran=Peran.ASISTEN, klaster=2),
            Member(telegram_id=3003, nama="Asisten Lama", peran=Peran.ASISTEN, klaster=1),
        ]
        for person in people:
            person.joined_at = now
        people[5].active = False
        s.add_all(people)
        arahan = [
            Arahan(
                nomor=n,
                teks=f"Arahan nomor {n}",
                tenggat=tenggat,
                status=ArahanState.TERBIT,
                created_by=ADMIN.telegram_id,
                created_at=now,
            )
            for n, tenggat in (
                (1, date(2026, 12, 31)),
                (2, date(2026, 12, 7)),
                (3, date(2026, 12, 1)),
            )
        ]
        s.add_all(arahan)
        await s.flush()

        def tugas(arahan_id: int, opd_id: int, status: Status = Status.BARU) -> Penugasan:
            return Penugasan(
                arahan_id=arahan_id,
                opd_id=opd_id,
                kedudukan="penanggung_jawab",
                status=status,
                progress=100 if status is Status.TERVERIFIKASI else 0,
                updated_at=now,
            )

        work = [
            tugas(arahan[0].id, dinkes.id),
            tugas(arahan[1].id, dinkes.id),
            tugas(arahan[2].id, dinkes.id, Status.TERVERIFIKASI),
            tugas(arahan[0].id, bappeda.id),
        ]
        work[3].kedudukan = "pendukung"
        s.add_all(work)
        await s.flush()
        s.add_all(
            [
                MessageLink(
                    chat_id=BUDI,
                    message_id=DIRECTIVE_TO_BUDI,
                    arahan_id=arahan[0].id,
                    penugasan_id=work[0].id,
                ),
                MessageLink(chat_id=BUDI, message_id=LIST_TO_BUDI, opd_id=dinkes.id),
                MessageLink(
                    chat_id=DINKES_GROUP,
                    message_id=IN_DINKES_GROUP,
                    arahan_id=arahan[0].id,
                    penugasan_id=work[0].id,
                ),
                MessageLink(chat_id=RAKOR_GROUP, message_id=IN_RAKOR_GROUP, arahan_id=arahan[0].id),
            ]
        )
        await uow.commit()
        return Pemda(
            dinkes.id,
            bappeda.id,
            arahan[0].id,
            work[0].id,
            work[1].id,
            work[2].id,
            work[3].id,
            people[0].id,
            people[1].id,
            people[2].id,
            people[3].id,
        )


async def reply(
    store: Store, caller: Caller, text: str, to: int | None, bukti: BuktiMasuk | None = None
) -> list[Dicatat] | None:
    """``caller`` sends ``text`` as a reply to the bot's message ``to``; committed."""
    async with store.unit() as uow:
        hasil = await report_message(uow, env_of(store), caller, Pesan(text, to, bukti))
        await uow.commit()
    return hasil.dicatat if hasil is not None else None


async def refused(store: Store, work: Callable[[UnitOfWork], Awaitable[Any]]) -> DomainError:
    """Run ``work`` expecting a refusal, then commit the unit anyway: anything the service
    wrote before refusing would show in the tables."""
    async with store.unit() as uow:
        with pytest.raises(DomainError) as caught:
            await work(uow)
        await uow.commit()
    return caught.value


async def state_of(store: Store, penugasan_id: int) -> tuple[str, int, str | None]:
    (tugas,) = await store.rows(Penugasan, Penugasan.id == penugasan_id)
    return tugas.status, tugas.progress, tugas.last_note


# a reply about a directive


async def test_a_private_reply_is_a_report_with_what_its_receipt_shows(store: Store) -> None:
    ids = await seed(store)
    hasil = await reply(store, private(BUDI, 901), "progres 40%", DIRECTIVE_TO_BUDI)
    assert hasil is not None and len(hasil) == 1
    (dicatat,) = hasil
    assert (dicatat.tugas.id, dicatat.arahan.nomor, dicatat.opd and dicatat.opd.kode) == (
        ids.dinkes_1,
        1,
        "DINKES",
    )
    assert (dicatat.bukti, dicatat.pelapor, dicatat.asisten) == (0, "Budi", [])
    (laporan,) = await store.rows(Laporan)
    assert laporan.id == dicatat.laporan.id
    assert (
        laporan.source,
        laporan.status_from,
        laporan.status_to,
        laporan.progress_from,
        laporan.progress,
        laporan.member_id,
        laporan.chat_id,
        laporan.message_id,
    ) == ("balasan", "baru", "dalam_proses", 0, 40, ids.budi, BUDI, 901)
    assert await state_of(store, ids.dinkes_1) == ("dalam_proses", 40, "progres 40%")
    (tugas,) = await store.rows(Penugasan, Penugasan.id == ids.dinkes_1)
    assert tugas.last_report_at == store.now
    audit = await store.rows(AuditLog)
    assert [(a.action, a.subject, a.actor_telegram_id) for a in audit] == [
        ("lapor", f"penugasan:{ids.dinkes_1}", BUDI)
    ]


async def test_a_new_kendala_names_the_active_asisten_of_the_cluster_once(store: Store) -> None:
    ids = await seed(store)
    first = await reply(store, private(BUDI), "kendala: anggaran belum cair", DIRECTIVE_TO_BUDI)
    assert first is not None
    (dicatat,) = first
    assert [(r.chat_id, r.slot, r.member_id, r.penugasan_id) for r in dicatat.asisten] == [
        (3001, f"asisten:{ids.asisten_1}", ids.asisten_1, ids.dinkes_1)
    ]
    assert dicatat.laporan.kendala == "anggaran belum cair"
    (tugas,) = await store.rows(Penugasan, Penugasan.id == ids.dinkes_1)
    assert (tugas.status, tugas.kendala_since) == ("terkendala", store.now)
    # the same kendala again is no news; another one is
    again = await reply(store, private(BUDI), "kendala: anggaran belum cair", DIRECTIVE_TO_BUDI)
    assert again is not None and again[0].asisten == []
    other = await reply(store, private(BUDI), "kendala: lahan belum bebas", DIRECTIVE_TO_BUDI)
    assert other is not None and [r.chat_id for r in other[0].asisten] == [3001]


async def test_a_reply_in_the_rakor_group_is_about_the_repliers_own_opd(store: Store) -> None:
    ids = await seed(store)
    hasil = await reply(store, in_group(MADE, RAKOR_GROUP), "progres 20%", IN_RAKOR_GROUP)
    assert hasil is not None and hasil[0].tugas.id == ids.bappeda_1
    assert await state_of(store, ids.bappeda_1) == ("dalam_proses", 20, "progres 20%")
    assert (await state_of(store, ids.dinkes_1))[:2] == ("baru", 0)


async def test_a_reply_in_a_group_with_a_photo_keeps_it_as_evidence(store: Store) -> None:
    ids = await seed(store)
    foto = BuktiMasuk("file-1", "uniq-1", "foto", 2048, "di puskesmas")
    hasil = await reply(
        store, in_group(SARI, DINKES_GROUP, 55), "selesai", IN_DINKES_GROUP, bukti=foto
    )
    assert hasil is not None and hasil[0].bukti == 1
    (bukti,) = await store.rows(Bukti)
    assert (bukti.laporan_id, bukti.jenis, bukti.caption, bukti.message_link) == (
        hasil[0].laporan.id,
        "foto",
        "di puskesmas",
        "https://t.me/c/1234567890/55",
    )
    assert await state_of(store, ids.dinkes_1) == ("selesai", 100, "selesai")


@pytest.mark.parametrize(
    ("who", "chat", "to"),
    [
        (STRANGER, STRANGER, DIRECTIVE_TO_BUDI),  # a stranger, whatever they reply to
        (MADE, DINKES_GROUP, IN_DINKES_GROUP),  # another OPD's head, in DINKES's group
        (ADMIN.telegram_id, DINKES_GROUP, IN_DINKES_GROUP),  # an admin reports for no OPD
    ],
)
async def test_only_the_opds_own_people_report_on_its_work(
    store: Store, who: int, chat: int, to: int
) -> None:
    ids = await seed(store)
    caller = private(who) if chat == who else in_group(who, chat)
    if who == STRANGER:  # the stranger replies to a message the bot sent to them
        async with store.unit() as uow:
            uow.session.add(MessageLink(chat_id=STRANGER, message_id=to, arahan_id=ids.arahan_1))
            await uow.commit()
    error = await refused(
        store, lambda uow: report_message(uow, env_of(store), caller, Pesan("selesai", to))
    )
    assert isinstance(error, Ditolak) and error.pesan == Teks("penugasan.bukan_opd_anda")
    assert await store.rows(Laporan) == []
    assert await store.rows(AuditLog) == []


async def test_a_message_about_no_directive_is_left_to_the_router(store: Store) -> None:
    await seed(store)
    assert await reply(store, private(BUDI), "selamat pagi", None) is None
    assert await reply(store, private(BUDI), "selesai", 12345) is None  # not a known message
    assert await store.rows(Laporan) == []


async def test_reports_on_cancelled_or_closed_work_are_refused(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        closed_work = await uow.session.get(Penugasan, ids.dinkes_3)
        assert closed_work is not None
        uow.session.add(
            MessageLink(
                chat_id=BUDI,
                message_id=502,
                arahan_id=closed_work.arahan_id,
                penugasan_id=ids.dinkes_3,
            )
        )
        await uow.session.execute(
            update(Arahan).where(Arahan.nomor == 1).values(status="dibatalkan")
        )
        await uow.commit()
    env = env_of(store)
    closed = await refused(
        store, lambda uow: report_message(uow, env, private(BUDI), Pesan("selesai", 502))
    )
    assert isinstance(closed, PenugasanDitutup)
    assert closed.pesan == Teks("penugasan.ditutup", nomor=3, status=Teks("status.terverifikasi"))
    cancelled = await refused(
        store,
        lambda uow: report_message(uow, env, private(BUDI), Pesan("selesai", DIRECTIVE_TO_BUDI)),
    )
    assert cancelled.pesan == Teks("penugasan.ditutup", nomor=1, status=Teks("status.dibatalkan"))
    assert cancelled.text(Texts()) == (
        "Arahan No. 1 sudah dibatalkan; laporan tidak bisa dicatat lagi."
    )
    assert await store.rows(Laporan) == []


async def test_tidak_dapat_needs_a_reason_and_then_waits_for_the_admin(store: Store) -> None:
    ids = await seed(store)
    error = await refused(
        store,
        lambda uow: report_message(
            uow, env_of(store), private(BUDI), Pesan("tidak dapat ditindaklanjuti", 500)
        ),
    )
    assert isinstance(error, InputTidakValid) and error.pesan == Teks("lapor.tidak_dapat_alasan")
    assert await store.rows(Laporan) == []
    hasil = await reply(
        store,
        private(BUDI),
        "tidak dapat ditindaklanjuti karena kewenangan provinsi",
        DIRECTIVE_TO_BUDI,
    )
    assert hasil is not None and hasil[0].laporan.tidak_dapat
    (tugas,) = await store.rows(Penugasan, Penugasan.id == ids.dinkes_1)
    assert (tugas.status, tugas.pending) == ("baru", Pending.TIDAK_DAPAT)


# a reply to a work list


async def test_each_numbered_line_of_a_list_reply_is_a_report(store: Store) -> None:
    ids = await seed(store)
    hasil = await reply(store, private(BUDI), "1 progres 50%\n2 selesai", LIST_TO_BUDI)
    assert hasil is not None
    assert [(d.tugas.id, d.laporan.status_to, d.laporan.progress) for d in hasil] == [
        (ids.dinkes_1, "dalam_proses", 50),
        (ids.dinkes_2, "selesai", 100),
    ]
    assert len(await store.rows(Laporan)) == 2


async def test_a_list_reply_naming_a_directive_again_builds_on_the_line_before(
    store: Store,
) -> None:
    ids = await seed(store)
    text = "1 progres 10%\n1 progres 20%\n1 progres 30%"
    hasil = await reply(store, private(BUDI), text, LIST_TO_BUDI)
    assert hasil is not None
    assert [(r.status_from, r.progress_from, r.progress) for r in await store.rows(Laporan)] == [
        ("baru", 0, 10),
        ("dalam_proses", 10, 20),
        ("dalam_proses", 20, 30),
    ]
    assert await state_of(store, ids.dinkes_1) == ("dalam_proses", 30, "progres 30%")


async def test_a_list_reply_without_a_number_is_refused_when_the_list_has_more(
    store: Store,
) -> None:
    await seed(store)
    error = await refused(
        store,
        lambda uow: report_message(
            uow, env_of(store), private(BUDI), Pesan("progres 50%", LIST_TO_BUDI)
        ),
    )
    assert isinstance(error, InputTidakValid) and error.pesan == Teks("lapor.sebut_nomor")
    assert await store.rows(Laporan) == []


async def test_another_opds_member_cannot_answer_a_list(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        uow.session.add(MessageLink(chat_id=MADE, message_id=LIST_TO_BUDI, opd_id=ids.dinkes))
        await uow.commit()
    error = await refused(
        store,
        lambda uow: report_message(
            uow, env_of(store), private(MADE), Pesan("1 selesai", LIST_TO_BUDI)
        ),
    )
    assert isinstance(error, Ditolak) and error.pesan == Teks("penugasan.bukan_opd_anda")
    assert await store.rows(Laporan) == []


# the report buttons and the answer to their prompt


async def test_progres_asks_and_the_next_message_answers_it(store: Store) -> None:
    ids = await seed(store)
    budi = ids.actor(BUDI)
    async with store.unit() as uow:
        ditanya = await press(uow, private(BUDI), budi, TombolLaporan("p", ids.dinkes_1))
        await uow.commit()
    assert isinstance(ditanya, Ditanya)
    assert (ditanya.aksi, ditanya.tugas.id, ditanya.arahan.nomor) == ("p", ids.dinkes_1, 1)
    assert ditanya.opd is not None and ditanya.opd.kode == "DINKES"
    (awaited,) = await store.rows(AwaitedInput)
    assert (awaited.telegram_id, awaited.chat_id, awaited.kind, awaited.ref_id) == (
        BUDI,
        BUDI,
        "lapor_p",
        ids.dinkes_1,
    )
    assert await store.rows(Laporan) == []
    hasil = await reply(store, private(BUDI), "70%", None)
    assert hasil is not None
    assert (hasil[0].laporan.source, hasil[0].laporan.status_to, hasil[0].laporan.progress) == (
        "tombol",
        "dalam_proses",
        70,
    )
    assert await store.rows(AwaitedInput) == []  # answered once


async def test_the_answer_to_kendala_is_the_kendala_whatever_it_says(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        await press(uow, private(BUDI), ids.actor(BUDI), TombolLaporan("k", ids.dinkes_1))
        await uow.commit()
    hasil = await reply(store, private(BUDI), "menunggu tanda tangan bupati", None)
    assert hasil is not None
    assert (hasil[0].laporan.status_to, hasil[0].laporan.kendala) == (
        "terkendala",
        "menunggu tanda tangan bupati",
    )
    assert [r.chat_id for r in hasil[0].asisten] == [3001]


async def test_a_prompt_older_than_half_an_hour_is_dropped(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        await press(uow, private(BUDI), ids.actor(BUDI), TombolLaporan("s", ids.dinkes_1))
        await uow.commit()
    store.now += timedelta(minutes=31)
    assert await reply(store, private(BUDI), "sudah", None) is None
    assert await store.rows(AwaitedInput) == []
    assert await store.rows(Laporan) == []


async def test_terima_records_acceptance_once(store: Store) -> None:
    ids = await seed(store)
    budi = ids.actor(BUDI)
    async with store.unit() as uow:
        first = await press(uow, private(BUDI), budi, TombolLaporan("t", ids.dinkes_1))
        await uow.commit()
    assert isinstance(first, Dicatat)
    assert (first.laporan.source, first.laporan.status_to) == ("tombol", "diterima")
    async with store.unit() as uow:
        second = await press(uow, private(BUDI), budi, TombolLaporan("t", ids.dinkes_1))
        await uow.commit()
    assert isinstance(second, SudahDiterima)
    assert (second.arahan.nomor, second.status) == (1, Status.DITERIMA)
    assert second.opd is not None and second.opd.kode == "DINKES"
    assert len(await store.rows(Laporan)) == 1


async def test_the_rakor_groups_button_is_for_the_pressers_own_opd(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        hasil = await press(
            uow,
            in_group(MADE, RAKOR_GROUP),
            ids.actor(MADE),
            TombolLaporan("t", ids.arahan_1, untuk_arahan=True),
        )
        await uow.commit()
    assert isinstance(hasil, Dicatat) and hasil.tugas.id == ids.bappeda_1
    assert (await state_of(store, ids.bappeda_1))[0] == "diterima"


async def test_buttons_of_another_opd_or_closed_work_ask_nothing(store: Store) -> None:
    ids = await seed(store)
    other = await refused(
        store,
        lambda uow: press(uow, private(MADE), ids.actor(MADE), TombolLaporan("p", ids.dinkes_1)),
    )
    assert isinstance(other, Ditolak) and other.pesan == Teks("penugasan.bukan_opd_anda")
    closed = await refused(
        store,
        lambda uow: press(uow, private(BUDI), ids.actor(BUDI), TombolLaporan("k", ids.dinkes_3)),
    )
    assert closed.pesan == Teks("penugasan.ditutup", nomor=3, status=Teks("status.terverifikasi"))
    assert await store.rows(AwaitedInput) == []
    assert await store.rows(Laporan) == []


# /lapor


async def test_lapor_reports_by_directive_number(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        dicatat = await lapor(uow, private(SARI), ids.actor(SARI), LaporNomor(2, "progres 25%"))
        await uow.commit()
    assert (dicatat.tugas.id, dicatat.laporan.source, dicatat.pelapor) == (
        ids.dinkes_2,
        "lapor",
        "Sari",
    )
    assert await state_of(store, ids.dinkes_2) == ("dalam_proses", 25, "progres 25%")


@pytest.mark.parametrize(
    ("who", "request_", "error", "teks"),
    [
        (BUDI, LaporNomor(None, "selesai"), InputTidakValid, Teks("lapor.format")),
        (BUDI, LaporNomor(2, "   "), InputTidakValid, Teks("lapor.format")),
        (BUDI, LaporNomor(99, "ok"), InputTidakValid, Teks("arahan.nomor_tidak_ada", nomor=99)),
        (MADE, LaporNomor(2, "selesai"), Ditolak, Teks("penugasan.bukan_opd_anda")),
    ],
)
async def test_lapor_refusals(
    store: Store, who: int, request_: LaporNomor, error: type[DomainError], teks: Teks
) -> None:
    ids = await seed(store)
    caught = await refused(store, lambda uow: lapor(uow, private(who), ids.actor(who), request_))
    assert isinstance(caught, error) and caught.pesan == teks
    assert await store.rows(Laporan) == []


async def test_lapor_by_someone_of_no_opd_is_refused(store: Store) -> None:
    await seed(store)
    caught = await refused(
        store, lambda uow: lapor(uow, private(ADMIN.telegram_id), ADMIN, LaporNomor(1, "ok"))
    )
    assert caught.pesan == Teks("penugasan.bukan_opd_anda")


# /tugas


async def test_tugas_lists_the_opds_open_work_most_urgent_first(store: Store) -> None:
    ids = await seed(store)
    # waiting for verification is still on the list; terverifikasi (No. 3) is not
    await reply(store, private(BUDI), "selesai", DIRECTIVE_TO_BUDI)
    async with store.unit() as uow:
        daftar = await my_open_work(uow, env_of(store), ids.actor(SARI))
    assert daftar.opd_id == ids.dinkes
    assert [(t.id, a.nomor, t.status) for t, a in daftar.work] == [
        (ids.dinkes_2, 2, "baru"),
        (ids.dinkes_1, 1, "selesai"),
    ]
    async with store.unit() as uow:
        with pytest.raises(Ditolak) as caught:
            await my_open_work(uow, env_of(store), ADMIN)
    assert caught.value.pesan == Teks("penugasan.bukan_opd_anda")


# evidence sent after one's own report


async def test_a_file_soon_after_ones_report_joins_it(store: Store) -> None:
    ids = await seed(store)
    hasil = await reply(store, private(BUDI), "selesai", DIRECTIVE_TO_BUDI)
    assert hasil is not None
    env = env_of(store)
    store.now += timedelta(minutes=9)
    for n in (1, 2):
        doc = BuktiMasuk(f"f{n}", f"u{n}", "dokumen", 10, None, f"laporan{n}.pdf")
        async with store.unit() as uow:
            tambahan = await evidence_after_report(uow, env, private(BUDI), doc)
            await uow.commit()
        assert isinstance(tambahan, BuktiTambahan)
        assert (tambahan.laporan.id, tambahan.jumlah) == (hasil[0].laporan.id, n)
        assert tambahan.tugas is not None and tambahan.tugas.id == ids.dinkes_1
        assert tambahan.arahan is not None and tambahan.arahan.nomor == 1
    assert [b.file_name for b in await store.rows(Bukti)] == ["laporan1.pdf", "laporan2.pdf"]
    # too late, someone else's chat, or a stranger: not evidence of that report
    store.now += timedelta(minutes=2)
    late = BuktiMasuk("f3", "u3", "foto", 10, None)
    async with store.unit() as uow:
        assert await evidence_after_report(uow, env, private(BUDI), late) is None
        assert await evidence_after_report(uow, env, private(STRANGER), late) is None
    assert len(await store.rows(Bukti)) == 2


# Tarik laporan


async def test_a_report_taken_back_is_kept_marked_and_the_work_goes_back(store: Store) -> None:
    ids = await seed(store)
    await reply(store, private(BUDI), "progres 30%", DIRECTIVE_TO_BUDI)
    hasil = await reply(store, private(BUDI), "kendala: lahan", DIRECTIVE_TO_BUDI)
    assert hasil is not None
    store.now += timedelta(minutes=10)
    async with store.unit() as uow:
        ditarik = await take_back(uow, ids.actor(BUDI), TarikLaporan(hasil[0].laporan.id))
        await uow.commit()
    assert (ditarik.tugas.status, ditarik.tugas.progress) == ("dalam_proses", 30)
    first, taken = await store.rows(Laporan)
    assert (first.withdrawn_at, taken.withdrawn_at) == (None, store.now)
    (tugas,) = await store.rows(Penugasan, Penugasan.id == ids.dinkes_1)
    assert (tugas.status, tugas.progress, tugas.last_note, tugas.kendala_since) == (
        "dalam_proses",
        30,
        "progres 30%",
        None,
    )
    assert tugas.last_report_at == first.created_at
    assert [a.action for a in await store.rows(AuditLog)] == ["lapor", "lapor", "tarik"]


async def test_taking_back_is_refused_to_others_late_twice_or_with_a_later_report(
    store: Store,
) -> None:
    ids = await seed(store)
    first = await reply(store, private(BUDI), "progres 30%", DIRECTIVE_TO_BUDI)
    assert first is not None
    laporan_id = first[0].laporan.id

    async def tarik(who: int, laporan: int = laporan_id) -> DomainError:
        return await refused(
            store, lambda uow: take_back(uow, ids.actor(who), TarikLaporan(laporan))
        )

    someone_else = await tarik(SARI)
    assert isinstance(someone_else, Ditolak) and someone_else.pesan == Teks("tarik.bukan_milik")
    assert (await tarik(BUDI, 12345)).pesan == Teks("tarik.bukan_milik")
    later = await reply(store, private(BUDI), "progres 50%", DIRECTIVE_TO_BUDI)
    assert later is not None
    assert (await tarik(BUDI)).pesan == Teks("tarik.ada_sesudahnya")
    async with store.unit() as uow:
        await take_back(uow, ids.actor(BUDI), TarikLaporan(later[0].laporan.id))
        await uow.commit()
    assert (await tarik(BUDI, later[0].laporan.id)).pesan == Teks("tarik.sudah")
    store.now += timedelta(minutes=11)
    assert (await tarik(BUDI)).pesan == Teks("tarik.terlambat", menit=10)
    # the first report stands, the penugasan where it put it
    assert [r.withdrawn_at is None for r in await store.rows(Laporan)] == [True, False]
    assert (await state_of(store, ids.dinkes_1))[:2] == ("dalam_proses", 30)


# an edited report


async def test_an_edited_report_is_a_correction_kept_beside_the_first(store: Store) -> None:
    ids = await seed(store)
    await reply(store, private(BUDI, 901), "progres 50%", DIRECTIVE_TO_BUDI)
    env = env_of(store)
    async with store.unit() as uow:
        hasil = await correct(uow, env, private(BUDI, 901), PesanDiubah(901, "progres 35%"))
        await uow.commit()
    assert hasil is not None and len(hasil) == 1
    first, fixed = await store.rows(Laporan)
    assert (fixed.source, fixed.corrects_id, fixed.progress_from, fixed.progress) == (
        "koreksi",
        first.id,
        0,
        35,
    )
    assert await state_of(store, ids.dinkes_1) == ("dalam_proses", 35, "progres 35%")
    # the same text again changes nothing; a message that reported nothing is not a report
    async with store.unit() as uow:
        same = await correct(uow, env, private(BUDI, 901), PesanDiubah(901, "progres 35%"))
        none = await correct(uow, env, private(BUDI, 902), PesanDiubah(902, "selesai"))
        await uow.commit()
    assert (same, none) == ([], None)
    assert len(await store.rows(Laporan)) == 2


async def test_an_edited_list_reply_corrects_only_the_changed_lines(store: Store) -> None:
    ids = await seed(store)
    await reply(store, private(BUDI, 903), "1 progres 50%\n2 progres 10%", LIST_TO_BUDI)
    async with store.unit() as uow:
        hasil = await correct(
            uow, env_of(store), private(BUDI, 903), PesanDiubah(903, "1 progres 50%\n2 selesai")
        )
        await uow.commit()
    assert hasil is not None
    assert [(d.tugas.id, d.laporan.status_to) for d in hasil] == [(ids.dinkes_2, "selesai")]


# the router's last steps


@pytest.mark.parametrize(
    ("who", "pengirim"),
    [
        (STRANGER, Pengirim.ORANG_BARU),
        (BUDI, Pengirim.PELAPOR),
        (ADMIN.telegram_id, Pengirim.PIMPINAN),
    ],
)
async def test_a_private_message_about_nothing_gets_a_hint_for_its_sender(
    store: Store, who: int, pengirim: Pengirim
) -> None:
    await seed(store)
    async with store.unit() as uow:
        hasil = await route(uow, env_of(store), private(who), Masuk(Pesan("selamat pagi")))
    assert hasil == Petunjuk(pengirim)


async def test_the_router_reports_a_reply_and_is_quiet_in_groups(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    async with store.unit() as uow:
        quiet = await route(uow, env, in_group(BUDI, DINKES_GROUP), Masuk(Pesan("selamat pagi")))
        reported = await route(
            uow, env, private(BUDI), Masuk(Pesan("progres 10%", DIRECTIVE_TO_BUDI))
        )
        await uow.commit()
    assert quiet is None
    assert isinstance(reported, Dilaporkan) and len(reported.dicatat) == 1
    assert len(await store.rows(Laporan)) == 1

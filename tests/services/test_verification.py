"""Verification as use cases: listing what waits, Terima, Tolak and the reason after it, called
with a unit of work and an actor (no Telegram)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.evidence.simpanan import Ringkasan
from bot.features.people.access import Actor
from bot.features.verification.service import (
    LISTED,
    REJECT_KIND,
    AlasanPenolakan,
    TerimaPenyelesaian,
    TolakPenyelesaian,
    accept,
    ask_reason,
    list_waiting,
    reject,
)
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import (
    Arahan,
    AuditLog,
    AwaitedInput,
    Bukti,
    Laporan,
    Member,
    Opd,
    OutboxMessage,
    Penugasan,
)
from storage.states import ArahanState, Pending
from tests.services.conftest import ADMIN, Store, asisten
from tests.services.conftest import env_of as shared_env

CHAT = 1001  # the admin's private chat
CARD = 777  # the message id of the card pressed


def env_of(store: Store, *, asisten_may_verify: bool = False) -> Env:
    """What the service needs of the wiring: the setting that lets an Asisten verify."""
    return shared_env(store, ADMIN_IDS=[ADMIN.telegram_id], ASISTEN_MAY_VERIFY=asisten_may_verify)


@dataclass(frozen=True)
class Pemda:
    """The ids of the sample rows."""

    selesai: int  # DINKES (cluster 1) reported No. 1 selesai, from 40%
    tidak_dapat: int  # BAPPEDA (cluster 2) asks to close No. 2 as tidak dapat, at 10%
    bekerja: int  # BAPPEDA still works on No. 1 (nothing to verify)
    kepala_dinkes: int
    operator_dinkes: int


async def seed(store: Store) -> Pemda:
    """Two OPDs in two clusters, two published directives, one completion and one tidak-dapat
    request waiting (the completion the longer), and work in progress."""
    now = store.now
    async with store.unit() as uow:
        s = uow.session
        dinkes = Opd(
            kode="DINKES", nama="Dinas Kesehatan", klaster=1, created_at=now, updated_at=now
        )
        bappeda = Opd(kode="BAPPEDA", nama="Bappeda", klaster=2, created_at=now, updated_at=now)
        s.add_all([dinkes, bappeda])
        await s.flush()
        people = [
            Member(telegram_id=2001, nama="Budi", peran=Peran.KEPALA_OPD, opd_id=dinkes.id),
            Member(telegram_id=2002, nama="Sari", peran=Peran.OPERATOR, opd_id=dinkes.id),
            Member(telegram_id=2003, nama="Lama", peran=Peran.OPERATOR, opd_id=dinkes.id),
            Member(telegram_id=2101, nama="Made", peran=Peran.KEPALA_OPD, opd_id=bappeda.id),
        ]
        for person in people:
            person.joined_at = now
        people[2].active = False
        s.add_all(people)
        first, second = (
            Arahan(
                nomor=n,
                teks=teks,
                tenggat=date(2026, 12, 31),
                status=ArahanState.TERBIT,
                created_by=ADMIN.telegram_id,
                created_at=now,
            )
            for n, teks in ((1, "Percepat <vaksinasi> & imunisasi"), (2, "Bangun jalan desa"))
        )
        s.add_all([first, second])
        await s.flush()
        selesai = Penugasan(
            arahan_id=first.id,
            opd_id=dinkes.id,
            kedudukan="penanggung_jawab",
            status=Status.SELESAI,
            progress=100,
            last_report_at=now - timedelta(hours=3),
            last_note="sudah tuntas",
            updated_at=now,
        )
        tidak_dapat = Penugasan(
            arahan_id=second.id,
            opd_id=bappeda.id,
            kedudukan="penanggung_jawab",
            status=Status.BARU,
            progress=10,
            pending=Pending.TIDAK_DAPAT,
            last_report_at=now - timedelta(hours=1),
            updated_at=now,
        )
        bekerja = Penugasan(
            arahan_id=first.id,
            opd_id=bappeda.id,
            kedudukan="pendukung",
            status=Status.DALAM_PROSES,
            progress=30,
            last_report_at=now - timedelta(hours=5),
            updated_at=now,
        )
        s.add_all([selesai, tidak_dapat, bekerja])
        await s.flush()

        def laporan(
            tugas: Penugasan, fro: str, to: str, p0: int, p1: int, note: str, hours: int
        ) -> Laporan:
            return Laporan(
                penugasan_id=tugas.id,
                member_id=people[hours % 2].id,
                status_from=fro,
                status_to=to,
                progress_from=p0,
                progress=p1,
                catatan=note,
                source="balasan",
                created_at=now - timedelta(hours=hours),
            )

        progres = laporan(selesai, "baru", "dalam_proses", 0, 40, "separuh jalan", 4)
        # the claim, by Sari (operator), three hours ago
        done = laporan(selesai, "dalam_proses", "selesai", 40, 100, "sudah tuntas <semua>", 3)
        # notes after it do not replace it, whether kept or taken back
        later = laporan(selesai, "selesai", "selesai", 100, 100, "foto menyusul", 2)
        taken_back = laporan(selesai, "selesai", "selesai", 100, 100, "salah kirim", 2)
        taken_back.withdrawn_at = now
        asked = laporan(tidak_dapat, "baru", "baru", 10, 10, "kewenangan provinsi", 1)
        asked.tidak_dapat = True
        s.add_all([progres, done, later, taken_back, asked])
        await s.flush()
        s.add_all(
            Bukti(laporan_id=laporan_id, file_id=f"f{n}", file_unique_id=f"u{n}", jenis="photo")
            for n, laporan_id in enumerate([done.id, done.id, taken_back.id])
        )
        await uow.commit()
        return Pemda(selesai.id, tidak_dapat.id, bekerja.id, people[0].id, people[1].id)


async def refused(store: Store, work: Callable[[UnitOfWork], Awaitable[Any]]) -> DomainError:
    """Run ``work`` expecting a refusal, then commit the unit anyway: anything the service
    wrote before refusing would show in the tables."""
    async with store.unit() as uow:
        with pytest.raises(DomainError) as caught:
            await work(uow)
        await uow.commit()
    return caught.value


async def state_of(store: Store, penugasan_id: int) -> tuple[str, int, str | None, str | None]:
    (tugas,) = await store.rows(Penugasan, Penugasan.id == penugasan_id)
    return tugas.status, tugas.progress, tugas.pending, tugas.last_note


async def decisions(store: Store) -> list[Laporan]:
    return list(await store.rows(Laporan, Laporan.source == "verifikasi"))


# /verifikasi


async def test_the_admin_sees_everything_waiting_longest_first(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        antrian = await list_waiting(uow, env_of(store), ADMIN)
    assert antrian.jumlah == 2
    assert [(k.tugas.id, k.opd.kode, k.arahan.nomor) for k in antrian.kartu] == [
        (ids.selesai, "DINKES", 1),
        (ids.tidak_dapat, "BAPPEDA", 2),
    ]
    completion, request = antrian.kartu
    # the report that claimed it (not the note after it), who and when, and the evidence on
    # the reports not taken back
    assert completion.klaim is not None and request.klaim is not None
    assert (
        completion.catatan,
        completion.klaim.nama,
        completion.sejak,
        completion.bukti,
        completion.usul_tidak_dapat,
    ) == ("sudah tuntas <semua>", "Sari", store.now - timedelta(hours=3), Ringkasan(2), False)
    assert (
        request.catatan,
        request.klaim.nama,
        request.sejak,
        request.bukti,
        request.usul_tidak_dapat,
    ) == ("kewenangan provinsi", "Sari", store.now - timedelta(hours=1), Ringkasan(), True)


async def test_the_list_counts_all_but_shows_the_oldest_ten(store: Store) -> None:
    await seed(store)
    async with store.unit() as uow:
        first = await uow.session.scalar(select(Arahan.id).where(Arahan.nomor == 1))
        assert first is not None
        for n in range(LISTED):
            opd = Opd(
                kode=f"OPD{n}",
                nama=f"OPD {n}",
                klaster=1,
                created_at=store.now,
                updated_at=store.now,
            )
            uow.session.add(opd)
            await uow.session.flush()
            uow.session.add(
                Penugasan(
                    arahan_id=first,
                    opd_id=opd.id,
                    kedudukan="pendukung",
                    status=Status.SELESAI,
                    progress=100,
                    last_report_at=store.now - timedelta(hours=2, minutes=n),
                    updated_at=store.now,
                )
            )
        await uow.commit()
    async with store.unit() as uow:
        antrian = await list_waiting(uow, env_of(store), ADMIN)
    assert antrian.jumlah == LISTED + 2
    # the DINKES completion (3 hours) first, then the new ones, the oldest first; the
    # BAPPEDA request (1 hour) is past the tenth
    assert [k.opd.kode for k in antrian.kartu] == ["DINKES"] + [
        f"OPD{n}" for n in reversed(range(1, LISTED))
    ]


async def test_an_asisten_sees_only_completions_of_their_cluster(store: Store) -> None:
    ids = await seed(store)
    env = env_of(store, asisten_may_verify=True)
    async with store.unit() as uow:
        mine = await list_waiting(uow, env, asisten(1))
        # cluster 2 has only a tidak-dapat request: that is the admin's
        other = await list_waiting(uow, env, asisten(2))
    assert (mine.jumlah, [k.tugas.id for k in mine.kartu]) == (1, [ids.selesai])
    assert (other.jumlah, other.kartu) == (0, [])


async def test_an_asisten_may_not_list_unless_the_pemda_allows(store: Store) -> None:
    await seed(store)
    async with store.unit() as uow:
        with pytest.raises(Ditolak) as caught:
            await list_waiting(uow, env_of(store), asisten(1))
    assert caught.value.pesan == Teks("ditolak")


# Terima


async def test_terima_closes_a_completion_as_terverifikasi(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        keputusan = await accept(
            uow, env_of(store), ADMIN, TerimaPenyelesaian(ids.selesai, CHAT, CARD)
        )
        await uow.commit()
    assert (keputusan.status, keputusan.oleh, keputusan.opd.kode, keputusan.arahan.nomor) == (
        Status.TERVERIFIKASI,
        "Rina",
        "DINKES",
        1,
    )
    # the OPD's active members are told, heads first, each about this penugasan
    assert [(p.chat_id, p.penugasan_id) for p in keputusan.penerima] == [
        (2001, ids.selesai),
        (2002, ids.selesai),
    ]
    assert await state_of(store, ids.selesai) == ("terverifikasi", 100, None, "sudah tuntas")
    (laporan,) = await decisions(store)
    assert laporan.id == keputusan.laporan.id
    assert (
        laporan.status_from,
        laporan.status_to,
        laporan.progress_from,
        laporan.progress,
        laporan.catatan,
        laporan.chat_id,
        laporan.message_id,
    ) == ("selesai", "terverifikasi", 100, 100, None, CHAT, CARD)
    audit = await store.rows(AuditLog)
    assert [(a.action, a.subject, a.details) for a in audit] == [
        ("verifikasi", f"penugasan:{ids.selesai}", {"hasil": "terverifikasi"})
    ]
    # the service queues nothing itself: the handler renders and sends
    assert await store.rows(OutboxMessage) == []


async def test_terima_on_a_tidak_dapat_request_closes_it_at_its_progress(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        keputusan = await accept(
            uow, env_of(store), ADMIN, TerimaPenyelesaian(ids.tidak_dapat, CHAT, None)
        )
        await uow.commit()
    assert keputusan.status is Status.TIDAK_DAPAT
    assert [p.chat_id for p in keputusan.penerima] == [2101]
    assert await state_of(store, ids.tidak_dapat) == ("tidak_dapat_ditindaklanjuti", 10, None, None)
    (laporan,) = await decisions(store)
    assert (laporan.status_from, laporan.status_to, laporan.progress, laporan.message_id) == (
        "baru",
        "tidak_dapat_ditindaklanjuti",
        10,
        None,
    )


async def test_an_allowed_asisten_may_accept_in_their_cluster(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        keputusan = await accept(
            uow,
            env_of(store, asisten_may_verify=True),
            asisten(1),
            TerimaPenyelesaian(ids.selesai, CHAT, CARD),
        )
        await uow.commit()
    assert keputusan.oleh == "Asisten 1"
    assert (await state_of(store, ids.selesai))[0] == "terverifikasi"


@pytest.mark.parametrize(
    ("who", "may_verify", "which", "pesan"),
    [
        (ADMIN, False, "missing", Teks("tombol.tidak_sah")),
        (asisten(1), False, "selesai", Teks("ditolak")),  # the Pemda does not allow it
        (asisten(2), True, "selesai", Teks("ditolak")),  # another cluster
        (asisten(2), True, "tidak_dapat", Teks("ditolak")),  # needs the admin's sign-off
        (
            ADMIN,
            False,
            "bekerja",
            Teks("verifikasi.tidak_menunggu", nomor=1, opd="BAPPEDA"),
        ),
    ],
)
async def test_terima_refusals_change_nothing(
    store: Store, who: Actor, may_verify: bool, which: str, pesan: Teks
) -> None:
    ids = await seed(store)
    penugasan_id = getattr(ids, which, 999)
    before = await store.rows(Penugasan)
    env = env_of(store, asisten_may_verify=may_verify)
    error = await refused(
        store, lambda uow: accept(uow, env, who, TerimaPenyelesaian(penugasan_id, CHAT, CARD))
    )
    assert error.pesan == pesan
    assert isinstance(error, InputTidakValid if which == "bekerja" else Ditolak)
    assert [(t.status, t.progress, t.pending) for t in await store.rows(Penugasan)] == [
        (t.status, t.progress, t.pending) for t in before
    ]
    assert await decisions(store) == []
    assert await store.rows(AuditLog) == []


async def test_a_cancelled_directive_no_longer_waits(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        await uow.session.execute(
            update(Arahan).where(Arahan.nomor == 1).values(status=ArahanState.DIBATALKAN)
        )
        await uow.commit()
    error = await refused(
        store,
        lambda uow: accept(uow, env_of(store), ADMIN, TerimaPenyelesaian(ids.selesai, CHAT, CARD)),
    )
    assert error.pesan == Teks("verifikasi.tidak_menunggu", nomor=1, opd="DINKES")
    assert (await state_of(store, ids.selesai))[0] == "selesai"


# Tolak, then the reason


async def ask(store: Store, penugasan_id: int, who: Actor = ADMIN, **settings: bool) -> None:
    async with store.unit() as uow:
        await ask_reason(uow, env_of(store, **settings), who, TolakPenyelesaian(penugasan_id, CHAT))
        await uow.commit()


async def test_tolak_waits_for_the_reason_in_that_chat_only(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        # an earlier question in this chat is replaced; one in another chat stays
        for chat in (CHAT, -100500):
            uow.session.add(
                AwaitedInput(
                    telegram_id=ADMIN.telegram_id,
                    chat_id=chat,
                    kind="gd_teks",
                    ref_id=1,
                    created_at=store.now,
                )
            )
        perkara = await ask_reason(uow, env_of(store), ADMIN, TolakPenyelesaian(ids.selesai, CHAT))
        await uow.commit()
    assert (perkara.tugas.id, perkara.arahan.nomor, perkara.opd.kode) == (ids.selesai, 1, "DINKES")
    awaited = await store.rows(AwaitedInput)
    assert sorted((a.chat_id, a.kind, a.ref_id) for a in awaited) == sorted(
        [(CHAT, REJECT_KIND, ids.selesai), (-100500, "gd_teks", 1)]
    )
    # nothing is decided yet
    assert (await state_of(store, ids.selesai))[0] == "selesai"
    assert await decisions(store) == []


async def test_tolak_by_someone_who_may_not_verify_waits_for_nothing(store: Store) -> None:
    ids = await seed(store)
    error = await refused(
        store,
        lambda uow: ask_reason(
            uow, env_of(store), asisten(1), TolakPenyelesaian(ids.selesai, CHAT)
        ),
    )
    assert error.pesan == Teks("ditolak")
    assert await store.rows(AwaitedInput) == []


async def test_the_reason_sends_a_completion_back_to_work(store: Store) -> None:
    ids = await seed(store)
    await ask(store, ids.selesai)
    async with store.unit() as uow:
        hasil = await reject(
            uow,
            env_of(store),
            ADMIN,
            AlasanPenolakan("  Bukti foto\n kegiatan   belum ada ", CHAT, 900),
        )
        await uow.commit()
    assert (hasil.status, hasil.alasan, hasil.oleh) == (
        Status.DALAM_PROSES,
        "Bukti foto kegiatan belum ada",
        "Rina",
    )
    assert [p.chat_id for p in hasil.penerima] == [2001, 2002]
    # back at the progress it had before it was reported selesai, the reason as its note
    assert await state_of(store, ids.selesai) == (
        "dalam_proses",
        40,
        None,
        "Bukti foto kegiatan belum ada",
    )
    (laporan,) = await decisions(store)
    assert (
        laporan.status_from,
        laporan.status_to,
        laporan.progress,
        laporan.catatan,
        laporan.message_id,
    ) == ("selesai", "dalam_proses", 40, "Bukti foto kegiatan belum ada", 900)
    assert await store.rows(AwaitedInput) == []
    assert [a.details for a in await store.rows(AuditLog)] == [{"hasil": "ditolak"}]


async def test_the_reason_drops_a_tidak_dapat_request(store: Store) -> None:
    ids = await seed(store)
    await ask(store, ids.tidak_dapat)
    async with store.unit() as uow:
        hasil = await reject(
            uow, env_of(store), ADMIN, AlasanPenolakan("masih kewenangan kabupaten", CHAT, 901)
        )
        await uow.commit()
    assert hasil.status is Status.BARU
    assert await state_of(store, ids.tidak_dapat) == (
        "baru",
        10,
        None,
        "masih kewenangan kabupaten",
    )


async def test_a_reason_nobody_asked_for_is_refused(store: Store) -> None:
    ids = await seed(store)
    error = await refused(
        store, lambda uow: reject(uow, env_of(store), ADMIN, AlasanPenolakan("alasan", CHAT, 5))
    )
    assert isinstance(error, Ditolak) and error.pesan == Teks("ditolak")
    assert (await state_of(store, ids.selesai))[0] == "selesai"
    assert await decisions(store) == []


@pytest.mark.parametrize("alasan", ["", "  \n ", "x" * 1001])
async def test_an_empty_or_too_long_reason_is_asked_again(store: Store, alasan: str) -> None:
    ids = await seed(store)
    await ask(store, ids.selesai)
    error = await refused(
        store, lambda uow: reject(uow, env_of(store), ADMIN, AlasanPenolakan(alasan, CHAT, 5))
    )
    assert isinstance(error, InputTidakValid) and not error.keep_changes
    assert error.pesan == Teks("verifikasi.alasan_kosong", maks=1000)
    # still waiting for a reason, nothing decided
    assert [a.kind for a in await store.rows(AwaitedInput)] == [REJECT_KIND]
    assert (await state_of(store, ids.selesai))[0] == "selesai"
    assert await decisions(store) == []


async def test_a_reason_for_work_decided_meanwhile_uses_up_the_question(store: Store) -> None:
    ids = await seed(store)
    await ask(store, ids.selesai)
    async with store.unit() as uow:
        await accept(uow, env_of(store), ADMIN, TerimaPenyelesaian(ids.selesai, -100500, 12))
        await uow.commit()
    error = await refused(
        store, lambda uow: reject(uow, env_of(store), ADMIN, AlasanPenolakan("telat", CHAT, 5))
    )
    assert error.pesan == Teks("verifikasi.tidak_menunggu", nomor=1, opd="DINKES")
    # the pipeline keeps what this refusal wrote: the question is gone, the decision stands
    assert error.keep_changes
    assert await store.rows(AwaitedInput) == []
    assert (await state_of(store, ids.selesai))[0] == "terverifikasi"
    assert [d.status_to for d in await decisions(store)] == ["terverifikasi"]

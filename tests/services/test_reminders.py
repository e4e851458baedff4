"""The scheduled side as use cases: what the weekly push, the daily check (deadline reminders
and escalation) and the weekly digest decide for a prepared Pemda at a chosen moment, and
that the jobs queue each message once, under the keys that make a re-run send nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.domain.lifecycle import Status
from bot.domain.reminder_plan import Pengingat, Sebab, Tangga
from bot.domain.roles import Peran
from bot.domain.schedule import Jenis
from bot.env import Env
from bot.features.reminders import service, views
from storage.models import Arahan, Escalation, Member, Opd, OutboxMessage, Penugasan, ScheduledRun
from storage.states import ArahanState, RunState
from tests.services.conftest import ADMIN, Store
from tests.services.conftest import env_of as shared_env

WIB = ZoneInfo("Asia/Jakarta")


def local(day: int, hour: int = 8, month: int = 11) -> datetime:
    """A moment in the Pemda's zone, as UTC."""
    return datetime(2026, month, day, hour, tzinfo=WIB).astimezone(UTC)


def env_of(store: Store) -> Env:
    """The wiring at the store's moment (N = 7 days, reminders at H-3, H-1 and H)."""
    return shared_env(store)


@dataclass(frozen=True)
class Pemda:
    """The ids the tests look for."""

    dinkes: int
    bappeda: int
    kesbang: int
    kepala_dinkes: int
    operator_dinkes: int
    kepala_bappeda: int
    asisten_1: int
    sekda: int
    bupati: int
    tugas: dict[tuple[int, str], int]
    """Penugasan ids by (directive number, OPD code)."""


async def seed(store: Store) -> Pemda:
    """Three OPDs and their work, today being Monday 23 November 2026, 08:00 WIB; every
    directive was published ten days ago (13 November):

    - DINKES (cluster 1; a head, an operator, an operator who left): No. 1 due Thursday
      26 Nov, never reported (its H-3 today); No. 2 reported selesai (waiting); a draft
      No. 5 and a cancelled No. 6, both overdue, count for nothing.
    - BAPPEDA (cluster 2, which has no Asisten; a head): No. 2 in progress, reported
      yesterday; No. 3 terkendala for exactly 7 days.
    - KESBANG (cluster 1, nobody joined yet): No. 4 overdue since Friday.
    - Leaders: the Asisten of cluster 1, the Sekda, the Kepala Daerah.
    """
    now = store.now
    published = now - timedelta(days=10)
    async with store.unit() as uow:
        s = uow.session
        opds = {
            kode: Opd(kode=kode, nama=nama, klaster=k, created_at=now, updated_at=now)
            for kode, nama, k in (
                ("DINKES", "Dinas Kesehatan", 1),
                ("BAPPEDA", "Bappeda", 2),
                ("KESBANG", "Kesbangpol", 1),
            )
        }
        s.add_all(opds.values())
        await s.flush()

        def member(telegram_id: int, peran: Peran, **more: Any) -> Member:
            return Member(
                telegram_id=telegram_id, nama=f"M{telegram_id}", peran=peran, joined_at=now, **more
            )

        # the operator joined before the head: heads still come first
        people = {
            "operator_dinkes": member(2002, Peran.OPERATOR, opd_id=opds["DINKES"].id),
            "kepala_dinkes": member(2001, Peran.KEPALA_OPD, opd_id=opds["DINKES"].id),
            "left_dinkes": member(2003, Peran.OPERATOR, opd_id=opds["DINKES"].id, active=False),
            "kepala_bappeda": member(2101, Peran.KEPALA_OPD, opd_id=opds["BAPPEDA"].id),
            "asisten_1": member(3001, Peran.ASISTEN, klaster=1),
            "sekda": member(3500, Peran.SEKDA),
            "bupati": member(3600, Peran.KEPALA_DAERAH),
        }
        s.add_all(people.values())
        arahan: dict[int, Arahan] = {}
        for nomor, tenggat, state in (
            (1, date(2026, 11, 26), ArahanState.TERBIT),
            (2, date(2026, 12, 1), ArahanState.TERBIT),
            (3, date(2026, 12, 31), ArahanState.TERBIT),
            (4, date(2026, 11, 20), ArahanState.TERBIT),
            (5, date(2026, 11, 20), ArahanState.DRAF),
            (6, date(2026, 11, 20), ArahanState.DIBATALKAN),
        ):
            arahan[nomor] = Arahan(
                nomor=nomor,
                teks=f"Arahan <nomor> {nomor}",
                tenggat=tenggat,
                status=state,
                created_by=ADMIN.telegram_id,
                created_at=published,
                published_at=published if state != ArahanState.DRAF else None,
            )
        s.add_all(arahan.values())
        await s.flush()
        tugas: dict[tuple[int, str], Penugasan] = {}
        for nomor, kode, status, more in (
            (1, "DINKES", Status.BARU, {}),
            (2, "DINKES", Status.SELESAI, {"last_report_at": now - timedelta(days=1)}),
            (5, "DINKES", Status.BARU, {}),
            (6, "DINKES", Status.BARU, {}),
            (
                2,
                "BAPPEDA",
                Status.DALAM_PROSES,
                {"progress": 40, "last_report_at": now - timedelta(days=1)},
            ),
            (
                3,
                "BAPPEDA",
                Status.TERKENDALA,
                {
                    "kendala_since": now - timedelta(days=7),
                    "last_report_at": now - timedelta(days=7),
                    "last_note": "data BPS <belum> terbit",
                },
            ),
            (4, "KESBANG", Status.BARU, {}),
        ):
            tugas[nomor, kode] = Penugasan(
                arahan_id=arahan[nomor].id,
                opd_id=opds[kode].id,
                kedudukan="penanggung_jawab",
                status=status,
                updated_at=now,
                **more,
            )
        s.add_all(tugas.values())
        await uow.commit()
    return Pemda(
        dinkes=opds["DINKES"].id,
        bappeda=opds["BAPPEDA"].id,
        kesbang=opds["KESBANG"].id,
        kepala_dinkes=people["kepala_dinkes"].id,
        operator_dinkes=people["operator_dinkes"].id,
        kepala_bappeda=people["kepala_bappeda"].id,
        asisten_1=people["asisten_1"].id,
        sekda=people["sekda"].id,
        bupati=people["bupati"].id,
        tugas={key: row.id for key, row in tugas.items()},
    )


async def outbox(store: Store) -> list[tuple[str, int | None, int | None]]:
    """Every queued message as (key, member, OPD), in the order it was queued."""
    async with store.unit() as uow:
        rows = await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(r.key, r.member_id, r.opd_id) for r in rows]


def numbers(pekerjaan: list[tuple[Penugasan, Arahan]]) -> list[int | None]:
    """The directive numbers of a work list, in its order."""
    return [arahan.nomor for _, arahan in pekerjaan]


# --- the weekly push ---------------------------------------------------------------------


async def test_the_weekly_push_lists_each_opds_open_work_for_its_active_members(
    store: Store,
) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        lists = await service.weekly_lists(uow, env_of(store), "2026-11-23T08:00")
    # KESBANG has nobody to tell; DINKES's No. 2 waits for a verifier; drafts and
    # cancelled directives are nobody's work
    assert [(d.opd.kode, numbers(d.pekerjaan)) for d in lists] == [
        ("DINKES", [1]),
        ("BAPPEDA", [2, 3]),
    ]
    assert [[p.member_id for p in d.penerima] for d in lists] == [
        [pemda.kepala_dinkes, pemda.operator_dinkes],
        [pemda.kepala_bappeda],
    ]
    # a reply to the push reports by number: each message is about the OPD's list
    assert [[p.opd_id for p in d.penerima] for d in lists] == [
        [pemda.dinkes, pemda.dinkes],
        [pemda.bappeda],
    ]
    assert {d.kunci for d in lists} == {"pengingat:mingguan:2026-11-23T08:00"}
    assert all(d.alasan == {} for d in lists)


async def test_overdue_work_comes_first_in_the_weekly_push(store: Store) -> None:
    await seed(store)
    store.now = local(2, month=12)  # Wednesday 2 Dec: BAPPEDA's No. 2 is a day late
    async with store.unit() as uow:
        lists = await service.weekly_lists(uow, env_of(store), "2026-11-30T08:00")
    assert [(d.opd.kode, numbers(d.pekerjaan)) for d in lists] == [
        ("DINKES", [1]),
        ("BAPPEDA", [2, 3]),
    ]
    async with store.unit() as uow:
        (late,) = await uow.session.scalars(select(Arahan).where(Arahan.nomor == 3))
        late.tenggat = date(2026, 11, 30)
        await uow.commit()
    async with store.unit() as uow:
        lists = await service.weekly_lists(uow, env_of(store), "2026-11-30T08:00")
    assert numbers(lists[1].pekerjaan) == [3, 2]  # both late: the older deadline first


async def test_the_weekly_push_queues_one_message_per_member_under_the_occurrence(
    store: Store,
) -> None:
    pemda = await seed(store)
    queued = await service.run_occurrence(
        env_of(store), Jenis.MINGGUAN, "2026-11-23T08:00", store.now
    )
    key = "pengingat:mingguan:2026-11-23T08:00"
    assert queued == 3
    assert await outbox(store) == [
        (f"{key}:anggota:{pemda.kepala_dinkes}", pemda.kepala_dinkes, pemda.dinkes),
        (f"{key}:anggota:{pemda.operator_dinkes}", pemda.operator_dinkes, pemda.dinkes),
        (f"{key}:anggota:{pemda.kepala_bappeda}", pemda.kepala_bappeda, pemda.bappeda),
    ]
    runs = await store.rows(ScheduledRun)
    assert [(r.jenis, r.occurrence, r.state, r.queued) for r in runs] == [
        ("mingguan", "2026-11-23T08:00", RunState.SELESAI, 3)
    ]


async def test_running_an_occurrence_twice_queues_nothing_the_second_time(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    first: dict[str, int] = {}
    for jenis, key in (
        (Jenis.MINGGUAN, "2026-11-23T08:00"),
        (Jenis.HARIAN, "2026-11-23T08:00"),
        (Jenis.RINGKASAN, "2026-11-20T15:00"),
    ):
        first[jenis.value] = await service.run_occurrence(env, jenis, key, store.now)
        assert first[jenis.value] > 0
        before = await outbox(store)
        store.now += timedelta(minutes=5)  # a second process, or a restart, a moment later
        assert await service.run_occurrence(env, jenis, key, store.now) == 0
        assert await outbox(store) == before
    # the second run found the occurrence claimed: its record still says what the first queued
    runs = await store.rows(ScheduledRun)
    assert {r.jenis: (r.state, r.queued) for r in runs} == {
        jenis: (RunState.SELESAI, queued) for jenis, queued in first.items()
    }


# --- the daily check: deadline reminders --------------------------------------------------


async def test_the_daily_check_reminds_each_opd_of_what_is_due_and_why(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        hasil = await service.check_day(uow, env_of(store), date(2026, 11, 23))
    # KESBANG's overdue No. 4 has nobody to remind; No. 1 is three days from its deadline
    assert [(d.kunci, d.opd.kode, numbers(d.pekerjaan), d.alasan) for d in hasil.pengingat] == [
        (
            "pengingat:harian:2026-11-23",
            "DINKES",
            [1],
            {pemda.tugas[1, "DINKES"]: Pengingat.MENJELANG},
        )
    ]
    assert [p.member_id for p in hasil.pengingat[0].penerima] == [
        pemda.kepala_dinkes,
        pemda.operator_dinkes,
    ]


async def test_overdue_work_is_reminded_first_and_a_deadline_today_says_so(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        uow.session.add(
            Member(
                telegram_id=2301,
                nama="Kesbang",
                peran=Peran.OPERATOR,
                opd_id=pemda.kesbang,
                joined_at=store.now,
            )
        )
        (first,) = await uow.session.scalars(select(Arahan).where(Arahan.nomor == 1))
        first.tenggat = date(2026, 11, 23)  # No. 1 is due today
        await uow.commit()
    async with store.unit() as uow:
        hasil = await service.check_day(uow, env_of(store), date(2026, 11, 23))
    assert [(d.opd.kode, d.alasan) for d in hasil.pengingat] == [
        ("KESBANG", {pemda.tugas[4, "KESBANG"]: Pengingat.TERLAMBAT}),
        ("DINKES", {pemda.tugas[1, "DINKES"]: Pengingat.HARI_INI}),
    ]


async def test_no_reminder_on_a_day_with_nothing_due(store: Store) -> None:
    await seed(store)
    store.now = local(24)  # Tuesday: H-2 of No. 1, H-7 of No. 2
    async with store.unit() as uow:
        hasil = await service.check_day(uow, env_of(store), date(2026, 11, 24))
    assert hasil.pengingat == []


# --- the daily check: escalation ----------------------------------------------------------


async def test_escalation_reaches_each_rung_once_grouped_per_leader(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        hasil = await service.check_day(uow, env_of(store), date(2026, 11, 23))
        await uow.commit()
    # ten days without a report: the Asisten of cluster 1 hears of KESBANG's and DINKES's
    # silence (overdue first); BAPPEDA's kendala of seven days reaches the Sekda
    assert [
        (
            e.pembaca.id,
            e.penerima.member_id,
            [(s.arahan.nomor, s.opd.kode, s.eskalasi.tangga, s.eskalasi.sebab) for s in e.langkah],
        )
        for e in hasil.eskalasi
    ] == [
        (
            pemda.asisten_1,
            pemda.asisten_1,
            [(4, "KESBANG", Tangga.ASISTEN, Sebab.DIAM), (1, "DINKES", Tangga.ASISTEN, Sebab.DIAM)],
        ),
        (pemda.sekda, pemda.sekda, [(3, "BAPPEDA", Tangga.SEKDA, Sebab.KENDALA)]),
    ]
    sekda = hasil.eskalasi[1].langkah[0].tercatat
    assert (sekda.days, sekda.last_note) == (7, "data BPS <belum> terbit")
    # each message is keyed by its first step: a step is told once, whoever runs the check
    assert [e.kunci for e in hasil.eskalasi] == [
        f"eskalasi:{e.langkah[0].tercatat.id}" for e in hasil.eskalasi
    ]
    steps = await store.rows(Escalation)
    # BAPPEDA's silence is not taken: cluster 2 has no Asisten to tell
    assert sorted((s.penugasan_id, s.tangga, s.sebab, s.since) for s in steps) == sorted(
        [
            (pemda.tugas[4, "KESBANG"], "asisten", "diam", date(2026, 11, 13)),
            (pemda.tugas[1, "DINKES"], "asisten", "diam", date(2026, 11, 13)),
            (pemda.tugas[3, "BAPPEDA"], "sekda", "kendala", date(2026, 11, 16)),
        ]
    )
    # the next check repeats none of it
    store.now = local(24)
    async with store.unit() as uow:
        again = await service.check_day(uow, env_of(store), date(2026, 11, 24))
        await uow.commit()
    assert again.eskalasi == []
    assert len(await store.rows(Escalation)) == 3


async def test_a_step_nobody_could_be_told_of_is_taken_once_someone_holds_the_rung(
    store: Store,
) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        await service.check_day(uow, env_of(store), date(2026, 11, 23))
        uow.session.add(
            Member(
                telegram_id=3002, nama="Joni", peran=Peran.ASISTEN, klaster=2, joined_at=store.now
            )
        )
        await uow.commit()
    store.now = local(24)
    async with store.unit() as uow:
        hasil = await service.check_day(uow, env_of(store), date(2026, 11, 24))
        await uow.commit()
    assert [
        (e.pembaca.telegram_id, [(s.arahan.nomor, s.eskalasi.sebab) for s in e.langkah])
        for e in hasil.eskalasi
    ] == [(3002, [(3, Sebab.DIAM)])]
    (step,) = await store.rows(
        Escalation,
        Escalation.penugasan_id == pemda.tugas[3, "BAPPEDA"],
        Escalation.tangga == "asisten",
    )
    assert (step.since, step.days) == (date(2026, 11, 16), 8)


async def test_after_twice_n_days_the_kepala_daerah_and_overdue_work_escalate(
    store: Store,
) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        await service.check_day(uow, env_of(store), date(2026, 11, 23))
        await uow.commit()
    store.now = local(30)  # Monday 30 Nov: the kendala is 14 days old, No. 4 10 days late
    async with store.unit() as uow:
        hasil = await service.check_day(uow, env_of(store), date(2026, 11, 30))
        await uow.commit()
    assert [
        (e.pembaca.id, [(s.arahan.nomor, s.eskalasi.sebab) for s in e.langkah])
        for e in hasil.eskalasi
    ] == [
        (pemda.sekda, [(4, Sebab.TERLAMBAT)]),
        (pemda.bupati, [(3, Sebab.KENDALA)]),
    ]
    late = hasil.eskalasi[0].langkah[0].tercatat
    assert (late.since, late.days, late.last_note) == (date(2026, 11, 20), 10, None)


async def test_the_daily_job_queues_reminders_then_escalations_once(store: Store) -> None:
    pemda = await seed(store)
    env = env_of(store)
    queued = await service.run_occurrence(env, Jenis.HARIAN, "2026-11-23T08:00", store.now)
    steps = {(s.tangga, s.penugasan_id): s.id for s in await store.rows(Escalation)}
    first_asisten = steps["asisten", pemda.tugas[4, "KESBANG"]]
    first_sekda = steps["sekda", pemda.tugas[3, "BAPPEDA"]]
    day = "pengingat:harian:2026-11-23"
    assert queued == 4
    assert await outbox(store) == [
        (f"{day}:anggota:{pemda.kepala_dinkes}", pemda.kepala_dinkes, pemda.dinkes),
        (f"{day}:anggota:{pemda.operator_dinkes}", pemda.operator_dinkes, pemda.dinkes),
        (f"eskalasi:{first_asisten}:anggota:{pemda.asisten_1}:0", pemda.asisten_1, None),
        (f"eskalasi:{first_sekda}:anggota:{pemda.sekda}:0", pemda.sekda, None),
    ]
    # /ingatkan the same day runs the same check under the same keys: nothing new
    async with store.unit() as uow:
        assert await service.remind_now(uow, env) == 0
        await uow.commit()
    assert len(await outbox(store)) == 4


async def test_a_long_escalation_is_paged_under_one_key(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        (first,) = await uow.session.scalars(select(Arahan).where(Arahan.nomor == 1))
        for nomor in range(10, 40):
            arahan = Arahan(
                nomor=nomor,
                teks="Validasi data " * 20,
                tenggat=date(2026, 12, 31),
                status=ArahanState.TERBIT,
                created_by=ADMIN.telegram_id,
                created_at=first.created_at,
                published_at=first.published_at,
            )
            uow.session.add(arahan)
            await uow.session.flush()
            uow.session.add(
                Penugasan(
                    arahan_id=arahan.id,
                    opd_id=pemda.dinkes,
                    kedudukan="penanggung_jawab",
                    status=Status.BARU,
                    updated_at=store.now,
                )
            )
        await uow.commit()
    env = env_of(store)
    async with store.unit() as uow:
        hasil = await service.check_day(uow, env, date(2026, 11, 23))
    (asisten,) = [e for e in hasil.eskalasi if e.pembaca.id == pemda.asisten_1]
    pages = views.escalation_pages(env, asisten)
    assert len(asisten.langkah) == 32 and len(pages) > 1
    # the status buttons (at most eight) come with the last page only
    assert [len(p.keyboard or []) for p in pages] == [0] * (len(pages) - 1) + [2]
    await service.run_occurrence(env, Jenis.HARIAN, "2026-11-23T08:00", store.now)
    keys = [key for key, member, _ in await outbox(store) if member == pemda.asisten_1]
    first_key = keys[0].removesuffix(":0")
    assert keys == [f"{first_key}:{n}" for n in range(len(pages))]


# --- the weekly digest --------------------------------------------------------------------


async def test_the_weekly_digest_goes_to_each_leader_in_their_scope(store: Store) -> None:
    pemda = await seed(store)
    store.now = local(20, 15)  # Friday 15:00
    async with store.unit() as uow:
        readers = await service.digest_readers(uow, env_of(store), "2026-11-20T15:00")
    assert [(r.pembaca.id, r.penerima.member_id, r.ringkasan.klaster) for r in readers] == [
        (pemda.asisten_1, pemda.asisten_1, 1),
        (pemda.sekda, pemda.sekda, None),
        (pemda.bupati, pemda.bupati, None),
    ]
    assert readers[1].ringkasan is readers[2].ringkasan  # built once for every cluster
    assert {r.kunci for r in readers} == {"ringkasan:2026-11-20T15:00"}
    # the Asisten's digest is about cluster 1 only
    assert {b.angka.kode for b in readers[0].ringkasan.opd} == {"DINKES", "KESBANG"}
    assert {b.angka.kode for b in readers[1].ringkasan.opd} == {"DINKES", "BAPPEDA", "KESBANG"}


async def test_a_digest_due_on_a_holiday_is_sent_on_the_next_working_day(store: Store) -> None:
    pemda = await seed(store)
    # Friday 25 December is Hari Raya Natal: nothing at 15:00, the daily checks of the
    # cuti bersama and of Christmas are recorded as days off
    store.now = local(25, 15, month=12)
    assert await service.run_due(env_of(store), store.now) == 0
    runs = {(r.jenis, r.occurrence): r.state for r in await store.rows(ScheduledRun)}
    assert runs["harian", "2026-12-24T08:00"] == RunState.LIBUR
    assert runs["harian", "2026-12-25T08:00"] == RunState.LIBUR
    assert ("ringkasan", "2026-12-25T15:00") not in runs
    assert await outbox(store) == []
    # Monday 28 December, 15:00: the digest goes out, under its Friday occurrence
    store.now = local(28, 15, month=12)
    await service.run_due(env_of(store), store.now)
    digest = [row for row in await outbox(store) if row[0].startswith("ringkasan:")]
    assert [(key.rsplit(":", 1)[0], member) for key, member, _ in digest] == [
        (f"ringkasan:2026-12-25T15:00:anggota:{pemda.asisten_1}", pemda.asisten_1),
        (f"ringkasan:2026-12-25T15:00:anggota:{pemda.sekda}", pemda.sekda),
        (f"ringkasan:2026-12-25T15:00:anggota:{pemda.bupati}", pemda.bupati),
    ]


async def test_a_daily_check_on_a_saturday_is_skipped(store: Store) -> None:
    await seed(store)
    store.now = local(27, 8)
    await service.run_due(env_of(store), store.now)  # Friday's check runs
    before = await outbox(store)
    store.now = local(28, 8)
    assert await service.run_due(env_of(store), store.now) == 0
    runs = {(r.jenis, r.occurrence): r.state for r in await store.rows(ScheduledRun)}
    assert runs["harian", "2026-11-27T08:00"] == RunState.SELESAI
    assert runs["harian", "2026-11-28T08:00"] == RunState.LIBUR
    assert await outbox(store) == before

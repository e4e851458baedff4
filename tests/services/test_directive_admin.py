"""Managing a published directive as use cases: `/arahan_info` (who may read it, what it
holds), `/tenggat` and `/batal` (what changes, what is audited, who is told, each refusal),
called with a unit of work and an actor (no Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.domain.dates import TanggalTidakValid
from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.directives import admin_views
from bot.features.directives.admin import (
    MAX_REASON,
    ArahanDibatalkan,
    BatalkanArahan,
    LihatArahan,
    UbahTenggat,
    cancel,
    change_deadline,
    history_lines,
    info,
)
from bot.features.people.access import Actor
from bot.texts import Teks, Texts
from storage.models import (
    Arahan,
    AuditLog,
    Bukti,
    Escalation,
    Group,
    Laporan,
    Member,
    Opd,
    OutboxMessage,
    Penugasan,
    Rakor,
)
from storage.states import ArahanState
from tests.services.conftest import ADMIN, Store
from tests.services.conftest import env_of as shared_env

DINKES_GROUP = -1001000000001
RAKOR_GROUP = -1001000000099
DEADLINE = date(2026, 12, 31)


def env_of(store: Store) -> Env:
    """The wiring the services need: today's date (Monday 23 November 2026) and the calendar."""
    return shared_env(store, ADMIN_IDS=[ADMIN.telegram_id])


def member_of(opd_id: int, peran: Peran = Peran.KEPALA_OPD, telegram_id: int = 2001) -> Actor:
    """A head or operator of an OPD."""
    return Actor(
        member_id=None, telegram_id=telegram_id, nama="Budi", peran=peran, opd_id=opd_id, klaster=1
    )


ASISTEN = Actor(
    member_id=None, telegram_id=3001, nama="Marlina", peran=Peran.ASISTEN, opd_id=None, klaster=1
)


@dataclass(frozen=True)
class Pemda:
    """The ids of the sample rows."""

    dinkes: int
    bappeda: int
    kominfo: int  # assigned nothing
    arahan: int  # No. 7: DINKES leads, BAPPEDA supports
    tugas_dinkes: int
    tugas_bappeda: int
    budi: int  # head of DINKES
    sari: int  # operator of DINKES
    made: int  # head of BAPPEDA


async def seed(store: Store) -> Pemda:
    """Three OPDs; directive No. 7 of a Rakor, published at the start and assigned to DINKES
    (lead) and BAPPEDA; DINKES has a group, so has the Rakor; one BAPPEDA operator left."""
    now = store.now
    async with store.unit() as uow:
        s = uow.session
        dinkes, bappeda, kominfo = (
            Opd(kode=kode, nama=nama, klaster=1, created_at=now, updated_at=now)
            for kode, nama in (
                ("DINKES", "Dinas Kesehatan"),
                ("BAPPEDA", "Bappeda"),
                ("KOMINFO", "Diskominfo"),
            )
        )
        rakor = Rakor(
            judul="Rakor <Triwulan> IV", tanggal=date(2026, 11, 20), created_by=1001, created_at=now
        )
        s.add_all([dinkes, bappeda, kominfo, rakor])
        await s.flush()
        people = [
            Member(telegram_id=2001, nama="Budi", peran=Peran.KEPALA_OPD, opd_id=dinkes.id),
            Member(telegram_id=2002, nama="Sari", peran=Peran.OPERATOR, opd_id=dinkes.id),
            Member(telegram_id=2101, nama="Made", peran=Peran.KEPALA_OPD, opd_id=bappeda.id),
            Member(telegram_id=2102, nama="Lama", peran=Peran.OPERATOR, opd_id=bappeda.id),
            Member(telegram_id=2301, nama="Kominfo", peran=Peran.KEPALA_OPD, opd_id=kominfo.id),
        ]
        for person in people:
            person.joined_at = now
        people[3].active = False
        s.add_all(people)
        s.add_all(
            [
                Group(
                    chat_id=DINKES_GROUP,
                    title="Dinkes",
                    jenis="opd",
                    opd_id=dinkes.id,
                    registered_at=now,
                ),
                Group(chat_id=RAKOR_GROUP, title="Rakor", jenis="rakor", registered_at=now),
            ]
        )
        arahan = Arahan(
            nomor=7,
            rakor_id=rakor.id,
            teks="Validasi data <balita> & stunting",
            tenggat=DEADLINE,
            status=ArahanState.TERBIT,
            created_by=ADMIN.telegram_id,
            created_at=now,
            published_at=now,
        )
        s.add(arahan)
        await s.flush()
        lead, support = (
            Penugasan(
                arahan_id=arahan.id, opd_id=opd.id, kedudukan=kedudukan, urutan=n, updated_at=now
            )
            for n, (opd, kedudukan) in enumerate(
                ((dinkes, "penanggung_jawab"), (bappeda, "pendukung"))
            )
        )
        s.add_all([lead, support])
        await s.flush()
        ids = Pemda(
            dinkes.id,
            bappeda.id,
            kominfo.id,
            arahan.id,
            lead.id,
            support.id,
            people[0].id,
            people[1].id,
            people[2].id,
        )
        await uow.commit()
    return ids


async def add_history(store: Store, pemda: Pemda) -> None:
    """A day after publication DINKES reports 40% with two pieces of evidence; three days
    after, BAPPEDA's silence is escalated to the Sekda."""
    async with store.unit() as uow:
        s = uow.session
        laporan = Laporan(
            penugasan_id=pemda.tugas_dinkes,
            member_id=pemda.budi,
            status_from="baru",
            status_to="dalam_proses",
            progress=40,
            catatan="data <BPS> sudah masuk",
            source="balasan",
            created_at=store.now + timedelta(days=1),
        )
        s.add(laporan)
        await s.flush()
        s.add_all(
            Bukti(laporan_id=laporan.id, file_id=f"f{n}", file_unique_id=f"u{n}", jenis="foto")
            for n in (1, 2)
        )
        s.add(
            Escalation(
                subject="eskalasi:1",
                penugasan_id=pemda.tugas_bappeda,
                tangga="sekda",
                sebab="diam",
                since=date(2026, 11, 23),
                days=3,
                at=store.now + timedelta(days=3),
            )
        )
        await uow.commit()


async def directive(store: Store) -> Arahan:
    """Directive No. 7 as committed."""
    return (await store.rows(Arahan, Arahan.nomor == 7))[0]


async def assert_nothing_written(store: Store) -> None:
    """No change to No. 7, no audit entry, no message queued."""
    arahan = await directive(store)
    assert (arahan.tenggat, arahan.status, arahan.cancel_reason) == (
        DEADLINE,
        ArahanState.TERBIT,
        None,
    )
    assert await store.rows(AuditLog) == []
    assert await store.rows(OutboxMessage) == []


# /arahan_info


async def test_info_holds_the_directive_its_penugasan_and_every_event(store: Store) -> None:
    pemda = await seed(store)
    await add_history(store, pemda)
    async with store.unit() as uow:
        riwayat = await info(uow, env_of(store), ADMIN, LihatArahan("No.7"))
        lines = admin_views.history_lines(env_of(store), riwayat)
    assert riwayat.arahan.nomor == 7
    assert riwayat.rakor is not None and riwayat.rakor.judul == "Rakor <Triwulan> IV"
    assert [(t.id, o.kode) for t, o in riwayat.penugasan] == [
        (pemda.tugas_dinkes, "DINKES"),
        (pemda.tugas_bappeda, "BAPPEDA"),
    ]
    assert [(r.laporan.progress, r.nama, r.bukti) for r in riwayat.laporan] == [(40, "Budi", 2)]
    assert [(e.tangga, e.penugasan_id) for e in riwayat.eskalasi] == [
        ("sekda", pemda.tugas_bappeda)
    ]
    # rendered: header escaped, lead first, events in time order
    assert lines[0].startswith("📌 <b>Arahan No. 7</b> (terbit)\nValidasi data &lt;balita&gt;")
    assert "Rakor: Rakor &lt;Triwulan&gt; IV" in lines[0]
    assert lines[2:4] == [
        "• DINKES (penanggung jawab): baru, 0%",
        "• BAPPEDA (pendukung): baru, 0%",
    ]
    events = lines[5:]
    assert [e.split(" · ")[1] for e in events] == ["diterbitkan", "DINKES", "BAPPEDA"]
    assert events[1].endswith(
        "Budi (balasan): baru → dalam proses · 40% · «data &lt;BPS&gt; sudah masuk» · 2 bukti"
    )
    assert "eskalasi ke Sekda (tanpa laporan 3 hari)" in events[2]


async def test_a_change_of_deadline_and_a_cancellation_join_the_history(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    async with store.unit() as uow:
        await change_deadline(uow, env, ADMIN, UbahTenggat("7", "15/01/2027 data <BPS>"))
        await uow.commit()
    store.now += timedelta(hours=2)
    async with store.unit() as uow:
        await cancel(uow, ADMIN, BatalkanArahan("7", "digabung"))
        await uow.commit()
    async with store.unit() as uow:
        riwayat = await info(uow, env_of(store), ADMIN, LihatArahan("7"))
    assert [(a.action, (a.details or {}).get("alasan")) for a in riwayat.perubahan] == [
        ("tenggat", "data <BPS>"),
        ("batal", "digabung"),
    ]
    lines = admin_views.history_lines(env, riwayat)
    assert lines[0].startswith("📌 <b>Arahan No. 7</b> (dibatalkan)")
    assert lines[1] == "Alasan pembatalan: digabung"
    assert lines[-2].endswith(
        "tenggat diubah Kamis, 31 Desember 2026 → Jumat, 15 Januari 2027: data &lt;BPS&gt;"
    )
    assert lines[-1].endswith("pukul 10.00 WIB · dibatalkan: digabung")


async def test_the_people_of_an_assigned_opd_and_leaders_may_read_it(store: Store) -> None:
    pemda = await seed(store)
    readers = [
        member_of(pemda.dinkes),
        member_of(pemda.bappeda, Peran.OPERATOR, 2102),
        ASISTEN,
    ]
    async with store.unit() as uow:
        for actor in readers:
            assert (
                await info(uow, env_of(store), actor, LihatArahan("7"))
            ).arahan.id == pemda.arahan


async def test_an_opd_not_assigned_is_told_the_directive_does_not_exist(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        with pytest.raises(Ditolak) as refused:
            await info(
                uow, env_of(store), member_of(pemda.kominfo, telegram_id=2301), LihatArahan("7")
            )
    assert refused.value.pesan == Teks("arahan.nomor_tidak_ada", nomor=7)


@pytest.mark.parametrize(
    ("nomor", "refusal"),
    [
        ("", Teks("arahan_info.format")),
        ("  ", Teks("arahan_info.format")),
        ("999", Teks("arahan.nomor_tidak_ada", nomor="999")),
        ("<b>" + "x" * 30, Teks("arahan.nomor_tidak_ada", nomor="&lt;b&gt;" + "x" * 17)),
    ],
)
async def test_info_without_a_known_number_is_refused(
    store: Store, nomor: str, refusal: Teks
) -> None:
    await seed(store)
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await info(uow, env_of(store), ADMIN, LihatArahan(nomor))
    assert refused.value.pesan == refusal


async def test_history_lines_of_a_directive_with_no_events_say_so(store: Store) -> None:
    """`/status NOMOR` reads the same lines, without the access check."""
    await seed(store)
    async with store.unit() as uow:
        arahan = (await uow.session.scalars(select(Arahan).where(Arahan.nomor == 7))).one()
        arahan.published_at = None  # never published: not even that happened
        lines = await history_lines(uow, env_of(store), arahan)
    assert lines[-1] == "Belum ada riwayat."


# /tenggat


async def test_a_new_deadline_is_stored_audited_and_goes_to_everyone_concerned(
    store: Store,
) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        hasil = await change_deadline(
            uow, env_of(store), ADMIN, UbahTenggat("No.7", "15 Januari 2027  menunggu data BPS")
        )
        await uow.commit()
    assert (hasil.dari, hasil.ke, hasil.alasan) == (
        DEADLINE,
        date(2027, 1, 15),
        "menunggu data BPS",
    )
    # active members of the assigned OPDs privately (with their OPD's penugasan), then the
    # groups of the assigned OPDs, then the Rakor group; the member who left is not told
    assert [(r.chat_id, r.slot, r.penugasan_id) for r in hasil.penerima] == [
        (2001, f"anggota:{pemda.budi}", pemda.tugas_dinkes),
        (2002, f"anggota:{pemda.sari}", pemda.tugas_dinkes),
        (2101, f"anggota:{pemda.made}", pemda.tugas_bappeda),
        (DINKES_GROUP, f"grup:{DINKES_GROUP}", pemda.tugas_dinkes),
        (RAKOR_GROUP, "rakor", None),
    ]
    assert (await directive(store)).tenggat == date(2027, 1, 15)
    audit = await store.rows(AuditLog)
    assert [(a.actor_telegram_id, a.action, a.subject, a.details) for a in audit] == [
        (
            ADMIN.telegram_id,
            "tenggat",
            f"arahan:{pemda.arahan}",
            {
                "dari": "Kamis, 31 Desember 2026",
                "ke": "Jumat, 15 Januari 2027",
                "alasan": "menunggu data BPS",
            },
        )
    ]
    # the service queues nothing itself: the handler sends what the views render
    assert await store.rows(OutboxMessage) == []


async def test_today_is_a_valid_new_deadline(store: Store) -> None:
    await seed(store)
    async with store.unit() as uow:
        hasil = await change_deadline(
            uow, env_of(store), ADMIN, UbahTenggat("7", "hari ini rapat dimajukan")
        )
    assert (hasil.ke, hasil.alasan) == (date(2026, 11, 23), "rapat dimajukan")


@pytest.mark.parametrize(
    ("request_", "refusal"),
    [
        (UbahTenggat("", ""), Teks("tenggat.format")),
        (UbahTenggat("7", "besok"), Teks("tenggat.format")),
        (UbahTenggat("999", "besok data"), Teks("arahan.nomor_tidak_ada", nomor="999")),
        # an unknown number is refused before a date that cannot be read
        (UbahTenggat("999", "zzz data"), Teks("arahan.nomor_tidak_ada", nomor="999")),
        (UbahTenggat("7", "31 Desember 2026"), Teks("tenggat.perlu_alasan", maks=MAX_REASON)),
        (
            UbahTenggat("7", "15/01/2027 " + "x" * (MAX_REASON + 1)),
            Teks("tenggat.perlu_alasan", maks=MAX_REASON),
        ),
        (
            UbahTenggat("7", "1/1/2020 terlambat"),
            Teks("arahan.tenggat_lewat", tanggal="Rabu, 1 Januari 2020"),
        ),
        (
            UbahTenggat("7", "Jumat 20 November 2026 terlambat"),
            Teks("arahan.tenggat_lewat", tanggal="Jumat, 20 November 2026"),
        ),
    ],
)
async def test_a_deadline_change_that_cannot_be_made_is_refused_and_writes_nothing(
    store: Store, request_: UbahTenggat, refusal: Teks
) -> None:
    await seed(store)
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await change_deadline(uow, env_of(store), ADMIN, request_)
    assert refused.value.pesan == refusal
    await assert_nothing_written(store)


async def test_a_date_that_cannot_be_read_is_refused_quoting_it(store: Store) -> None:
    await seed(store)
    async with store.unit() as uow:
        with pytest.raises(TanggalTidakValid) as refused:
            await change_deadline(uow, env_of(store), ADMIN, UbahTenggat("7", "zzz data"))
    assert refused.value.masukan == "zzz"
    await assert_nothing_written(store)


# /batal


async def test_a_cancellation_is_stored_audited_and_goes_to_everyone_concerned(
    store: Store,
) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        hasil = await cancel(
            uow, ADMIN, BatalkanArahan("7", "  digabung\n dengan   program <provinsi> ")
        )
        await uow.commit()
    assert hasil.alasan == "digabung dengan program <provinsi>"
    assert [r.chat_id for r in hasil.penerima] == [2001, 2002, 2101, DINKES_GROUP, RAKOR_GROUP]
    arahan = await directive(store)
    assert (arahan.status, arahan.cancel_reason) == (
        ArahanState.DIBATALKAN,
        "digabung dengan program <provinsi>",
    )
    audit = await store.rows(AuditLog)
    assert [(a.actor_telegram_id, a.action, a.subject, a.details) for a in audit] == [
        (
            ADMIN.telegram_id,
            "batal",
            f"arahan:{pemda.arahan}",
            {"alasan": "digabung dengan program <provinsi>"},
        )
    ]
    assert await store.rows(OutboxMessage) == []


@pytest.mark.parametrize(
    ("request_", "refusal"),
    [
        (BatalkanArahan("", ""), Teks("batal.format", maks=MAX_REASON)),
        (BatalkanArahan("7", "   "), Teks("batal.format", maks=MAX_REASON)),
        (BatalkanArahan("7", "x" * (MAX_REASON + 1)), Teks("batal.format", maks=MAX_REASON)),
        (BatalkanArahan("abc", "alasan"), Teks("arahan.nomor_tidak_ada", nomor="abc")),
        (BatalkanArahan("8", "alasan"), Teks("arahan.nomor_tidak_ada", nomor="8")),
    ],
)
async def test_a_cancellation_that_cannot_be_made_is_refused_and_writes_nothing(
    store: Store, request_: BatalkanArahan, refusal: Teks
) -> None:
    await seed(store)
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await cancel(uow, ADMIN, request_)
    assert refused.value.pesan == refusal
    await assert_nothing_written(store)


async def test_a_cancelled_directive_takes_no_new_deadline_and_no_second_cancellation(
    store: Store,
) -> None:
    await seed(store)
    async with store.unit() as uow:
        await cancel(uow, ADMIN, BatalkanArahan("7", "digabung"))
        await uow.commit()
    refusals: list[DomainError] = []
    async with store.unit() as uow:
        for attempt in (
            cancel(uow, ADMIN, BatalkanArahan("7", "lagi")),
            change_deadline(uow, env_of(store), ADMIN, UbahTenggat("7", "besok data")),
        ):
            with pytest.raises(ArahanDibatalkan) as refused:
                await attempt
            refusals.append(refused.value)
    for refusal in refusals:
        assert refusal.pesan == Teks("penugasan.ditutup", nomor=7, status=Teks("status.dibatalkan"))
        assert refusal.text(Texts()) == (
            "Arahan No. 7 sudah dibatalkan; laporan tidak bisa dicatat lagi."
        )
        assert refusal.text(Texts("en")) == (
            "Directive No. 7 is cancelled; no more reports can be recorded."
        )
    arahan = await directive(store)
    assert (arahan.tenggat, arahan.cancel_reason) == (DEADLINE, "digabung")
    assert [a.action for a in await store.rows(AuditLog)] == ["batal"]

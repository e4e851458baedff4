"""The digest (`/status`) as use cases: the numbers and ratings per OPD, the problems to act
on, and which scope a caller may read, with a unit of work and an actor (no Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.rating import Warna
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.digest import service as digest
from bot.features.digest import views
from bot.features.digest.status import Lingkup, MintaStatus, open_scope, show_status
from bot.features.people.access import Actor
from bot.texts import Teks, Texts
from storage.models import Arahan, AuditLog, Member, Opd, OutboxMessage, Penugasan
from storage.states import ArahanState, Pending
from tests.services.conftest import ADMIN, Store, asisten
from tests.services.conftest import env_of as shared_env


def env_of(store: Store) -> Env:
    """The wiring at the store's moment (Monday 23 November 2026, 08:00 WIB; N = 7 days)."""
    return shared_env(store)


SEKDA = Actor(
    member_id=None, telegram_id=3500, nama="Darwin", peran=Peran.SEKDA, opd_id=None, klaster=None
)


@dataclass(frozen=True)
class Pemda:
    """The ids of the sample OPDs."""

    dinkes: int
    disdik: int
    rsud: int
    bappeda: int


async def seed(store: Store) -> Pemda:
    """Four OPDs in two clusters and their work, today being Monday 23 November 2026:

    - DINKES (1): No. 1 terkendala for 8 days (merah); No. 3 asks to close as tidak dapat
      (waiting, not working); one unreachable member, one unreachable who left.
    - DISDIK (1): No. 3 terkendala since yesterday, never reported (kuning).
    - RSUD (1): No. 2 reported selesai (waiting), No. 3 verified (hijau); a draft No. 4
      past its deadline does not count.
    - BAPPEDA (2): No. 1 in progress, No. 2 three days late (merah); a cancelled No. 5
      terkendala does not count.
    """
    now = store.now
    async with store.unit() as uow:
        s = uow.session
        opds = {
            kode: Opd(kode=kode, nama=nama, klaster=k, created_at=now, updated_at=now)
            for kode, nama, k in (
                ("DINKES", "Dinas Kesehatan", 1),
                ("DISDIK", "Dinas Pendidikan", 1),
                ("RSUD", "RSUD <Umum> & Daerah", 1),
                ("BAPPEDA", "Bappeda", 2),
            )
        }
        s.add_all(opds.values())
        await s.flush()
        dinkes, disdik, rsud, bappeda = (
            opds[k].id for k in ("DINKES", "DISDIK", "RSUD", "BAPPEDA")
        )
        s.add_all(
            Member(
                telegram_id=telegram_id,
                nama=nama,
                peran=Peran.OPERATOR,
                opd_id=dinkes,
                active=active,
                reachable=reachable,
                joined_at=now,
            )
            for telegram_id, nama, active, reachable in (
                (2001, "Budi", True, True),
                (2002, "Sari", True, False),  # Telegram refused her: she never started the bot
                (2003, "Lama", False, False),  # refused too, but has left DINKES
            )
        )
        arahan: dict[int, Arahan] = {}
        for nomor, tenggat, state in (
            (1, date(2026, 12, 31), ArahanState.TERBIT),
            (2, date(2026, 11, 20), ArahanState.TERBIT),
            (3, date(2026, 12, 1), ArahanState.TERBIT),
            (4, date(2026, 11, 1), ArahanState.DRAF),
            (5, date(2026, 11, 1), ArahanState.DIBATALKAN),
        ):
            arahan[nomor] = Arahan(
                nomor=nomor,
                teks=f"Arahan nomor {nomor}",
                tenggat=tenggat,
                status=state,
                created_by=ADMIN.telegram_id,
                created_at=now - timedelta(days=10),
                published_at=now - timedelta(days=1),
            )
        s.add_all(arahan.values())
        await s.flush()

        def tugas(nomor: int, opd_id: int, status: Status, **more: Any) -> Penugasan:
            return Penugasan(
                arahan_id=arahan[nomor].id,
                opd_id=opd_id,
                kedudukan="penanggung_jawab",
                status=status,
                updated_at=now,
                **more,
            )

        s.add_all(
            [
                tugas(
                    1,
                    dinkes,
                    Status.TERKENDALA,
                    kendala_since=now - timedelta(days=8),
                    last_report_at=now - timedelta(days=8),
                    last_note="data <puskesmas> belum masuk",
                ),
                tugas(3, dinkes, Status.BARU, pending=Pending.TIDAK_DAPAT),
                tugas(3, disdik, Status.TERKENDALA, kendala_since=now - timedelta(days=1)),
                tugas(2, rsud, Status.SELESAI, last_report_at=now - timedelta(days=2)),
                tugas(3, rsud, Status.TERVERIFIKASI),
                tugas(4, rsud, Status.BARU),
                tugas(1, bappeda, Status.DALAM_PROSES, last_report_at=now - timedelta(hours=30)),
                tugas(2, bappeda, Status.BARU),
                tugas(5, bappeda, Status.TERKENDALA, kendala_since=now - timedelta(days=30)),
            ]
        )
        await uow.commit()
    return Pemda(dinkes, disdik, rsud, bappeda)


def lines_of(ringkasan: digest.Ringkasan) -> list[tuple[str, Warna, int, int, int, int, int]]:
    """Each OPD line as (code, rating, open, overdue, blocked, waiting, verified)."""
    return [
        (
            b.angka.kode,
            b.warna,
            b.angka.terbuka,
            b.angka.terlambat,
            b.angka.terkendala,
            b.angka.menunggu,
            b.angka.terverifikasi,
        )
        for b in ringkasan.opd
    ]


def problems_of(ringkasan: digest.Ringkasan) -> list[tuple[int, str, str, int]]:
    """Each problem as (number, OPD, status, days late)."""
    return [(m.nomor, m.kode, m.status, m.hari_terlambat) for m in ringkasan.masalah]


async def test_the_digest_of_every_cluster_rates_each_opd_worst_first(store: Store) -> None:
    await seed(store)
    async with store.unit() as uow:
        ringkasan = await digest.build(uow, env_of(store), None)
    assert (ringkasan.waktu, ringkasan.klaster, ringkasan.satu_opd) == (store.now, None, None)
    # merah (by cluster, then code), kuning, hijau; drafts and cancelled directives count not
    assert lines_of(ringkasan) == [
        ("DINKES", Warna.MERAH, 1, 0, 1, 1, 0),  # a kendala older than 7 days
        ("BAPPEDA", Warna.MERAH, 2, 1, 0, 0, 0),  # No. 2 is late
        ("DISDIK", Warna.KUNING, 1, 0, 1, 0, 0),  # a fresh kendala
        ("RSUD", Warna.HIJAU, 0, 0, 0, 1, 1),  # nothing open
    ]
    assert ringkasan.total == digest.Jumlah(
        terbuka=4, terlambat=1, terkendala=2, menunggu=2, terverifikasi=1
    )
    by_kode = {b.angka.kode: b for b in ringkasan.opd}
    assert {k: b.hari_sejak_lapor for k, b in by_kode.items()} == {
        "DINKES": 8,
        "BAPPEDA": 1,
        "DISDIK": None,  # never reported
        "RSUD": 2,
    }
    # only the active member Telegram refused counts as not reachable
    assert {k: b.angka.belum_terhubung for k, b in by_kode.items()} == {
        "DINKES": 1,
        "BAPPEDA": 0,
        "DISDIK": 0,
        "RSUD": 0,
    }
    # blocked first (oldest deadline first), then overdue, with the latest note kept
    assert problems_of(ringkasan) == [
        (3, "DISDIK", "terkendala", 0),
        (1, "DINKES", "terkendala", 0),
        (2, "BAPPEDA", "baru", 3),
    ]
    assert ringkasan.masalah[1].catatan == "data <puskesmas> belum masuk"
    assert ringkasan.masalah_total == 3


async def test_the_digest_of_one_cluster_and_of_one_opd(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        klaster = await digest.build(uow, env_of(store), 2)
        opd = await digest.build(uow, env_of(store), None, pemda.rsud)
    assert (klaster.klaster, lines_of(klaster)) == (2, [("BAPPEDA", Warna.MERAH, 2, 1, 0, 0, 0)])
    assert problems_of(klaster) == [(2, "BAPPEDA", "baru", 3)]
    assert opd.satu_opd is not None
    assert (opd.satu_opd.kode, opd.satu_opd.nama) == ("RSUD", "RSUD <Umum> & Daerah")
    assert lines_of(opd) == [("RSUD", Warna.HIJAU, 0, 0, 0, 1, 1)]
    assert (opd.masalah, opd.masalah_total) == ([], 0)


async def test_an_opd_silent_for_n_days_on_open_work_turns_kuning(store: Store) -> None:
    await seed(store)
    async with store.unit() as uow:
        kesbang = Opd(
            kode="KESBANG", nama="Kesbangpol", klaster=2, created_at=store.now, updated_at=store.now
        )
        uow.session.add(kesbang)
        await uow.session.flush()
        (first,) = await uow.session.scalars(select(Arahan).where(Arahan.nomor == 1))
        uow.session.add(
            Penugasan(
                arahan_id=first.id,
                opd_id=kesbang.id,
                kedudukan="pendukung",
                status=Status.DALAM_PROSES,
                last_report_at=store.now - timedelta(days=6, hours=23),
                updated_at=store.now,
            )
        )
        await uow.commit()
    async with store.unit() as uow:
        before = await digest.build(uow, env_of(store), None, kesbang.id)
    store.now += timedelta(hours=1)  # its last report is now N = 7 days old
    async with store.unit() as uow:
        after = await digest.build(uow, env_of(store), None, kesbang.id)
    assert [(b.warna, b.hari_sejak_lapor) for b in before.opd] == [(Warna.HIJAU, 6)]
    assert [(b.warna, b.hari_sejak_lapor) for b in after.opd] == [(Warna.KUNING, 7)]


async def test_problems_count_the_days_late_as_of_today(store: Store) -> None:
    await seed(store)
    store.now += timedelta(days=7)
    async with store.unit() as uow:
        ringkasan = await digest.build(uow, env_of(store), 2)
    assert problems_of(ringkasan) == [(2, "BAPPEDA", "baru", 10)]


async def test_only_the_first_problems_are_listed_but_all_are_counted(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        late = [
            Arahan(
                nomor=100 + n,
                teks="terlambat",
                tenggat=date(2026, 11, 1),
                status=ArahanState.TERBIT,
                created_by=ADMIN.telegram_id,
                created_at=store.now,
            )
            for n in range(digest.LISTED_PROBLEMS)
        ]
        uow.session.add_all(late)
        await uow.session.flush()
        uow.session.add_all(
            Penugasan(
                arahan_id=a.id,
                opd_id=pemda.disdik,
                kedudukan="penanggung_jawab",
                updated_at=store.now,
            )
            for a in late
        )
        await uow.commit()
    async with store.unit() as uow:
        ringkasan = await digest.build(uow, env_of(store), 1)
    assert (len(ringkasan.masalah), ringkasan.masalah_total) == (digest.LISTED_PROBLEMS, 42)
    # the two kendala come first, then the late work by deadline and number
    assert problems_of(ringkasan)[:3] == [
        (3, "DISDIK", "terkendala", 0),
        (1, "DINKES", "terkendala", 0),
        (100, "DISDIK", "baru", 22),
    ]


async def test_status_without_arguments_is_the_callers_own_scope(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    async with store.unit() as uow:
        everything = await show_status(uow, env, SEKDA, MintaStatus())
        own = await show_status(uow, env, asisten(1), MintaStatus())
    assert everything.lingkup == Lingkup("k", 0)
    assert everything.ringkasan is not None and everything.ringkasan.klaster is None
    assert len(everything.ringkasan.opd) == 4
    assert own.lingkup == Lingkup("k", 1)
    assert own.ringkasan is not None
    assert [b.angka.kode for b in own.ringkasan.opd] == ["DINKES", "DISDIK", "RSUD"]
    assert (own.terbuka, own.riwayat) == ([], None)


async def test_status_of_an_opd_code_lists_its_open_work_most_urgent_first(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        hasil = await show_status(uow, env_of(store), asisten(1), MintaStatus(cari="DINKES"))
    assert hasil.lingkup == Lingkup("o", pemda.dinkes)
    assert hasil.ringkasan is not None and hasil.ringkasan.satu_opd is not None
    assert hasil.ringkasan.satu_opd.kode == "DINKES"
    # the request to close No. 3 still waits, so it is open; No. 3's deadline is nearer
    assert [(a.nomor, t.status, t.pending) for t, a in hasil.terbuka] == [
        (3, "baru", "tidak_dapat"),
        (1, "terkendala", None),
    ]


@pytest.mark.parametrize(
    "request_", [MintaStatus(Lingkup("a", 2)), MintaStatus(cari="NO.2"), MintaStatus(cari="A-2")]
)
async def test_status_of_a_directive_number_is_its_history(
    store: Store, request_: MintaStatus
) -> None:
    await seed(store)
    async with store.unit() as uow:
        hasil = await show_status(uow, env_of(store), SEKDA, request_)
    assert hasil.lingkup == Lingkup("a", 2)
    assert hasil.ringkasan is None and hasil.riwayat is not None
    assert hasil.riwayat.arahan.nomor == 2
    assert [(t.status, o.kode) for t, o in hasil.riwayat.penugasan] == [
        ("selesai", "RSUD"),
        ("baru", "BAPPEDA"),
    ]


async def test_an_asisten_reads_a_directive_their_cluster_shares(store: Store) -> None:
    await seed(store)
    async with store.unit() as uow:
        hasil = await open_scope(uow, env_of(store), asisten(2), Lingkup("a", 1))
    assert hasil.riwayat is not None and hasil.riwayat.arahan.nomor == 1


async def refusal(store: Store, actor: Actor, request: MintaStatus | Lingkup) -> DomainError:
    """Ask for a digest expecting a refusal; commit anyway, and check nothing was written."""
    async with store.unit() as uow:
        with pytest.raises(DomainError) as caught:
            if isinstance(request, Lingkup):
                await open_scope(uow, env_of(store), actor, request)
            else:
                await show_status(uow, env_of(store), actor, request)
        await uow.commit()
    assert await store.rows(OutboxMessage) == []
    assert await store.rows(AuditLog) == []
    return caught.value


@pytest.mark.parametrize(
    "request_",
    [
        MintaStatus(cari="NOPE"),  # neither an OPD code nor a directive number
        MintaStatus(Lingkup("k", 9)),  # a cluster no OPD belongs to
    ],
)
async def test_what_is_neither_a_scope_nor_found_is_refused_with_the_format(
    store: Store, request_: MintaStatus
) -> None:
    await seed(store)
    refused = await refusal(store, ADMIN, request_)
    assert isinstance(refused, InputTidakValid)
    assert refused.pesan == Teks("status.format")


async def test_an_unknown_directive_number_is_refused(store: Store) -> None:
    await seed(store)
    refused = await refusal(store, SEKDA, MintaStatus(Lingkup("a", 99)))
    assert isinstance(refused, InputTidakValid)
    assert refused.pesan == Teks("arahan.nomor_tidak_ada", nomor=99)


async def test_an_asisten_whose_cluster_has_no_opd_gets_the_format(store: Store) -> None:
    await seed(store)
    refused = await refusal(store, asisten(5), MintaStatus())
    assert refused.pesan == Teks("status.format")


@pytest.mark.parametrize(
    "request_",
    [
        MintaStatus(Lingkup("k", 0)),  # every cluster
        MintaStatus(Lingkup("k", 2)),
        MintaStatus(cari="BAPPEDA"),
        MintaStatus(Lingkup("a", 2)),  # assigned to RSUD too, but RSUD is cluster 1
        MintaStatus(Lingkup("a", 99)),  # not even whether it exists
        Lingkup("o", 99999),  # a drill-down button to an OPD that is gone
    ],
)
async def test_an_asisten_may_not_read_outside_their_cluster(
    store: Store, request_: MintaStatus | Lingkup
) -> None:
    await seed(store)
    refused = await refusal(store, asisten(3), request_)
    assert isinstance(refused, Ditolak)
    assert refused.pesan == Teks("status.luar_klaster")


async def test_a_page_turn_is_checked_like_the_command(store: Store) -> None:
    pemda = await seed(store)
    refused = await refusal(store, asisten(1), Lingkup("o", pemda.bappeda))
    assert refused.pesan == Teks("status.luar_klaster")
    async with store.unit() as uow:
        hasil = await open_scope(uow, env_of(store), asisten(2), Lingkup("o", pemda.bappeda))
    assert hasil.ringkasan is not None
    assert [(t.status, a.nomor) for t, a in hasil.terbuka] == [("baru", 2), ("dalam_proses", 1)]


async def test_late_and_blocked_at_once_reads_alike_in_both_languages(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        late = await uow.session.scalar(
            select(Penugasan)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .where(Arahan.nomor == 2, Penugasan.opd_id == pemda.bappeda)
        )
        assert late is not None
        late.status = Status.TERKENDALA.value  # No. 2 at BAPPEDA: late, and now blocked too
        late.kendala_since = store.now - timedelta(days=1)
        await uow.commit()
    async with store.unit() as uow:
        ringkasan = await digest.build(uow, env_of(store), None)
    # three penugasan to act on, one of them both: in each total, listed once
    assert ringkasan.total == digest.Jumlah(
        terbuka=4, terlambat=1, terkendala=3, menunggu=2, terverifikasi=1
    )
    assert (ringkasan.masalah_total, ringkasan.masalah_keduanya) == (3, 1)
    assert [m.nomor for m in ringkasan.masalah].count(2) == 1
    for env, expected in (
        (
            env_of(store),
            [
                "Jumlah: 4 terbuka (1 terlambat, 3 terkendala) · 2 menunggu verifikasi"
                " · 1 terverifikasi",
                "🔴 <b>BAPPEDA</b> — 2 terbuka (1 terlambat, 1 terkendala) ·",
                "<b>Terlambat atau terkendala (3, 1 keduanya)</b>",
                "• No. 2 BAPPEDA — terkendala, terlambat 3 hari:",
                "🟢 <b>RSUD</b> — 0 terbuka · 1 menunggu verifikasi · 1 terverifikasi ·",
            ],
        ),
        (
            shared_env(store, Texts("en"), LANGUAGE="en"),
            [
                "Total: 4 open (1 overdue, 3 blocked) · 2 awaiting verification · 1 verified",
                "🔴 <b>BAPPEDA</b> — 2 open (1 overdue, 1 blocked) ·",
                "<b>Overdue or blocked (3, 1 both)</b>",
                "• No. 2 BAPPEDA — blocked, 3 days late:",
                "🟢 <b>RSUD</b> — 0 open · 1 awaiting verification · 1 verified ·",
            ],
        ),
    ):
        text = "\n".join(views.render(env, ringkasan))
        for part in expected:
            assert part in text, (part, text)


async def test_the_totals_leave_out_zero_counts_but_terbuka(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        rsud = await digest.build(uow, env_of(store), None, pemda.rsud)
    lines = views.render(env_of(store), rsud)
    assert lines[1] == "Jumlah: 0 terbuka · 1 menunggu verifikasi · 1 terverifikasi"

"""Honesty signs in the digest: done without evidence, progress stalled for STALLED_WEEKS, the
same kendala repeated without progress, a completion rejected before (issue 9, point 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.domain.lifecycle import Status
from bot.domain.tanda import Tanda
from bot.features.digest import service as digest
from bot.features.digest.tanda import Temuan, cari
from bot.features.directives import admin, admin_views
from storage.models import Arahan, Bukti, Laporan, Opd, Penugasan
from storage.states import ArahanState
from tests.services.conftest import ADMIN, Store, env_of


@dataclass(frozen=True)
class Seeded:
    ids: dict[str, int]
    """Penugasan ids by the name of the case."""


async def seed(store: Store) -> Seeded:
    """One directive per case, published three weeks before Monday 23 November 2026, assigned to
    DINKES (cluster 1); one more for BAPPEDA (cluster 2)."""
    now = store.now
    ids: dict[str, int] = {}
    async with store.unit() as uow:
        s = uow.session
        dinkes = Opd(
            kode="DINKES", nama="Dinas Kesehatan", klaster=1, created_at=now, updated_at=now
        )
        bappeda = Opd(kode="BAPPEDA", nama="Bappeda", klaster=2, created_at=now, updated_at=now)
        s.add_all([dinkes, bappeda])
        await s.flush()
        nomor = 0

        async def case(
            name: str, status: Status, reports: list[dict[str, Any]], opd: Opd = dinkes, **more: Any
        ) -> None:
            nonlocal nomor
            nomor += 1
            arahan = Arahan(
                nomor=nomor,
                teks=f"Arahan {name}",
                tenggat=date(2026, 12, 31),
                status=ArahanState.TERBIT,
                created_by=ADMIN.telegram_id,
                created_at=now - timedelta(days=22),
                published_at=now - timedelta(days=21),
            )
            s.add(arahan)
            await s.flush()
            tugas = Penugasan(
                arahan_id=arahan.id,
                opd_id=opd.id,
                kedudukan="penanggung_jawab",
                status=status,
                updated_at=now,
                **more,
            )
            s.add(tugas)
            await s.flush()
            for report in [dict(r) for r in reports]:
                bukti = report.pop("bukti", False)
                days = report.pop("days")
                laporan = Laporan(
                    penugasan_id=tugas.id,
                    source=report.pop("source", "balasan"),
                    created_at=now - timedelta(days=days),
                    **report,
                )
                s.add(laporan)
                await s.flush()
                if bukti:
                    s.add(
                        Bukti(
                            laporan_id=laporan.id,
                            file_id=f"F{laporan.id}",
                            file_unique_id=f"U{laporan.id}",
                            jenis="photo",
                        )
                    )
            if reports:
                tugas.last_report_at = now - timedelta(days=min(r["days"] for r in reports))
            ids[name] = tugas.id

        def done(days: int, **more: Any) -> dict[str, Any]:
            return dict(status_from="dalam_proses", status_to="selesai", progress_from=60,
                        progress=100, catatan="sudah selesai", days=days, **more)  # fmt: skip

        def moved(days: int, a: int | None, b: int) -> dict[str, Any]:
            return dict(status_from="dalam_proses", status_to="dalam_proses", progress_from=a,
                        progress=b, catatan=f"progres {b}%", days=days)  # fmt: skip

        def blocked(days: int, kendala: str, progress: int = 30) -> dict[str, Any]:
            return dict(status_from="terkendala", status_to="terkendala", progress_from=progress,
                        progress=progress, kendala=kendala, days=days)  # fmt: skip

        await case("selesai tanpa bukti", Status.SELESAI, [done(1)])
        await case("selesai dengan bukti", Status.SELESAI, [done(1, bukti=True)])
        await case(
            "bukti ditarik",
            Status.SELESAI,
            [done(2, bukti=True, withdrawn_at=now - timedelta(days=2)), done(1)],
        )
        await case("terverifikasi tanpa bukti", Status.TERVERIFIKASI, [done(5)])
        await case(
            "macet",
            Status.DALAM_PROSES,
            [moved(20, 0, 40), moved(3, 40, 40)],
            progress=40,
            progress_since=now - timedelta(days=20),
        )
        await case(
            "bergerak",
            Status.DALAM_PROSES,
            [moved(20, 0, 40), moved(3, 40, 50)],
            progress=50,
            progress_since=now - timedelta(days=3),
        )
        await case("tak pernah lapor", Status.BARU, [])
        await case(
            "kendala berulang",
            Status.TERKENDALA,
            [
                blocked(12, "Dana belum cair"),
                blocked(6, "dana blm cair pak"),
                blocked(1, "DANA BELUM CAIR"),
            ],
            kendala_since=now - timedelta(days=12),
        )
        await case(
            "kendala berganti",
            Status.TERKENDALA,
            [blocked(6, "lahan belum dibebaskan"), blocked(1, "menunggu SK Bupati")],
            kendala_since=now - timedelta(days=6),
        )
        await case(
            "pernah ditolak",
            Status.DALAM_PROSES,
            [
                done(4),
                dict(status_from="selesai", status_to="dalam_proses", progress_from=100,
                     progress=60, catatan="foto tidak sesuai", source="verifikasi", days=3),
                moved(1, 60, 70),
            ],
            progress=70,
            progress_since=now - timedelta(days=1),
        )  # fmt: skip
        await case("klaster 2 tanpa bukti", Status.SELESAI, [done(1)], opd=bappeda)
        await uow.commit()
    return Seeded(ids)


def found(result: Temuan) -> dict[int, tuple[tuple[Tanda, ...], bool, int]]:
    assert result.jumlah == len(result.daftar)
    return {b.penugasan_id: (b.tanda, b.terbuka, b.kali_kendala) for b in result.daftar}


async def test_each_sign_marks_exactly_the_penugasan_it_is_about(store: Store) -> None:
    ids = (await seed(store)).ids
    env = env_of(store)
    async with store.unit() as uow:
        signs = found(await cari(uow, env))
    assert signs == {
        ids["selesai tanpa bukti"]: ((Tanda.TANPA_BUKTI,), True, 0),
        ids["bukti ditarik"]: ((Tanda.TANPA_BUKTI,), True, 0),
        ids["terverifikasi tanpa bukti"]: ((Tanda.TANPA_BUKTI,), False, 0),
        ids["macet"]: ((Tanda.MACET,), True, 0),
        ids["tak pernah lapor"]: ((Tanda.MACET,), True, 0),
        ids["kendala berulang"]: ((Tanda.MACET, Tanda.KENDALA_BERULANG), True, 3),
        ids["kendala berganti"]: ((Tanda.MACET,), True, 0),
        ids["pernah ditolak"]: ((Tanda.PERNAH_DITOLAK,), True, 0),
        ids["klaster 2 tanpa bukti"]: ((Tanda.TANPA_BUKTI,), True, 0),
    }


async def test_stalled_weeks_is_a_setting(store: Store) -> None:
    ids = (await seed(store)).ids
    async with store.unit() as uow:
        signs = found(await cari(uow, env_of(store, STALLED_WEEKS=4)))
    assert ids["macet"] not in signs
    assert ids["tak pernah lapor"] not in signs


async def test_the_digest_lists_the_open_penugasan_with_signs_in_its_scope(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    async with store.unit() as uow:
        ringkasan = await digest.build(uow, env, klaster=1)
    lines = digest.render(env, ringkasan)
    start = lines.index("<b>🔎 Perlu dicermati (7)</b>")
    assert lines[start + 1 :] == [
        "• No. 1 DINKES — selesai tanpa bukti foto/dokumen",
        "• No. 3 DINKES — selesai tanpa bukti foto/dokumen",
        "• No. 5 DINKES — progres tidak berubah ≥ 2 minggu",
        "• No. 7 DINKES — progres tidak berubah ≥ 2 minggu",
        "• No. 8 DINKES — progres tidak berubah ≥ 2 minggu · "
        "kendala yang sama dilaporkan 3× tanpa kemajuan",
        "• No. 9 DINKES — progres tidak berubah ≥ 2 minggu",
        "• No. 10 DINKES — penyelesaian pernah ditolak verifikator",
    ]


async def test_a_long_list_is_cut_and_the_rest_counted(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    async with store.unit() as uow:
        first = await cari(uow, env, hanya_terbuka=True, batas=3)
    assert first.jumlah == 8
    assert [(b.nomor, b.kode) for b in first.daftar] == [
        (1, "DINKES"),
        (3, "DINKES"),
        (5, "DINKES"),
    ]
    lines = digest.render(env, digest.Ringkasan(waktu=store.now, klaster=None, tanda=first))
    assert lines[-5:] == [
        "<b>🔎 Perlu dicermati (8)</b>",
        "• No. 1 DINKES — selesai tanpa bukti foto/dokumen",
        "• No. 3 DINKES — selesai tanpa bukti foto/dokumen",
        "• No. 5 DINKES — progres tidak berubah ≥ 2 minggu",
        "dan 5 lainnya",
    ]


async def test_one_directive_shows_closed_penugasan_too(store: Store) -> None:
    ids = (await seed(store)).ids
    async with store.unit() as uow:
        tugas = await uow.session.get(Penugasan, ids["terverifikasi tanpa bukti"])
        assert tugas is not None
        one = await cari(uow, env_of(store), arahan_id=tugas.arahan_id)
    assert found(one) == {ids["terverifikasi tanpa bukti"]: ((Tanda.TANPA_BUKTI,), False, 0)}


async def test_arahan_info_marks_each_penugasan_with_its_signs(store: Store) -> None:
    ids = (await seed(store)).ids
    env = env_of(store)
    async with store.unit() as uow:
        shown = {}
        for name in ("pernah ditolak", "terverifikasi tanpa bukti", "bergerak"):
            tugas = await uow.session.get(Penugasan, ids[name])
            arahan = await uow.session.get(Arahan, tugas.arahan_id if tugas else 0)
            assert arahan is not None
            lines = admin_views.history_lines(env, await admin.history(uow, env, arahan))
            shown[name] = next(line for line in lines if line.startswith("• DINKES"))
    assert shown == {
        "pernah ditolak": "• DINKES (penanggung jawab): dalam proses, 70%"
        " · 🔎 penyelesaian pernah ditolak verifikator",
        "terverifikasi tanpa bukti": "• DINKES (penanggung jawab): terverifikasi, 0%"
        " · 🔎 selesai tanpa bukti foto/dokumen",
        "bergerak": "• DINKES (penanggung jawab): dalam proses, 50%",
    }

"""Showing evidence as a use case: who may see a penugasan's photos and documents, which ones
(not those of reports taken back), a page at a time; and the counts cards and histories show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.roles import Peran
from bot.features.evidence.service import PAGE, LihatBukti, show, summary
from bot.features.evidence.simpanan import Ringkasan, Simpanan
from bot.features.people.access import Actor
from bot.texts import Teks
from storage.models import Arahan, Bukti, Laporan, Member, Opd, Penugasan
from storage.states import ArahanState
from tests.services.conftest import ADMIN, Store, asisten


@dataclass(frozen=True)
class Ids:
    dinkes: int  # DINKES's penugasan on No. 1 (evidence: 12 kept, 1 taken back)
    bappeda: int  # BAPPEDA's penugasan on No. 2 (no evidence)
    budi: Actor  # head of DINKES
    made: Actor  # head of BAPPEDA (not assigned No. 1)


def opd_actor(member: Member) -> Actor:
    return Actor(
        member.id, member.telegram_id, member.nama, Peran(member.peran), member.opd_id, None
    )


async def seed(store: Store) -> Ids:
    now = store.now
    async with store.unit() as uow:
        s = uow.session
        dinkes = Opd(kode="DINKES", nama="Dinkes", klaster=1, created_at=now, updated_at=now)
        bappeda = Opd(kode="BAPPEDA", nama="Bappeda", klaster=2, created_at=now, updated_at=now)
        s.add_all([dinkes, bappeda])
        await s.flush()
        budi = Member(
            telegram_id=2001, nama="Budi", peran=Peran.KEPALA_OPD, opd_id=dinkes.id, joined_at=now
        )
        made = Member(
            telegram_id=2101, nama="Made", peran=Peran.KEPALA_OPD, opd_id=bappeda.id, joined_at=now
        )
        s.add_all([budi, made])
        first, second = (
            Arahan(
                nomor=n,
                teks="teks",
                tenggat=date(2026, 12, 31),
                status=ArahanState.TERBIT,
                created_by=ADMIN.telegram_id,
                created_at=now,
            )
            for n in (1, 2)
        )
        s.add_all([first, second])
        await s.flush()
        mine = Penugasan(
            arahan_id=first.id, opd_id=dinkes.id, kedudukan="penanggung_jawab", updated_at=now
        )
        theirs = Penugasan(
            arahan_id=second.id, opd_id=bappeda.id, kedudukan="penanggung_jawab", updated_at=now
        )
        s.add_all([mine, theirs])
        await s.flush()
        kept, taken_back = (
            Laporan(
                penugasan_id=mine.id,
                member_id=budi.id,
                status_from="baru",
                status_to="dalam_proses",
                source="balasan",
                created_at=now - timedelta(hours=1),
                withdrawn_at=withdrawn,
            )
            for withdrawn in (None, now)
        )
        s.add_all([kept, taken_back])
        await s.flush()
        for n in range(PAGE + 2):
            s.add(
                Bukti(
                    laporan_id=kept.id,
                    file_id=f"file{n}",
                    file_unique_id=f"u{n}",
                    jenis="foto" if n == 0 else "dokumen",
                    stored_state=Simpanan.TERLALU_BESAR if n == 1 else Simpanan.ANTRI,
                )
            )
        s.add(Bukti(laporan_id=taken_back.id, file_id="gone", file_unique_id="g", jenis="foto"))
        await uow.commit()
        return Ids(mine.id, theirs.id, opd_actor(budi), opd_actor(made))


async def test_counts_leave_out_reports_taken_back(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        counts = await summary(uow, [ids.dinkes, ids.bappeda])
    assert counts == {ids.dinkes: Ringkasan(PAGE + 2, 1)}


@pytest.mark.parametrize("who", ["admin", "asisten", "own_opd"])
async def test_readers_of_the_directive_get_a_page_at_a_time(store: Store, who: str) -> None:
    ids = await seed(store)
    actor = {"admin": ADMIN, "asisten": asisten(2), "own_opd": ids.budi}[who]
    async with store.unit() as uow:
        first = await show(uow, actor, LihatBukti(ids.dinkes))
        rest = await show(uow, actor, LihatBukti(ids.dinkes, PAGE))
    assert [b.bukti.file_id for b in first.berkas] == [f"file{n}" for n in range(PAGE)]
    assert (first.jumlah, first.sisa, first.berkas[0].foto, first.berkas[1].foto) == (
        PAGE + 2,
        2,
        True,
        False,
    )
    assert [b.terlalu_besar for b in first.berkas[:3]] == [False, True, False]
    assert first.berkas[0].nama == "Budi" and first.opd.kode == "DINKES"
    assert [b.bukti.file_id for b in rest.berkas] == ["file10", "file11"]
    assert rest.sisa == 0


async def test_an_opd_not_assigned_the_directive_is_refused(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        with pytest.raises(Ditolak) as caught:
            await show(uow, ids.made, LihatBukti(ids.dinkes))
    assert caught.value.pesan == Teks("ditolak")


async def test_nothing_to_show_and_unknown_penugasan(store: Store) -> None:
    ids = await seed(store)
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as empty:
            await show(uow, ADMIN, LihatBukti(ids.bappeda))
        with pytest.raises(Ditolak) as unknown:
            await show(uow, ADMIN, LihatBukti(99999))
    assert empty.value.pesan == Teks("bukti.kosong", nomor=2)
    assert unknown.value.pesan == Teks("tombol.tidak_sah")

"""Acting officials and leave as use cases: who reminders reach on each day of a leave, the
silence escalation that does not count days when everyone who could report was away, the
acting official's permission that holds only during the range, and the commands' checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.reminder_plan import Sebab, Tangga
from bot.domain.roles import Peran
from bot.features.acting import aktif, service
from bot.features.acting.service import (
    AkhiriPlh,
    CatatCuti,
    TetapkanPlh,
    read_range,
)
from bot.features.directives import admin
from bot.features.directives.admin import BatalkanArahan
from bot.features.people.access import Actor, load_actor
from bot.features.reminders import service as reminders
from bot.messaging import audience
from storage.models import Arahan, Cuti, Member, Plh
from tests.services.conftest import ADMIN, Store, env_of
from tests.services.test_reminders import Pemda, local, seed

TODAY = date(2026, 11, 23)  # the store's Monday


async def add_leave(store: Store, member_id: int, dari: date, sampai: date) -> None:
    async with store.unit() as uow:
        uow.session.add(
            Cuti(
                member_id=member_id,
                dari=dari,
                sampai=sampai,
                created_by=ADMIN.telegram_id,
                created_at=store.now,
            )
        )
        await uow.commit()


async def add_operator_of_bappeda(store: Store, pemda: Pemda) -> Member:
    """Rina (2102), operator of BAPPEDA: the acting official of DINKES in these tests."""
    async with store.unit() as uow:
        rina = Member(
            telegram_id=2102,
            nama="Rina",
            peran=Peran.OPERATOR,
            opd_id=pemda.bappeda,
            joined_at=store.now,
        )
        uow.session.add(rina)
        await uow.commit()
    return rina


def test_a_range_reads_as_people_type_it() -> None:
    assert read_range("1/12/2026 5/12/2026".split(), TODAY) == (
        date(2026, 12, 1),
        date(2026, 12, 5),
        [],
    )
    assert read_range("1 Desember 2026 s.d. 5 Desember 2026 dinas luar".split(), TODAY) == (
        date(2026, 12, 1),
        date(2026, 12, 5),
        ["dinas", "luar"],
    )
    assert read_range("besok sampai 7 hari".split(), TODAY)[:2] == (
        date(2026, 11, 24),
        date(2026, 11, 30),
    )
    with pytest.raises(InputTidakValid):
        read_range(["1/12/2026"], TODAY)


async def test_leave_pauses_the_members_reminders_for_exactly_those_days(store: Store) -> None:
    pemda = await seed(store)
    await add_leave(store, pemda.kepala_dinkes, date(2026, 11, 24), date(2026, 11, 25))
    env = env_of(store)
    reached: dict[int, list[int | None]] = {}
    for day in range(23, 28):
        async with store.unit() as uow:
            lists = await reminders.weekly_lists(uow, env, f"2026-11-{day}T08:00")
        dinkes = [d for d in lists if d.opd.kode == "DINKES"][0]
        reached[day] = [p.member_id for p in dinkes.penerima]
    both = [pemda.kepala_dinkes, pemda.operator_dinkes]
    assert reached == {
        23: both,
        24: [pemda.operator_dinkes],
        25: [pemda.operator_dinkes],
        26: both,
        27: both,
    }
    # the daily check of Wednesday 25 (H-1 of No. 1): the operator only
    async with store.unit() as uow:
        hasil = await reminders.check_day(uow, env, date(2026, 11, 25))
    dinkes = [d for d in hasil.pengingat if d.opd.kode == "DINKES"][0]
    assert [p.member_id for p in dinkes.penerima] == [pemda.operator_dinkes]


async def test_while_the_head_is_away_the_plh_gets_the_reminders(store: Store) -> None:
    pemda = await seed(store)
    rina = await add_operator_of_bappeda(store, pemda)
    await add_leave(store, pemda.kepala_dinkes, date(2026, 11, 24), date(2026, 11, 25))
    env = env_of(store)
    async with store.unit() as uow:
        await service.set_plh(
            uow, env, ADMIN, TetapkanPlh("dinkes", "2102", "24/11/2026 25/11/2026".split())
        )
        await uow.commit()
    for day, expected in (
        (23, [pemda.kepala_dinkes, pemda.operator_dinkes]),
        (24, [pemda.operator_dinkes, rina.id]),
        (25, [pemda.operator_dinkes, rina.id]),
        (26, [pemda.kepala_dinkes, pemda.operator_dinkes]),
    ):
        async with store.unit() as uow:
            found = await audience.reminded(uow, [pemda.dinkes], date(2026, 11, day))
            lists = await reminders.weekly_lists(uow, env, f"2026-11-{day}T08:00")
        assert [p.member_id for p in found] == expected, day
        dinkes = [d for d in lists if d.opd.kode == "DINKES"][0]
        assert [p.member_id for p in dinkes.penerima] == expected, day
        # a reply to Rina's list reports for DINKES, not for her own BAPPEDA
        assert {p.opd_id for p in dinkes.penerima} == {pemda.dinkes}
        bappeda = [d for d in lists if d.opd.kode == "BAPPEDA"][0]
        assert rina.id in [p.member_id for p in bappeda.penerima]
    # the directive's audience on a day of the range: Rina with DINKES's penugasan
    async with store.unit() as uow:
        one = (await uow.session.scalars(select(Arahan).where(Arahan.nomor == 1))).one()
        khalayak = await audience.of_directive(uow, one, hari=date(2026, 11, 24))
        plh = [p for p in khalayak.members if p.member_id == rina.id]
        assert [(p.penugasan_id, p.slot) for p in plh] == [
            (pemda.tugas[1, "DINKES"], f"anggota:{rina.id}:plh:{pemda.dinkes}")
        ]
        assert not [
            p
            for p in (await audience.of_directive(uow, one, hari=TODAY)).members
            if p.member_id == rina.id
        ]


async def test_the_plh_acts_for_the_opd_only_during_the_range(store: Store) -> None:
    pemda = await seed(store)
    await add_operator_of_bappeda(store, pemda)
    env = env_of(store)
    async with store.unit() as uow:
        hasil = await service.set_plh(
            uow, env, ADMIN, TetapkanPlh("DINKES", "2102", "24/11/2026 25/11/2026".split())
        )
        assert not hasil.berlaku
        await uow.commit()
    for day, acts in ((23, False), (24, True), (25, True), (26, False)):
        store.now = local(day, 9)
        async with store.unit() as uow:
            actor = await load_actor(uow, env_of(store), 2102)
        assert actor is not None
        assert actor.may_act_for_opd(pemda.dinkes) is acts, day
        assert actor.may_act_for_opd(pemda.bappeda)  # her own OPD, always
        assert actor.may_use("lapor")
    # ended early on Tuesday 24: not even that day
    store.now = local(24, 9)
    async with store.unit() as uow:
        await service.end_plh(uow, env_of(store), ADMIN, AkhiriPlh("DINKES"))
        await uow.commit()
        actor = await load_actor(uow, env_of(store), 2102)
    assert actor is not None and not actor.may_act_for_opd(pemda.dinkes)
    plh = (await store.rows(Plh))[0]
    assert (plh.dari, plh.sampai) == (date(2026, 11, 24), date(2026, 11, 23))


async def test_silence_escalation_skips_the_days_everyone_was_on_leave(store: Store) -> None:
    pemda = await seed(store)
    # DINKES's head and operator were both away Mon 16 – Fri 20 Nov: of the ten days
    # without a report since 13 Nov, five count
    for member_id in (pemda.kepala_dinkes, pemda.operator_dinkes):
        await add_leave(store, member_id, date(2026, 11, 16), date(2026, 11, 20))
    env = env_of(store)
    async with store.unit() as uow:
        hasil = await reminders.check_day(uow, env, date(2026, 11, 23))
        await uow.commit()
    silent = [
        (s.opd.kode, s.eskalasi.sebab)
        for e in hasil.eskalasi
        for s in e.langkah
        if e.pembaca.peran == Tangga.ASISTEN.value
    ]
    assert silent == [("KESBANG", Sebab.DIAM)]  # DINKES: 5 of 7 days
    store.now = local(25)
    async with store.unit() as uow:
        hasil = await reminders.check_day(uow, env_of(store), date(2026, 11, 25))
        await uow.commit()
    assert [(s.opd.kode, s.eskalasi.sebab) for e in hasil.eskalasi for s in e.langkah] == [
        ("DINKES", Sebab.DIAM)
    ]  # 12 days, 7 of them counted


async def test_days_count_when_someone_could_still_report(store: Store) -> None:
    pemda = await seed(store)
    rina = await add_operator_of_bappeda(store, pemda)
    # only the head away: the operator could report
    await add_leave(store, pemda.kepala_dinkes, date(2026, 11, 16), date(2026, 11, 20))
    async with store.unit() as uow:
        assert (
            await aktif.unstaffed_days(uow.session, [pemda.dinkes], date(2026, 11, 13), TODAY) == {}
        )
    # both away, but Rina stood in on Wed 18 – Thu 19: only 16, 17 and 20 are excused
    await add_leave(store, pemda.operator_dinkes, date(2026, 11, 16), date(2026, 11, 20))
    async with store.unit() as uow:
        uow.session.add(
            Plh(
                opd_id=pemda.dinkes,
                member_id=rina.id,
                dari=date(2026, 11, 18),
                sampai=date(2026, 11, 19),
                created_by=ADMIN.telegram_id,
                created_at=store.now,
            )
        )
        await uow.commit()
    async with store.unit() as uow:
        days = await aktif.unstaffed_days(uow.session, [pemda.dinkes], date(2026, 11, 13), TODAY)
    assert days == {pemda.dinkes: {date(2026, 11, d) for d in (16, 17, 20)}}


async def test_the_commands_refuse_bad_input_and_others_leave(store: Store) -> None:
    pemda = await seed(store)
    await add_operator_of_bappeda(store, pemda)
    env = env_of(store)
    sari = Actor(pemda.operator_dinkes, 2002, "M2002", Peran.OPERATOR, pemda.dinkes, None)
    cases = [
        TetapkanPlh("NOPE", "2102", "24/11/2026 25/11/2026".split()),
        TetapkanPlh("DINKES", "4242", "24/11/2026 25/11/2026".split()),
        TetapkanPlh("DINKES", "2102", "25/11/2026 24/11/2026".split()),
        TetapkanPlh("DINKES", "2102", "1/11/2026 2/11/2026".split()),
        TetapkanPlh("DINKES", "2102", "1/11/2026 2/11/2027".split()),
        TetapkanPlh("DINKES", "2102", "hari-raya 2/12/2026".split()),
        TetapkanPlh("DINKES", "2001", "24/11/2026 25/11/2026".split()),
    ]
    for request in cases:
        async with store.unit() as uow:
            with pytest.raises(InputTidakValid):
                await service.set_plh(uow, env, ADMIN, request)
    async with store.unit() as uow:
        await service.set_plh(
            uow, env, ADMIN, TetapkanPlh("DINKES", "2102", ["24/11/2026", "30/11/2026"])
        )
        await uow.commit()
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid):  # overlaps
            await service.set_plh(
                uow, env, ADMIN, TetapkanPlh("DINKES", "2002", ["30/11/2026", "2/12/2026"])
            )
    # a member records their own leave, not someone else's
    async with store.unit() as uow:
        with pytest.raises(Ditolak):
            await service.record_leave(
                uow, env, sari, CatatCuti("2001 1/12/2026 2/12/2026".split())
            )
        hasil = await service.record_leave(
            uow, env, sari, CatatCuti("1/12/2026 2/12/2026 diklat".split())
        )
        assert (hasil.tercatat.anggota.id, hasil.tercatat.cuti.keterangan) == (
            pemda.operator_dinkes,
            "diklat",
        )
        assert not hasil.oleh_lain
        await uow.commit()
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid):  # overlaps her own
            await service.record_leave(uow, env, sari, CatatCuti("2/12/2026 3/12/2026".split()))
        mine = await service.list_leave(uow, env, sari)
        everyone = await service.list_leave(uow, env, ADMIN)
    assert [t.anggota.id for t in mine.daftar] == [pemda.operator_dinkes]
    assert len(everyone.daftar) == 1 and everyone.semua
    assert len(await store.rows(Plh)) == 1 and len(await store.rows(Cuti)) == 1
    assert date(2026, 12, 2) - timedelta(days=1) == (await store.rows(Cuti))[0].dari


async def test_a_cancelled_directive_is_announced_to_the_plh_in_force(store: Store) -> None:
    pemda = await seed(store)
    rina = await add_operator_of_bappeda(store, pemda)
    env = env_of(store)
    async with store.unit() as uow:
        await service.set_plh(
            uow, env, ADMIN, TetapkanPlh("dinkes", "2102", "23/11/2026 25/11/2026".split())
        )
        await uow.commit()
    async with store.unit() as uow:
        batal = await admin.cancel(uow, ADMIN, BatalkanArahan("1", "diganti arahan baru"), TODAY)
        await uow.commit()
    assert f"anggota:{rina.id}:plh:{pemda.dinkes}" in [p.slot for p in batal.penerima]

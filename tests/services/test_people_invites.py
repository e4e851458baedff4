"""People, as use cases (issue 14, point 4): an invitation only from a private chat, pending
invitations listed and revoked, who is told when someone joins and what a late joiner gets,
the ADMIN_IDS admin's name, and the admin's first steps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.errors import InputTidakValid
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.people.access import Actor, require
from bot.features.people.menus import ensure_bootstrap_admins
from bot.features.people.service import (
    MAX_PENDING,
    Cabut,
    LangkahAwal,
    Mulai,
    Sambutan,
    Undang,
    invite,
    pending_invites,
    revoke,
    start,
)
from bot.messaging.caller import Caller
from bot.texts import Teks
from handlers.people import read_undang
from storage.models import Arahan, AuditLog, Group, Invite, Member, Opd, Penugasan, Rakor
from tests.services.conftest import ADMIN, Store, env_of

BUDI = 2001
SITI = 2002


def private(telegram_id: int, nama: str = "Budi Santoso") -> Caller:
    return Caller(telegram_id, nama, None, telegram_id, "private")


@pytest.fixture
async def env(store: Store) -> Env:
    """ADMIN (1001, "Rina") is the one ADMIN_IDS admin, with the row the bot gives them."""
    env = env_of(store, ADMIN_IDS=[ADMIN.telegram_id])
    async with store.unit() as uow:
        await ensure_bootstrap_admins(uow, env)
        await uow.commit()
    return env


async def add_opd(store: Store, kode: str = "DINKES", klaster: int = 1) -> Opd:
    async with store.unit() as uow:
        opd = Opd(
            kode=kode,
            nama=f"Dinas {kode.title()}",
            klaster=klaster,
            created_at=store.now,
            updated_at=store.now,
        )
        uow.session.add(opd)
        await uow.commit()
    return opd


async def invited(store: Store, request: Undang) -> Invite:
    async with store.unit() as uow:
        made = await invite(uow, ADMIN, request)
        await uow.commit()
    return made.invite


async def joined(store: Store, env: Env, caller: Caller, code: str) -> Sambutan:
    async with store.unit() as uow:
        sambutan = await start(uow, env, caller, Mulai(code))
        await uow.commit()
    return sambutan


async def refused_join(store: Store, env: Env, caller: Caller, code: str) -> Teks | str:
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await start(uow, env, caller, Mulai(code))
    assert await store.rows(Member, Member.telegram_id == caller.telegram_id) == []
    return refused.value.pesan


# --------------------------------------------------------------------------- only in private
async def test_an_invitation_outside_a_private_chat_is_refused_and_nothing_is_written(
    store: Store, env: Env
) -> None:
    await add_opd(store)
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await invite(uow, ADMIN, Undang(Peran.KEPALA_OPD, "DINKES", pribadi=False))
    assert refused.value.pesan == Teks("undang.hanya_pribadi")
    assert await store.rows(Invite) == []
    assert [a for a in await store.rows(AuditLog) if a.action == "undang"] == []


@pytest.mark.parametrize("args", ["kepala DINKES", "", "raja", "sekda lagi dan lagi"])
def test_in_a_group_undang_is_refused_whatever_follows(args: str) -> None:
    with pytest.raises(InputTidakValid) as refused:
        read_undang(args, pribadi=False)
    assert refused.value.pesan == Teks("undang.hanya_pribadi")


async def test_a_code_used_in_a_group_changes_nothing(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    in_group = Caller(BUDI, "Budi", None, -100123, "supergroup", "Forum Rakor", 7)
    assert await refused_join(store, env, in_group, row.code) == Teks("start.hanya_pribadi")
    [still] = await store.rows(Invite)
    assert (still.used_at, still.used_by) == (None, None)


# --------------------------------------------------------------------------- /undangan
async def test_pending_invitations_leave_out_used_revoked_and_expired_ones(
    store: Store, env: Env
) -> None:
    dinkes = await add_opd(store)
    old = await invited(store, Undang(Peran.SEKDA))
    store.now += timedelta(days=2)
    used = await invited(store, Undang(Peran.ASISTEN, "2"))
    await joined(store, env, private(SITI, "Siti"), used.code)
    gone = await invited(store, Undang(Peran.KEPALA_DAERAH))
    async with store.unit() as uow:
        await revoke(uow, ADMIN, Cabut(gone.id))
        await uow.commit()
    kepala = await invited(store, Undang(Peran.KEPALA_OPD, "DINKES"))
    store.now += timedelta(days=5)  # the first has expired; the last is pending
    async with store.unit() as uow:
        daftar = await pending_invites(uow)
    assert daftar.jumlah == 1
    [item] = daftar.undangan
    assert (item.invite.id, item.opd and item.opd.id, item.oleh) == (
        kepala.id,
        dinkes.id,
        "Admin 1001",
    )
    assert old.id != kepala.id


async def test_pending_invitations_name_their_maker_by_their_stored_name(
    store: Store, env: Env
) -> None:
    async with store.unit() as uow:
        await require(uow, env, private(ADMIN.telegram_id, "Rina Wulandari"), "undangan")
        await uow.commit()
    await invited(store, Undang(Peran.SEKDA))
    async with store.unit() as uow:
        stranger = Actor(None, 4242, "Lama", Peran.ADMIN, None, None)
        made = await invite(uow, stranger, Undang(Peran.SEKDA))
        await uow.commit()
    async with store.unit() as uow:
        daftar = await pending_invites(uow)
    assert [i.oleh for i in daftar.undangan] == ["Rina Wulandari", "4242"]
    assert made.invite.created_by == 4242


async def test_the_list_is_soonest_to_expire_first_and_capped(store: Store, env: Env) -> None:
    for _ in range(MAX_PENDING + 2):
        await invited(store, Undang(Peran.SEKDA))
        store.now += timedelta(minutes=1)
    async with store.unit() as uow:
        daftar = await pending_invites(uow)
    assert daftar.jumlah == MAX_PENDING + 2
    assert len(daftar.undangan) == MAX_PENDING
    moments = [i.invite.expires_at for i in daftar.undangan]
    assert moments == sorted(moments)


async def test_a_revoked_invitation_cannot_be_used(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    async with store.unit() as uow:
        hasil = await revoke(uow, ADMIN, Cabut(row.id))
        await uow.commit()
    assert hasil.invite.id == row.id and hasil.sisa.jumlah == 0
    [closed] = await store.rows(Invite)
    assert (closed.used_at, closed.used_by) == (store.now, None)
    audit = [a for a in await store.rows(AuditLog) if a.action == "cabut_undangan"]
    assert [(a.actor_telegram_id, a.subject) for a in audit] == [
        (ADMIN.telegram_id, f"invite:{row.id}")
    ]
    assert await refused_join(store, env, private(BUDI), row.code) == Teks("undangan.ditarik")


async def test_only_a_pending_invitation_can_be_revoked(store: Store, env: Env) -> None:
    used = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(BUDI), used.code)
    expired = await invited(store, Undang(Peran.SEKDA))
    store.now += timedelta(days=8)
    for invite_id in (used.id, expired.id, 999):
        async with store.unit() as uow:
            with pytest.raises(InputTidakValid) as refused:
                await revoke(uow, ADMIN, Cabut(invite_id))
        assert refused.value.pesan == Teks("undangan.tidak_tertunda")
    [budi] = await store.rows(Member, Member.telegram_id == BUDI)
    assert budi.peran == "sekda"
    assert (await store.rows(Invite, Invite.id == used.id))[0].used_by == BUDI


# --------------------------------------------------------------------------- joining
async def test_joining_names_the_admins_to_tell_but_not_the_joiner(store: Store, env: Env) -> None:
    second = await invited(store, Undang(Peran.ADMIN))
    sambutan = await joined(store, env, private(SITI, "Siti"), second.code)
    assert [m.telegram_id for m in sambutan.admin] == [ADMIN.telegram_id]
    assert sambutan.undangan_id == second.id and sambutan.pekerjaan == []
    sekda = await invited(store, Undang(Peran.SEKDA))
    sambutan = await joined(store, env, private(BUDI), sekda.code)
    assert [m.telegram_id for m in sambutan.admin] == [ADMIN.telegram_id, SITI]
    assert sambutan.anggota is not None and sambutan.anggota.telegram_id == BUDI


async def test_a_late_joiner_of_an_opd_gets_its_open_work(store: Store, env: Env) -> None:
    dinkes = await add_opd(store)
    other = await add_opd(store, "BAPPEDA", 2)
    async with store.unit() as uow:
        for nomor, opd, status in (
            (1, dinkes, "baru"),
            (2, dinkes, "selesai"),  # waiting for verification: not listed, like the push
            (3, other, "baru"),
            (4, dinkes, "terverifikasi"),
        ):
            arahan = Arahan(
                nomor=nomor,
                teks=f"Arahan {nomor}",
                tenggat=date(2026, 12, 31),
                status="terbit",
                created_by=ADMIN.telegram_id,
                created_at=store.now,
                published_at=store.now,
            )
            uow.session.add(arahan)
            await uow.session.flush()
            uow.session.add(
                Penugasan(
                    arahan_id=arahan.id,
                    opd_id=opd.id,
                    kedudukan="penanggung_jawab",
                    status=status,
                    updated_at=store.now,
                )
            )
        await uow.commit()
    row = await invited(store, Undang(Peran.OPERATOR, "DINKES"))
    sambutan = await joined(store, env, private(BUDI), row.code)
    assert [a.nomor for _, a in sambutan.pekerjaan] == [1]
    # an Asisten of the same cluster gets no work list
    asisten = await invited(store, Undang(Peran.ASISTEN, "1"))
    assert (await joined(store, env, private(SITI, "Siti"), asisten.code)).pekerjaan == []


# --------------------------------------------------------------------------- names
async def test_a_bootstrap_admin_takes_their_telegram_name_once(store: Store, env: Env) -> None:
    [admin] = await store.rows(Member, Member.telegram_id == ADMIN.telegram_id)
    assert admin.nama == "Admin 1001"
    async with store.unit() as uow:
        actor = await require(uow, env, private(ADMIN.telegram_id, "Rina Wulandari"), "anggota")
        await uow.commit()
    assert actor.nama == "Rina Wulandari"
    [admin] = await store.rows(Member, Member.telegram_id == ADMIN.telegram_id)
    assert admin.nama == "Rina Wulandari"
    # only the placeholder is replaced; a Telegram user without a name leaves it alone
    async with store.unit() as uow:
        await require(uow, env, private(ADMIN.telegram_id, "R. W."), "anggota")
        await uow.commit()
    assert (await store.rows(Member, Member.telegram_id == ADMIN.telegram_id))[0].nama == (
        "Rina Wulandari"
    )


async def test_a_nameless_telegram_user_keeps_the_placeholder(store: Store, env: Env) -> None:
    async with store.unit() as uow:
        await start(uow, env, private(ADMIN.telegram_id, str(ADMIN.telegram_id)), Mulai())
        await uow.commit()
    [admin] = await store.rows(Member, Member.telegram_id == ADMIN.telegram_id)
    assert admin.nama == "Admin 1001"


async def test_other_members_keep_the_name_they_joined_with(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(BUDI, "Budi"), row.code)
    async with store.unit() as uow:
        await require(uow, env, private(BUDI, "Budi Baru"), "status")
        await uow.commit()
    assert (await store.rows(Member, Member.telegram_id == BUDI))[0].nama == "Budi"


# --------------------------------------------------------------------------- first steps
async def first_steps(store: Store, env: Env, caller: Caller) -> LangkahAwal | None:
    async with store.unit() as uow:
        sambutan = await start(uow, env, caller, Mulai())
        await uow.commit()
    return sambutan.langkah_awal


async def test_the_admin_is_shown_the_first_steps_until_opds_and_invitations_exist(
    store: Store, env: Env
) -> None:
    admin = private(ADMIN.telegram_id, "Rina")
    assert await first_steps(store, env, admin) == LangkahAwal(False, False, False, False)
    await add_opd(store)
    assert await first_steps(store, env, admin) == LangkahAwal(True, False, False, False)
    async with store.unit() as uow:
        uow.session.add(
            Group(chat_id=-100777, title="Rakor", jenis="rakor", registered_at=store.now)
        )
        uow.session.add(
            Rakor(
                judul="Rakor I", tanggal=date(2026, 11, 23), created_by=1001, created_at=store.now
            )
        )
        await uow.commit()
    assert await first_steps(store, env, admin) == LangkahAwal(True, False, True, True)
    await invited(store, Undang(Peran.SEKDA))
    assert await first_steps(store, env, admin) is None
    # never for anyone else
    assert await first_steps(store, env, private(BUDI)) is None

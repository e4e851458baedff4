"""People, as use cases: invitations, joining with /start, /bantuan, /anggota, /nonaktif and
the ADMIN_IDS admins, with the unit of work and the actor, without Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.domain.errors import InputTidakValid
from bot.domain.roles import COMMANDS, Peran
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.people.help import help_for
from bot.features.people.service import (
    INVITE_DAYS,
    Menu,
    Mulai,
    Nonaktifkan,
    Sambutan,
    Undang,
    deactivate,
    invite,
    list_members,
    start,
    sync_bootstrap_admins,
)
from bot.messaging.callbacks import CallbackSigner
from bot.messaging.caller import Caller
from bot.texts import Teks, Texts
from handlers.onboarding import read_mulai
from handlers.people import read_nonaktif, read_undang
from storage.models import AuditLog, Invite, Member, Opd
from tests.conftest import FakeClock
from tests.services.conftest import ADMIN, Store

BUDI = 2001
SITI = 2002


@pytest.fixture
async def env(store: Store) -> Env:
    """The wiring a service may need: ADMIN is the one ADMIN_IDS admin, every command on."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, BOT_TOKEN=SecretStr("123456:TEST-TOKEN"), ADMIN_IDS=[ADMIN.telegram_id]
    )
    return Env(
        db=store.db,
        settings=settings,
        clock=FakeClock(store.now),
        signer=CallbackSigner("test"),
        texts=Texts("id"),
        bot_username="tindaklanjut_bot",
        available_commands=frozenset(c.name for c in COMMANDS),
    )


@pytest.fixture
async def dinkes(store: Store) -> AsyncIterator[Opd]:
    """The OPD DINKES, in Asisten cluster II."""
    async with store.unit() as uow:
        opd = Opd(
            kode="DINKES",
            nama="Dinas Kesehatan",
            klaster=2,
            created_at=store.now,
            updated_at=store.now,
        )
        uow.session.add(opd)
        await uow.commit()
    yield opd


def private(telegram_id: int, nama: str = "Budi Santoso", **more: Any) -> Caller:
    """Someone writing to the bot in their private chat."""
    return Caller(telegram_id, nama, more.pop("username", "budi"), telegram_id, "private", **more)


async def invited(store: Store, request: Undang, by: Actor = ADMIN) -> Invite:
    """An invitation made and committed."""
    async with store.unit() as uow:
        made = await invite(uow, by, request)
        await uow.commit()
    return made.invite


async def joined(store: Store, env: Env, caller: Caller, code: str) -> Sambutan:
    """/start with ``code``, committed."""
    async with store.unit() as uow:
        sambutan = await start(uow, env, caller, Mulai(code))
        await uow.commit()
    return sambutan


# --------------------------------------------------------------------------- /undang
async def test_an_invitation_to_an_opd_head_is_single_use_for_seven_days(
    store: Store, dinkes: Opd
) -> None:
    async with store.unit() as uow:
        made = await invite(uow, ADMIN, Undang(Peran.KEPALA_OPD, "dinkes"))
        await uow.commit()
    assert made.opd is not None and made.opd.kode == "DINKES"
    [row] = await store.rows(Invite)
    assert (row.peran, row.opd_id, row.klaster, row.created_by) == (
        "kepala_opd",
        dinkes.id,
        None,
        ADMIN.telegram_id,
    )
    assert (row.created_at, row.expires_at) == (store.now, store.now + timedelta(days=7))
    assert (row.used_at, row.used_by) == (None, None)
    assert row.code == made.invite.code and len(row.code) >= 16
    audit = await store.rows(AuditLog)
    assert [(a.action, a.subject, a.details) for a in audit] == [
        ("undang", f"invite:{row.id}", {"peran": "kepala_opd"})
    ]


async def test_every_invitation_has_its_own_code(store: Store) -> None:
    first = await invited(store, Undang(Peran.SEKDA))
    second = await invited(store, Undang(Peran.SEKDA))
    assert first.code != second.code


@pytest.mark.parametrize("typed", ["2", "II", "ii"])
async def test_an_asisten_is_invited_to_a_cluster(store: Store, typed: str) -> None:
    row = await invited(store, Undang(Peran.ASISTEN, typed))
    assert (row.peran, row.opd_id, row.klaster) == ("asisten", None, 2)


async def test_a_sekda_invitation_binds_no_opd_or_cluster(store: Store) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    assert (row.peran, row.opd_id, row.klaster) == ("sekda", None, None)


@pytest.mark.parametrize(
    ("request_", "teks"),
    [
        (Undang(Peran.KEPALA_OPD), Teks("undang.perlu_opd")),
        (Undang(Peran.OPERATOR), Teks("undang.perlu_opd")),
        (Undang(Peran.OPERATOR, "DISHUB"), Teks("opd.tidak_ada", kode="DISHUB")),
        (
            Undang(Peran.KEPALA_OPD, "<b>" * 10),
            Teks("opd.tidak_ada", kode="&lt;b&gt;" * 6 + "&lt;b"),
        ),
        (Undang(Peran.ASISTEN), Teks("undang.perlu_klaster")),
        (Undang(Peran.ASISTEN, "10"), Teks("undang.perlu_klaster")),
        (Undang(Peran.SEKDA, "DINKES"), Teks("undang.format")),
        (Undang(Peran.ADMIN, "1"), Teks("undang.format")),
    ],
)
async def test_an_invitation_that_does_not_fit_its_role_is_refused(
    store: Store, dinkes: Opd, request_: Undang, teks: Teks
) -> None:
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await invite(uow, ADMIN, request_)
    assert refused.value.pesan == teks
    assert await store.rows(Invite) == []
    assert await store.rows(AuditLog) == []


@pytest.mark.parametrize("args", ["", "  ", "raja", "kepala DINKES lagi", "DINKES kepala"])
def test_undang_needs_a_role_word_and_at_most_one_more(args: str) -> None:
    with pytest.raises(InputTidakValid) as refused:
        read_undang(args)
    assert refused.value.pesan == Teks("undang.format")


@pytest.mark.parametrize(
    ("args", "request_"),
    [
        ("Kepala dinkes", Undang(Peran.KEPALA_OPD, "dinkes")),
        ("camat KEC01", Undang(Peran.KEPALA_OPD, "KEC01")),
        ("bupati", Undang(Peran.KEPALA_DAERAH)),
        ("  asisten   II ", Undang(Peran.ASISTEN, "II")),
    ],
)
def test_undang_reads_the_role_and_its_target(args: str, request_: Undang) -> None:
    assert read_undang(args) == request_


# --------------------------------------------------------------------------- /start
async def test_joining_makes_a_member_of_the_invited_role_and_uses_the_invitation(
    store: Store, env: Env, dinkes: Opd
) -> None:
    row = await invited(store, Undang(Peran.KEPALA_OPD, "DINKES"))
    store.now += timedelta(days=6, hours=23)
    sambutan = await joined(store, env, private(BUDI, "Budi " + "S" * 300), row.code)
    assert sambutan.bergabung and sambutan.menu == Menu(BUDI, Peran.KEPALA_OPD)
    assert sambutan.actor is not None and sambutan.actor.peran is Peran.KEPALA_OPD
    assert sambutan.opd is not None and sambutan.opd.kode == "DINKES"
    [member] = await store.rows(Member, Member.telegram_id == BUDI)
    assert (member.nama, member.username, member.peran, member.opd_id, member.klaster) == (
        ("Budi " + "S" * 300)[:200],
        "budi",
        "kepala_opd",
        dinkes.id,
        None,
    )
    assert (member.active, member.reachable, member.joined_at) == (True, True, store.now)
    [used] = await store.rows(Invite)
    assert (used.used_at, used.used_by) == (store.now, BUDI)
    audit = [a for a in await store.rows(AuditLog) if a.action == "gabung"]
    assert [(a.actor_telegram_id, a.subject, a.details) for a in audit] == [
        (BUDI, f"member:{member.id}", {"peran": "kepala_opd", "invite": used.id})
    ]


async def test_a_deactivated_member_rejoins_with_a_new_role(store: Store, env: Env) -> None:
    first = await invited(store, Undang(Peran.ASISTEN, "3"))
    await joined(store, env, private(BUDI), first.code)
    async with store.unit() as uow:
        await deactivate(uow, env, ADMIN, Nonaktifkan(BUDI))
        await uow.commit()
    second = await invited(store, Undang(Peran.SEKDA))
    sambutan = await joined(store, env, private(BUDI, "Budi Baru", username=None), second.code)
    assert sambutan.menu == Menu(BUDI, Peran.SEKDA)
    [member] = await store.rows(Member)
    assert (member.nama, member.username, member.peran, member.klaster, member.active) == (
        "Budi Baru",
        None,
        "sekda",
        None,
        True,
    )


async def test_an_invitation_works_only_once(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(BUDI), row.code)
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await start(uow, env, private(SITI, "Siti"), Mulai(row.code))
    assert refused.value.pesan == Teks("undangan.sudah_dipakai")
    assert [m.telegram_id for m in await store.rows(Member)] == [BUDI]
    [used] = await store.rows(Invite)
    assert used.used_by == BUDI


async def join_refused(store: Store, env: Env, caller: Caller, code: str) -> Teks | str:
    """/start with ``code`` refused: the refusal, after checking nothing was written."""
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await start(uow, env, caller, Mulai(code))
    assert await store.rows(Member, Member.telegram_id == caller.telegram_id) == []
    assert all(i.used_at is None for i in await store.rows(Invite))
    assert [a for a in await store.rows(AuditLog) if a.action == "gabung"] == []
    return refused.value.pesan


async def test_an_invitation_is_refused_outside_a_private_chat(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    in_group = Caller(BUDI, "Budi", None, -100123, "supergroup", "Grup Rakor", 7)
    assert await join_refused(store, env, in_group, row.code) == Teks("start.hanya_pribadi")


@pytest.mark.parametrize("code", ["x", "bukan kode", "A" * 65, "AAAAAAAAAAAAAAAAAAAA"])
async def test_an_unknown_code_is_refused(store: Store, env: Env, code: str) -> None:
    await invited(store, Undang(Peran.SEKDA))
    assert await join_refused(store, env, private(BUDI), code) == Teks("undangan.tidak_dikenal")


async def test_an_expired_invitation_is_refused(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    store.now += timedelta(days=INVITE_DAYS)
    assert await join_refused(store, env, private(BUDI), row.code) == Teks(
        "undangan.kedaluwarsa", hari=7
    )


async def test_an_invitation_from_someone_no_longer_admin_is_refused(
    store: Store, env: Env
) -> None:
    # a second admin (a member, not from ADMIN_IDS) invites, then is deactivated
    rina = await invited(store, Undang(Peran.ADMIN))
    await joined(store, env, private(3001, "Dewi"), rina.code)
    dewi = Actor(None, 3001, "Dewi", Peran.ADMIN, None, None)
    row = await invited(store, Undang(Peran.SEKDA), by=dewi)
    async with store.unit() as uow:
        await deactivate(uow, env, ADMIN, Nonaktifkan(3001))
        await uow.commit()
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await start(uow, env, private(BUDI), Mulai(row.code))
    assert refused.value.pesan == Teks("undangan.dicabut")
    assert await store.rows(Member, Member.telegram_id == BUDI) == []
    [unused] = await store.rows(Invite, Invite.id == row.id)
    assert unused.used_at is None


async def test_start_without_a_code_greets_a_stranger_and_writes_nothing(
    store: Store, env: Env
) -> None:
    async with store.unit() as uow:
        sambutan = await start(uow, env, private(BUDI), Mulai())
        await uow.commit()
    assert (sambutan.nama, sambutan.actor, sambutan.bergabung) == ("Budi Santoso", None, False)
    assert await store.rows(Member) == []


async def test_start_without_a_code_greets_a_member_with_their_opd_and_reaches_them(
    store: Store, env: Env, dinkes: Opd
) -> None:
    row = await invited(store, Undang(Peran.OPERATOR, "DINKES"))
    await joined(store, env, private(BUDI), row.code)
    [member] = await store.rows(Member)
    async with store.unit() as uow:
        stored = await uow.session.get(Member, member.id)
        assert stored is not None
        stored.reachable = False  # Telegram refused a message since
        await uow.commit()
    async with store.unit() as uow:
        sambutan = await start(uow, env, private(BUDI), Mulai())
        await uow.commit()
    assert not sambutan.bergabung and sambutan.menu is None
    assert sambutan.actor is not None and sambutan.actor.peran is Peran.OPERATOR
    assert sambutan.opd is not None and sambutan.opd.kode == "DINKES"
    [member] = await store.rows(Member)
    assert member.reachable is True


async def test_start_in_a_group_does_not_mark_a_member_reachable(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(BUDI), row.code)
    [member] = await store.rows(Member)
    async with store.unit() as uow:
        stored = await uow.session.get(Member, member.id)
        assert stored is not None
        stored.reachable = False
        await uow.commit()
    async with store.unit() as uow:
        await start(uow, env, Caller(BUDI, "Budi", None, -100123, "group"), Mulai())
        await uow.commit()
    [member] = await store.rows(Member)
    assert member.reachable is False


def test_start_reads_the_first_word_as_the_code() -> None:
    assert read_mulai("") == Mulai(None)
    assert read_mulai("  abcDEF12_- lagi") == Mulai("abcDEF12_-")


# --------------------------------------------------------------------------- /bantuan
async def test_help_shows_a_stranger_how_to_join(store: Store, env: Env) -> None:
    async with store.unit() as uow:
        bantuan = await help_for(uow, env, BUDI)
    assert bantuan.perintah == ["start", "bantuan"]
    assert bantuan.petunjuk == Teks("bantuan.orang_baru")


async def test_help_lists_an_opd_heads_commands_and_how_to_reply(
    store: Store, env: Env, dinkes: Opd
) -> None:
    row = await invited(store, Undang(Peran.KEPALA_OPD, "DINKES"))
    await joined(store, env, private(BUDI), row.code)
    async with store.unit() as uow:
        bantuan = await help_for(uow, env, BUDI)
    assert {"tugas", "lapor"} <= set(bantuan.perintah)
    assert not {"undang", "nonaktif", "rakor"} & set(bantuan.perintah)
    assert bantuan.petunjuk == Teks("bantuan.balas")


async def test_help_for_an_admin_lists_admin_commands_without_a_hint(
    store: Store, env: Env
) -> None:
    async with store.unit() as uow:
        bantuan = await help_for(uow, env, ADMIN.telegram_id)
    assert {"undang", "anggota", "nonaktif", "rakor"} <= set(bantuan.perintah)
    assert bantuan.perintah.index("undang") < bantuan.perintah.index("nonaktif")
    assert bantuan.petunjuk is None


async def test_a_deactivated_member_gets_a_strangers_help(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(BUDI), row.code)
    async with store.unit() as uow:
        await deactivate(uow, env, ADMIN, Nonaktifkan(BUDI))
        await uow.commit()
    async with store.unit() as uow:
        bantuan = await help_for(uow, env, BUDI)
    assert (bantuan.perintah, bantuan.petunjuk) == (
        ["start", "bantuan"],
        Teks("bantuan.orang_baru"),
    )


# --------------------------------------------------------------------------- /anggota
async def test_members_are_listed_oldest_first_with_their_opds(
    store: Store, env: Env, dinkes: Opd
) -> None:
    await sync_admins(store, [ADMIN.telegram_id])
    kepala = await invited(store, Undang(Peran.KEPALA_OPD, "DINKES"))
    await joined(store, env, private(BUDI), kepala.code)
    asisten = await invited(store, Undang(Peran.ASISTEN, "2"))
    await joined(store, env, private(SITI, "Siti"), asisten.code)
    async with store.unit() as uow:
        await deactivate(uow, env, ADMIN, Nonaktifkan(SITI))
        anggota = await list_members(uow)
    assert [(m.telegram_id, m.peran, m.active) for m in anggota.members] == [
        (ADMIN.telegram_id, "admin", True),
        (BUDI, "kepala_opd", True),
        (SITI, "asisten", False),
    ]
    assert {i: o.kode for i, o in anggota.opds.items()} == {dinkes.id: "DINKES"}


# --------------------------------------------------------------------------- /nonaktif
async def test_deactivating_keeps_the_member_and_clears_their_menu(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(BUDI), row.code)
    async with store.unit() as uow:
        hasil = await deactivate(uow, env, ADMIN, Nonaktifkan(BUDI))
        await uow.commit()
    assert hasil.menu == Menu(BUDI, None) and hasil.member.nama == "Budi Santoso"
    [member] = await store.rows(Member)
    assert (member.active, member.peran) == (False, "sekda")
    audit = [a for a in await store.rows(AuditLog) if a.action == "nonaktif"]
    assert [(a.actor_telegram_id, a.subject) for a in audit] == [
        (ADMIN.telegram_id, f"member:{member.id}")
    ]


async def deactivation_refused(store: Store, env: Env, by: Actor, telegram_id: int) -> Teks | str:
    """/nonaktif refused: the refusal, after checking no member changed and nothing was
    audited."""
    before = [(m.telegram_id, m.active) for m in await store.rows(Member)]
    audited = len(await store.rows(AuditLog))
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await deactivate(uow, env, by, Nonaktifkan(telegram_id))
    assert [(m.telegram_id, m.active) for m in await store.rows(Member)] == before
    assert len(await store.rows(AuditLog)) == audited
    return refused.value.pesan


async def test_an_admin_from_admin_ids_or_oneself_cannot_be_deactivated(
    store: Store, env: Env
) -> None:
    await sync_admins(store, [ADMIN.telegram_id])
    row = await invited(store, Undang(Peran.ADMIN))
    await joined(store, env, private(3001, "Dewi"), row.code)
    dewi = Actor(None, 3001, "Dewi", Peran.ADMIN, None, None)
    refusal = Teks("nonaktif.tidak_boleh")
    assert await deactivation_refused(store, env, dewi, ADMIN.telegram_id) == refusal
    assert await deactivation_refused(store, env, dewi, 3001) == refusal
    assert await deactivation_refused(store, env, ADMIN, ADMIN.telegram_id) == refusal


async def test_deactivating_an_unknown_id_is_refused(store: Store, env: Env) -> None:
    assert await deactivation_refused(store, env, ADMIN, 424242) == Teks(
        "nonaktif.tidak_ada", id=424242
    )


async def test_deactivating_twice_is_refused_with_the_escaped_name(store: Store, env: Env) -> None:
    row = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(BUDI, "Budi <Sekda>"), row.code)
    async with store.unit() as uow:
        await deactivate(uow, env, ADMIN, Nonaktifkan(BUDI))
        await uow.commit()
    assert await deactivation_refused(store, env, ADMIN, BUDI) == Teks(
        "nonaktif.sudah", nama="Budi &lt;Sekda&gt;"
    )


@pytest.mark.parametrize("args", ["", "abc", "-5", "12 34", "²", "9" * 17, "1.5"])
def test_nonaktif_needs_a_plain_user_id(args: str) -> None:
    with pytest.raises(InputTidakValid) as refused:
        read_nonaktif(args)
    assert refused.value.pesan == Teks("nonaktif.format")


def test_nonaktif_reads_the_user_id() -> None:
    assert read_nonaktif(" 2001 ") == Nonaktifkan(2001)
    assert read_nonaktif("9" * 16) == Nonaktifkan(int("9" * 16))


# --------------------------------------------------------------------------- ADMIN_IDS
async def sync_admins(store: Store, admin_ids: list[int]) -> list[Menu]:
    """The start-up admin sync, committed."""
    async with store.unit() as uow:
        menus = await sync_bootstrap_admins(uow, admin_ids)
        await uow.commit()
    return menus


async def test_admin_ids_become_admin_members_once(store: Store) -> None:
    assert await sync_admins(store, [1002, 1001]) == [
        Menu(1001, Peran.ADMIN),
        Menu(1002, Peran.ADMIN),
    ]
    await sync_admins(store, [1001, 1002])
    members = await store.rows(Member)
    assert [(m.telegram_id, m.nama, m.peran, m.active, m.via_admin_ids) for m in members] == [
        (1001, "Admin 1001", "admin", True, True),
        (1002, "Admin 1002", "admin", True, True),
    ]


async def test_an_admin_dropped_from_admin_ids_is_deactivated_but_an_invited_role_stays(
    store: Store, env: Env
) -> None:
    await sync_admins(store, [1001, 1002, 1003])
    # 1003 also joined as Sekda through an invitation: dropped from ADMIN_IDS, stays Sekda
    row = await invited(store, Undang(Peran.SEKDA))
    await joined(store, env, private(1003, "Sekda"), row.code)
    menus = await sync_admins(store, [1001])
    # the listed admins first; then the dropped ones (in no particular order)
    assert menus[0] == Menu(1001, Peran.ADMIN)
    assert sorted(menus[1:], key=lambda m: m.telegram_id) == [
        Menu(1002, None),
        Menu(1003, Peran.SEKDA),
    ]
    members = {m.telegram_id: m for m in await store.rows(Member)}
    assert (members[1002].active, members[1002].via_admin_ids) == (False, False)
    assert (members[1003].active, members[1003].peran) == (True, "sekda")
    audit = [a for a in await store.rows(AuditLog) if a.action == "nonaktif"]
    assert [(a.actor_telegram_id, a.subject, a.details) for a in audit] == [
        (None, f"member:{members[1002].id}", {"alasan": "tidak lagi di ADMIN_IDS"})
    ]
    assert await sync_admins(store, [1001]) == [Menu(1001, Peran.ADMIN)]

"""The file desk: files people ask for are made outside the update that asked, once, from one
consistent moment, without holding any writer up; a desk that dies leaves its file to another;
a file that keeps failing is given up with a word to the asker (no Telegram: the outbox rows)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.env import Env
from bot.features.berkas import desk as desk_module
from bot.features.berkas import service as berkas
from bot.features.berkas.desk import ATTEMPTS, LEASE, Desk, Kiriman
from bot.features.berkas.service import Jenis
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from bot.messaging.outbox import Berkas
from storage.db import UnitOfWork
from storage.models import Member, Opd, OutboxFile, OutboxMessage, PermintaanBerkas
from storage.states import BerkasState
from tests.conftest import FakeClock
from tests.services.conftest import Store, env_of

ADMIN_CHAT = 1001
ASISTEN_ID = 3001
GROUP = -100_555


def caller(telegram_id: int = ADMIN_CHAT, chat_id: int | None = None) -> Caller:
    chat = chat_id if chat_id is not None else telegram_id
    kind = "private" if chat == telegram_id else "supergroup"
    return Caller(telegram_id, "Rina", None, chat, kind)


def desk_env(store: Store) -> Env:
    return env_of(store, ADMIN_IDS=[ADMIN_CHAT])


async def ask(store: Store, jenis: Jenis = Jenis.EKSPOR, **isian: Any) -> None:
    who = isian.pop("who", caller())
    async with store.unit() as uow:
        await berkas.minta(uow, who, jenis, isian)
        await uow.commit()


async def sent(store: Store) -> list[OutboxMessage]:
    return list(await store.rows(OutboxMessage))


def clock_of(env: Env) -> FakeClock:
    assert isinstance(env.clock, FakeClock)
    return env.clock


def one_file(name: str = "a.txt") -> list[Kiriman]:
    return [Kiriman(Berkas(name, b"isi", "text/plain"), "keterangan")]


async def test_a_file_is_made_once_and_sent_in_the_chat_it_was_asked_in(store: Store) -> None:
    env = desk_env(store)
    await ask(store, who=caller(ADMIN_CHAT, GROUP))  # pressed under a digest in a group
    desk = Desk(env)
    assert await desk.run_due() == 1
    rows = await sent(store)
    assert [(r.method, r.chat_id, r.key) for r in rows] == [
        ("sendDocument", GROUP, "berkas:1:0:peminta")
    ]
    (kept,) = await store.rows(OutboxFile)
    assert (kept.nama, kept.isi[:2]) == ("tindak-lanjut-2026-11-23.xlsx", b"PK")
    (request,) = await store.rows(PermintaanBerkas)
    assert request.state == BerkasState.SELESAI and request.attempts == 1
    assert request.done_at == store.now
    # nothing is made twice
    assert await desk.run_due() == 0
    assert len(await sent(store)) == 1


async def test_writers_go_on_while_a_file_is_made_from_one_moment(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slow part (reading a province's history, laying out the workbook) holds no writer
    up: a reply recorded meanwhile commits at once; the file shows the moment it began."""
    env = desk_env(store)
    reading, go_on = asyncio.Event(), asyncio.Event()
    counted: list[int] = []

    async def slow(uow: UnitOfWork, env: Env, actor: Actor, isian: dict[str, Any]) -> list[Kiriman]:
        counted.append(int(await uow.session.scalar(select(func.count()).select_from(Opd)) or 0))
        reading.set()
        await go_on.wait()
        counted.append(int(await uow.session.scalar(select(func.count()).select_from(Opd)) or 0))
        return one_file()

    monkeypatch.setattr(desk_module, "maker", lambda jenis: slow)
    await ask(store)
    making = asyncio.create_task(Desk(env).run_due())
    await asyncio.wait_for(reading.wait(), 30)
    # another update writes and commits while the file is being made
    async with asyncio.timeout(30):
        async with store.unit() as uow:
            uow.session.add(
                Opd(
                    kode="DINKES",
                    nama="Dinas Kesehatan",
                    klaster=1,
                    created_at=store.now,
                    updated_at=store.now,
                )
            )
            await uow.commit()
    go_on.set()
    assert await asyncio.wait_for(making, 30) == 1
    assert counted == [0, 0]  # one snapshot, from before the other update
    assert [o.kode for o in await store.rows(Opd)] == ["DINKES"]
    assert [r.method for r in await sent(store)] == ["sendDocument"]


async def test_two_desks_make_each_file_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    env = desk_env(store)
    made: list[str] = []

    async def maker(
        uow: UnitOfWork, env: Env, actor: Actor, isian: dict[str, Any]
    ) -> list[Kiriman]:
        made.append(isian["nama"])
        return one_file(isian["nama"])

    monkeypatch.setattr(desk_module, "maker", lambda jenis: maker)
    for n in range(6):
        await ask(store, nama=f"f{n}.txt")
    first, second = Desk(env), Desk(env)
    done = await asyncio.gather(first.run_due(), second.run_due())
    assert sum(done) == 6
    assert sorted(made) == [f"f{n}.txt" for n in range(6)]
    assert sorted(r.key for r in await sent(store)) == sorted(
        f"berkas:{n}:0:peminta" for n in range(1, 7)
    )


async def test_a_file_left_by_a_desk_that_died_is_made_after_the_lease(store: Store) -> None:
    env = desk_env(store)
    await ask(store)
    dead = Desk(env)
    assert await dead._take() is not None  # took it, then the process died
    desk = Desk(env)
    assert await desk.run_due() == 0  # still the dead desk's
    clock_of(env).advance(seconds=LEASE.total_seconds() + 1)
    store.now = env.now()
    assert await desk.run_due() == 1
    (request,) = await store.rows(PermintaanBerkas)
    assert request.state == BerkasState.SELESAI and request.attempts == 2
    assert [r.method for r in await sent(store)] == ["sendDocument"]


async def test_a_file_that_keeps_failing_is_tried_again_then_the_asker_is_told(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = desk_env(store)

    async def broken(
        uow: UnitOfWork, env: Env, actor: Actor, isian: dict[str, Any]
    ) -> list[Kiriman]:
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(desk_module, "maker", lambda jenis: broken)
    await ask(store)
    desk = Desk(env)
    for attempt in range(1, ATTEMPTS):
        assert await desk.run_due() == 0
        (request,) = await store.rows(PermintaanBerkas)
        assert (request.state, request.attempts) == (BerkasState.MENUNGGU, attempt)
        assert request.error == "RuntimeError: disk penuh"
        assert await sent(store) == []
        assert await desk.run_due() == 0  # not again before the lease ends
        clock_of(env).advance(seconds=LEASE.total_seconds() + 1)
        store.now = env.now()
    assert await desk.run_due() == 1
    (request,) = await store.rows(PermintaanBerkas)
    assert (request.state, request.attempts) == (BerkasState.GAGAL, ATTEMPTS)
    (notice,) = await sent(store)
    assert notice.chat_id == ADMIN_CHAT
    assert notice.payload["text"] == (
        "⚠️ Maaf, ekspor Excel gagal disiapkan (3 kali dicoba). Silakan minta lagi nanti; bila "
        "terulang, beri tahu admin."
    )
    clock_of(env).advance(seconds=LEASE.total_seconds() + 1)
    assert await desk.run_due() == 0  # given up: never again


async def test_whoever_lost_the_role_meanwhile_gets_no_file(store: Store) -> None:
    env = desk_env(store)
    async with store.unit() as uow:
        uow.session.add(
            Member(
                telegram_id=ASISTEN_ID,
                nama="Asisten I",
                peran="asisten",
                klaster=1,
                active=True,
                joined_at=store.now,
            )
        )
        await uow.commit()
    await ask(store, who=caller(ASISTEN_ID))
    async with store.unit() as uow:  # moved to an OPD before the file was made
        member = await uow.session.scalar(select(Member).where(Member.telegram_id == ASISTEN_ID))
        assert member is not None
        member.active = False
        await uow.commit()
    assert await Desk(env).run_due() == 1
    (notice,) = await sent(store)
    assert (notice.method, notice.chat_id) == ("sendMessage", ASISTEN_ID)
    assert notice.payload["text"] == (
        "Maaf, ekspor Excel tidak dikirim: peran Anda sekarang tidak dapat memintanya."
    )


async def test_what_no_longer_exists_is_said_instead_of_a_file(store: Store) -> None:
    env = desk_env(store)
    await ask(store, opd="DINKES")  # the OPD was removed after it was asked for
    assert await Desk(env).run_due() == 1
    (notice,) = await sent(store)
    assert notice.method == "sendMessage"
    assert "OPD DINKES tidak ada." in notice.payload["text"]


async def test_the_desk_wakes_when_asked(store: Store) -> None:
    env = desk_env(store)
    desk = Desk(env)
    finished = asyncio.Event()
    run_due = desk.run_due

    async def watched() -> int:
        made = await run_due()
        if made:
            finished.set()
        return made

    desk.run_due = watched  # type: ignore[method-assign]
    loop = asyncio.create_task(desk.run_forever(idle_seconds=3600))
    try:
        await ask(store)
        desk.wake()  # not the idle check an hour later
        await asyncio.wait_for(finished.wait(), 30)
    finally:
        loop.cancel()
    assert [r.method for r in await sent(store)] == ["sendDocument"]

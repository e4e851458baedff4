"""The file desk: makes the files people asked for, outside any update's unit of work.

Like the evidence keeper it runs as a background loop, woken after each update: it takes the
oldest waiting request (a lease, so two processes never make the same file at once and a
process that died mid-way leaves it to another after ``LEASE``), reads what the file needs in a
read-only unit (one snapshot, no writer held up: :meth:`storage.db.Database.reading`), lays the
file out, then queues it in the outbox and marks the request done in one short unit. The role
table is checked again with the asker's role at that moment. A file that fails is tried again
later; after ``ATTEMPTS`` the asker is told, and the request is kept as ``gagal``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update

from bot.domain.errors import DomainError
from bot.env import Env
from bot.features.berkas.service import Jenis, what
from bot.features.people.access import Actor, load_actor
from bot.messaging.audience import Recipient
from bot.messaging.outbox import Berkas, View, send, send_file
from storage.db import UnitOfWork
from storage.models import PermintaanBerkas
from storage.states import BerkasState, OutboxPrioritas

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
"""How long a request taken by a desk is left to it: a province's export takes seconds; a
process stopped while making one leaves it to the next desk after this."""
ATTEMPTS = 3


@dataclass(frozen=True)
class Kiriman:
    """One file to send, with its caption (HTML)."""

    berkas: Berkas
    caption: str
    foto: bool = False  # sent as a photo (a chart), not as a document


Hasil = list[Kiriman] | View
"""What a maker gives: the files, or a message instead of them (nothing to make)."""
Pembuat = Callable[[UnitOfWork, Env, Actor, dict[str, Any]], Awaitable[Hasil]]


def maker(jenis: Jenis) -> Pembuat:
    """The feature that makes this kind of file (imported when first needed: openpyxl,
    fpdf2)."""
    if jenis is Jenis.EKSPOR:
        from bot.features.export.berkas import buat
    elif jenis is Jenis.GRAFIK:
        from bot.features.digest.berkas import buat
    else:
        from bot.features.rakor_report.berkas import buat
    return buat


@dataclass(frozen=True)
class _Diambil:
    """A request this desk took: what it needs of the row."""

    id: int
    jenis: Jenis
    isian: dict[str, Any]
    telegram_id: int
    chat_id: int
    attempts: int
    taken_at: datetime


def _free(now: datetime) -> Any:
    """Waiting and taken by no desk (or by one that has had it for longer than LEASE)."""
    return (PermintaanBerkas.state == BerkasState.MENUNGGU.value) & or_(
        PermintaanBerkas.taken_at.is_(None), PermintaanBerkas.taken_at < now - LEASE
    )


class Desk:
    """Makes and sends the requested files; see the module's description."""

    def __init__(self, env: Env) -> None:
        self.env = env
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """A request may be waiting: look now, not at the next idle check."""
        self._wake.set()

    async def run_due(self) -> int:
        """Make every request that is free now, oldest first; how many were finished."""
        finished = 0
        while (taken := await self._take()) is not None:
            finished += await self._make(taken)
        return finished

    async def _take(self) -> _Diambil | None:
        env = self.env
        while True:
            now = env.now()
            async with env.db.unit(now) as uow:
                row = (
                    (
                        await uow.session.execute(
                            select(PermintaanBerkas).where(_free(now)).order_by(PermintaanBerkas.id)
                        )
                    )
                    .scalars()
                    .first()
                )
                if row is None:
                    return None
                took = await uow.session.execute(
                    update(PermintaanBerkas)
                    .where(PermintaanBerkas.id == row.id, _free(now))
                    .values(taken_at=now, attempts=PermintaanBerkas.attempts + 1)
                    .execution_options(synchronize_session=False)
                )
                await uow.commit()
                if took.rowcount == 1:  # type: ignore[attr-defined]
                    return _Diambil(
                        row.id,
                        Jenis(row.jenis),
                        dict(row.isian),
                        row.telegram_id,
                        row.chat_id,
                        row.attempts + 1,
                        now,
                    )
            # another desk took it between the two statements: look again

    async def _make(self, taken: _Diambil) -> int:
        env = self.env
        try:
            async with env.db.reading(env.now()) as uow:
                actor = await load_actor(uow, env, taken.telegram_id)
                if actor is None or not actor.may_use(taken.jenis.perintah):
                    hasil: Hasil = View(
                        env.texts("berkas.tidak_berhak", apa=what(env, taken.jenis))
                    )
                else:
                    hasil = await maker(taken.jenis)(uow, env, actor, taken.isian)
        except DomainError as refused:  # what was asked no longer exists
            hasil = View(refused.text(env.texts))
        except Exception as exc:
            log.exception("berkas %s (%s) gagal dibuat", taken.id, taken.jenis.value)
            return await self._failed(taken, f"{type(exc).__name__}: {exc}")
        return await self._deliver(taken, hasil, BerkasState.SELESAI)

    async def _deliver(self, taken: _Diambil, hasil: Hasil, state: BerkasState) -> int:
        """Queue the files (or the message) and close the request, in one unit; nothing if
        another desk took the request over meanwhile (its lease ran out)."""
        env = self.env
        async with env.db.unit(env.now()) as uow:
            closed = await uow.session.execute(
                update(PermintaanBerkas)
                .where(
                    PermintaanBerkas.id == taken.id,
                    PermintaanBerkas.state == BerkasState.MENUNGGU.value,
                    PermintaanBerkas.taken_at == taken.taken_at,
                )
                .values(state=state.value, done_at=uow.now)
                .execution_options(synchronize_session=False)
            )
            if closed.rowcount != 1:  # type: ignore[attr-defined]
                return 0
            to = Recipient(taken.chat_id, "peminta")
            key = f"berkas:{taken.id}"
            if isinstance(hasil, View):
                await send(uow, key, to, hasil, prioritas=OutboxPrioritas.JAWABAN)
            for part, kiriman in enumerate(hasil if isinstance(hasil, list) else []):
                await send_file(
                    uow,
                    f"{key}:{part}",
                    to,
                    kiriman.berkas,
                    kiriman.caption,
                    foto=kiriman.foto,
                    prioritas=OutboxPrioritas.JAWABAN,
                )
            await uow.commit()
        return 1

    async def _failed(self, taken: _Diambil, error: str) -> int:
        """Tried again after the lease; after ATTEMPTS the asker is told and it is given up."""
        env = self.env
        if taken.attempts < ATTEMPTS:
            async with env.db.unit(env.now()) as uow:
                await uow.session.execute(
                    update(PermintaanBerkas)
                    .where(PermintaanBerkas.id == taken.id)
                    .values(error=error[:500])
                    .execution_options(synchronize_session=False)
                )
                await uow.commit()
            return 0
        notice = View(env.texts("berkas.gagal", apa=what(env, taken.jenis), n=taken.attempts))
        return await self._deliver(taken, notice, BerkasState.GAGAL)

    async def run_forever(self, idle_seconds: float = 60.0) -> None:
        """Make what is asked for as it comes; look again every ``idle_seconds`` (a request
        left by a process that died, or one to try again)."""
        while True:
            self._wake.clear()
            try:
                await self.run_due()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database is away: try again at the next wake
                log.exception("meja berkas: gagal memeriksa permintaan")
            with suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), idle_seconds)

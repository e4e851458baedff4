"""Asking for a file: the request is stored in the update's unit of work and the asker is told
it is being prepared; the file desk (:mod:`bot.features.berkas.desk`) makes and sends it.

Making a province's export takes seconds; inside the update it would hold every other update
(python-telegram-bot handles them one at a time) and, on SQLite, every writer."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from bot.env import Env
from bot.messaging.caller import Caller
from storage.db import UnitOfWork
from storage.models import PermintaanBerkas
from storage.states import BerkasState


class Jenis(StrEnum):
    """What kind of file is asked for."""

    EKSPOR = "ekspor"
    LAPORAN_RAKOR = "laporan_rakor"
    GRAFIK = "grafik"  # `/status grafik`: the chart's images

    @property
    def perintah(self) -> str:
        """The command the role table checks again when the desk makes the file (a role may
        change in between)."""
        return "status" if self is Jenis.GRAFIK else self.value


def what(env: Env, jenis: Jenis) -> str:
    """The file in words (`ekspor Excel`), for the notices about it."""
    return env.texts(f"berkas.apa_{jenis.value}")


async def minta(uow: UnitOfWork, caller: Caller, jenis: Jenis, isian: dict[str, Any]) -> None:
    """Store the request of ``caller`` (answered in the chat they asked in); sent once the
    update's unit commits and the desk has made it."""
    uow.session.add(
        PermintaanBerkas(
            jenis=jenis.value,
            isian=isian,
            telegram_id=caller.telegram_id,
            chat_id=caller.chat_id,
            state=BerkasState.MENUNGGU.value,
            attempts=0,
            created_at=uow.now,
        )
    )
    uow.files_asked = True

"""Publishing: **Terbitkan** turns a draft into numbered directives, assigned to their OPDs.

The result names everyone each directive goes to (the members of each assigned OPD
privately, the OPD's group, the Rakor group); the handler renders and queues those messages
in the same unit of work as the directives, so they are delivered once, or not at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.directives.drafts import load_own_draft
from bot.features.opd.service import clear_awaited_file
from bot.messaging import audience
from bot.messaging.audience import Khalayak
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, Draft, Member, Opd, Penugasan, Rakor
from storage.states import ArahanState, DraftState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArahanTerbit:
    """One directive just published and everyone it goes to."""

    arahan: Arahan
    opds: tuple[Opd, ...]  # its OPDs, lead first
    khalayak: Khalayak
    kepala: tuple[Member, ...]  # the heads of its OPDs, mentioned in the Rakor group

    @property
    def pribadi(self) -> int:
        """How many private messages it is sent as."""
        return len(self.khalayak.members)

    @property
    def grup(self) -> int:
        """How many groups it is announced in (its OPDs' groups and the Rakor group)."""
        return len(self.khalayak.groups) + (1 if self.khalayak.rakor else 0)


@dataclass(frozen=True)
class Terbit:
    """A published draft: its directives in number order, and the members the bot could not
    message privately before (they may not get theirs)."""

    draft_id: int
    rakor: Rakor | None
    arahan: tuple[ArahanTerbit, ...]
    belum_terhubung: tuple[Member, ...]

    @property
    def nomor(self) -> list[int]:
        """The numbers the directives got."""
        return [a.arahan.nomor or 0 for a in self.arahan]

    @property
    def pribadi(self) -> int:
        """Private messages queued, over all directives."""
        return sum(a.pribadi for a in self.arahan)

    @property
    def grup(self) -> int:
        """Group announcements queued, over all directives."""
        return sum(a.grup for a in self.arahan)


async def publish_draft(uow: UnitOfWork, env: Env, caller: Caller, draft_id: int) -> Terbit:
    """**Terbitkan**: number the caller's draft's directives, assign them to their OPDs and
    say who receives each. A draft with a deadline that has passed is refused whole."""
    draft = await load_own_draft(uow, caller, draft_id)
    items = draft.content.get("items", [])
    if not items:
        raise InputTidakValid(Teks("draf.kosong"))
    late = [
        n
        for n, item in enumerate(items, start=1)
        if date.fromisoformat(item["tenggat"]) < env.today()
    ]
    if late:
        raise InputTidakValid(Teks("draf.tenggat_lewat", urut=", ".join(str(n) for n in late)))
    rakor = await uow.session.get(Rakor, draft.rakor_id)
    published: list[ArahanTerbit] = []
    everyone: dict[int, Member] = {}
    for item in items:
        arahan, opds, members = await _create_directive(uow, caller, draft, item)
        tugas = list(await repo.penugasan_of(uow.session, arahan.id))
        published.append(
            ArahanTerbit(
                arahan=arahan,
                opds=tuple(opds),
                khalayak=await audience.of_directive(uow, arahan, tugas, hari=env.today()),
                kepala=tuple(m for m in members if m.peran == "kepala_opd"),
            )
        )
        everyone.update({m.id: m for m in members})
    draft.state = DraftState.TERBIT
    await clear_awaited_file(uow, caller)
    draft.step = None
    terbit = Terbit(
        draft_id=draft.id,
        rakor=rakor,
        arahan=tuple(published),
        belum_terhubung=tuple(m for m in everyone.values() if m.reachable is False),
    )
    await audit(uow, caller.telegram_id, "terbit", f"draft:{draft.id}", nomor=terbit.nomor)
    chats = {r.chat_id for a in published for r in a.khalayak.all()}
    log.info("diterbitkan %d arahan ke %d chat", len(published), len(chats))
    return terbit


async def _create_directive(
    uow: UnitOfWork, caller: Caller, draft: Draft, item: dict[str, Any]
) -> tuple[Arahan, list[Opd], list[Member]]:
    ids = [int(i) for i in item["opd"]]
    found = {o.id: o for o in (await uow.session.scalars(select(Opd).where(Opd.id.in_(ids)))).all()}
    opds = [found[i] for i in ids if i in found]
    if not opds:
        raise InputTidakValid(Teks("draf.kosong"))
    arahan = Arahan(
        nomor=await repo.next_nomor(uow.session),
        rakor_id=draft.rakor_id,
        draft_id=draft.id,
        teks=str(item["teks"]),
        tenggat=date.fromisoformat(str(item["tenggat"])),
        prioritas=str(item["prioritas"]),
        status=ArahanState.TERBIT,
        created_by=caller.telegram_id,
        created_at=uow.now,
        published_at=uow.now,
    )
    uow.session.add(arahan)
    await uow.session.flush()
    for order, opd in enumerate(opds):
        uow.session.add(
            Penugasan(
                arahan_id=arahan.id,
                opd_id=opd.id,
                urutan=order,
                kedudukan="penanggung_jawab" if order == 0 else "pendukung",
                status="baru",
                progress=0,
                updated_at=uow.now,
            )
        )
    await uow.session.flush()
    members = list(await repo.active_members_of(uow.session, [o.id for o in opds]))
    return arahan, opds, members

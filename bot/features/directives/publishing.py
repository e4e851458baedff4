"""Publishing: **Terbitkan** turns a draft into numbered directives and queues their delivery.

Each member of each assigned OPD gets the directive privately with report buttons; the OPD's
group and the Rakor group get it with the officials mentioned. All of it is outbox rows
written in the same transaction as the directives, so it is delivered once, or not at all.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from bot.domain.errors import InputTidakValid
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.directives.drafts import load_own_draft, unreachable_names
from bot.features.directives.message import directive_text, mention_list, report_buttons
from bot.features.opd.service import clear_awaited_file
from bot.messaging import audience
from bot.messaging.caller import Caller
from bot.messaging.outbox import View, edit_message, reply, send
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, Draft, Member, Opd, Penugasan, Rakor
from storage.states import ArahanState, DraftState


async def publish_draft(uow: UnitOfWork, env: Env, caller: Caller, draft_id: int) -> str:
    """**Terbitkan**: number the draft's directives, assign them, queue every message."""
    draft = await load_own_draft(uow, env, caller, draft_id)
    items = draft.content.get("items", [])
    if not items:
        raise InputTidakValid(env.texts("draf.kosong"))
    late = [
        n
        for n, item in enumerate(items, start=1)
        if date.fromisoformat(item["tenggat"]) < env.today()
    ]
    if late:
        raise InputTidakValid(env.texts("draf.tenggat_lewat", urut=", ".join(str(n) for n in late)))
    rakor = await uow.session.get(Rakor, draft.rakor_id)
    numbers: list[int] = []
    private_count = group_count = 0
    everyone: dict[int, Member] = {}
    for item in items:
        arahan, opds, members = await _create_directive(uow, env, caller, draft, item)
        numbers.append(arahan.nomor or 0)
        sent = await _queue_delivery(uow, env, arahan, rakor, opds, members)
        private_count += sent[0]
        group_count += sent[1]
        everyone.update({m.id: m for m in members})
    draft.state = DraftState.TERBIT
    await clear_awaited_file(uow, caller)
    draft.step = None
    await audit(uow, caller.telegram_id, "terbit", f"draft:{draft.id}", nomor=numbers)
    headline = env.texts(
        "draf.terbit",
        nomor=", ".join(str(n) for n in numbers),
        pribadi=private_count,
        grup=group_count,
    )
    summary = headline
    silent = unreachable_names(list(everyone.values()))
    if silent:
        summary += "\n" + env.texts("draf.belum_terhubung", daftar=", ".join(silent))
    if caller.message_id is not None:
        await edit_message(
            uow, f"draf:{draft.id}:terbit", caller.chat_id, caller.message_id, summary
        )
    else:
        await reply(uow, caller, summary)
    return headline.split("\n")[0].replace("<b>", "").replace("</b>", "")


async def _create_directive(
    uow: UnitOfWork, env: Env, caller: Caller, draft: Draft, item: dict[str, Any]
) -> tuple[Arahan, list[Opd], list[Member]]:
    ids = [int(i) for i in item["opd"]]
    found = {o.id: o for o in (await uow.session.scalars(select(Opd).where(Opd.id.in_(ids)))).all()}
    opds = [found[i] for i in ids if i in found]
    if not opds:
        raise InputTidakValid(env.texts("draf.kosong"))
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


async def _queue_delivery(
    uow: UnitOfWork,
    env: Env,
    arahan: Arahan,
    rakor: Rakor | None,
    opds: list[Opd],
    members: list[Member],
) -> tuple[int, int]:
    """Queue the private messages and group announcements of one directive."""
    tugas = list(await repo.penugasan_of(uow.session, arahan.id))
    khalayak = await audience.of_directive(uow, arahan, tugas)
    key = f"arahan:{arahan.nomor}"
    for person in khalayak.members:
        assert person.penugasan_id is not None
        view = View(
            directive_text(env, arahan, rakor, opds),
            report_buttons(env, ButtonKind.PENUGASAN, person.penugasan_id),
        )
        await send(uow, key, person, view, arahan_id=arahan.id)
    for group in khalayak.groups:
        assert group.penugasan_id is not None
        own = [m.member for m in khalayak.members if m.penugasan_id == group.penugasan_id]
        extra = mention_list(env, [m for m in own if m is not None])
        view = View(
            directive_text(env, arahan, rakor, opds, extra),
            report_buttons(env, ButtonKind.PENUGASAN, group.penugasan_id),
        )
        await send(uow, key, group, view, arahan_id=arahan.id)
    if khalayak.rakor is not None:
        extra = mention_list(env, [m for m in members if m.peran == "kepala_opd"])
        view = View(
            directive_text(env, arahan, rakor, opds, extra),
            report_buttons(env, ButtonKind.ARAHAN, arahan.id),
        )
        await send(uow, key, khalayak.rakor, view, arahan_id=arahan.id)
    private = len(khalayak.members)
    groups = len(khalayak.groups) + (1 if khalayak.rakor else 0)
    return private, groups

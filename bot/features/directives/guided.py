"""The guided `/arahan`: pick OPDs, deadline, text and priority with buttons, then the preview.

The flow's state lives in the draft row (its step and content) and in the awaited input of
the admin's chat, so a restart in the middle loses nothing the admin already chose.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Any

from sqlalchemy import select

from bot.domain.arahan_rows import MAX_TEKS, PRIORITAS
from bot.domain.dates import parse_tanggal
from bot.domain.errors import InputTidakValid
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.directives.drafts import load_own_draft, send_preview
from bot.features.directives.message import fits, longest_directive
from bot.features.opd.service import clear_awaited_file
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import Keyboard, button, edit_message, reply
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import AwaitedInput, Draft, Opd
from storage.states import Awaited, DraftState

PAGE_SIZE = 15
PER_ROW = 3
QUICK_DAYS = (7, 14, 30)
GUIDED_KINDS = (Awaited.PANDUAN_TENGGAT, Awaited.PANDUAN_TEKS)


def _edit_key(uow: UnitOfWork, draft: Draft) -> str:
    return uow.once_key(f"panduan:{draft.id}")


async def _opd_picker(uow: UnitOfWork, env: Env, draft: Draft) -> tuple[str, Keyboard]:
    opds = list(await repo.all_opds(uow.session))
    picked: list[int] = draft.content.get("pick", [])
    pages = max(1, (len(opds) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(int(draft.content.get("page", 0)), pages - 1)
    names = {o.id: o.kode for o in opds}
    chosen = ", ".join(escape(names[i]) for i in picked if i in names)
    text = env.texts("panduan.pilih_opd", terpilih=chosen or env.texts("panduan.belum_ada"))
    sign = env.signer.make
    rows: Keyboard = []
    shown = opds[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    for start in range(0, len(shown), PER_ROW):
        rows.append(
            [
                button(
                    ("✅ " if o.id in picked else "") + o.kode,
                    sign(ButtonKind.PANDUAN, "o", draft.id, o.id),
                )
                for o in shown[start : start + PER_ROW]
            ]
        )
    nav = []
    if page > 0:
        nav.append(
            button(
                env.texts("panduan.sebelumnya"), sign(ButtonKind.PANDUAN, "h", draft.id, page - 1)
            )
        )
    if page < pages - 1:
        nav.append(
            button(
                env.texts("panduan.berikutnya"), sign(ButtonKind.PANDUAN, "h", draft.id, page + 1)
            )
        )
    if nav:
        rows.append(nav)
    rows.append(
        [
            button(env.texts("panduan.lanjut"), sign(ButtonKind.PANDUAN, "n", draft.id, 0)),
            button(env.texts("tombol.batal"), sign(ButtonKind.DRAF, "del", draft.id)),
        ]
    )
    return text, rows


async def start_guided(uow: UnitOfWork, env: Env, caller: Caller) -> None:
    """`/arahan` without arguments: open a draft and show the OPD picker."""
    if not caller.in_private:
        raise InputTidakValid(env.texts("hanya_pribadi"))
    rakor = await repo.latest_rakor(uow.session)
    if rakor is None:
        raise InputTidakValid(env.texts("rakor.belum_ada"))
    if not await repo.all_opds(uow.session):
        raise InputTidakValid(env.texts("opd.kosong"))
    await clear_awaited_file(uow, caller)
    draft = Draft(
        owner_telegram_id=caller.telegram_id,
        chat_id=caller.chat_id,
        rakor_id=rakor.id,
        state=DraftState.TERBUKA,
        step="opd",
        content={"items": [], "pick": [], "page": 0},
        created_at=uow.now,
    )
    uow.session.add(draft)
    await uow.session.flush()
    await audit(uow, caller.telegram_id, "draf", f"draft:{draft.id}", panduan=True)
    text, keyboard = await _opd_picker(uow, env, draft)
    await reply(uow, caller, text, keyboard=keyboard)


def _set(draft: Draft, **changes: Any) -> None:
    """Replace the JSON content so the change is saved."""
    draft.content = {**draft.content, **changes}


async def _await(uow: UnitOfWork, caller: Caller, draft: Draft, kind: str) -> None:
    await clear_awaited_file(uow, caller)
    uow.session.add(
        AwaitedInput(
            telegram_id=caller.telegram_id,
            chat_id=caller.chat_id,
            kind=kind,
            ref_id=draft.id,
            created_at=uow.now,
        )
    )


async def _ask_deadline(uow: UnitOfWork, env: Env, caller: Caller, draft: Draft) -> None:
    draft.step = "tenggat"
    await _await(uow, caller, draft, Awaited.PANDUAN_TENGGAT)
    sign = env.signer.make
    keyboard = [
        [
            button(env.texts("panduan.hari", n=d), sign(ButtonKind.PANDUAN, "t", draft.id, d))
            for d in QUICK_DAYS
        ]
    ]
    await reply(uow, caller, env.texts("panduan.tenggat"), keyboard=keyboard)


async def _ask_text(uow: UnitOfWork, env: Env, caller: Caller, draft: Draft) -> None:
    draft.step = "teks"
    await _await(uow, caller, draft, Awaited.PANDUAN_TEKS)
    await reply(
        uow,
        caller,
        env.texts("panduan.teks", maks=MAX_TEKS),
        force_reply=True,
        placeholder=env.texts("panduan.ketik_teks"),
    )


async def _ask_priority(uow: UnitOfWork, env: Env, caller: Caller, draft: Draft) -> None:
    draft.step = "prioritas"
    await clear_awaited_file(uow, caller)
    sign = env.signer.make
    keyboard = [
        [
            button(
                env.texts(f"prioritas.{p}").capitalize(), sign(ButtonKind.PANDUAN, "p", draft.id, i)
            )
            for i, p in enumerate(PRIORITAS)
        ]
    ]
    await reply(uow, caller, env.texts("panduan.prioritas"), keyboard=keyboard)


async def guided_press(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol
) -> str:
    """A button of the guided flow: toggle an OPD, turn a page, go on, pick deadline/priority."""
    draft = await load_own_draft(uow, env, caller, tombol.int_arg(1))
    step, value = tombol.args[0], tombol.int_arg(2)
    answer = ""
    if step in ("o", "h", "n") and draft.step == "opd":
        answer = await _opd_step(uow, env, caller, draft, step, value)
    elif step == "t" and draft.step == "tenggat" and value in QUICK_DAYS:
        _set(draft, tenggat=(env.today() + timedelta(days=value)).isoformat())
        await _ask_text(uow, env, caller, draft)
    elif step == "p" and draft.step == "prioritas" and 0 <= value < len(PRIORITAS):
        _set(draft, prioritas=PRIORITAS[value])
        await _show_preview(uow, env, caller, draft)
    else:
        return env.texts("tombol.tidak_sah")
    return answer


async def _opd_step(
    uow: UnitOfWork, env: Env, caller: Caller, draft: Draft, step: str, value: int
) -> str:
    picked: list[int] = list(draft.content.get("pick", []))
    if step == "n":
        if not picked:
            return env.texts("panduan.pilih_dulu")
        if caller.message_id is not None:
            text, _ = await _opd_picker(uow, env, draft)
            await edit_message(uow, _edit_key(uow, draft), caller.chat_id, caller.message_id, text)
        await _ask_deadline(uow, env, caller, draft)
        return ""
    if step == "o":
        if await uow.session.get(Opd, value) is None:
            return env.texts("tombol.tidak_sah")
        picked = [i for i in picked if i != value] if value in picked else [*picked, value]
        _set(draft, pick=picked[:20])
    else:
        _set(draft, page=max(0, value))
    if caller.message_id is not None:
        text, keyboard = await _opd_picker(uow, env, draft)
        await edit_message(
            uow, _edit_key(uow, draft), caller.chat_id, caller.message_id, text, keyboard
        )
    return ""


async def _show_preview(uow: UnitOfWork, env: Env, caller: Caller, draft: Draft) -> None:
    content = draft.content
    item = {
        "opd": content["pick"],
        "tenggat": content["tenggat"],
        "teks": content["teks"],
        "prioritas": content.get("prioritas", "sedang"),
    }
    _set(draft, items=[item])
    draft.step = "pratinjau"
    await send_preview(uow, env, caller, draft)


async def guided_text(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> bool:
    """Text typed while the guided flow waits for a deadline or the directive text.

    Returns False when nothing was awaited from this user here (the text is for others)."""
    awaited = (
        await uow.session.scalars(
            select(AwaitedInput).where(
                AwaitedInput.telegram_id == caller.telegram_id,
                AwaitedInput.chat_id == caller.chat_id,
                AwaitedInput.kind.in_(GUIDED_KINDS),
            )
        )
    ).first()
    if awaited is None:
        return False
    draft = await load_own_draft(uow, env, caller, awaited.ref_id)
    if awaited.kind == Awaited.PANDUAN_TENGGAT:
        deadline = parse_tanggal(text, env.today())
        if deadline < env.today():
            raise InputTidakValid(
                env.texts("arahan.tenggat_lewat", tanggal=env.format_date(deadline))
            )
        _set(draft, tenggat=deadline.isoformat())
        await _ask_text(uow, env, caller, draft)
    else:
        body = " ".join(text.split())
        if not body or len(body) > MAX_TEKS:
            raise InputTidakValid(env.texts("arahan.teks_kosong", maks=MAX_TEKS))
        opds = list(
            (
                await uow.session.scalars(
                    select(Opd).where(Opd.id.in_(draft.content.get("pick", [])))
                )
            ).all()
        )
        rakor = await repo.latest_rakor(uow.session)
        length = longest_directive(env, body, env.today(), "tinggi", rakor, opds)
        if not fits(length):
            raise InputTidakValid(env.texts("arahan.terlalu_panjang_pesan", panjang=length))
        _set(draft, teks=body)
        await _ask_priority(uow, env, caller, draft)
    return True

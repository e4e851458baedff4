"""Drafts: directives written (typed, imported or guided) and previewed before anything is sent."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from sqlalchemy import select

from bot.domain.arahan_rows import MAX_ARAHAN, ArahanBaru, parse_arahan_line, validate_arahan
from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.roles import ButtonKind
from bot.domain.tables import read_table
from bot.env import Env
from bot.features.directives.message import fits, longest_directive
from bot.features.opd.service import clear_awaited_file
from bot.messaging.caller import Caller
from bot.messaging.outbox import Keyboard, button, edit_message, reply
from bot.messaging.paging import capped, pack_lines
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Draft, Group, Member, Opd, Rakor
from storage.states import DraftState


def item_of(arahan: ArahanBaru, opds: dict[str, Opd]) -> dict[str, Any]:
    """The JSON form of one draft directive."""
    return {
        "opd": [opds[k].id for k in arahan.kode_opd],
        "tenggat": arahan.tenggat.isoformat(),
        "teks": arahan.teks,
        "prioritas": arahan.prioritas,
    }


async def _check_codes(
    uow: UnitOfWork, env: Env, numbered: list[tuple[int, ArahanBaru | list[str]]]
) -> tuple[list[dict[str, Any]], list[str]]:
    codes = {k for _, a in numbered if isinstance(a, ArahanBaru) for k in a.kode_opd}
    opds = await repo.opds_by_kode(uow.session, codes)
    rakor = await repo.latest_rakor(uow.session)
    items: list[dict[str, Any]] = []
    errors: list[str] = []
    for line, parsed in numbered:
        reasons = (
            list(parsed)
            if isinstance(parsed, list)
            else [
                env.texts("arahan.kode_tidak_ada", kode=escape(k))
                for k in parsed.kode_opd
                if k not in opds
            ]
        )
        if not reasons and isinstance(parsed, ArahanBaru):
            length = longest_directive(
                env,
                parsed.teks,
                parsed.tenggat,
                parsed.prioritas,
                rakor,
                [opds[k] for k in parsed.kode_opd],
            )
            if not fits(length):
                reasons.append(env.texts("arahan.terlalu_panjang_pesan", panjang=length))
        if reasons:
            errors.append(env.texts("arahan.baris_salah", baris=line, alasan="; ".join(reasons)))
        elif isinstance(parsed, ArahanBaru):
            items.append(item_of(parsed, opds))
    return items, errors


async def _current_rakor(uow: UnitOfWork, env: Env) -> Rakor:
    rakor = await repo.latest_rakor(uow.session)
    if rakor is None:
        raise InputTidakValid(env.texts("rakor.belum_ada"))
    return rakor


async def _new_draft(
    uow: UnitOfWork, env: Env, caller: Caller, items: list[dict[str, Any]], errors: list[str]
) -> None:
    if errors:
        raise InputTidakValid(
            "\n".join(
                [
                    env.texts("arahan.ada_salah"),
                    *capped(errors, env.texts),
                    "",
                    env.texts("arahan.format"),
                ]
            )
        )
    if len(items) > MAX_ARAHAN:
        raise InputTidakValid(env.texts("arahan.terlalu_banyak", maks=MAX_ARAHAN))
    rakor = await _current_rakor(uow, env)
    draft = Draft(
        owner_telegram_id=caller.telegram_id,
        chat_id=caller.chat_id,
        rakor_id=rakor.id,
        state=DraftState.TERBUKA,
        step="pratinjau",
        content={"items": items},
        created_at=uow.now,
    )
    uow.session.add(draft)
    await uow.session.flush()
    await audit(uow, caller.telegram_id, "draf", f"draft:{draft.id}", jumlah=len(items))
    await send_preview(uow, env, caller, draft)


async def send_preview(uow: UnitOfWork, env: Env, caller: Caller, draft: Draft) -> None:
    """The preview, in as many messages as it needs; the buttons sit on the last one."""
    pages, keyboard = await render_preview(uow, env, draft)
    for page in pages[:-1]:
        await reply(uow, caller, page)
    await reply(uow, caller, pages[-1], keyboard=keyboard)


async def draft_from_text(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> None:
    """`/arahan` with one or many lines: validate every line, then show the preview."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(lines) > MAX_ARAHAN:
        raise InputTidakValid(env.texts("arahan.terlalu_banyak", maks=MAX_ARAHAN))
    today = env.today()
    numbered = [(n, parse_arahan_line(line, today, env.texts)) for n, line in lines]
    items, errors = await _check_codes(uow, env, numbered)
    await _new_draft(uow, env, caller, items, errors)


async def draft_from_file(
    uow: UnitOfWork, env: Env, caller: Caller, data: bytes, file_name: str
) -> None:
    """`/arahan_impor` + CSV/XLSX (`opd,tenggat,arahan[,prioritas]`): same checks, same preview."""
    await clear_awaited_file(uow, caller)
    rows = read_table(data, file_name, ("opd", "tenggat", "arahan"), env.texts)
    if len(rows) > MAX_ARAHAN:
        raise InputTidakValid(env.texts("arahan.terlalu_banyak", maks=MAX_ARAHAN))
    today = env.today()
    numbered: list[tuple[int, ArahanBaru | list[str]]] = [
        (
            row.line,
            validate_arahan(
                row.cells["opd"],
                row.cells["tenggat"],
                row.cells["arahan"],
                row.cells.get("prioritas", ""),
                today,
                env.texts,
            ),
        )
        for row in rows
    ]
    items, errors = await _check_codes(uow, env, numbered)
    await _new_draft(uow, env, caller, items, errors)


async def render_preview(uow: UnitOfWork, env: Env, draft: Draft) -> tuple[list[str], Keyboard]:
    """The preview of a draft: each directive, its OPDs, deadline and who will receive it."""
    items = draft.content.get("items", [])
    opd_ids = {i for item in items for i in item["opd"]}
    opds = (
        {o.id: o for o in (await uow.session.scalars(select(Opd).where(Opd.id.in_(opd_ids)))).all()}
        if opd_ids
        else {}
    )
    members = await repo.active_members_of(uow.session, opd_ids)
    groups = {
        g.opd_id
        for g in (await uow.session.scalars(select(Group).where(Group.jenis == "opd"))).all()
    }
    rakor_group = await repo.rakor_group(uow.session)
    rakor = await uow.session.get(Rakor, draft.rakor_id)
    parts = [
        env.texts.count(
            "pratinjau.judul",
            len(items),
            jumlah=len(items),
            rakor=escape(rakor.judul) if rakor else "-",
        )
    ]
    empty: set[str] = set()
    for number, item in enumerate(items, start=1):
        ids = item["opd"]
        names = [f"{escape(opds[i].kode)}" for i in ids if i in opds]
        people = sum(1 for m in members if m.opd_id in ids)
        group_count = sum(1 for i in ids if i in groups) + (1 if rakor_group else 0)
        grup = (
            env.texts.count("pratinjau.penerima_grup", group_count, jumlah=group_count)
            if group_count
            else ""
        )
        empty |= {
            opds[i].kode for i in ids if i in opds and not any(m.opd_id == i for m in members)
        }
        pendukung = (
            env.texts("pratinjau.pendukung", daftar=", ".join(names[1:])) if len(names) > 1 else ""
        )
        parts.append(
            env.texts(
                "pratinjau.butir",
                urut=number,
                teks=escape(item["teks"]),
                pj=names[0] if names else "-",
                pendukung=pendukung,
                tenggat=env.format_date(date.fromisoformat(item["tenggat"])),
                prioritas=env.texts(f"prioritas.{item['prioritas']}"),
                penerima=env.texts.count("pratinjau.penerima", people, orang=people, grup=grup),
            )
        )
    if empty:
        parts.append(env.texts("pratinjau.tanpa_anggota", daftar=", ".join(sorted(empty))))
    keyboard = [
        [
            button(
                env.texts("tombol.terbitkan"), env.signer.make(ButtonKind.DRAF, "pub", draft.id)
            ),
            button(env.texts("tombol.batal"), env.signer.make(ButtonKind.DRAF, "del", draft.id)),
        ]
    ]
    return pack_lines(parts), keyboard


async def load_own_draft(uow: UnitOfWork, env: Env, caller: Caller, draft_id: int) -> Draft:
    """The caller's open draft, locked; refusals say why without showing its content."""
    draft = await uow.session.scalar(select(Draft).where(Draft.id == draft_id).with_for_update())
    if draft is None:
        raise Ditolak(env.texts("tombol.tidak_sah"))
    if draft.owner_telegram_id != caller.telegram_id:
        raise Ditolak(env.texts("draf.bukan_milik"))
    if draft.state == DraftState.TERBIT:
        raise InputTidakValid(env.texts("draf.sudah_terbit"))
    if draft.state == DraftState.BATAL:
        raise InputTidakValid(env.texts("draf.sudah_batal"))
    return draft


async def cancel_draft(uow: UnitOfWork, env: Env, caller: Caller, draft_id: int) -> str:
    """**Batal** on a preview: nothing is sent; the preview says so."""
    draft = await load_own_draft(uow, env, caller, draft_id)
    draft.state = DraftState.BATAL
    await clear_awaited_file(uow, caller)
    await audit(uow, caller.telegram_id, "draf_batal", f"draft:{draft.id}")
    text = env.texts("draf.dibatalkan")
    if caller.message_id is not None:
        await edit_message(uow, f"draf:{draft.id}:batal", caller.chat_id, caller.message_id, text)
    return text


def unreachable_names(members: list[Member]) -> list[str]:
    """Escaped names of members the bot could not message privately before (at most 20)."""
    names = [escape(m.nama) for m in members if m.reachable is False]
    return names[:20] + ([f"+{len(names) - 20}"] if len(names) > 20 else [])

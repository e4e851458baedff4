"""Drafts: directives written (typed, imported or guided) and previewed before anything is sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from sqlalchemy import select

from bot.domain.arahan_rows import MAX_ARAHAN, ArahanBaru
from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.tables import Alasan, BarisSalah
from bot.env import Env
from bot.features.directives.message import fits, longest_directive
from bot.features.opd.service import clear_awaited_file
from bot.features.rakor import service as rakor_service
from bot.messaging.caller import Caller
from bot.messaging.paging import capped
from bot.texts import Teks, Texts
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Draft, Group, Opd, Rakor
from storage.states import DraftState


@dataclass(frozen=True)
class BarisArahan:
    """One typed line or file row as read: its number, and the directive or why it is none
    (the reasons as the line reader gave them, rendered only when the refusal is shown)."""

    line: int
    arahan: ArahanBaru | None
    alasan: tuple[Alasan, ...] = ()

    @classmethod
    def dari(cls, line: int, parsed: ArahanBaru | Sequence[Alasan]) -> BarisArahan:
        """A line from what `parse_arahan_line` / `validate_arahan` returned."""
        if isinstance(parsed, ArahanBaru):
            return cls(line, parsed)
        return cls(line, None, tuple(parsed))


@dataclass(frozen=True)
class TulisArahan:
    """Write a draft: the directives of `/arahan` lines or of an imported file, line by line."""

    baris: tuple[BarisArahan, ...]


class ArahanSalah(InputTidakValid):
    """Some lines cannot go into a draft: all of them are named and nothing is saved."""

    def __init__(self, salah: Sequence[BarisSalah]) -> None:
        super().__init__(Teks("arahan.ada_salah"))
        self.salah = tuple(salah)

    def text(self, texts: Texts) -> str:
        """The headline, one line per bad line (a very long list is cut short), then the
        form a line takes."""
        lines = [
            texts(
                "arahan.baris_salah",
                baris=bad.line,
                alasan="; ".join(texts.render(a) for a in bad.alasan),
            )
            for bad in self.salah
        ]
        return "\n".join(
            [texts.render(self.pesan), *capped(lines, texts), "", texts("arahan.format")]
        )


@dataclass(frozen=True)
class ButirPratinjau:
    """One directive of a preview and how many chats will receive it."""

    teks: str
    kode_opd: tuple[str, ...]  # the OPDs that still exist, lead first
    tenggat: date
    prioritas: str
    orang: int  # members who get it privately
    grup: int  # OPD groups, plus the Rakor group


@dataclass(frozen=True)
class Pratinjau:
    """A draft as its writer checks it before **Terbitkan**."""

    draft_id: int
    rakor: str | None  # the title of the draft's Rakor
    butir: tuple[ButirPratinjau, ...]
    tanpa_anggota: tuple[str, ...]  # codes of its OPDs nobody would receive it for, sorted


def item_of(arahan: ArahanBaru, opds: dict[str, Opd]) -> dict[str, Any]:
    """The JSON form of one draft directive."""
    return {
        "opd": [opds[k].id for k in arahan.kode_opd],
        "tenggat": arahan.tenggat.isoformat(),
        "teks": arahan.teks,
        "prioritas": arahan.prioritas,
    }


async def _check_codes(
    uow: UnitOfWork, env: Env, baris: Sequence[BarisArahan], rakor: Rakor | None
) -> tuple[list[dict[str, Any]], list[BarisSalah]]:
    """Each line's OPD codes must exist and its longest message must fit Telegram's limit
    (measured on the rendered message, hence ``env``, with ``rakor``'s title in it)."""
    codes = {k for b in baris if b.arahan is not None for k in b.arahan.kode_opd}
    opds = await repo.opds_by_kode(uow.session, codes)
    items: list[dict[str, Any]] = []
    errors: list[BarisSalah] = []
    for row in baris:
        parsed = row.arahan
        reasons: list[Alasan] = list(row.alasan)
        if parsed is not None:
            reasons += [
                Teks("arahan.kode_tidak_ada", kode=escape(k))
                for k in parsed.kode_opd
                if k not in opds
            ]
        if not reasons and parsed is not None:
            length = longest_directive(
                env,
                parsed.teks,
                parsed.tenggat,
                parsed.prioritas,
                rakor,
                [opds[k] for k in parsed.kode_opd],
            )
            if not fits(length):
                reasons.append(Teks("arahan.terlalu_panjang_pesan", panjang=length))
        if reasons:
            errors.append(BarisSalah(row.line, tuple(reasons)))
        elif parsed is not None:
            items.append(item_of(parsed, opds))
    return items, errors


async def current_rakor(uow: UnitOfWork, telegram_id: int | None = None) -> Rakor:
    """The Rakor new directives belong to: the one this admin chose with `/rakor` (until a
    newer Rakor is opened), else the latest; refused while none is open."""
    if telegram_id is None:
        rakor = await repo.latest_rakor(uow.session)
    else:
        rakor = await rakor_service.rakor_for(uow, telegram_id)
    if rakor is None:
        raise InputTidakValid(Teks("rakor.belum_ada"))
    return rakor


async def write_draft(uow: UnitOfWork, env: Env, caller: Caller, request: TulisArahan) -> Pratinjau:
    """`/arahan` with lines: check every line, save the draft of the caller's chat, return
    its preview. Any bad line refuses the lot (:class:`ArahanSalah`): nothing is saved."""
    if len(request.baris) > MAX_ARAHAN:
        raise InputTidakValid(Teks("arahan.terlalu_banyak", maks=MAX_ARAHAN))
    chosen = await rakor_service.rakor_for(uow, caller.telegram_id)
    items, errors = await _check_codes(uow, env, request.baris, chosen)
    if errors:
        raise ArahanSalah(errors)
    rakor = await current_rakor(uow, caller.telegram_id)
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
    return await preview_of(uow, draft)


async def import_draft(
    uow: UnitOfWork, env: Env, caller: Caller, request: TulisArahan
) -> Pratinjau:
    """`/arahan_impor` + CSV/XLSX: the awaited file has arrived; same checks, same preview."""
    await clear_awaited_file(uow, caller)
    return await write_draft(uow, env, caller, request)


async def preview_of(uow: UnitOfWork, draft: Draft) -> Pratinjau:
    """What the preview of a draft shows: each directive, its OPDs, deadline and how many
    members and groups will receive it."""
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
    butir: list[ButirPratinjau] = []
    empty: set[str] = set()
    for item in items:
        ids = item["opd"]
        butir.append(
            ButirPratinjau(
                teks=item["teks"],
                kode_opd=tuple(opds[i].kode for i in ids if i in opds),
                tenggat=date.fromisoformat(item["tenggat"]),
                prioritas=item["prioritas"],
                orang=sum(1 for m in members if m.opd_id in ids),
                grup=sum(1 for i in ids if i in groups) + (1 if rakor_group else 0),
            )
        )
        empty |= {
            opds[i].kode for i in ids if i in opds and not any(m.opd_id == i for m in members)
        }
    return Pratinjau(
        draft_id=draft.id,
        rakor=rakor.judul if rakor else None,
        butir=tuple(butir),
        tanpa_anggota=tuple(sorted(empty)),
    )


async def load_own_draft(uow: UnitOfWork, caller: Caller, draft_id: int) -> Draft:
    """The caller's open draft, locked; refusals say why without showing its content."""
    draft = await uow.session.scalar(select(Draft).where(Draft.id == draft_id).with_for_update())
    if draft is None:
        raise Ditolak(Teks("tombol.tidak_sah"))
    if draft.owner_telegram_id != caller.telegram_id:
        raise Ditolak(Teks("draf.bukan_milik"))
    if draft.state == DraftState.TERBIT:
        raise InputTidakValid(Teks("draf.sudah_terbit"))
    if draft.state == DraftState.BATAL:
        raise InputTidakValid(Teks("draf.sudah_batal"))
    return draft


async def cancel_draft(uow: UnitOfWork, caller: Caller, draft_id: int) -> Draft:
    """**Batal** on a preview (or on the guided picker): the draft is dropped, nothing is sent
    and nothing is awaited from the caller any more."""
    draft = await load_own_draft(uow, caller, draft_id)
    draft.state = DraftState.BATAL
    await clear_awaited_file(uow, caller)
    await audit(uow, caller.telegram_id, "draf_batal", f"draft:{draft.id}")
    return draft

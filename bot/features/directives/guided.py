"""The guided `/arahan`: pick OPDs, deadline, text and priority with buttons, then the preview.

The flow's state lives in the draft row (its step and content) and in the awaited input of
the admin's chat, so a restart in the middle loses nothing the admin already chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from bot.domain.arahan_rows import MAX_TEKS, PRIORITAS
from bot.domain.dates import parse_tanggal
from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.directives.drafts import Pratinjau, load_own_draft, preview_of
from bot.features.directives.message import fits, longest_directive
from bot.features.opd.service import clear_awaited_file
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import AwaitedInput, Draft, Opd
from storage.states import Awaited, DraftState

PAGE_SIZE = 15
MAX_PICK = 20
QUICK_DAYS = (7, 14, 30)
GUIDED_KINDS = (Awaited.PANDUAN_TENGGAT, Awaited.PANDUAN_TEKS)


class Pertanyaan(StrEnum):
    """The question the guided flow asks next (the draft's step of the same name)."""

    TENGGAT = "tenggat"
    TEKS = "teks"
    PRIORITAS = "prioritas"


@dataclass(frozen=True)
class PilihanPanduan:
    """A press in the guided flow: on which draft, which step (`o` toggle an OPD, `h` turn
    the page, `n` go on, `t` a quick deadline, `p` a priority) and its number."""

    draft_id: int
    langkah: str
    nilai: int


@dataclass(frozen=True)
class PemilihOpd:
    """The OPD picker of a guided draft: the page of OPDs shown and those picked so far."""

    draft_id: int
    tampil: tuple[Opd, ...]  # the OPDs on the page shown, by cluster then code
    terpilih: tuple[Opd, ...]  # picked so far, in the order picked (the first leads)
    halaman: int
    jumlah_halaman: int


@dataclass(frozen=True)
class Panduan:
    """Where the guided flow stands after a step: the OPD picker to show (or to update in
    place), the next question, the finished preview, or only an answer to a press that
    changed nothing."""

    draft_id: int
    pemilih: PemilihOpd | None = None
    pertanyaan: Pertanyaan | None = None
    pratinjau: Pratinjau | None = None
    jawaban: Teks | None = None


async def _picker(uow: UnitOfWork, draft: Draft) -> PemilihOpd:
    opds = list(await repo.all_opds(uow.session))
    picked: list[int] = draft.content.get("pick", [])
    pages = max(1, (len(opds) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(int(draft.content.get("page", 0)), pages - 1)
    by_id = {o.id: o for o in opds}
    return PemilihOpd(
        draft_id=draft.id,
        tampil=tuple(opds[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]),
        terpilih=tuple(by_id[i] for i in picked if i in by_id),
        halaman=page,
        jumlah_halaman=pages,
    )


async def start_guided(uow: UnitOfWork, caller: Caller) -> PemilihOpd:
    """`/arahan` without arguments, in the admin's private chat: open a draft and return its
    OPD picker."""
    if not caller.in_private:
        raise InputTidakValid(Teks("hanya_pribadi"))
    rakor = await repo.latest_rakor(uow.session)
    if rakor is None:
        raise InputTidakValid(Teks("rakor.belum_ada"))
    if not await repo.all_opds(uow.session):
        raise InputTidakValid(Teks("opd.kosong"))
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
    return await _picker(uow, draft)


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


async def _ask(uow: UnitOfWork, caller: Caller, draft: Draft, pertanyaan: Pertanyaan) -> None:
    """Move the draft to the step of ``pertanyaan``: a deadline or a text is awaited as the
    caller's next message here; a priority only by its buttons."""
    draft.step = pertanyaan.value
    if pertanyaan is Pertanyaan.TENGGAT:
        await _await(uow, caller, draft, Awaited.PANDUAN_TENGGAT)
    elif pertanyaan is Pertanyaan.TEKS:
        await _await(uow, caller, draft, Awaited.PANDUAN_TEKS)
    else:
        await clear_awaited_file(uow, caller)


async def press_guided(
    uow: UnitOfWork, env: Env, caller: Caller, pilihan: PilihanPanduan
) -> Panduan:
    """A button of the guided flow: toggle an OPD, turn a page, go on, pick deadline/priority.

    A press that does not fit the draft's step changes nothing (its answer says so)."""
    draft = await load_own_draft(uow, caller, pilihan.draft_id)
    step, value = pilihan.langkah, pilihan.nilai
    if step in ("o", "h", "n") and draft.step == "opd":
        return await _opd_step(uow, caller, draft, step, value)
    if step == "t" and draft.step == "tenggat" and value in QUICK_DAYS:
        _set(draft, tenggat=(env.today() + timedelta(days=value)).isoformat())
        await _ask(uow, caller, draft, Pertanyaan.TEKS)
        return Panduan(draft.id, pertanyaan=Pertanyaan.TEKS)
    if step == "p" and draft.step == "prioritas" and 0 <= value < len(PRIORITAS):
        _set(draft, prioritas=PRIORITAS[value])
        return await _finish(uow, draft)
    return Panduan(draft.id, jawaban=Teks("tombol.tidak_sah"))


async def _opd_step(
    uow: UnitOfWork, caller: Caller, draft: Draft, step: str, value: int
) -> Panduan:
    picked: list[int] = list(draft.content.get("pick", []))
    if step == "n":
        if not picked:
            return Panduan(draft.id, jawaban=Teks("panduan.pilih_dulu"))
        pemilih = await _picker(uow, draft)
        await _ask(uow, caller, draft, Pertanyaan.TENGGAT)
        return Panduan(draft.id, pemilih=pemilih, pertanyaan=Pertanyaan.TENGGAT)
    if step == "o":
        if await uow.session.get(Opd, value) is None:
            return Panduan(draft.id, jawaban=Teks("tombol.tidak_sah"))
        picked = [i for i in picked if i != value] if value in picked else [*picked, value]
        _set(draft, pick=picked[:MAX_PICK])
    else:
        _set(draft, page=max(0, value))
    return Panduan(draft.id, pemilih=await _picker(uow, draft))


async def _finish(uow: UnitOfWork, draft: Draft) -> Panduan:
    """Every choice is made: the draft holds its one directive and shows its preview."""
    content = draft.content
    item = {
        "opd": content["pick"],
        "tenggat": content["tenggat"],
        "teks": content["teks"],
        "prioritas": content.get("prioritas", "sedang"),
    }
    _set(draft, items=[item])
    draft.step = "pratinjau"
    return Panduan(draft.id, pratinjau=await preview_of(uow, draft))


async def answer_guided(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> Panduan | None:
    """Text typed while the guided flow waits for a deadline or the directive text; None when
    nothing was awaited from this user here (the text is for others)."""
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
        return None
    draft = await load_own_draft(uow, caller, awaited.ref_id)
    if awaited.kind == Awaited.PANDUAN_TENGGAT:
        deadline = parse_tanggal(text, env.today())
        if deadline < env.today():
            raise InputTidakValid(Teks("arahan.tenggat_lewat", tanggal=env.format_date(deadline)))
        _set(draft, tenggat=deadline.isoformat())
        await _ask(uow, caller, draft, Pertanyaan.TEKS)
        return Panduan(draft.id, pertanyaan=Pertanyaan.TEKS)
    body = " ".join(text.split())
    if not body or len(body) > MAX_TEKS:
        raise InputTidakValid(Teks("arahan.teks_kosong", maks=MAX_TEKS))
    opds = list(
        (
            await uow.session.scalars(select(Opd).where(Opd.id.in_(draft.content.get("pick", []))))
        ).all()
    )
    rakor = await repo.latest_rakor(uow.session)
    # measured on the rendered message: Telegram's limit is on what is sent
    length = longest_directive(env, body, env.today(), "tinggi", rakor, opds)
    if not fits(length):
        raise InputTidakValid(Teks("arahan.terlalu_panjang_pesan", panjang=length))
    _set(draft, teks=body)
    await _ask(uow, caller, draft, Pertanyaan.PRIORITAS)
    return Panduan(draft.id, pertanyaan=Pertanyaan.PRIORITAS)

"""The guided `/arahan`: pick OPDs, deadline, text and priority with buttons, then the preview.

The flow's state lives in the draft row (its step and content) and in the awaited input of
the admin's chat, so a restart in the middle loses nothing the admin already chose.

Made for 40–170 OPDs: the picker shows each OPD's name, pages, and filters by what the admin
types during the OPD step (part of a name or a code); the lead OPD (the first picked) is
labelled. Every step waits for the admin's next message, so a message that does not fit the
step is answered with what the step expects instead of being taken for something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from html import escape
from typing import Any

from sqlalchemy import select

from bot.domain.arahan_rows import MAX_TEKS, PRIORITAS
from bot.domain.dates import TanggalTidakValid, parse_tanggal
from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.directives.drafts import Pratinjau, current_rakor, load_own_draft, preview_of
from bot.features.directives.message import fits, longest_directive
from bot.features.opd.service import clear_awaited_file
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import AwaitedInput, Draft, Opd, Rakor
from storage.states import Awaited, DraftState

PAGE_SIZE = 10
MAX_PICK = 20
MAX_CARI = 40
QUICK_DAYS = (7, 14, 30)
GUIDED_KINDS = (
    Awaited.PANDUAN_OPD,
    Awaited.PANDUAN_TENGGAT,
    Awaited.PANDUAN_TEKS,
    Awaited.PANDUAN_PRIORITAS,
)


class Pertanyaan(StrEnum):
    """The question the guided flow asks next (the draft's step of the same name)."""

    TENGGAT = "tenggat"
    TEKS = "teks"
    PRIORITAS = "prioritas"


@dataclass(frozen=True)
class PilihanPanduan:
    """A press in the guided flow: on which draft, which step (`o` toggle an OPD, `h` turn
    the page, `f` clear the filter, `n` go on, `t` a quick deadline, `p` a priority) and its
    number."""

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
    cari: str = ""  # what the admin typed to filter by ("" = every OPD)
    cocok: int = 0  # how many OPDs the filter leaves (every OPD without one)
    rakor: Rakor | None = None  # the Rakor the directive will belong to


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
    pesan_baru: bool = False  # the picker answers a typed filter: sent anew, not edited


def matches(opd: Opd, cari: str) -> bool:
    """Whether every word of ``cari`` is in the OPD's code or name (any case)."""
    where = f"{opd.kode} {opd.nama}".casefold()
    return all(word in where for word in cari.casefold().split())


async def _picker(uow: UnitOfWork, draft: Draft) -> PemilihOpd:
    opds = list(await repo.all_opds(uow.session))
    cari = str(draft.content.get("cari", ""))
    found = [o for o in opds if matches(o, cari)] if cari else opds
    picked: list[int] = draft.content.get("pick", [])
    pages = max(1, (len(found) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(int(draft.content.get("page", 0)), pages - 1)
    by_id = {o.id: o for o in opds}
    return PemilihOpd(
        draft_id=draft.id,
        tampil=tuple(found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]),
        terpilih=tuple(by_id[i] for i in picked if i in by_id),
        halaman=page,
        jumlah_halaman=pages,
        cari=cari,
        cocok=len(found),
        rakor=await uow.session.get(Rakor, draft.rakor_id),
    )


async def start_guided(uow: UnitOfWork, caller: Caller) -> PemilihOpd:
    """`/arahan` without arguments, in the admin's private chat: open a draft and return its
    OPD picker."""
    if not caller.in_private:
        raise InputTidakValid(Teks("hanya_pribadi"))
    rakor = await current_rakor(uow, caller.telegram_id)
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
    await _await(uow, caller, draft, Awaited.PANDUAN_OPD)
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
        await _await(uow, caller, draft, Awaited.PANDUAN_PRIORITAS)


async def press_guided(
    uow: UnitOfWork, env: Env, caller: Caller, pilihan: PilihanPanduan
) -> Panduan:
    """A button of the guided flow: toggle an OPD, turn a page, go on, pick deadline/priority.

    A press that does not fit the draft's step changes nothing (its answer says so)."""
    draft = await load_own_draft(uow, caller, pilihan.draft_id)
    step, value = pilihan.langkah, pilihan.nilai
    if step in ("o", "h", "f", "n") and draft.step == "opd":
        return await _opd_step(uow, caller, draft, step, value)
    if step == "t" and draft.step == "tenggat" and value in QUICK_DAYS:
        _set(draft, tenggat=(env.today() + timedelta(days=value)).isoformat())
        await _ask(uow, caller, draft, Pertanyaan.TEKS)
        return Panduan(draft.id, pertanyaan=Pertanyaan.TEKS)
    if step == "p" and draft.step == "prioritas" and 0 <= value < len(PRIORITAS):
        _set(draft, prioritas=PRIORITAS[value])
        return await _finish(uow, caller, draft)
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
    elif step == "f":
        _set(draft, cari="", page=0)
    else:
        _set(draft, page=max(0, value))
    return Panduan(draft.id, pemilih=await _picker(uow, draft))


async def _finish(uow: UnitOfWork, caller: Caller, draft: Draft) -> Panduan:
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
    await clear_awaited_file(uow, caller)
    return Panduan(draft.id, pratinjau=await preview_of(uow, draft))


async def answer_guided(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> Panduan | None:
    """Text typed during the guided flow, answered by its step: a filter for the OPD picker,
    a deadline, the directive's text or a priority; a message that does not fit the step is
    refused with what the step expects. None when nothing was awaited from this user here
    (the text is for others)."""
    awaited = await repo.awaited_input(
        uow.session, caller.telegram_id, caller.chat_id, GUIDED_KINDS
    )
    if awaited is None:
        return None
    draft = await load_own_draft(uow, caller, awaited.ref_id)
    if awaited.kind == Awaited.PANDUAN_OPD:
        return await _filter(uow, draft, text)
    if awaited.kind == Awaited.PANDUAN_TENGGAT:
        return await _deadline(uow, env, caller, draft, text)
    if awaited.kind == Awaited.PANDUAN_PRIORITAS:
        return await _typed_priority(uow, env, caller, draft, text)
    return await _text(uow, env, caller, draft, text)


async def _filter(uow: UnitOfWork, draft: Draft, text: str) -> Panduan:
    """The OPD step: what is typed filters the picker (part of a name or a code), shown
    anew; nothing matching changes nothing and says what to type."""
    cari = " ".join(text.split())[:MAX_CARI]
    opds = await repo.all_opds(uow.session)
    if not any(matches(o, cari) for o in opds):
        raise InputTidakValid(Teks("panduan.opd_tidak_cocok", cari=escape(cari)))
    _set(draft, cari=cari, page=0)
    return Panduan(draft.id, pemilih=await _picker(uow, draft), pesan_baru=True)


async def _deadline(uow: UnitOfWork, env: Env, caller: Caller, draft: Draft, text: str) -> Panduan:
    """Step 2: a date as typed (any form the one parser reads), today or later."""
    try:
        deadline = parse_tanggal(text, env.today())
    except TanggalTidakValid as salah:
        raise InputTidakValid(Teks("panduan.salah_tenggat", galat=salah.pesan)) from None
    if deadline < env.today():
        raise InputTidakValid(Teks("panduan.tenggat_lewat", tanggal=env.format_date(deadline)))
    _set(draft, tenggat=deadline.isoformat())
    await _ask(uow, caller, draft, Pertanyaan.TEKS)
    return Panduan(draft.id, pertanyaan=Pertanyaan.TEKS)


async def _typed_priority(
    uow: UnitOfWork, env: Env, caller: Caller, draft: Draft, text: str
) -> Panduan:
    """Step 4 by text: a priority's name (as on its button, or in Indonesian) is as good as
    its button; anything else says what the step expects."""
    word = text.strip().casefold()
    names = {env.texts(f"prioritas.{p}").casefold(): p for p in PRIORITAS}
    names.update({p: p for p in PRIORITAS})
    if word not in names:
        raise InputTidakValid(Teks("panduan.salah_prioritas"))
    _set(draft, prioritas=names[word])
    return await _finish(uow, caller, draft)


async def _text(uow: UnitOfWork, env: Env, caller: Caller, draft: Draft, text: str) -> Panduan:
    """Step 3: the directive's text, which must fit one Telegram message once rendered."""
    body = " ".join(text.split())
    if not body or len(body) > MAX_TEKS:
        raise InputTidakValid(Teks("panduan.salah_teks", maks=MAX_TEKS))
    opds = list(
        (
            await uow.session.scalars(select(Opd).where(Opd.id.in_(draft.content.get("pick", []))))
        ).all()
    )
    rakor = await uow.session.get(Rakor, draft.rakor_id)
    # measured on the rendered message: Telegram's limit is on what is sent
    length = longest_directive(env, body, env.today(), "tinggi", rakor, opds)
    if not fits(length):
        raise InputTidakValid(
            Teks(
                "panduan.salah_teks_panjang",
                alasan=Teks("arahan.terlalu_panjang_pesan", panjang=length),
            )
        )
    _set(draft, teks=body)
    await _ask(uow, caller, draft, Pertanyaan.PRIORITAS)
    return Panduan(draft.id, pertanyaan=Pertanyaan.PRIORITAS)

"""`/arahan_ubah NOMOR`: the admin changes a published directive step by step — what to
change (text, priority, add or remove a supporting OPD, change the lead), the new value, the
reason (required), a preview of before → after, then **Simpan** or **Batal**.

The session lives in a draft row of its own state (`ubah`: its step and choices in its
content) and in the awaited input of the admin's chat, like the guided `/arahan`, so a restart
in the middle loses nothing. Saving keeps the versions in `arahan_versi` (the first save also
the original as versi 1), changes the directive and its penugasan (a removed OPD's penugasan
becomes `dicabut`: it counts no more, its reports stay) and says who is told what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from html import escape
from typing import Any

from sqlalchemy import func, select

from bot.domain.arahan_rows import MAX_TEKS, PRIORITAS
from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status
from bot.env import Env
from bot.features.arahan_ubah import tombol
from bot.features.arahan_ubah.tombol import PesanBertombol
from bot.features.directives.admin import MAX_REASON
from bot.features.directives.guided import MAX_CARI, MAX_PICK, PAGE_SIZE, matches
from bot.features.directives.message import fits, longest_directive
from bot.features.directives.publishing import ArahanTerbit
from bot.features.opd.service import clear_awaited_file
from bot.features.reporting import state
from bot.features.reporting.lookup import parse_nomor
from bot.messaging import audience
from bot.messaging.audience import Recipient
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import (
    Arahan,
    ArahanVersi,
    AwaitedInput,
    Draft,
    Opd,
    Penugasan,
    Rakor,
)
from storage.states import ArahanState, Awaited, DraftState

UBAH_KINDS = (Awaited.UBAH_TEKS, Awaited.UBAH_ALASAN, Awaited.UBAH_CARI)
LEAD = "penanggung_jawab"
SUPPORT = "pendukung"


class Jenis(StrEnum):
    """What one change changes (its index is the button's number)."""

    TEKS = "teks"
    PRIORITAS = "prioritas"
    TAMBAH = "tambah"  # add a supporting OPD
    HAPUS = "hapus"  # remove a supporting OPD
    PJ = "pj"  # another OPD leads


JENIS = tuple(Jenis)
OPD_STEPS = (Jenis.TAMBAH, Jenis.HAPUS, Jenis.PJ)


class Langkah(StrEnum):
    """The session's step (the draft's `step`)."""

    JENIS = "ubah_jenis"
    NILAI = "ubah_nilai"
    ALASAN = "ubah_alasan"
    PRATINJAU = "ubah_pratinjau"


@dataclass(frozen=True)
class UbahArahan:
    """`/arahan_ubah NOMOR`: the number as typed."""

    nomor: str


@dataclass(frozen=True)
class PilihanUbah:
    """A press in the session: on which draft, which step (`j` what to change, `p` a
    priority, `o` an OPD, `h` a page, `s` Simpan, `b` Batal) and its number."""

    draft_id: int
    langkah: str
    nilai: int


@dataclass(frozen=True)
class Susunan:
    """A directive's content at one version: text, priority and OPDs (lead first)."""

    teks: str
    prioritas: str
    opds: tuple[Opd, ...]


@dataclass(frozen=True)
class PemilihUbah:
    """The OPDs to choose from for an OPD change: the page shown, and the typed filter."""

    jenis: Jenis
    tampil: tuple[Opd, ...]
    pj: Opd | None  # the current lead (named above the list)
    halaman: int
    jumlah_halaman: int
    cari: str | None
    jumlah: int  # how many OPDs match (all pages)


@dataclass(frozen=True)
class Pratinjau:
    """Before → after, and why: what **Simpan** will do."""

    jenis: Jenis
    sebelum: Susunan
    sesudah: Susunan
    alasan: str


@dataclass(frozen=True)
class Perubahan:
    """A saved change: the new version, and who is told what (kept OPDs get the change,
    a removed OPD that it is no longer assigned, an added OPD the directive with its buttons,
    the Rakor group a short notice); the messages whose report buttons go."""

    arahan: Arahan
    rakor: Rakor | None
    versi: int
    jenis: Jenis
    sebelum: Susunan
    sesudah: Susunan
    alasan: str
    tetap: list[Recipient]
    dicabut: list[Recipient]
    baru: ArahanTerbit | None
    rakor_grup: Recipient | None
    tombol_usang: list[PesanBertombol] = field(default_factory=list)

    @property
    def jumlah_pesan(self) -> int:
        """How many messages announce the change."""
        added = self.baru.pribadi + len(self.baru.khalayak.groups) if self.baru else 0
        return len(self.tetap) + len(self.dicabut) + added + (1 if self.rakor_grup else 0)


@dataclass(frozen=True)
class Sesi:
    """Where the session stands after a step: the menu, the priority buttons, the OPD
    picker, a question (`teks` or `alasan`), the preview, the saved change, the end after
    Batal, or only an answer to a press that changed nothing. ``pilihan`` names what was
    chosen so far (for the message the press was on)."""

    draft_id: int
    nomor: int
    menu: Susunan | None = None
    prioritas: str | None = None
    pemilih: PemilihUbah | None = None
    tanya: Jenis | None = None
    alasan_diminta: bool = False
    pratinjau: Pratinjau | None = None
    tersimpan: Perubahan | None = None
    dibatalkan: bool = False
    jawaban: Teks | None = None
    jenis: Jenis | None = None
    pilihan: str = ""


async def _find(uow: UnitOfWork, nomor_text: str) -> Arahan:
    """A published directive that is not cancelled, by its number as typed."""
    nomor = parse_nomor(nomor_text)
    arahan = None
    if nomor is not None:
        arahan = (await uow.session.scalars(select(Arahan).where(Arahan.nomor == nomor))).first()
    if arahan is None:
        raise InputTidakValid(Teks("arahan.nomor_tidak_ada", nomor=escape(nomor_text[:20])))
    if arahan.status == ArahanState.DIBATALKAN:
        raise InputTidakValid(
            Teks("penugasan.ditutup", nomor=arahan.nomor, status=Teks("status.dibatalkan"))
        )
    if arahan.status != ArahanState.TERBIT:
        raise InputTidakValid(Teks("arahan.nomor_tidak_ada", nomor=escape(nomor_text[:20])))
    return arahan


async def _assigned(uow: UnitOfWork, arahan: Arahan) -> list[tuple[Penugasan, Opd]]:
    """The directive's penugasan still assigned, lead first."""
    rows = await uow.session.execute(
        select(Penugasan, Opd)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .where(Penugasan.arahan_id == arahan.id, Penugasan.status != Status.DICABUT.value)
        .order_by(Penugasan.urutan, Penugasan.id)
    )
    return [(t, o) for t, o in rows.all()]


async def _susunan(uow: UnitOfWork, arahan: Arahan) -> Susunan:
    tugas = await _assigned(uow, arahan)
    lead = [o for t, o in tugas if t.kedudukan == LEAD]
    rest = [o for t, o in tugas if t.kedudukan != LEAD]
    return Susunan(arahan.teks, arahan.prioritas, tuple(lead + rest))


def _set(draft: Draft, **changes: Any) -> None:
    """Replace the JSON content so the change is saved."""
    draft.content = {**draft.content, **changes}


async def _await(uow: UnitOfWork, caller: Caller, draft: Draft, kind: Awaited | None) -> None:
    await clear_awaited_file(uow, caller)
    if kind is not None:
        uow.session.add(
            AwaitedInput(
                telegram_id=caller.telegram_id,
                chat_id=caller.chat_id,
                kind=kind,
                ref_id=draft.id,
                created_at=uow.now,
            )
        )


async def start(uow: UnitOfWork, caller: Caller, request: UbahArahan) -> Sesi:
    """`/arahan_ubah NOMOR` in the admin's private chat: open the session, show the menu."""
    if not request.nomor.strip():
        raise InputTidakValid(Teks("ubah.format"))
    if not caller.in_private:
        raise InputTidakValid(Teks("hanya_pribadi"))
    arahan = await _find(uow, request.nomor)
    rakor_id = arahan.rakor_id
    if rakor_id is None:
        latest = await repo.latest_rakor(uow.session)
        if latest is None:
            raise InputTidakValid(Teks("rakor.belum_ada"))
        rakor_id = latest.id
    await clear_awaited_file(uow, caller)
    draft = Draft(
        owner_telegram_id=caller.telegram_id,
        chat_id=caller.chat_id,
        rakor_id=rakor_id,
        state=DraftState.UBAH,
        step=Langkah.JENIS,
        content={"ubah": arahan.id, "page": 0},
        created_at=uow.now,
    )
    uow.session.add(draft)
    await uow.session.flush()
    await audit(uow, caller.telegram_id, "ubah_mulai", f"draft:{draft.id}", nomor=arahan.nomor)
    return Sesi(draft.id, arahan.nomor or 0, menu=await _susunan(uow, arahan))


async def _own(uow: UnitOfWork, caller: Caller, draft_id: int) -> tuple[Draft, Arahan]:
    """The caller's open change session and its directive (locked); refusals show nothing."""
    draft = await uow.session.scalar(select(Draft).where(Draft.id == draft_id).with_for_update())
    if draft is None or "ubah" not in draft.content:
        raise Ditolak(Teks("tombol.tidak_sah"))
    if draft.owner_telegram_id != caller.telegram_id:
        raise Ditolak(Teks("draf.bukan_milik"))
    if draft.state != DraftState.UBAH:
        raise InputTidakValid(Teks("ubah.sudah_selesai"))
    arahan = await uow.session.get(Arahan, int(draft.content["ubah"]), with_for_update=True)
    assert arahan is not None
    if arahan.status != ArahanState.TERBIT:
        raise InputTidakValid(
            Teks("penugasan.ditutup", nomor=arahan.nomor, status=Teks("status.dibatalkan"))
        )
    return draft, arahan


async def _candidates(uow: UnitOfWork, arahan: Arahan, jenis: Jenis) -> list[Opd]:
    """The OPDs an OPD change may pick: not yet assigned (add), supporting (remove), any but
    the lead, supporting ones first (lead)."""
    tugas = await _assigned(uow, arahan)
    assigned = {o.id for _, o in tugas}
    supporting = [o for t, o in tugas if t.kedudukan != LEAD]
    if jenis is Jenis.HAPUS:
        return supporting
    others = [o for o in await repo.all_opds(uow.session) if o.id not in assigned]
    if jenis is Jenis.TAMBAH:
        return others
    return supporting + others


async def _picker(uow: UnitOfWork, draft: Draft, arahan: Arahan, jenis: Jenis) -> PemilihUbah:
    cari = draft.content.get("cari")
    # the guided /arahan's reading of a typed filter: every word in the code or the name
    found = [o for o in await _candidates(uow, arahan, jenis) if not cari or matches(o, cari)]
    pages = max(1, (len(found) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(0, int(draft.content.get("page", 0))), pages - 1)
    lead = [o for t, o in await _assigned(uow, arahan) if t.kedudukan == LEAD]
    return PemilihUbah(
        jenis=jenis,
        tampil=tuple(found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]),
        pj=lead[0] if lead else None,
        halaman=page,
        jumlah_halaman=pages,
        cari=cari,
        jumlah=len(found),
    )


async def _ask_reason(
    uow: UnitOfWork, caller: Caller, draft: Draft, arahan: Arahan, pilihan: str
) -> Sesi:
    draft.step = Langkah.ALASAN
    await _await(uow, caller, draft, Awaited.UBAH_ALASAN)
    jenis = Jenis(draft.content["jenis"])
    return Sesi(draft.id, arahan.nomor or 0, alasan_diminta=True, jenis=jenis, pilihan=pilihan)


async def press(uow: UnitOfWork, env: Env, caller: Caller, pilihan: PilihanUbah) -> Sesi:
    """A button of the session. A press that does not fit the step changes nothing (its
    answer says so)."""
    draft, arahan = await _own(uow, caller, pilihan.draft_id)
    step, value = pilihan.langkah, pilihan.nilai
    nomor = arahan.nomor or 0
    if step == "b":
        draft.state = DraftState.BATAL
        draft.step = None
        await _await(uow, caller, draft, None)
        await audit(uow, caller.telegram_id, "ubah_batal", f"draft:{draft.id}")
        return Sesi(draft.id, nomor, dibatalkan=True)
    if step == "j" and draft.step == Langkah.JENIS and 0 <= value < len(JENIS):
        return await _choose(uow, caller, draft, arahan, JENIS[value])
    jenis = Jenis(draft.content["jenis"]) if "jenis" in draft.content else None
    if draft.step == Langkah.NILAI and jenis is Jenis.PRIORITAS and step == "p":
        if not 0 <= value < len(PRIORITAS):
            return Sesi(draft.id, nomor, jawaban=Teks("tombol.tidak_sah"))
        if PRIORITAS[value] == arahan.prioritas:
            return Sesi(draft.id, nomor, jawaban=Teks("ubah.sama"))
        _set(draft, nilai=PRIORITAS[value])
        return await _ask_reason(uow, caller, draft, arahan, PRIORITAS[value])
    if draft.step == Langkah.NILAI and jenis in OPD_STEPS and step in ("o", "h"):
        assert jenis is not None
        if step == "h":
            _set(draft, page=max(0, value))
            return Sesi(draft.id, nomor, pemilih=await _picker(uow, draft, arahan, jenis))
        chosen = {o.id: o for o in await _candidates(uow, arahan, jenis)}.get(value)
        if chosen is None:
            return Sesi(draft.id, nomor, jawaban=Teks("tombol.tidak_sah"))
        _set(draft, nilai=chosen.id)
        return await _ask_reason(uow, caller, draft, arahan, chosen.kode)
    if step == "s" and draft.step == Langkah.PRATINJAU:
        return Sesi(draft.id, nomor, tersimpan=await _save(uow, env, caller, draft, arahan))
    return Sesi(draft.id, nomor, jawaban=Teks("tombol.tidak_sah"))


async def _choose(
    uow: UnitOfWork, caller: Caller, draft: Draft, arahan: Arahan, jenis: Jenis
) -> Sesi:
    nomor = arahan.nomor or 0
    tugas = await _assigned(uow, arahan)
    if jenis is Jenis.HAPUS and not any(t.kedudukan != LEAD for t, _ in tugas):
        return Sesi(draft.id, nomor, jawaban=Teks("ubah.tanpa_pendukung"))
    if jenis is Jenis.TAMBAH and len(tugas) >= MAX_PICK:
        return Sesi(draft.id, nomor, jawaban=Teks("ubah.opd_penuh", maks=MAX_PICK))
    _set(draft, jenis=jenis.value, page=0, cari=None)
    draft.step = Langkah.NILAI
    if jenis is Jenis.TEKS:
        await _await(uow, caller, draft, Awaited.UBAH_TEKS)
        return Sesi(draft.id, nomor, tanya=Jenis.TEKS, jenis=jenis)
    if jenis is Jenis.PRIORITAS:
        await _await(uow, caller, draft, None)
        return Sesi(draft.id, nomor, prioritas=arahan.prioritas)
    # a typed part of a name narrows the picker
    await _await(uow, caller, draft, Awaited.UBAH_CARI if jenis is not Jenis.HAPUS else None)
    return Sesi(draft.id, nomor, pemilih=await _picker(uow, draft, arahan, jenis))


async def answer(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> Sesi | None:
    """Text typed while the session waits for the new text, the reason or a part of an OPD's
    name; None when nothing of this session was awaited from this user here."""
    awaited = await repo.awaited_input(uow.session, caller.telegram_id, caller.chat_id, UBAH_KINDS)
    if awaited is None:
        return None
    draft, arahan = await _own(uow, caller, awaited.ref_id)
    nomor = arahan.nomor or 0
    body = " ".join(text.split())
    if awaited.kind == Awaited.UBAH_CARI:
        jenis = Jenis(draft.content["jenis"])
        _set(draft, cari=body[:MAX_CARI] or None, page=0)
        return Sesi(draft.id, nomor, pemilih=await _picker(uow, draft, arahan, jenis))
    if awaited.kind == Awaited.UBAH_TEKS:
        if not body or len(body) > MAX_TEKS:
            raise InputTidakValid(Teks("arahan.teks_kosong", maks=MAX_TEKS))
        if body == arahan.teks:
            raise InputTidakValid(Teks("ubah.sama"))
        now = await _susunan(uow, arahan)
        rakor = await uow.session.get(Rakor, arahan.rakor_id) if arahan.rakor_id else None
        length = longest_directive(env, body, arahan.tenggat, "tinggi", rakor, now.opds)
        if not fits(length):
            raise InputTidakValid(Teks("arahan.terlalu_panjang_pesan", panjang=length))
        _set(draft, nilai=body)
        return await _ask_reason(uow, caller, draft, arahan, body)
    if not body or len(body) > MAX_REASON:
        raise InputTidakValid(Teks("ubah.perlu_alasan", maks=MAX_REASON))
    _set(draft, alasan=body)
    draft.step = Langkah.PRATINJAU
    await _await(uow, caller, draft, None)
    return Sesi(draft.id, nomor, pratinjau=await _preview(uow, draft, arahan))


async def _preview(uow: UnitOfWork, draft: Draft, arahan: Arahan) -> Pratinjau:
    jenis = Jenis(draft.content["jenis"])
    sebelum = await _susunan(uow, arahan)
    return Pratinjau(
        jenis, sebelum, await _after(uow, draft, sebelum), str(draft.content.get("alasan", ""))
    )


async def _after(uow: UnitOfWork, draft: Draft, sebelum: Susunan) -> Susunan:
    """The directive as the session's choice leaves it."""
    jenis = Jenis(draft.content["jenis"])
    nilai = draft.content.get("nilai")
    if jenis is Jenis.TEKS:
        return Susunan(str(nilai), sebelum.prioritas, sebelum.opds)
    if jenis is Jenis.PRIORITAS:
        return Susunan(sebelum.teks, str(nilai), sebelum.opds)
    opd = await uow.session.get(Opd, int(str(nilai)))
    assert opd is not None
    kept = [o for o in sebelum.opds if o.id != opd.id]
    if jenis is Jenis.TAMBAH:
        opds = [*sebelum.opds, opd]
    elif jenis is Jenis.HAPUS:
        opds = kept
    else:  # the chosen OPD leads; the former lead supports
        opds = [opd, *kept]
    return Susunan(sebelum.teks, sebelum.prioritas, tuple(opds))


async def _versions(uow: UnitOfWork, arahan: Arahan) -> int:
    """The newest version number kept (0: none yet)."""
    found = await uow.session.scalar(
        select(func.max(ArahanVersi.versi)).where(ArahanVersi.arahan_id == arahan.id)
    )
    return int(found or 0)


def _version(
    arahan: Arahan, versi: int, susunan: Susunan, alasan: str | None, by: int, at: Any
) -> ArahanVersi:
    return ArahanVersi(
        arahan_id=arahan.id,
        versi=versi,
        teks=susunan.teks,
        prioritas=susunan.prioritas,
        tenggat=arahan.tenggat,
        opd={"opd": [o.id for o in susunan.opds]},
        alasan=alasan,
        changed_by=by,
        changed_at=at,
    )


async def _save(
    uow: UnitOfWork, env: Env, caller: Caller, draft: Draft, arahan: Arahan
) -> Perubahan:
    """**Simpan**: keep the versions, change the directive and its penugasan, say who is
    told what."""
    jenis = Jenis(draft.content["jenis"])
    if jenis in OPD_STEPS:
        # the directive may have changed since the OPD was chosen (another admin's change)
        still = {o.id for o in await _candidates(uow, arahan, jenis)}
        if int(draft.content["nilai"]) not in still:
            raise InputTidakValid(Teks("tombol.tidak_sah"))
    pratinjau = await _preview(uow, draft, arahan)
    sebelum, sesudah = pratinjau.sebelum, pratinjau.sesudah
    latest = await _versions(uow, arahan)
    if latest == 0:
        original_at = arahan.published_at or arahan.created_at
        uow.session.add(_version(arahan, 1, sebelum, None, arahan.created_by, original_at))
        latest = 1
    versi = latest + 1
    uow.session.add(_version(arahan, versi, sesudah, pratinjau.alasan, caller.telegram_id, uow.now))
    arahan.teks = sesudah.teks
    arahan.prioritas = sesudah.prioritas
    all_tugas = {
        t.opd_id: t
        for t in (
            await uow.session.scalars(select(Penugasan).where(Penugasan.arahan_id == arahan.id))
        ).all()
    }
    before_ids = [o.id for o in sebelum.opds]
    after_ids = [o.id for o in sesudah.opds]
    removed = [all_tugas[i] for i in before_ids if i not in after_ids]
    today = env.today()
    # told before their penugasan is withdrawn (a withdrawn one has no audience any more)
    gone = await audience.of_directive(uow, arahan, removed, hari=today) if removed else None
    added: list[Penugasan] = []
    for order, opd_id in enumerate(after_ids):
        tugas = all_tugas.get(opd_id)
        if tugas is None:
            tugas = Penugasan(
                arahan_id=arahan.id,
                opd_id=opd_id,
                urutan=order,
                kedudukan=LEAD if order == 0 else SUPPORT,
                status=Status.BARU.value,
                progress=0,
                updated_at=uow.now,
            )
            uow.session.add(tugas)
            added.append(tugas)
        elif opd_id not in before_ids:  # withdrawn earlier, assigned again: starts anew
            state.apply(tugas, uow.now, status=Status.BARU, progress=0, pending=None)
            added.append(tugas)
        tugas.urutan = order
        tugas.kedudukan = LEAD if order == 0 else SUPPORT
    for order, tugas in enumerate(removed, start=len(after_ids)):
        state.apply(tugas, uow.now, status=Status.DICABUT, progress=tugas.progress, pending=None)
        tugas.urutan = order
    await uow.session.flush()
    added_ids = {t.id for t in added}
    kept = [t for t in all_tugas.values() if t.opd_id in after_ids and t.id not in added_ids]
    kept.sort(key=lambda t: t.urutan)
    draft.state = DraftState.TERBIT
    draft.step = None
    await audit(
        uow,
        caller.telegram_id,
        "ubah",
        f"arahan:{arahan.id}",
        versi=versi,
        jenis=pratinjau.jenis.value,
        alasan=pratinjau.alasan,
        dari=_summary(pratinjau.jenis, sebelum),
        ke=_summary(pratinjau.jenis, sesudah),
    )
    khalayak = await audience.of_directive(uow, arahan, kept, hari=today)
    baru = None
    if added:
        fresh = await audience.of_directive(uow, arahan, added, hari=today)
        members = await repo.active_members_of(uow.session, [t.opd_id for t in added])
        baru = ArahanTerbit(
            arahan=arahan,
            opds=sesudah.opds,
            khalayak=audience.Khalayak(fresh.members, fresh.groups, None),
            kepala=tuple(m for m in members if m.peran == "kepala_opd"),
        )
    stale: list[PesanBertombol] = []
    for tugas in removed:
        stale += await tombol.with_report_buttons(uow, arahan.id, tugas.id)
    if removed and await tombol.closed(uow, arahan.id):
        stale = await tombol.with_report_buttons(uow, arahan.id)
    return Perubahan(
        arahan=arahan,
        rakor=await uow.session.get(Rakor, arahan.rakor_id) if arahan.rakor_id else None,
        versi=versi,
        jenis=pratinjau.jenis,
        sebelum=sebelum,
        sesudah=sesudah,
        alasan=pratinjau.alasan,
        tetap=[*khalayak.members, *khalayak.groups],
        dicabut=[*gone.members, *gone.groups] if gone else [],
        baru=baru,
        rakor_grup=khalayak.rakor,
        tombol_usang=stale,
    )


def _summary(jenis: Jenis, susunan: Susunan) -> str:
    """What the audit keeps of one side of a change (shown in `/arahan_info`)."""
    if jenis is Jenis.TEKS:
        return susunan.teks if len(susunan.teks) <= 200 else susunan.teks[:199] + "…"
    if jenis is Jenis.PRIORITAS:
        return susunan.prioritas
    return ", ".join(o.kode for o in susunan.opds)

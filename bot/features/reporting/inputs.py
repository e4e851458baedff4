"""The ways a report arrives: a reply to the bot's message, the answer to a Progres / Kendala /
Selesai prompt, `/lapor NOMOR teks`, a photo after Selesai, an edited message."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.reply_parser import Bacaan, baca
from bot.env import Env
from bot.features.people.access import Actor, load_actor
from bot.features.reporting import lookup as find
from bot.features.reporting.service import (
    TAKE_BACK,
    BuktiMasuk,
    Dicatat,
    attach,
    record,
)
from bot.features.reporting.worklist import open_work
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, AwaitedInput, Bukti, Laporan, MessageLink, Penugasan
from storage.states import Sumber

INTENTS = {"p": Status.DALAM_PROSES, "k": Status.TERKENDALA, "s": Status.SELESAI}
_PROMPTS = frozenset(f"lapor_{k}" for k in INTENTS)
PROMPT_LIFE = timedelta(minutes=30)
LIST_LINES = 20  # numbered lines of one list reply taken as reports


@dataclass(frozen=True)
class Pesan:
    """A message from an official: its text (or caption), what it replies to, its evidence."""

    text: str
    reply_to_bot: int | None = None
    bukti: BuktiMasuk | None = None


@dataclass(frozen=True)
class Dilaporkan:
    """The message reported on one or more penugasan (a list reply: one per numbered item),
    each kept and to be answered with a receipt. ``tanpa_nomor``: lines of a list reply that
    said something about work but name no directive on the list: not recorded, the bot asks
    which directive they are about (a reply to that question, ``opd_id``'s list, is a
    report)."""

    dicatat: list[Dicatat]
    tanpa_nomor: tuple[str, ...] = ()
    opd_id: int | None = None


@dataclass(frozen=True)
class LaporNomor:
    """`/lapor NOMOR teks`: the directive number as read (None if it is not one) and the
    report's text."""

    nomor: int | None
    teks: str


@dataclass(frozen=True)
class PesanDiubah:
    """An official edited their message ``message_id`` (in the caller's chat) to ``teks``."""

    message_id: int
    teks: str


@dataclass(frozen=True)
class BuktiTambahan:
    """A photo or document kept as evidence of the sender's recent report: ``jumlah`` files
    now, on the penugasan and directive it is about."""

    laporan: Laporan
    jumlah: int
    tugas: Penugasan | None
    arahan: Arahan | None


def _reporter(actor: Actor | None) -> Actor:
    """The actor, if they report for an OPD; a refusal otherwise."""
    if actor is None or not actor.opd_ids:
        raise Ditolak(Teks("penugasan.bukan_opd_anda"))
    return actor


class _Cari(enum.Enum):
    CARI = enum.auto()


CARI = _Cari.CARI
"""``report_message`` looks up itself what the bot waits for from the caller."""


async def awaited_here(uow: UnitOfWork, caller: Caller) -> AwaitedInput | None:
    """What the bot waits for from this person in this chat (one thing at most)."""
    return (
        await uow.session.scalars(
            select(AwaitedInput).where(
                AwaitedInput.telegram_id == caller.telegram_id,
                AwaitedInput.chat_id == caller.chat_id,
            )
        )
    ).first()


async def report_message(
    uow: UnitOfWork,
    env: Env,
    caller: Caller,
    pesan: Pesan,
    *,
    waiting: AwaitedInput | None | _Cari = CARI,
) -> Dilaporkan | None:
    """A reply to a bot message about a directive, or the answer to a prompt: a report (a
    reply to a work list: one per numbered line).

    None when the message is about no directive (left for the caller to answer). A prompt
    (after Progres / Kendala / Selesai) is answered once, within PROMPT_LIFE; a reply to
    another message means the official moved on and the prompt is dropped. ``waiting`` is
    what the bot waits for from this person here, when the router has looked it up."""
    if waiting is CARI:
        waiting = await awaited_here(uow, caller)
    awaited = await _live_prompt(uow, waiting)
    target: tuple[Penugasan, Arahan] | None = None
    actor: Actor | None = None
    loaded = False
    if pesan.reply_to_bot is not None:
        actor = await load_actor(uow, env, caller.telegram_id)
        loaded = True
        link = await uow.session.get(MessageLink, (caller.chat_id, pesan.reply_to_bot))
        if link is not None and actor is None:
            raise Ditolak(Teks("penugasan.bukan_opd_anda"))
        if link is not None and link.arahan_id is None and link.opd_id is not None:
            assert actor is not None
            if awaited is not None:
                await uow.session.delete(awaited)
            return await _list_reply(uow, env, caller, actor, link.opd_id, pesan)
        if actor is not None:
            target = await find.by_message(uow, actor, caller.chat_id, pesan.reply_to_bot)
    if target is None and awaited is None:
        return None
    actor = _reporter(actor if loaded else await load_actor(uow, env, caller.telegram_id))
    if target is None and awaited is not None:
        target = await find.by_id(uow, actor, awaited.ref_id)
    assert target is not None
    tugas, arahan = target
    intent = None
    if awaited is not None:
        if awaited.ref_id == tugas.id:
            intent = INTENTS[awaited.kind.removeprefix("lapor_")]
        await uow.session.delete(awaited)
    try:
        find.ensure_open(tugas, arahan)
    except InputTidakValid as exc:
        exc.keep_changes = True  # the prompt is dropped even though the report is refused
        raise
    source = Sumber.TOMBOL if intent else Sumber.BALASAN
    bacaan = _reading(pesan, intent)
    return Dilaporkan(
        [
            await record(
                uow, caller, actor, tugas, arahan, bacaan, source, intent=intent, bukti=pesan.bukti
            )
        ]
    )


# the answer to the Progres prompt may be the figure alone: `40`, `40%`, `40 persen`
_ANGKA_SAJA = re.compile(r"^\s*(\d{1,6})(?:[.,]\d+)?\s*(?:%|persen|prosen)?\s*\.?\s*$", re.I)


def _reading(pesan: Pesan, intent: Status | None) -> Bacaan:
    """The reading of a report; after **Progres** a figure alone is the percentage (over 100
    it cannot be one: the report is refused); after **Kendala** the text is the kendala."""
    bacaan = baca(pesan.text)
    figure = _ANGKA_SAJA.match(pesan.text) if intent is Status.DALAM_PROSES else None
    if figure is not None and bacaan.progress is None and bacaan.persen_tidak_sah is None:
        value = int(figure.group(1))
        if value > 100:
            return replace(bacaan, persen_tidak_sah=" ".join(pesan.text.split()))
        return replace(bacaan, progress=value)
    if intent is Status.TERKENDALA and not bacaan.kendala:
        return Bacaan(
            Status.TERKENDALA, bacaan.progress, bacaan.catatan, bacaan.catatan or None, False
        )
    return bacaan


async def _live_prompt(uow: UnitOfWork, awaited: AwaitedInput | None) -> AwaitedInput | None:
    """``awaited`` if it is an unanswered Progres / Kendala / Selesai prompt still fresh (a
    stale one is deleted with the unit of work)."""
    if awaited is None or awaited.kind not in _PROMPTS:
        return None
    if uow.now - awaited.created_at > PROMPT_LIFE:
        await uow.session.delete(awaited)
        return None
    return awaited


_NUMBERED = re.compile(r"^\s*(?:no\.?\s*)?(\d{1,9})\s*[.:)\-]?\s+(\S.*)$", re.IGNORECASE)
# what follows a count or a percentage, never a directive number: `60 persen`, `5 desa`
_NOT_A_NUMBER = re.compile(
    r"^(%|persen|prosen|pct|hari|minggu|pekan|bulan|tahun|jam|orang|org|jiwa|kk|unit|buah|"
    r"desa|nagari|kelurahan|kecamatan|sekolah|puskesmas|titik|lokasi|paket|kegiatan|rumah|"
    r"km|meter|m|ha|hektar|ton|kg|liter|juta|jt|miliar|m|rb|ribu|rupiah|rp|dari|x|kali)\b",
    re.IGNORECASE,
)


def numbered_lines(text: str, known: set[int]) -> list[tuple[int, str]]:
    """The items of a list reply: each starts at a line with one of the ``known`` directive
    numbers (`12 selesai`); the lines under it without a number belong to it (a continuation,
    kept as part of its note). `60 persen` or `1 minggu lagi` are not numbered lines."""
    return _items(text, known)[0]


def _items(text: str, known: set[int]) -> tuple[list[tuple[int, str]], list[str]]:
    """The numbered items (continuation lines joined under their item) and the lines that
    belong to none: before the first item, or starting with a number not on the list (`7
    selesai` under item 12 is not part of 12's note)."""
    items: list[tuple[int, list[str]]] = []
    unplaced: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _NUMBERED.match(line)
        numbered = match is not None and not _NOT_A_NUMBER.match(match.group(2))
        if match and numbered and int(match.group(1)) in known:
            items.append((int(match.group(1)), [match.group(2)]))
        elif items and not numbered:
            items[-1][1].append(line.strip())
        else:
            unplaced.append(line.strip())
    return [(nomor, "\n".join(lines)) for nomor, lines in items], unplaced


def _says_something(line: str) -> bool:
    """Whether a line says something about work (a status, a percentage, a kendala, or that
    it may be done), not only a greeting or a heading."""
    bacaan = baca(line)
    return (
        bacaan.status is not None
        or bacaan.progress is not None
        or bacaan.tidak_dapat
        or bacaan.ragu_selesai
        or bacaan.persen_tidak_sah is not None
    )


async def _list_reply(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, opd_id: int, pesan: Pesan
) -> Dilaporkan:
    """A reply to a list of penugasan (weekly push, reminder): each item starts with the
    directive number (`12 selesai`); with one item on the list the number may be left out.

    Nothing is dropped silently: a line without a number under an item is part of that
    item's note; lines before the first item, or naming a number not on the list, that say
    something about work are not guessed at: the bot asks which directive they are about."""
    if not actor.may_act_for_opd(opd_id):
        raise Ditolak(Teks("penugasan.bukan_opd_anda"))
    work = await open_work(uow, env, opd_id, waiting=False)
    by_nomor = {arahan.nomor: (tugas, arahan) for tugas, arahan in work if arahan.nomor}
    numbered, unplaced = _items(pesan.text, set(by_nomor))
    first = _NUMBERED.match(pesan.text.strip().splitlines()[0] if pesan.text.strip() else "")
    if not numbered and first is not None and not _NOT_A_NUMBER.match(first.group(2)):
        # a directive number not on the list: another OPD's, unknown, closed or waiting
        tugas, arahan = await find.by_nomor(uow, actor, int(first.group(1)))
        rest = "\n".join([first.group(2), *pesan.text.strip().splitlines()[1:]])
        bacaan = baca(rest)
        return Dilaporkan(
            [
                await record(
                    uow, caller, actor, tugas, arahan, bacaan, Sumber.BALASAN, bukti=pesan.bukti
                )
            ]
        )
    if not numbered:
        if len(work) != 1 or not pesan.text.strip() and pesan.bukti is None:
            raise InputTidakValid(Teks("lapor.sebut_nomor"))
        tugas, arahan = work[0]  # one item on the list: no number needed
        await uow.session.refresh(tugas, with_for_update=True)
        bacaan = baca(pesan.text)
        return Dilaporkan(
            [
                await record(
                    uow, caller, actor, tugas, arahan, bacaan, Sumber.BALASAN, bukti=pesan.bukti
                )
            ]
        )
    dicatat = []
    for nomor, text in numbered[:LIST_LINES]:
        tugas, arahan = by_nomor[nomor]
        await uow.session.refresh(tugas, with_for_update=True)
        dicatat.append(
            await record(
                uow,
                caller,
                actor,
                tugas,
                arahan,
                baca(text),
                Sumber.BALASAN,
                bukti=pesan.bukti if len(numbered) == 1 else None,
            )
        )
    unsure = tuple(line for line in unplaced if _says_something(line))
    return Dilaporkan(dicatat, unsure, opd_id)


async def lapor(uow: UnitOfWork, caller: Caller, actor: Actor, request: LaporNomor) -> Dicatat:
    """`/lapor NOMOR teks`: a report without replying to a message."""
    if request.nomor is None or not request.teks.strip():
        raise InputTidakValid(Teks("lapor.format"))
    actor = _reporter(actor)
    tugas, arahan = await find.by_nomor(uow, actor, request.nomor)
    return await record(uow, caller, actor, tugas, arahan, baca(request.teks), Sumber.LAPOR)


async def evidence_after_report(
    uow: UnitOfWork, env: Env, caller: Caller, bukti: BuktiMasuk
) -> BuktiTambahan | None:
    """A photo or document sent (not as a reply) within 10 minutes of the sender's own
    report in this chat is bukti dukung of that report. None if there is none."""
    actor = await load_actor(uow, env, caller.telegram_id)
    if actor is None or actor.member_id is None:
        return None
    laporan = (
        await uow.session.scalars(
            select(Laporan)
            .where(
                Laporan.member_id == actor.member_id,
                Laporan.chat_id == caller.chat_id,
                Laporan.withdrawn_at.is_(None),
                Laporan.created_at >= uow.now - TAKE_BACK,
            )
            .order_by(Laporan.id.desc())
            .limit(1)
        )
    ).first()
    if laporan is None:
        return None
    await attach(uow, laporan, bukti, caller)
    await uow.session.flush()
    count = len(
        (await uow.session.scalars(select(Bukti.id).where(Bukti.laporan_id == laporan.id))).all()
    )
    tugas = await uow.session.get(Penugasan, laporan.penugasan_id)
    arahan = await uow.session.get(Arahan, tugas.arahan_id) if tugas else None
    return BuktiTambahan(laporan, count, tugas, arahan)


_LAPOR_PREFIX = re.compile(r"^\s*/lapor(?:@\w+)?\s+\S+\s*", re.IGNORECASE)


async def correct(
    uow: UnitOfWork, env: Env, caller: Caller, request: PesanDiubah
) -> list[Dicatat] | None:
    """An edited report message: a new, corrected report for each report it made (a list
    reply corrects each numbered line's penugasan); the first ones stay in history.

    None when the message made no report; an empty list when no line changed."""
    originals = (
        await uow.session.scalars(
            select(Laporan)
            .where(
                Laporan.chat_id == caller.chat_id,
                Laporan.message_id == request.message_id,
                Laporan.withdrawn_at.is_(None),
                Laporan.source.not_in([Sumber.KOREKSI, Sumber.KOREKSI_LAMA]),
            )
            .order_by(Laporan.id)
        )
    ).all()
    if not originals:
        return None
    actor = _reporter(await load_actor(uow, env, caller.telegram_id))
    if any(o.member_id != actor.member_id for o in originals):
        raise Ditolak(Teks("penugasan.bukan_opd_anda"))
    targets = [await find.by_id(uow, actor, o.penugasan_id) for o in originals]
    text = request.teks
    lines = dict(numbered_lines(text, {a.nomor for _, a in targets if a.nomor}))
    dicatat = []
    for original, (tugas, arahan) in zip(originals, targets, strict=True):
        if lines:
            if arahan.nomor not in lines:
                continue  # that line was not changed into another directive's
            body = lines[arahan.nomor]
        elif len(originals) == 1:
            body = _LAPOR_PREFIX.sub("", text) if original.source == Sumber.LAPOR else text
        else:
            continue
        latest = await _latest_of(uow, original)
        if " ".join(body.split()) == (latest.catatan or latest.kendala or ""):
            continue  # this line was not changed
        intent = Status(original.status_to) if original.source == Sumber.TOMBOL else None
        dicatat.append(
            await record(
                uow,
                caller,
                actor,
                tugas,
                arahan,
                _reading(Pesan(body), intent),
                Sumber.KOREKSI,
                intent=intent,
                corrects=latest,
            )
        )
    return dicatat


async def _latest_of(uow: UnitOfWork, original: Laporan) -> Laporan:
    """The newest report from the same message on the same penugasan (an earlier correction
    of it, if the message was edited before)."""
    latest = (
        await uow.session.scalars(
            select(Laporan)
            .where(
                Laporan.chat_id == original.chat_id,
                Laporan.message_id == original.message_id,
                Laporan.penugasan_id == original.penugasan_id,
                Laporan.withdrawn_at.is_(None),
            )
            .order_by(Laporan.id.desc())
            .limit(1)
        )
    ).first()
    return latest or original

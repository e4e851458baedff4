"""Acting officials and leave: `/plh` (admin) and `/cuti` (the admin, or a member for
themself).

A Plh (pelaksana harian) stands in for an OPD's head for a date range: during it they
receive the OPD's directives, reminders and weekly lists and may report for the OPD (in
addition to their own role), and the digest and `/arahan_info` show "Plh: <nama>". A cuti
(leave, dinas luar) pauses a member's reminders and weekly lists for a date range, and an
OPD whose people are all away does not accumulate silence days
(:func:`bot.features.acting.aktif.unstaffed_days`). Both are in force by date, computed when
asked (:mod:`bot.features.acting.aktif`): nothing flips when a range starts or ends.

Ending one early (`/plh selesai KODE_OPD`, `/cuti selesai [USER_ID]`) moves its last day to
yesterday; one that has not started yet is cancelled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from sqlalchemy import ColumnElement, select

from bot.domain.dates import TanggalTidakValid, parse_tanggal
from bot.domain.errors import Ditolak, InputTidakValid
from bot.env import Env
from bot.features.people.access import Actor
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Cuti, Member, Opd, Plh

# Telegram user ids are positive and fit in 52 bits: at most 16 ASCII digits
_USER_ID = re.compile(r"[0-9]{1,16}")
# words people put between the two dates: `1/12/2026 sampai 5/12/2026`
_PEMISAH = frozenset({"sampai", "s.d.", "s.d", "s/d", "sd", "hingga", "-", "–", "—", "sd."})
MAX_HARI = 366
MAX_KETERANGAN = 200
SELESAI = "selesai"


# --- requests ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TetapkanPlh:
    """`/plh KODE_OPD USER_ID dari sampai`, as typed."""

    kode: str
    user_id: str
    tanggal: list[str]


@dataclass(frozen=True)
class AkhiriPlh:
    """`/plh selesai KODE_OPD`."""

    kode: str


@dataclass(frozen=True)
class CatatCuti:
    """`/cuti [USER_ID] dari sampai [keterangan]`, as typed (words)."""

    kata: list[str]


@dataclass(frozen=True)
class AkhiriCuti:
    """`/cuti selesai [USER_ID]` (no id: the caller's own leave)."""

    user_id: str | None


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlhTercatat:
    """An acting official's range with who and which OPD."""

    plh: Plh
    anggota: Member
    opd: Opd


@dataclass(frozen=True)
class CutiTercatat:
    """A leave with whose it is."""

    cuti: Cuti
    anggota: Member


@dataclass(frozen=True)
class PlhBaru:
    """A Plh recorded, and whether it is in force today."""

    tercatat: PlhTercatat
    berlaku: bool


@dataclass(frozen=True)
class PlhBerakhir:
    """The Plh of an OPD ended early (or cancelled before they began)."""

    opd: Opd
    diakhiri: list[PlhTercatat]


@dataclass(frozen=True)
class DaftarPlh:
    """`/plh`: the Plh in force today and those to come, by start date."""

    hari_ini: date
    daftar: list[PlhTercatat]


@dataclass(frozen=True)
class CutiBaru:
    """A leave recorded, and whether someone other than the member recorded it (to tell)."""

    tercatat: CutiTercatat
    oleh_lain: bool


@dataclass(frozen=True)
class CutiBerakhir:
    """A member's current and coming leave ended early (or cancelled)."""

    anggota: Member
    diakhiri: list[CutiTercatat]
    oleh_lain: bool


@dataclass(frozen=True)
class DaftarCuti:
    """`/cuti`: the caller's (the admin's: everyone's) current and coming leave."""

    hari_ini: date
    daftar: list[CutiTercatat]
    semua: bool


# --- dates ---------------------------------------------------------------------------------


def _leading_date(words: list[str], today: date) -> tuple[date, int]:
    """The longest leading words (up to four) that read as a date, and how many they are."""
    for size in (4, 3, 2, 1):
        if len(words) < size:
            continue
        try:
            return parse_tanggal(" ".join(words[:size]), today), size
        except TanggalTidakValid:
            continue
    return parse_tanggal(words[0] if words else "", today), 1  # raises, naming the word


def read_range(words: list[str], today: date) -> tuple[date, date, list[str]]:
    """`dari sampai …`: two dates as people type them (one parser, `parse_tanggal`), with an
    optional `sampai` / `s.d.` / `-` between, and the words after them."""
    dari, used = _leading_date(words, today)
    rest = words[used:]
    if rest and rest[0].lower() in _PEMISAH:
        rest = rest[1:]
    if not rest:
        raise InputTidakValid(Teks("rentang.perlu_sampai"))
    sampai, used = _leading_date(rest, today)
    return dari, sampai, rest[used:]


def _check_range(env: Env, dari: date, sampai: date) -> None:
    if sampai < dari:
        raise InputTidakValid(
            Teks("rentang.terbalik", dari=env.format_date(dari), sampai=env.format_date(sampai))
        )
    if sampai < env.today():
        raise InputTidakValid(Teks("rentang.sudah_lewat", sampai=env.format_date(sampai)))
    if (sampai - dari).days >= MAX_HARI:
        raise InputTidakValid(Teks("rentang.terlalu_panjang", maks=MAX_HARI))


def _end_early(row: Plh | Cuti, uow: UnitOfWork, today: date) -> None:
    """In force until yesterday; one that has not begun is cancelled (``sampai < dari``)."""
    if row.dari >= today:
        row.sampai = row.dari - timedelta(days=1)
    else:
        row.sampai = min(row.sampai, today - timedelta(days=1))
    row.ended_at = uow.now


# --- Plh -----------------------------------------------------------------------------------


async def _opd(uow: UnitOfWork, kode: str) -> Opd:
    opd = await repo.opd_by_kode(uow.session, kode.strip().upper())
    if opd is None:
        raise InputTidakValid(Teks("plh.opd_tidak_ada", kode=escape(kode[:30])))
    return opd


async def _member(uow: UnitOfWork, user_id: str) -> Member | None:
    """The active member with this Telegram id, if any."""
    if not _USER_ID.fullmatch(user_id):
        return None
    member = await repo.member_by_telegram(uow.session, int(user_id))
    return member if member is not None and member.active else None


def _coming(model: type[Plh] | type[Cuti], today: date) -> list[ColumnElement[bool]]:
    """Rows in force today or to come (a cancelled one, ``sampai < dari``, is neither)."""
    return [model.sampai >= today, model.sampai >= model.dari]


async def set_plh(uow: UnitOfWork, env: Env, actor: Actor, request: TetapkanPlh) -> PlhBaru:
    """`/plh KODE_OPD USER_ID dari sampai`: a member stands in for the OPD's head over the
    range. The member must exist (invite them first with /undang); the range may not overlap
    another Plh of the OPD; nothing is changed when anything is wrong."""
    if not request.kode or not request.user_id or not request.tanggal:
        raise InputTidakValid(Teks("plh.format"))
    opd = await _opd(uow, request.kode)
    member = await _member(uow, request.user_id)
    if member is None:
        raise InputTidakValid(Teks("plh.bukan_anggota", id=escape(request.user_id[:20])))
    if member.peran == "kepala_opd" and member.opd_id == opd.id:
        raise InputTidakValid(
            Teks("plh.sudah_kepala", nama=escape(member.nama), kode=escape(opd.kode))
        )
    today = env.today()
    dari, sampai, rest = read_range(request.tanggal, today)
    if rest:
        raise InputTidakValid(Teks("plh.format"))
    _check_range(env, dari, sampai)
    await uow.session.get(Opd, opd.id, with_for_update=True)  # one Plh at a time per OPD
    clash = (
        await uow.session.execute(
            select(Plh, Member)
            .join(Member, Member.id == Plh.member_id)
            .where(
                Plh.opd_id == opd.id,
                Plh.dari <= sampai,
                Plh.sampai >= dari,
                Plh.sampai >= Plh.dari,
            )
            .order_by(Plh.dari)
        )
    ).first()
    if clash is not None:
        other, who = clash
        raise InputTidakValid(
            Teks(
                "plh.bentrok",
                kode=escape(opd.kode),
                nama=escape(who.nama),
                dari=env.format_date(other.dari),
                sampai=env.format_date(other.sampai),
            )
        )
    row = Plh(
        opd_id=opd.id,
        member_id=member.id,
        dari=dari,
        sampai=sampai,
        created_by=actor.telegram_id,
        created_at=uow.now,
    )
    uow.session.add(row)
    await uow.session.flush()
    await audit(
        uow,
        actor.telegram_id,
        "plh",
        f"opd:{opd.id}",
        anggota=member.id,
        dari=dari.isoformat(),
        sampai=sampai.isoformat(),
    )
    return PlhBaru(PlhTercatat(row, member, opd), dari <= today)


async def end_plh(uow: UnitOfWork, env: Env, actor: Actor, request: AkhiriPlh) -> PlhBerakhir:
    """`/plh selesai KODE_OPD`: the OPD's current Plh stops today, a coming one is
    cancelled."""
    if not request.kode:
        raise InputTidakValid(Teks("plh.format"))
    opd = await _opd(uow, request.kode)
    today = env.today()
    rows = (
        await uow.session.execute(
            select(Plh, Member)
            .join(Member, Member.id == Plh.member_id)
            .where(Plh.opd_id == opd.id, *_coming(Plh, today))
            .order_by(Plh.dari)
            .with_for_update()
        )
    ).all()
    if not rows:
        raise InputTidakValid(Teks("plh.tidak_ada", kode=escape(opd.kode)))
    ended = []
    for plh, member in rows:
        _end_early(plh, uow, today)
        ended.append(PlhTercatat(plh, member, opd))
        await audit(uow, actor.telegram_id, "plh_selesai", f"opd:{opd.id}", plh=plh.id)
    return PlhBerakhir(opd, ended)


async def list_plh(uow: UnitOfWork, env: Env) -> DaftarPlh:
    """`/plh`: every Plh in force today or to come, by start date."""
    today = env.today()
    rows = (
        await uow.session.execute(
            select(Plh, Member, Opd)
            .join(Member, Member.id == Plh.member_id)
            .join(Opd, Opd.id == Plh.opd_id)
            .where(*_coming(Plh, today))
            .order_by(Plh.dari, Opd.kode)
        )
    ).all()
    return DaftarPlh(today, [PlhTercatat(p, m, o) for p, m, o in rows])


# --- cuti ----------------------------------------------------------------------------------


def _starts_with_id(words: list[str], today: date) -> bool:
    """Whether the first word is a USER_ID rather than the start of a date (`7 hari`)."""
    if not words or not _USER_ID.fullmatch(words[0]):
        return False
    try:
        _leading_date(words, today)
    except TanggalTidakValid:
        return True
    return False


async def _whose(uow: UnitOfWork, actor: Actor, user_id: str | None) -> tuple[Member, bool]:
    """The member a leave is about, and whether it is someone else than the caller; only an
    admin may name someone else (refused before anything about them is looked up)."""
    if user_id is not None and user_id != str(actor.telegram_id):
        if not actor.is_admin:
            raise Ditolak(Teks("cuti.hanya_diri_sendiri"))
        other = await _member(uow, user_id)
        if other is None:
            raise InputTidakValid(Teks("cuti.bukan_anggota", id=escape(user_id[:20])))
        return other, True
    member = await uow.session.get(Member, actor.member_id) if actor.member_id else None
    if member is None:
        raise InputTidakValid(Teks("cuti.bukan_anggota", id=actor.telegram_id))
    return member, False


async def record_leave(uow: UnitOfWork, env: Env, actor: Actor, request: CatatCuti) -> CutiBaru:
    """`/cuti [USER_ID] dari sampai [keterangan]`: the member's reminders pause over the
    range. Anyone for themself; only the admin for someone else. No overlap with the
    member's other leave."""
    words = request.kata
    if not words:
        raise InputTidakValid(Teks("cuti.format"))
    today = env.today()
    user_id = words[0] if _starts_with_id(words, today) else None
    member, oleh_lain = await _whose(uow, actor, user_id)
    dari, sampai, rest = read_range(words[1:] if user_id is not None else words, today)
    keterangan = " ".join(rest)
    if len(keterangan) > MAX_KETERANGAN:
        raise InputTidakValid(Teks("cuti.keterangan_panjang", maks=MAX_KETERANGAN))
    _check_range(env, dari, sampai)
    await uow.session.get(Member, member.id, with_for_update=True)  # one leave at a time
    clash = (
        await uow.session.scalars(
            select(Cuti)
            .where(
                Cuti.member_id == member.id,
                Cuti.dari <= sampai,
                Cuti.sampai >= dari,
                Cuti.sampai >= Cuti.dari,
            )
            .order_by(Cuti.dari)
        )
    ).first()
    if clash is not None:
        raise InputTidakValid(
            Teks(
                "cuti.bentrok",
                nama=escape(member.nama),
                dari=env.format_date(clash.dari),
                sampai=env.format_date(clash.sampai),
            )
        )
    row = Cuti(
        member_id=member.id,
        dari=dari,
        sampai=sampai,
        keterangan=keterangan or None,
        created_by=actor.telegram_id,
        created_at=uow.now,
    )
    uow.session.add(row)
    await uow.session.flush()
    await audit(
        uow,
        actor.telegram_id,
        "cuti",
        f"member:{member.id}",
        dari=dari.isoformat(),
        sampai=sampai.isoformat(),
    )
    return CutiBaru(CutiTercatat(row, member), oleh_lain)


async def end_leave(uow: UnitOfWork, env: Env, actor: Actor, request: AkhiriCuti) -> CutiBerakhir:
    """`/cuti selesai [USER_ID]`: the member's current leave stops today, coming ones are
    cancelled (someone else's: the admin only)."""
    if request.user_id is not None and not _USER_ID.fullmatch(request.user_id):
        raise InputTidakValid(Teks("cuti.format"))
    member, oleh_lain = await _whose(uow, actor, request.user_id)
    today = env.today()
    rows = (
        await uow.session.scalars(
            select(Cuti)
            .where(Cuti.member_id == member.id, *_coming(Cuti, today))
            .order_by(Cuti.dari)
            .with_for_update()
        )
    ).all()
    if not rows:
        raise InputTidakValid(Teks("cuti.tidak_ada", nama=escape(member.nama)))
    for cuti in rows:
        _end_early(cuti, uow, today)
        await audit(uow, actor.telegram_id, "cuti_selesai", f"member:{member.id}", cuti=cuti.id)
    return CutiBerakhir(member, [CutiTercatat(c, member) for c in rows], oleh_lain)


async def list_leave(uow: UnitOfWork, env: Env, actor: Actor) -> DaftarCuti:
    """`/cuti`: the caller's current and coming leave; the admin sees everyone's."""
    today = env.today()
    query = (
        select(Cuti, Member)
        .join(Member, Member.id == Cuti.member_id)
        .where(*_coming(Cuti, today))
        .order_by(Cuti.dari, Member.nama)
    )
    if not actor.is_admin:
        query = query.where(Cuti.member_id == (actor.member_id or 0))
    rows = (await uow.session.execute(query)).all()
    return DaftarCuti(today, [CutiTercatat(c, m) for c, m in rows], actor.is_admin)

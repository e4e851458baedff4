"""OPDs: list, add or update one, import many from a CSV (all rows valid, or nothing applied)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from sqlalchemy import delete, select

from bot.domain.errors import InputTidakValid
from bot.domain.klaster import parse_klaster
from bot.domain.tables import Baris, BarisSalah, read_table
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from bot.messaging.paging import capped
from bot.texts import Teks, Texts
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import AwaitedInput, Group, Member, Opd

log = logging.getLogger(__name__)

_KODE = re.compile(r"^[A-Z0-9_]{2,20}$")
MAX_NAMA = 200
COLUMNS = ("kode", "nama", "klaster")
"""The columns an OPD table file must have (in any order)."""


@dataclass(frozen=True)
class BarisOpd:
    """A validated OPD row."""

    kode: str
    nama: str
    klaster: int


class Perubahan(StrEnum):
    """What saving one OPD row did to the stored OPDs (its value names its text `opd.*`)."""

    DITAMBAHKAN = "ditambahkan"
    DIPERBARUI = "diperbarui"
    TETAP = "tetap"


# --- reading rows ------------------------------------------------------------------------


def validate_opd(kode: str, nama: str, klaster: str) -> BarisOpd | list[Teks]:
    """The OPD row, or every reason it is not valid (for /opd_tambah and every file line)."""
    reasons: list[Teks] = []
    kode = kode.strip().upper()
    nama = " ".join(nama.split())
    if not _KODE.match(kode):
        reasons.append(Teks("opd.kode_salah", kode=escape(kode[:30])))
    if not nama or len(nama) > MAX_NAMA:
        reasons.append(Teks("opd.nama_salah"))
    number = parse_klaster(klaster)
    if number is None:
        reasons.append(Teks("opd.klaster_salah", klaster=escape(klaster.strip()[:20])))
    if reasons or number is None:
        return reasons
    return BarisOpd(kode, nama, number)


class OpdTidakValid(InputTidakValid):
    """`/opd_tambah` refused for its values: every reason, then the expected form."""

    def __init__(self, alasan: Sequence[Teks]) -> None:
        super().__init__(Teks("opd.format_tambah"))
        self.alasan = tuple(alasan)

    def text(self, texts: Texts) -> str:
        """The reasons, one a line, a blank line, then the form of the command."""
        reasons = "\n".join(texts.render(a) for a in self.alasan)
        return reasons + "\n\n" + texts.render(self.pesan)


class ImporOpdGagal(InputTidakValid):
    """An OPD file refused: nothing is applied and every bad line is named with its reasons."""

    def __init__(self, salah: Sequence[BarisSalah]) -> None:
        super().__init__(Teks("opd.impor_gagal"))
        self.salah = tuple(salah)

    def text(self, texts: Texts) -> str:
        """The headline, then one line per bad row (a very long list is cut short)."""
        lines = [
            texts(
                "opd.baris_salah",
                baris=bad.line,
                alasan="; ".join(texts.render(a) for a in bad.alasan),
            )
            for bad in self.salah
        ]
        return "\n".join([texts.render(self.pesan), *capped(lines, texts)])


def validate_opd_rows(rows: Sequence[Baris]) -> list[BarisOpd]:
    """Every row of an OPD table as a valid OPD, or :class:`ImporOpdGagal` naming every bad
    line (a code already given on an earlier valid line is bad too)."""
    good: list[BarisOpd] = []
    errors: list[BarisSalah] = []
    seen: dict[str, int] = {}
    for row in rows:
        result = validate_opd(row.cells["kode"], row.cells["nama"], row.cells["klaster"])
        if isinstance(result, list):
            errors.append(BarisSalah(row.line, tuple(result)))
            continue
        if result.kode in seen:
            reason = Teks("opd.kode_ganda", kode=escape(result.kode), baris=seen[result.kode])
            errors.append(BarisSalah(row.line, (reason,)))
            continue
        seen[result.kode] = row.line
        good.append(result)
    if errors:
        raise ImporOpdGagal(errors)
    return good


# --- /opd_tambah ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TambahOpd:
    """Add or update one OPD: its code, name and cluster as typed."""

    kode: str
    nama: str
    klaster: str


@dataclass(frozen=True)
class OpdDisimpan:
    """The OPD as saved and what saving it changed."""

    opd: BarisOpd
    perubahan: Perubahan


async def _upsert(uow: UnitOfWork, row: BarisOpd) -> Perubahan:
    """Add or update one OPD; says whether it was added, updated or already so."""
    opd = await repo.opd_by_kode(uow.session, row.kode)
    if opd is None:
        uow.session.add(
            Opd(
                kode=row.kode,
                nama=row.nama,
                klaster=row.klaster,
                created_at=uow.now,
                updated_at=uow.now,
            )
        )
        return Perubahan.DITAMBAHKAN
    if (opd.nama, opd.klaster) == (row.nama, row.klaster):
        return Perubahan.TETAP
    opd.nama, opd.klaster, opd.updated_at = row.nama, row.klaster, uow.now
    return Perubahan.DIPERBARUI


async def add_opd(uow: UnitOfWork, actor: Actor, request: TambahOpd) -> OpdDisimpan:
    """Add one OPD, or update the name and cluster of the OPD with that code."""
    row = validate_opd(request.kode, request.nama, request.klaster)
    if isinstance(row, list):
        raise OpdTidakValid(row)
    perubahan = await _upsert(uow, row)
    await audit(uow, actor.telegram_id, "opd_tambah", f"opd:{row.kode}", hasil=perubahan.value)
    return OpdDisimpan(row, perubahan)


# --- the OPD file import -----------------------------------------------------------------


@dataclass(frozen=True)
class ImporOpd:
    """Import OPDs: the data rows of a table file, with their line numbers in the file."""

    baris: tuple[Baris, ...]


@dataclass(frozen=True)
class HasilImpor:
    """How many OPDs an import added, updated and left as they were."""

    ditambahkan: int
    diperbarui: int
    tetap: int


def read_opd_file(data: bytes, file_name: str) -> ImporOpd:
    """An OPD table file (CSV or XLSX) read into rows; a file that is no such table is
    refused here (the rows themselves are checked by :func:`import_opds`)."""
    return ImporOpd(tuple(read_table(data, file_name, COLUMNS)))


async def import_opds(uow: UnitOfWork, caller: Caller, request: ImporOpd) -> HasilImpor:
    """Apply every row of an OPD file, or none if any row is bad (:class:`ImporOpdGagal`);
    the file this person was asked for in this chat has then arrived."""
    rows = validate_opd_rows(request.baris)
    await clear_awaited_file(uow, caller)
    counts = dict.fromkeys(Perubahan, 0)
    for row in rows:
        counts[await _upsert(uow, row)] += 1
    await audit(
        uow, caller.telegram_id, "opd_impor", "opd", **{p.value: n for p, n in counts.items()}
    )
    log.info(
        "impor OPD mengubah %d OPD (%d ditambahkan, %d diperbarui, %d tetap)",
        counts[Perubahan.DITAMBAHKAN] + counts[Perubahan.DIPERBARUI],
        counts[Perubahan.DITAMBAHKAN],
        counts[Perubahan.DIPERBARUI],
        counts[Perubahan.TETAP],
    )
    return HasilImpor(
        counts[Perubahan.DITAMBAHKAN], counts[Perubahan.DIPERBARUI], counts[Perubahan.TETAP]
    )


# --- /opd ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpdDiDaftar:
    """One OPD in `/opd`: its heads, whether it has a group, and who has not pressed Start."""

    kode: str
    nama: str
    klaster: int
    kepala: tuple[str, ...]
    punya_grup: bool
    belum_start: tuple[str, ...]


async def list_opds(uow: UnitOfWork) -> list[OpdDiDaftar]:
    """Every OPD by cluster then code, with its active heads, whether a group is registered
    for it, and its active members Telegram refused to reach (they never pressed Start)."""
    opds = await repo.all_opds(uow.session)
    if not opds:
        return []
    members = (
        await uow.session.scalars(
            select(Member).where(Member.active.is_(True), Member.opd_id.is_not(None))
        )
    ).all()
    groups = {g.opd_id for g in (await uow.session.scalars(select(Group))).all()}
    listed = []
    for opd in opds:
        mine = [m for m in members if m.opd_id == opd.id]
        listed.append(
            OpdDiDaftar(
                kode=opd.kode,
                nama=opd.nama,
                klaster=opd.klaster,
                kepala=tuple(m.nama for m in mine if m.peran == "kepala_opd"),
                punya_grup=opd.id in groups,
                belum_start=tuple(m.nama for m in mine if m.reachable is False),
            )
        )
    return listed


async def clear_awaited_file(uow: UnitOfWork, caller: Caller) -> None:
    """The awaited file has arrived: stop waiting for it."""
    await uow.session.execute(
        delete(AwaitedInput).where(
            AwaitedInput.telegram_id == caller.telegram_id, AwaitedInput.chat_id == caller.chat_id
        )
    )

"""OPDs: list, add or update one, import many from a CSV (all rows valid, or nothing applied)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from sqlalchemy import delete, select

from bot.domain.errors import InputTidakValid
from bot.domain.klaster import klaster_label, parse_klaster
from bot.domain.tables import read_table
from bot.env import Env
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from bot.messaging.outbox import reply
from bot.messaging.paging import capped, reply_lines
from bot.texts import Texts
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import AwaitedInput, Group, Member, Opd

_KODE = re.compile(r"^[A-Z0-9_]{2,20}$")
MAX_NAMA = 200


@dataclass(frozen=True)
class BarisOpd:
    """A validated OPD row."""

    kode: str
    nama: str
    klaster: int


def validate_opd(kode: str, nama: str, klaster: str, texts: Texts) -> BarisOpd | list[str]:
    """The OPD row, or the reasons it is not valid (for /opd_tambah and every CSV line)."""
    reasons = []
    kode = kode.strip().upper()
    nama = " ".join(nama.split())
    if not _KODE.match(kode):
        reasons.append(texts("opd.kode_salah", kode=escape(kode[:30])))
    if not nama or len(nama) > MAX_NAMA:
        reasons.append(texts("opd.nama_salah"))
    number = parse_klaster(klaster)
    if number is None:
        reasons.append(texts("opd.klaster_salah", klaster=escape(klaster.strip()[:20])))
    if reasons or number is None:
        return reasons
    return BarisOpd(kode, nama, number)


async def _upsert(uow: UnitOfWork, row: BarisOpd) -> str:
    """Add or update one OPD; returns ditambahkan / diperbarui / tetap."""
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
        return "ditambahkan"
    if (opd.nama, opd.klaster) == (row.nama, row.klaster):
        return "tetap"
    opd.nama, opd.klaster, opd.updated_at = row.nama, row.klaster, uow.now
    return "diperbarui"


async def add_opd(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    """`/opd_tambah KODE | Nama | klaster`."""
    parts = [p.strip() for p in args.split("|")]
    if len(parts) != 3:
        raise InputTidakValid(env.texts("opd.format_tambah"))
    result = validate_opd(parts[0], parts[1], parts[2], env.texts)
    if isinstance(result, list):
        raise InputTidakValid("\n".join(result) + "\n\n" + env.texts("opd.format_tambah"))
    outcome = await _upsert(uow, result)
    await audit(uow, caller.telegram_id, "opd_tambah", f"opd:{result.kode}", hasil=outcome)
    await reply(
        uow,
        caller,
        env.texts(
            "opd.disimpan",
            kode=escape(result.kode),
            nama=escape(result.nama),
            klaster=klaster_label(result.klaster),
            aksi=env.texts(f"opd.{outcome}"),
        ),
    )


def validate_opd_file(data: bytes, file_name: str, texts: Texts) -> list[BarisOpd]:
    """Every row of an OPD CSV, or InputTidakValid listing every bad line and why."""
    rows = read_table(data, file_name, ("kode", "nama", "klaster"), texts)
    good: list[BarisOpd] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for row in rows:
        result = validate_opd(row.cells["kode"], row.cells["nama"], row.cells["klaster"], texts)
        if isinstance(result, list):
            errors.append(texts("opd.baris_salah", baris=row.line, alasan="; ".join(result)))
            continue
        if result.kode in seen:
            reason = texts("opd.kode_ganda", kode=escape(result.kode), baris=seen[result.kode])
            errors.append(texts("opd.baris_salah", baris=row.line, alasan=reason))
            continue
        seen[result.kode] = row.line
        good.append(result)
    if errors:
        raise InputTidakValid("\n".join([texts("opd.impor_gagal"), *capped(errors, texts)]))
    return good


async def import_opds(
    uow: UnitOfWork, env: Env, caller: Caller, data: bytes, file_name: str
) -> None:
    """`/opd_impor` + CSV: apply every row, or none if any row is bad."""
    rows = validate_opd_file(data, file_name, env.texts)
    await clear_awaited_file(uow, caller)
    counts = {"ditambahkan": 0, "diperbarui": 0, "tetap": 0}
    for row in rows:
        counts[await _upsert(uow, row)] += 1
    await audit(uow, caller.telegram_id, "opd_impor", "opd", **counts)
    await reply(
        uow,
        caller,
        env.texts(
            "opd.impor_berhasil",
            baru=counts["ditambahkan"],
            ubah=counts["diperbarui"],
            tetap=counts["tetap"],
        ),
    )


async def list_opds(uow: UnitOfWork, env: Env, caller: Caller) -> None:
    """`/opd`: OPDs by cluster with their heads, group, and who has not pressed Start."""
    opds = await repo.all_opds(uow.session)
    if not opds:
        await reply(uow, caller, env.texts("opd.kosong"))
        return
    members = (
        await uow.session.scalars(
            select(Member).where(Member.active.is_(True), Member.opd_id.is_not(None))
        )
    ).all()
    groups = {g.opd_id for g in (await uow.session.scalars(select(Group))).all()}
    lines = [env.texts("opd.daftar_judul", jumlah=len(opds))]
    current = None
    for opd in opds:
        if opd.klaster != current:
            current = opd.klaster
            lines.append(f"\n<b>{klaster_label(opd.klaster)}</b>")
        mine = [m for m in members if m.opd_id == opd.id]
        heads = [escape(m.nama) for m in mine if m.peran == "kepala_opd"]
        head = ", ".join(heads) if heads else env.texts("opd.tanpa_kepala")
        group = env.texts("opd.grup_ada" if opd.id in groups else "opd.grup_belum")
        line = f"• <b>{escape(opd.kode)}</b> {escape(opd.nama)} — {head} · {group}"
        silent = [escape(m.nama) for m in mine if m.reachable is False]
        if silent:
            line += " · ⚠️ " + env.texts("opd.belum_start", nama=", ".join(silent))
        lines.append(line)
    await reply_lines(uow, caller, lines)


async def clear_awaited_file(uow: UnitOfWork, caller: Caller) -> None:
    """The awaited file has arrived: stop waiting for it."""
    await uow.session.execute(
        delete(AwaitedInput).where(
            AwaitedInput.telegram_id == caller.telegram_id, AwaitedInput.chat_id == caller.chat_id
        )
    )

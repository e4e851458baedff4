"""Queries the services share. Repositories read and add; they never commit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Arahan, AwaitedInput, Base, Group, Member, Opd, Penugasan, Rakor


async def insert_or_ignore(
    session: AsyncSession, model: type[Base], values: Mapping[str, Any], *, unique: Sequence[str]
) -> Any | None:
    """Insert one row unless a row with the same ``unique`` columns exists, atomically on
    SQLite and PostgreSQL alike; returns the new row's primary key, or None if it existed."""
    bind = session.bind
    postgres = bind is not None and bind.dialect.name == "postgresql"
    insert = postgresql.insert if postgres else sqlite.insert
    key = model.__mapper__.primary_key[0]
    return await session.scalar(
        insert(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(unique))
        .returning(key)
    )


async def insert_all_or_ignore(
    session: AsyncSession,
    model: type[Base],
    rows: Sequence[Mapping[str, Any]],
    *,
    unique: Sequence[str],
) -> int:
    """Insert many rows in one statement (a multi-row ``VALUES``), leaving out each row whose
    ``unique`` columns exist already, atomically on SQLite and PostgreSQL alike; returns how
    many were inserted."""
    return len(await inserted_keys(session, model, rows, unique=unique))


async def inserted_keys(
    session: AsyncSession,
    model: type[Base],
    rows: Sequence[Mapping[str, Any]],
    *,
    unique: Sequence[str],
) -> list[Any]:
    """:func:`insert_all_or_ignore`, answering the primary keys of the rows inserted."""
    if not rows:
        return []
    bind = session.bind
    postgres = bind is not None and bind.dialect.name == "postgresql"
    insert = postgresql.insert if postgres else sqlite.insert
    # Core, not the ORM's bulk path: the ORM splits the rows into groups by which values are
    # None, one statement per group. RETURNING makes SQLAlchemy write one multi-row statement
    # (its "insertmanyvalues") and names the rows actually inserted.
    table = cast(Table, model.__table__)
    key = next(iter(table.primary_key.columns))
    connection = await session.connection()
    statement = insert(table).on_conflict_do_nothing(index_elements=list(unique)).returning(key)
    inserted = await connection.execute(statement, list(rows))
    return list(inserted.scalars().all())


async def member_by_telegram(session: AsyncSession, telegram_id: int) -> Member | None:
    """The member row of a Telegram user, active or not."""
    query = select(Member).where(Member.telegram_id == telegram_id)
    return (await session.scalars(query)).first()


async def active_members_of(session: AsyncSession, opd_ids: Iterable[int]) -> Sequence[Member]:
    """Active heads and operators of these OPDs, heads first."""
    ids = list(opd_ids)
    if not ids:
        return []
    rows = await session.scalars(
        select(Member)
        .where(Member.opd_id.in_(ids), Member.active.is_(True))
        .order_by(Member.opd_id, Member.peran, Member.id)
    )
    return rows.all()


async def active_admins(session: AsyncSession, bootstrap_ids: Iterable[int]) -> Sequence[Member]:
    """Every active admin member, including the bootstrap ones."""
    rows = await session.scalars(
        select(Member)
        .where(
            Member.active.is_(True),
            (Member.peran == "admin") | Member.telegram_id.in_(list(bootstrap_ids)),
        )
        .order_by(Member.id)
    )
    return rows.all()


async def opd_by_kode(session: AsyncSession, kode: str) -> Opd | None:
    """The OPD with this code (case-insensitive input, codes are stored upper-case)."""
    return (await session.scalars(select(Opd).where(Opd.kode == kode.strip().upper()))).first()


async def opds_by_kode(session: AsyncSession, kodes: Iterable[str]) -> dict[str, Opd]:
    """OPDs keyed by code, for the codes that exist."""
    wanted = {k.strip().upper() for k in kodes}
    if not wanted:
        return {}
    rows = await session.scalars(select(Opd).where(Opd.kode.in_(wanted)))
    return {o.kode: o for o in rows}


async def all_opds(session: AsyncSession) -> Sequence[Opd]:
    """Every OPD, by cluster then code."""
    return (await session.scalars(select(Opd).order_by(Opd.klaster, Opd.kode))).all()


async def latest_rakor(session: AsyncSession) -> Rakor | None:
    """The Rakor that new directives belong to (the last one opened)."""
    return (await session.scalars(select(Rakor).order_by(Rakor.id.desc()).limit(1))).first()


async def next_nomor(session: AsyncSession) -> int:
    """The next free directive number; on PostgreSQL two publishers take turns (a
    transaction-scoped advisory lock), on SQLite the unit of work already holds the lock."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
    current = await session.scalar(select(func.max(Arahan.nomor)))
    return int(current or 0) + 1


async def group_of_opd(session: AsyncSession, opd_id: int) -> Group | None:
    """The group registered for an OPD, if any."""
    query = select(Group).where(Group.jenis == "opd", Group.opd_id == opd_id).limit(1)
    return (await session.scalars(query)).first()


async def rakor_group(session: AsyncSession) -> Group | None:
    """The group where all directives are announced, if registered."""
    return (await session.scalars(select(Group).where(Group.jenis == "rakor").limit(1))).first()


async def penugasan_of(session: AsyncSession, arahan_id: int) -> Sequence[Penugasan]:
    """The penugasan of a directive, lead first."""
    rows = await session.scalars(
        select(Penugasan).where(Penugasan.arahan_id == arahan_id).order_by(Penugasan.urutan)
    )
    return rows.all()


async def awaited_input(
    session: AsyncSession, telegram_id: int, chat_id: int, kinds: Iterable[str]
) -> AwaitedInput | None:
    """What the bot waits for from this person in this chat, if it is one of ``kinds``."""
    query = select(AwaitedInput).where(
        AwaitedInput.telegram_id == telegram_id,
        AwaitedInput.chat_id == chat_id,
        AwaitedInput.kind.in_(list(kinds)),
    )
    return (await session.scalars(query)).first()

"""The one permission check: who the caller is, and whether their role and OPD allow it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import Ditolak
from bot.domain.roles import OPD_ROLES, ButtonKind, Peran, may_press, may_use
from bot.env import Env
from bot.features.acting import aktif
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage import repo
from storage.db import UnitOfWork

MAX_NAME = 200


def nama_sementara(telegram_id: int) -> str:
    """The name an ADMIN_IDS admin's row starts with, until they write to the bot."""
    return f"Admin {telegram_id}"


@dataclass(frozen=True)
class Actor:
    """An active member as the rules see them (ADMIN_IDS makes anyone an admin)."""

    member_id: int | None
    telegram_id: int
    nama: str
    peran: Peran
    opd_id: int | None
    klaster: int | None
    plh_opd_ids: frozenset[int] = frozenset()
    """The OPDs this actor stands in for today as acting official (Plh), besides their role."""

    @property
    def is_admin(self) -> bool:
        """Admins may do everything."""
        return self.peran is Peran.ADMIN

    @property
    def opd_ids(self) -> tuple[int, ...]:
        """Every OPD this actor reports for: their own (heads and operators), then the ones
        they stand in for today."""
        own = (self.opd_id,) if self.peran in OPD_ROLES and self.opd_id is not None else ()
        return own + tuple(sorted(self.plh_opd_ids - set(own)))

    def may_act_for_opd(self, opd_id: int) -> bool:
        """Whether this actor may report on work of ``opd_id``: its own heads and operators,
        and its acting official (Plh) during the Plh's range."""
        return opd_id in self.opd_ids

    def may_use(self, command: str) -> bool:
        """The role table for this actor: their role, and a head's commands while they stand
        in for an OPD."""
        return may_use(self.peran, command) or (
            bool(self.plh_opd_ids) and may_use(Peran.KEPALA_OPD, command)
        )

    def may_press(self, kind: ButtonKind) -> bool:
        """The role table for buttons, read like :meth:`may_use`."""
        return may_press(self.peran, kind) or (
            bool(self.plh_opd_ids) and may_press(Peran.KEPALA_OPD, kind)
        )


async def load_actor(uow: UnitOfWork, env: Env, telegram_id: int) -> Actor | None:
    """The caller as an actor, or None for strangers and deactivated members."""
    member = await repo.member_by_telegram(uow.session, telegram_id)
    if env.is_bootstrap_admin(telegram_id):
        return Actor(
            member.id if member else None,
            telegram_id,
            member.nama if member else str(telegram_id),
            Peran.ADMIN,
            None,
            None,
        )
    if member is None or not member.active:
        return None
    return Actor(
        member.id,
        telegram_id,
        member.nama,
        Peran(member.peran),
        member.opd_id,
        member.klaster,
        await aktif.acting_for(uow.session, member.id, env.today()),
    )


async def learn_name(uow: UnitOfWork, env: Env, caller: Caller) -> None:
    """An ADMIN_IDS admin still under the placeholder name (`Admin 1001`) takes the name
    Telegram shows for them, so notices name a person, not an id."""
    if not env.is_bootstrap_admin(caller.telegram_id):
        return
    member = await repo.member_by_telegram(uow.session, caller.telegram_id)
    if member is None or member.nama != nama_sementara(caller.telegram_id):
        return
    if caller.nama and caller.nama != str(caller.telegram_id):
        member.nama = caller.nama[:MAX_NAME]
        member.username = caller.username or member.username


async def require(uow: UnitOfWork, env: Env, caller: Caller, command: str) -> Actor:
    """The caller as an actor allowed to run ``command``; otherwise a refusal revealing nothing."""
    await learn_name(uow, env, caller)
    actor = await load_actor(uow, env, caller.telegram_id)
    if actor is None or not actor.may_use(command):
        raise Ditolak(Teks("ditolak"))
    return actor

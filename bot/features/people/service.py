"""People: bootstrap admins, invitations, joining, the member list, deactivation, menus."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from html import escape

from sqlalchemy import exists, select

from bot.domain.errors import InputTidakValid
from bot.domain.klaster import parse_klaster
from bot.domain.roles import OPD_ROLES, Peran
from bot.env import Env
from bot.features.people.access import MAX_NAME, Actor, learn_name, load_actor, nama_sementara
from bot.features.reporting.worklist import open_work
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, Group, Invite, Member, Opd, Penugasan, Rakor

INVITE_DAYS = 7
_CODE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_KODE_OPD = 20
MAX_PENDING = 30
"""At most this many pending invitations are listed by `/undangan` (each with its button)."""


@dataclass(frozen=True)
class Menu:
    """The command menu one person should have now: their role's commands, or a stranger's
    (``peran`` None)."""

    telegram_id: int
    peran: Peran | None


# --------------------------------------------------------------------------- command menus
# The bot's own setMyCommands calls: the startup job queues them itself, handlers queue the
# Menu a use case returns (after a join or a deactivation).


async def sync_bootstrap_admins(uow: UnitOfWork, admin_ids: Iterable[int]) -> list[Menu]:
    """Give every listed user an active admin member row; someone removed from the list who
    was an admin only through it is deactivated. Returns the menus to set, in order."""
    listed = set(admin_ids)
    menus: list[Menu] = []
    for telegram_id in sorted(listed):
        member = await repo.member_by_telegram(uow.session, telegram_id)
        if member is None:
            member = Member(
                telegram_id=telegram_id,
                nama=nama_sementara(telegram_id),
                peran=Peran.ADMIN.value,
                active=True,
                joined_at=uow.now,
            )
            uow.session.add(member)
        member.via_admin_ids = True
        menus.append(Menu(telegram_id, Peran.ADMIN))
    dropped = await uow.session.scalars(
        select(Member).where(
            Member.via_admin_ids.is_(True), Member.telegram_id.not_in(listed or {0})
        )
    )
    for member in dropped:
        member.via_admin_ids = False
        if member.peran == Peran.ADMIN.value and member.active:
            member.active = False
            await audit(
                uow, None, "nonaktif", f"member:{member.id}", alasan="tidak lagi di ADMIN_IDS"
            )
            menus.append(Menu(member.telegram_id, None))
        else:
            menus.append(Menu(member.telegram_id, Peran(member.peran)))
    return menus


# --------------------------------------------------------------------------- /start
@dataclass(frozen=True)
class Mulai:
    """`/start [kode]`: the invitation code, if the link carried one."""

    kode: str | None = None


@dataclass(frozen=True)
class LangkahAwal:
    """An admin's first steps, and which are done: OPDs imported, someone invited, a group
    registered, a Rakor opened. Shown at `/start` until the first two are done."""

    opd: bool
    undangan: bool
    grup: bool
    rakor: bool


@dataclass(frozen=True)
class Sambutan:
    """What `/start` found: the caller's name, the caller as an actor (None for a stranger)
    with the OPD of their role, and, when they have just joined, the menu to set, their row,
    the admins to tell (under the invitation's id) and the OPD's open work to send them; for
    an admin of a Pemda not set up yet, the first steps."""

    nama: str
    actor: Actor | None
    opd: Opd | None = None
    menu: Menu | None = None
    anggota: Member | None = None
    undangan_id: int | None = None
    admin: list[Member] = field(default_factory=list)
    pekerjaan: list[tuple[Penugasan, Arahan]] = field(default_factory=list)
    langkah_awal: LangkahAwal | None = None

    @property
    def bergabung(self) -> bool:
        """Whether this /start redeemed an invitation."""
        return self.menu is not None


async def start(uow: UnitOfWork, env: Env, caller: Caller, request: Mulai) -> Sambutan:
    """`/start [kode]`: welcome, or join with an invitation code.

    A private /start proves the bot can write to this person, so a member becomes reachable."""
    if request.kode:
        return await _join(uow, env, caller, request.kode.strip())
    if caller.in_private:
        member = await repo.member_by_telegram(uow.session, caller.telegram_id)
        if member is not None:
            member.reachable = True
    await learn_name(uow, env, caller)
    actor = await load_actor(uow, env, caller.telegram_id)
    if actor is None:
        return Sambutan(caller.nama, None)
    langkah = await _first_steps(uow) if actor.is_admin else None
    return Sambutan(caller.nama, actor, await _opd_of(uow, actor), langkah_awal=langkah)


async def _first_steps(uow: UnitOfWork) -> LangkahAwal | None:
    """The admin's first steps while the Pemda has no OPD or nobody was ever invited."""

    async def any_row(model: type[Opd | Invite | Group | Rakor]) -> bool:
        return bool(await uow.session.scalar(select(exists().select_from(model))))

    langkah = LangkahAwal(
        await any_row(Opd), await any_row(Invite), await any_row(Group), await any_row(Rakor)
    )
    return None if langkah.opd and langkah.undangan else langkah


async def _join(uow: UnitOfWork, env: Env, caller: Caller, code: str) -> Sambutan:
    """Redeem ``code``: single use, within INVITE_DAYS, in a private chat, not revoked, and
    only while the admin who made it is still one. The admins are told who joined; someone
    joining an OPD gets its open work (directives published before they joined)."""
    if not caller.in_private:
        raise InputTidakValid(Teks("start.hanya_pribadi"))
    invite = None
    if _CODE.match(code):
        invite = await uow.session.scalar(
            select(Invite).where(Invite.code == code).with_for_update()
        )
    if invite is None:
        raise InputTidakValid(Teks("undangan.tidak_dikenal"))
    if invite.used_at is not None and invite.used_by is None:
        raise InputTidakValid(Teks("undangan.ditarik"))
    if invite.used_at is not None:
        raise InputTidakValid(Teks("undangan.sudah_dipakai"))
    if invite.expires_at <= uow.now:
        raise InputTidakValid(Teks("undangan.kedaluwarsa", hari=INVITE_DAYS))
    issuer = await load_actor(uow, env, invite.created_by)
    if issuer is None or not issuer.is_admin:
        raise InputTidakValid(Teks("undangan.dicabut"))
    invite.used_at = uow.now
    invite.used_by = caller.telegram_id
    member = await repo.member_by_telegram(uow.session, caller.telegram_id)
    if member is None:
        member = Member(telegram_id=caller.telegram_id, joined_at=uow.now)
        uow.session.add(member)
    member.nama = caller.nama[:MAX_NAME]
    member.username = caller.username
    member.peran = invite.peran
    member.opd_id = invite.opd_id
    member.klaster = invite.klaster
    member.active = True
    member.reachable = True
    await uow.session.flush()
    actor = await load_actor(uow, env, caller.telegram_id)
    assert actor is not None
    await audit(
        uow,
        caller.telegram_id,
        "gabung",
        f"member:{member.id}",
        peran=invite.peran,
        invite=invite.id,
    )
    opd = await _opd_of(uow, actor)
    admins = [
        a
        for a in await repo.active_admins(uow.session, env.settings.ADMIN_IDS)
        if a.id != member.id
    ]
    pekerjaan: list[tuple[Penugasan, Arahan]] = []
    if opd is not None and actor.peran in OPD_ROLES:
        pekerjaan = await open_work(uow, env, opd.id, waiting=False)
    return Sambutan(
        caller.nama,
        actor,
        opd,
        Menu(caller.telegram_id, actor.peran),
        member,
        invite.id,
        admins,
        pekerjaan,
    )


async def _opd_of(uow: UnitOfWork, actor: Actor) -> Opd | None:
    """The OPD an actor's role belongs to, if any."""
    return await uow.session.get(Opd, actor.opd_id) if actor.opd_id is not None else None


# --------------------------------------------------------------------------- /undang
@dataclass(frozen=True)
class Undang:
    """`/undang PERAN [KODE_OPD|KLASTER]`: the role, the OPD code or cluster as typed, and
    whether it was typed in a private chat with the bot (the handler always says)."""

    peran: Peran
    sasaran: str | None = None
    pribadi: bool = True


@dataclass(frozen=True)
class Undangan:
    """A new invitation and the OPD it binds to (its cluster is on the row)."""

    invite: Invite
    opd: Opd | None


async def invite(uow: UnitOfWork, actor: Actor, request: Undang) -> Undangan:
    """A single-use invitation to ``request.peran``, valid for INVITE_DAYS days.

    Only in a private chat: a link posted in a group could be taken by anyone there. OPD
    roles need an existing OPD, an Asisten needs a cluster, other roles take nothing."""
    if not request.pribadi:
        raise InputTidakValid(Teks("undang.hanya_pribadi"))
    target = request.sasaran
    opd: Opd | None = None
    klaster: int | None = None
    if request.peran in OPD_ROLES:
        if target is None:
            raise InputTidakValid(Teks("undang.perlu_opd"))
        opd = await repo.opd_by_kode(uow.session, target[:MAX_KODE_OPD])
        if opd is None:
            raise InputTidakValid(Teks("opd.tidak_ada", kode=escape(target[:MAX_KODE_OPD])))
    elif request.peran is Peran.ASISTEN:
        klaster = parse_klaster(target or "")
        if klaster is None:
            raise InputTidakValid(Teks("undang.perlu_klaster"))
    elif target is not None:
        raise InputTidakValid(Teks("undang.format"))
    row = Invite(
        code=secrets.token_urlsafe(16),
        peran=request.peran.value,
        opd_id=opd.id if opd else None,
        klaster=klaster,
        created_by=actor.telegram_id,
        created_at=uow.now,
        expires_at=uow.now + timedelta(days=INVITE_DAYS),
    )
    uow.session.add(row)
    await uow.session.flush()
    await audit(uow, actor.telegram_id, "undang", f"invite:{row.id}", peran=request.peran.value)
    return Undangan(row, opd)


# --------------------------------------------------------------------------- /undangan
@dataclass(frozen=True)
class UndanganTertunda:
    """One pending invitation: the row, the OPD it binds to and the name of the admin who
    made it (their stored name; the id when they have no member row)."""

    invite: Invite
    opd: Opd | None
    oleh: str


@dataclass(frozen=True)
class DaftarUndangan:
    """`/undangan`: the pending invitations, soonest to expire first (at most MAX_PENDING),
    and how many there are in all."""

    undangan: list[UndanganTertunda]
    jumlah: int


async def pending_invites(uow: UnitOfWork) -> DaftarUndangan:
    """The invitations nobody has used, revoked or let expire yet."""
    query = select(Invite).where(Invite.used_at.is_(None), Invite.expires_at > uow.now)
    rows = (await uow.session.scalars(query.order_by(Invite.expires_at, Invite.id))).all()
    opds = {o.id: o for o in await repo.all_opds(uow.session)} if rows else {}
    makers = {i.created_by for i in rows}
    names = {
        m.telegram_id: m.nama
        for m in (
            await uow.session.scalars(select(Member).where(Member.telegram_id.in_(makers)))
        ).all()
    }
    listed = [
        UndanganTertunda(
            i,
            opds.get(i.opd_id) if i.opd_id is not None else None,
            names.get(i.created_by, str(i.created_by)),
        )
        for i in rows[:MAX_PENDING]
    ]
    return DaftarUndangan(listed, len(rows))


@dataclass(frozen=True)
class Cabut:
    """The revoke button under `/undangan`: the invitation's id."""

    invite_id: int


@dataclass(frozen=True)
class Dicabut:
    """A revoked invitation (its OPD, to name it), and the pending ones left."""

    invite: Invite
    opd: Opd | None
    sisa: DaftarUndangan


async def revoke(uow: UnitOfWork, actor: Actor, request: Cabut) -> Dicabut:
    """Revoke a pending invitation: its link no longer works. Refused when it is not
    pending any more (used, revoked or expired).

    A revoked invitation is closed like a used one, by nobody: ``used_at`` set, ``used_by``
    empty (a redeemed one always names who redeemed it), so `/start` can tell them apart."""
    invite = await uow.session.scalar(
        select(Invite).where(Invite.id == request.invite_id).with_for_update()
    )
    if invite is None or invite.used_at is not None or invite.expires_at <= uow.now:
        raise InputTidakValid(Teks("undangan.tidak_tertunda"))
    invite.used_at = uow.now
    invite.used_by = None
    await audit(uow, actor.telegram_id, "cabut_undangan", f"invite:{invite.id}")
    opd = await uow.session.get(Opd, invite.opd_id) if invite.opd_id is not None else None
    return Dicabut(invite, opd, await pending_invites(uow))


# --------------------------------------------------------------------------- /anggota
@dataclass(frozen=True)
class Anggota:
    """Every member, oldest first, and the OPDs by id (to name each member's OPD)."""

    members: list[Member]
    opds: dict[int, Opd]


async def list_members(uow: UnitOfWork) -> Anggota:
    """`/anggota`: every member, active or not, in the order they were added."""
    opds = {o.id: o for o in await repo.all_opds(uow.session)}
    members = (await uow.session.scalars(select(Member).order_by(Member.id))).all()
    return Anggota(list(members), opds)


# --------------------------------------------------------------------------- /nonaktif
@dataclass(frozen=True)
class Nonaktifkan:
    """`/nonaktif USER_ID`: the Telegram id of the member to deactivate."""

    telegram_id: int


@dataclass(frozen=True)
class Dinonaktifkan:
    """The member now inactive, and the (stranger's) menu they get."""

    member: Member
    menu: Menu


async def deactivate(
    uow: UnitOfWork, env: Env, actor: Actor, request: Nonaktifkan
) -> Dinonaktifkan:
    """Deactivate a member; their history stays, their menu is cleared.

    Admins from ADMIN_IDS and the caller themself cannot be deactivated here."""
    telegram_id = request.telegram_id
    if env.is_bootstrap_admin(telegram_id) or telegram_id == actor.telegram_id:
        raise InputTidakValid(Teks("nonaktif.tidak_boleh"))
    member = await repo.member_by_telegram(uow.session, telegram_id)
    if member is None:
        raise InputTidakValid(Teks("nonaktif.tidak_ada", id=telegram_id))
    if not member.active:
        raise InputTidakValid(Teks("nonaktif.sudah", nama=escape(member.nama)))
    member.active = False
    await audit(uow, actor.telegram_id, "nonaktif", f"member:{member.id}")
    return Dinonaktifkan(member, Menu(telegram_id, None))

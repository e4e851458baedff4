"""People: bootstrap admins, invitations, joining, the member list, deactivation, menus."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from html import escape

from sqlalchemy import select

from bot.domain.errors import InputTidakValid
from bot.domain.klaster import klaster_label, parse_klaster
from bot.domain.roles import INVITE_WORDS, OPD_ROLES, Peran, commands_for
from bot.env import Env
from bot.features.people.access import Actor, load_actor
from bot.messaging.caller import Caller
from bot.messaging.outbox import enqueue, reply
from bot.messaging.paging import reply_lines
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Invite, Member, Opd

INVITE_DAYS = 7
_CODE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_NAME = 200


async def ensure_bootstrap_admins(uow: UnitOfWork, env: Env) -> None:
    """Give every ADMIN_IDS user a member row and an admin menu; someone removed from
    ADMIN_IDS who was an admin only through it is deactivated (idempotent, run at start)."""
    listed = set(env.settings.ADMIN_IDS)
    for telegram_id in sorted(listed):
        member = await repo.member_by_telegram(uow.session, telegram_id)
        if member is None:
            member = Member(
                telegram_id=telegram_id,
                nama=f"Admin {telegram_id}",
                peran=Peran.ADMIN.value,
                active=True,
                joined_at=uow.now,
            )
            uow.session.add(member)
        member.via_admin_ids = True
        await queue_menu(uow, env, telegram_id, Peran.ADMIN)
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
            await queue_menu(uow, env, member.telegram_id, None)
        else:
            await queue_menu(uow, env, member.telegram_id, Peran(member.peran))
    await queue_default_menu(uow, env)


async def queue_default_menu(uow: UnitOfWork, env: Env) -> None:
    """The menu strangers see in private chats: /start and /bantuan."""
    commands = commands_for(None, env.available_commands)
    await _queue_commands(uow, env, "menu:default", {"type": "all_private_chats"}, 0, commands)


async def queue_menu(uow: UnitOfWork, env: Env, telegram_id: int, peran: Peran | None) -> None:
    """Set this person's command menu to exactly the commands of their role."""
    commands = commands_for(peran, env.available_commands)
    scope = {"type": "chat", "chat_id": telegram_id}
    await _queue_commands(uow, env, f"menu:{telegram_id}", scope, telegram_id, commands)


async def _queue_commands(
    uow: UnitOfWork, env: Env, key: str, scope: dict[str, object], chat: int, names: list[str]
) -> None:
    commands = [{"command": n, "description": env.texts(f"cmd.{n}")} for n in names]
    digest = hashlib.sha256(repr((commands, env.settings.LANGUAGE)).encode()).hexdigest()[:12]
    payload = {"commands": commands, "scope": scope}
    if env.settings.LANGUAGE != "id":
        payload["language_code"] = ""
    await enqueue(uow, f"{key}:{digest}:{uow.now.isoformat()}", "setMyCommands", chat, payload)


async def start(uow: UnitOfWork, env: Env, caller: Caller, code: str | None) -> None:
    """`/start [kode]`: welcome, or join with an invitation code."""
    if caller.in_private:
        await _mark_reachable(uow, caller.telegram_id)
    if code:
        await _join(uow, env, caller, code.strip())
    else:
        actor = await load_actor(uow, env, caller.telegram_id)
        if actor is None:
            await reply(uow, caller, env.texts("start.orang_baru", nama=escape(caller.nama)))
        else:
            await reply(
                uow,
                caller,
                env.texts(
                    "start.kembali",
                    nama=escape(caller.nama),
                    peran=await describe_role(uow, env, actor),
                ),
            )


async def _mark_reachable(uow: UnitOfWork, telegram_id: int) -> None:
    member = await repo.member_by_telegram(uow.session, telegram_id)
    if member is not None:
        member.reachable = True


async def _join(uow: UnitOfWork, env: Env, caller: Caller, code: str) -> None:
    if not caller.in_private:
        raise InputTidakValid(env.texts("start.hanya_pribadi"))
    invite = None
    if _CODE.match(code):
        invite = await uow.session.scalar(
            select(Invite).where(Invite.code == code).with_for_update()
        )
    if invite is None:
        raise InputTidakValid(env.texts("undangan.tidak_dikenal"))
    if invite.used_at is not None:
        raise InputTidakValid(env.texts("undangan.sudah_dipakai"))
    if invite.expires_at <= uow.now:
        raise InputTidakValid(env.texts("undangan.kedaluwarsa", hari=INVITE_DAYS))
    issuer = await load_actor(uow, env, invite.created_by)
    if issuer is None or not issuer.is_admin:
        raise InputTidakValid(env.texts("undangan.dicabut"))
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
    await queue_menu(uow, env, caller.telegram_id, actor.peran)
    await reply(
        uow,
        caller,
        env.texts(
            "start.bergabung", nama=escape(caller.nama), peran=await describe_role(uow, env, actor)
        ),
    )


async def describe_role(uow: UnitOfWork, env: Env, actor: Actor) -> str:
    """`Kepala OPD DINKES (Dinas Kesehatan)` style description, escaped."""
    label = env.texts(f"peran.{actor.peran.value}")
    if actor.opd_id is not None:
        opd = await uow.session.get(Opd, actor.opd_id)
        if opd is not None:
            return f"{label} {escape(opd.kode)} ({escape(opd.nama)})"
    if actor.klaster is not None:
        return f"{label} ({klaster_label(actor.klaster)})"
    return label


async def invite(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    """`/undang PERAN [KODE_OPD|KLASTER]`: a single-use invitation link valid for 7 days."""
    words = args.split()
    if not words or len(words) > 2 or words[0].lower() not in INVITE_WORDS:
        raise InputTidakValid(env.texts("undang.format"))
    peran = INVITE_WORDS[words[0].lower()]
    target = words[1] if len(words) > 1 else None
    opd: Opd | None = None
    klaster: int | None = None
    if peran in OPD_ROLES:
        if target is None:
            raise InputTidakValid(env.texts("undang.perlu_opd"))
        opd = await repo.opd_by_kode(uow.session, target[:20])
        if opd is None:
            raise InputTidakValid(env.texts("opd.tidak_ada", kode=escape(target[:20])))
    elif peran is Peran.ASISTEN:
        klaster = parse_klaster(target or "")
        if klaster is None:
            raise InputTidakValid(env.texts("undang.perlu_klaster"))
    elif target is not None:
        raise InputTidakValid(env.texts("undang.format"))
    row = Invite(
        code=secrets.token_urlsafe(16),
        peran=peran.value,
        opd_id=opd.id if opd else None,
        klaster=klaster,
        created_by=caller.telegram_id,
        created_at=uow.now,
        expires_at=uow.now + timedelta(days=INVITE_DAYS),
    )
    uow.session.add(row)
    await uow.session.flush()
    await audit(uow, caller.telegram_id, "undang", f"invite:{row.id}", peran=peran.value)
    role = env.texts(f"peran.{peran.value}")
    if opd is not None:
        role = f"{role} {escape(opd.kode)} ({escape(opd.nama)})"
    elif klaster is not None:
        role = f"{role} ({klaster_label(klaster)})"
    link = f"https://t.me/{env.bot_username}?start={row.code}"
    until = env.format_datetime(row.expires_at)
    await reply(uow, caller, env.texts("undang.dibuat", peran=role, link=link, sampai=until))


async def list_members(uow: UnitOfWork, env: Env, caller: Caller) -> None:
    """`/anggota`: every member with role, OPD or cluster, and whether the bot can reach them."""
    opds = {o.id: o for o in await repo.all_opds(uow.session)}
    members = (await uow.session.scalars(select(Member).order_by(Member.id))).all()
    lines = [env.texts("anggota.judul", jumlah=len(members))]
    for m in members:
        where = ""
        if m.opd_id in opds:
            where = f" · {escape(opds[m.opd_id].kode)}"
        elif m.klaster:
            where = f" · {klaster_label(m.klaster)}"
        state = env.texts("anggota.aktif") if m.active else env.texts("anggota.nonaktif")
        if m.reachable is False:
            state += " · " + env.texts("anggota.belum_terhubung")
        role = env.texts(f"peran.{m.peran}")
        lines.append(f"• {escape(m.nama)} (<code>{m.telegram_id}</code>) — {role}{where} — {state}")
    await reply_lines(uow, caller, lines)


async def deactivate(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    """`/nonaktif USER_ID`: deactivate a member; their history stays, their menu is cleared."""
    target = args.strip()
    # Telegram user ids are positive and fit in 52 bits: at most 16 ASCII digits
    if not re.fullmatch(r"[0-9]{1,16}", target):
        raise InputTidakValid(env.texts("nonaktif.format"))
    telegram_id = int(target)
    if env.is_bootstrap_admin(telegram_id) or telegram_id == caller.telegram_id:
        raise InputTidakValid(env.texts("nonaktif.tidak_boleh"))
    member = await repo.member_by_telegram(uow.session, telegram_id)
    if member is None:
        raise InputTidakValid(env.texts("nonaktif.tidak_ada", id=telegram_id))
    if not member.active:
        raise InputTidakValid(env.texts("nonaktif.sudah", nama=escape(member.nama)))
    member.active = False
    await audit(uow, caller.telegram_id, "nonaktif", f"member:{member.id}")
    await queue_menu(uow, env, telegram_id, None)
    await reply(uow, caller, env.texts("nonaktif.selesai", nama=escape(member.nama)))

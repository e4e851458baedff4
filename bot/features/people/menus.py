"""The bot's command menus: each person's Telegram menu shows exactly the commands of their
role (setMyCommands, queued in the outbox like every other call). Not a use case: the bot
keeps its own menus in step when people join, leave or the admins change."""

from __future__ import annotations

import hashlib

from bot.domain.roles import Peran, commands_for
from bot.env import Env
from bot.features.people.access import nama_sementara
from bot.features.people.service import sync_bootstrap_admins
from bot.messaging.outbox import enqueue
from storage import repo
from storage.db import UnitOfWork
from storage.models import Member


async def ensure_bootstrap_admins(uow: UnitOfWork, env: Env) -> None:
    """Give every ADMIN_IDS user a member row and an admin menu; someone removed from
    ADMIN_IDS who was an admin only through it is deactivated (idempotent, run at start).

    The rows are first inserted if missing, atomically: a process starting at the same time
    (outside the start-up lock, or a database without one) can never make it fail on the
    unique Telegram id; the service then finds them and finishes the job."""
    for telegram_id in sorted(env.settings.ADMIN_IDS):
        values = {
            "telegram_id": telegram_id,
            "nama": nama_sementara(telegram_id),
            "peran": Peran.ADMIN.value,
            "active": True,
            "via_admin_ids": True,
            "joined_at": uow.now,
        }
        await repo.insert_or_ignore(uow.session, Member, values, unique=["telegram_id"])
    for menu in await sync_bootstrap_admins(uow, env.settings.ADMIN_IDS):
        await queue_menu(uow, env, menu.telegram_id, menu.peran)
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

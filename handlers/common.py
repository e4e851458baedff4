"""What every handler shares: reading the caller and arguments, and running one service in the
update's unit of work with domain errors turned into a clear answer."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import CommandHandler

from bot.domain.errors import DomainError
from bot.domain.roles import ANYONE, BY_NAME
from bot.env import Env
from bot.features.people.access import Actor, require
from bot.messaging.caller import Caller
from bot.messaging.outbox import View, reply
from bot.messaging.pipeline import BotContext
from bot.messaging.replies import tell
from storage.db import UnitOfWork

log = logging.getLogger(__name__)
MAX_ARGS = 4000
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

Context = BotContext
Service = Callable[[UnitOfWork, Env, Caller, Actor, str], Awaitable[None]]
OpenService = Callable[[UnitOfWork, Env, Caller, str], Awaitable[None]]


def env_of(context: Context) -> Env:
    """The services' wiring, stored in bot_data by the app factory."""
    env: Env = context.bot_data["env"]
    return env


def caller_of(update: Update) -> Caller | None:
    """Who sent this update and where; None for updates without a user and chat."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    message = update.effective_message
    return Caller(
        telegram_id=user.id,
        nama=without_controls(user.full_name)[:200] or str(user.id),
        username=without_controls(user.username)[:64] if user.username else None,
        chat_id=chat.id,
        chat_type=chat.type,
        chat_title=without_controls(chat.title)[:255] if chat.title else None,
        message_id=message.message_id if message else None,
    )


def args_of(update: Update) -> str:
    """The text after the command word, newlines kept (for many-line /arahan)."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    first, _, rest = text.partition(" ")
    if "\n" in first:
        first, _, more = first.partition("\n")
        rest = more + (" " + rest if rest else "")
    return without_controls(rest.strip())


def without_controls(text: str) -> str:
    """Text without control characters other than newline and tab (PostgreSQL refuses NUL)."""
    return _CONTROLS.sub("", text)


async def answer(
    uow: UnitOfWork,
    caller: Caller,
    view: View,
    *,
    arahan_id: int | None = None,
    penugasan_id: int | None = None,
) -> None:
    """Answer the caller with a rendered view (in groups, as a reply to their message); a
    view about a penugasan names it, so a reply to the message maps back to it."""
    await reply(
        uow,
        caller,
        view.text,
        keyboard=view.keyboard,
        arahan_id=arahan_id,
        penugasan_id=penugasan_id,
    )


async def run(context: Context, caller: Caller, work: Awaitable[object]) -> None:
    """Await one service call; a domain error becomes an answer and changes nothing (but what
    the error says it keeps)."""
    try:
        await work
    except DomainError as exc:
        await refuse(context, caller, exc.text(env_of(context).texts), keep=exc.keep_changes)


async def refuse(
    context: Context, caller: Caller, text: str, outcome: str = "ditolak", *, keep: bool = False
) -> None:
    """Drop what this update wrote (unless ``keep``) and answer the caller with ``text``."""
    turn = context.turn
    await turn.refused(outcome, keep=keep)
    await tell(turn.uow, caller, text)


def command(name: str, service: Service, *aliases: str) -> CommandHandler:  # type: ignore[type-arg]
    """``/name`` for the roles the role table allows (everyone else is refused, revealing
    nothing): runs ``service(uow, env, caller, actor, args)``."""

    async def authorized(uow: UnitOfWork, env: Env, caller: Caller, args: str) -> None:
        actor = await require(uow, env, caller, name)
        await service(uow, env, caller, actor, args)

    return _command(name, authorized, aliases)


def open_command(name: str, service: OpenService, *aliases: str) -> CommandHandler:  # type: ignore[type-arg]
    """``/name`` for anyone (the role table says so): runs ``service(uow, env, caller, args)``."""
    assert BY_NAME[name].roles is ANYONE, name
    return _command(name, service, aliases)


def _command(name: str, work: OpenService, aliases: tuple[str, ...]) -> CommandHandler:  # type: ignore[type-arg]
    """The CommandHandler: the caller and the arguments read, too-long input refused."""

    async def callback(update: Update, context: Context) -> None:
        caller = caller_of(update)
        if caller is None:
            return
        env = env_of(context)
        args = args_of(update)
        if len(args) > MAX_ARGS:
            await refuse(context, caller, env.texts("terlalu_panjang", maks=MAX_ARGS))
            return
        await run(context, caller, work(context.turn.uow, env, caller, args))

    return CommandHandler([name, *aliases], callback)

"""Inline button presses: verify the signed data, run one service, answer the press."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from bot.domain.errors import Ditolak, DomainError
from bot.domain.roles import BUTTONS, ButtonKind
from bot.env import Env
from bot.features.people.access import Actor, load_actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from handlers.common import Context, caller_of, env_of
from storage.db import UnitOfWork

log = logging.getLogger(__name__)
MAX_ANSWER = 200
_TAG = re.compile(r"<[^>]+>")
Action = Callable[[UnitOfWork, Env, Caller, Actor, Tombol], Awaitable[str]]


def plain(text: str) -> str:
    """Callback answers are plain text of at most 200 characters."""
    text = html.unescape(_TAG.sub("", text))
    return text if len(text) <= MAX_ANSWER else text[: MAX_ANSWER - 1] + "…"


async def answer(query: CallbackQuery, text: str, *, alert: bool = False) -> None:
    """Answer a press; if Telegram refuses (too old, timeout), the work done still stands."""
    try:
        await query.answer(plain(text), show_alert=alert)
    except TelegramError as exc:
        log.info("jawaban tombol tidak terkirim: %s", exc.message)


def on_button(kind: ButtonKind, action: Action) -> CallbackQueryHandler:  # type: ignore[type-arg]
    """Presses of buttons of ``kind``, for the roles the role table allows: runs
    ``action(uow, env, caller, actor, tombol)`` and answers the press with what it returns."""

    async def callback(update: Update, context: Context) -> None:
        await pressed(update, context, kind, action)

    return CallbackQueryHandler(callback, pattern=f"^{kind.value}:")


async def pressed(
    update: Update, context: Context, kind: ButtonKind | None, action: Action
) -> None:
    """Handle a press: forged or stale data, and a press by someone the role table does not
    allow, are refused without touching anything. The press is answered once the update's
    effects are committed."""
    query = update.callback_query
    caller = caller_of(update)
    if query is None or caller is None:
        return
    env = env_of(context)
    turn = context.turn
    tombol = env.signer.read(query.data)
    if (
        tombol is None
        or tombol.kind is not kind
        or not all(part.isdigit() for part in tombol.args[1:])
    ):
        turn.outcome = "tombol tidak sah"
        log.warning("tombol tidak sah dari %s", caller.telegram_id)
        turn.later(lambda: answer(query, env.texts("tombol.tidak_sah"), alert=True))
        return
    try:
        actor = await load_actor(turn.uow, env, caller.telegram_id)
        if actor is None or not actor.may_press(tombol.kind):
            raise Ditolak(env.texts(BUTTONS[tombol.kind].refusal))
        text = await action(turn.uow, env, caller, actor, tombol)
    except DomainError as exc:
        await turn.refused(keep=exc.keep_changes)
        refusal = exc.text(env.texts)
        turn.later(lambda: answer(query, refusal, alert=True))
        return
    except Exception:
        await answer(query, env.texts("galat"), alert=True)
        raise
    turn.later(lambda: answer(query, text))

"""Inline button presses: verify the signed data, run one service, answer the press."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update

from bot.callbacks import Tombol
from bot.caller import Caller
from bot.env import Env
from bot.errors import DomainError
from handlers.common import Context, caller_of, env_of
from storage.db import current_update

log = logging.getLogger(__name__)
MAX_ANSWER = 200
Action = Callable[[Env, Caller, Tombol], Awaitable[str]]


def _short(text: str) -> str:
    """Callback answers are plain text of at most 200 characters."""
    for tag in ("<b>", "</b>", "<code>", "</code>", "<i>", "</i>"):
        text = text.replace(tag, "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text if len(text) <= MAX_ANSWER else text[: MAX_ANSWER - 1] + "…"


async def pressed(update: Update, context: Context, action: Action) -> None:
    """Handle a press: forged or stale data is refused without touching anything."""
    query = update.callback_query
    caller = caller_of(update)
    if query is None or caller is None:
        return
    env = env_of(context)
    tombol = env.signer.read(query.data)
    try:
        if tombol is None or not all(part.isdigit() for part in tombol.args[1:]):
            handling = current_update.get()
            if handling is not None:
                handling.outcome = "tombol tidak sah"
            log.warning("tombol tidak sah dari %s", caller.telegram_id)
            await query.answer(_short(env.texts("tombol.tidak_sah")), show_alert=True)
            return
        answer = await action(env, caller, tombol)
    except DomainError as exc:
        await query.answer(_short(exc.pesan), show_alert=True)
        return
    await query.answer(_short(answer))

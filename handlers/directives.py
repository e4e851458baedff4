"""Directives: /arahan (lines, or guided with buttons) and the buttons of drafts."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.directives.drafts import cancel_draft, draft_from_text
from bot.features.directives.guided import guided_press, start_guided
from bot.features.directives.publishing import publish_draft
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from handlers.buttons import on_button
from handlers.common import command
from storage.db import UnitOfWork


async def _arahan(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    if args:
        await draft_from_text(uow, env, caller, args)
    else:
        await start_guided(uow, env, caller)


async def _act(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    if tombol.args[0] == "pub":
        return await publish_draft(uow, env, caller, tombol.int_arg(1))
    return await cancel_draft(uow, env, caller, tombol.int_arg(1))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The directive handlers."""
    return [
        command("arahan", _arahan),
        on_button(ButtonKind.DRAF, _act),
        on_button(ButtonKind.PANDUAN, guided_press),
    ]

"""Imports from files: /opd_impor and /arahan_impor, with the file as caption or next message."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.directives.imports import expect_file
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from handlers.common import command
from storage.db import UnitOfWork


async def _expect_opd(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await expect_file(uow, env, caller, "opd_impor")


async def _expect_arahan(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str
) -> None:
    await expect_file(uow, env, caller, "arahan_impor")


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The import handlers."""
    return [
        command("opd_impor", _expect_opd),
        command("arahan_impor", _expect_arahan),
    ]

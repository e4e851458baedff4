"""Directives: /arahan (lines, or guided with buttons) and the buttons of drafts."""

from __future__ import annotations

from datetime import date

from telegram.ext import BaseHandler

from bot.domain.arahan_rows import parse_arahan_line
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.directives import drafts, guided, publishing, views
from bot.features.directives.drafts import BarisArahan, TulisArahan
from bot.features.directives.guided import PilihanPanduan
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message
from bot.texts import Texts
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_tulis_arahan(args: str, today: date, texts: Texts) -> TulisArahan:
    """`/arahan` lines, `KODE[,KODE…] | tenggat | teks [| prioritas]`, each read on its own
    (blank lines skipped, numbers as typed); a line's mistakes are named in ``texts``."""
    return TulisArahan(
        tuple(
            BarisArahan.dari(n, parse_arahan_line(line, today, texts))
            for n, line in enumerate(args.splitlines(), start=1)
            if line.strip()
        )
    )


async def _arahan(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    if not args:
        pemilih = await guided.start_guided(uow, caller)
        await answer(uow, caller, views.opd_picker(env, pemilih))
        return
    request = read_tulis_arahan(args, env.today(), env.texts)
    pratinjau = await drafts.write_draft(uow, env, caller, request)
    await views.show_preview(uow, env, caller, pratinjau)


async def _publish(uow: UnitOfWork, env: Env, caller: Caller, draft_id: int) -> str:
    terbit = await publishing.publish_draft(uow, env, caller, draft_id)
    await views.deliver(uow, env, terbit)
    summary = views.published(env, terbit)
    if caller.message_id is not None:
        key = f"draf:{terbit.draft_id}:terbit"
        await edit_message(uow, key, caller.chat_id, caller.message_id, summary.text)
    else:
        await answer(uow, caller, summary)
    return views.published_answer(env, terbit)


async def _cancel(uow: UnitOfWork, env: Env, caller: Caller, draft_id: int) -> str:
    draft = await drafts.cancel_draft(uow, caller, draft_id)
    view = views.cancelled(env)
    if caller.message_id is not None:
        key = f"draf:{draft.id}:batal"
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text)
    return view.text


async def _draft_button(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol
) -> str:
    """**Terbitkan** (`pub`) or **Batal** on a preview (or on the guided picker)."""
    if tombol.args[0] == "pub":
        return await _publish(uow, env, caller, tombol.int_arg(1))
    return await _cancel(uow, env, caller, tombol.int_arg(1))


async def _guided_button(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol
) -> str:
    """A step of the guided /arahan: `langkah:draft:nilai`."""
    pilihan = PilihanPanduan(tombol.int_arg(1), tombol.args[0], tombol.int_arg(2))
    panduan = await guided.press_guided(uow, env, caller, pilihan)
    await views.show_step(uow, env, caller, panduan)
    return views.press_answer(env, panduan)


async def guided_answer(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> None:
    """Text typed while the guided /arahan waits for a deadline or the directive's text (the
    message router hands it here): answer the step, show the next one."""
    panduan = await guided.answer_guided(uow, env, caller, text)
    if panduan is not None:
        await views.show_step(uow, env, caller, panduan)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The directive handlers."""
    return [
        command("arahan", _arahan),
        on_button(ButtonKind.DRAF, _draft_button),
        on_button(ButtonKind.PANDUAN, _guided_button),
    ]

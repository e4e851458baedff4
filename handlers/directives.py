"""Directives: /arahan (lines, or guided with buttons) and the buttons of drafts."""

from __future__ import annotations

from datetime import date

from telegram.ext import BaseHandler

from bot.domain.arahan_rows import parse_arahan_line
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.directives import drafts, guided, publishing, views
from bot.features.directives.drafts import BarisArahan, Pratinjau, TulisArahan
from bot.features.directives.guided import Panduan, PilihanPanduan
from bot.features.directives.publishing import Terbit
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message, reply, send_all
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_tulis_arahan(args: str, today: date) -> TulisArahan:
    """`/arahan` lines, `KODE[,KODE…] | tenggat | teks [| prioritas]`, each read on its own
    with its own mistakes (blank lines skipped, line numbers as typed)."""
    return TulisArahan(
        tuple(
            BarisArahan.dari(n, parse_arahan_line(line, today))
            for n, line in enumerate(args.splitlines(), start=1)
            if line.strip()
        )
    )


async def show_preview(uow: UnitOfWork, env: Env, caller: Caller, pratinjau: Pratinjau) -> None:
    """Answer the caller with a draft's preview, page by page (typed lines, an imported file
    and the guided flow all end here)."""
    for view in views.preview(env, pratinjau):
        await answer(uow, caller, view)


async def show_step(uow: UnitOfWork, env: Env, caller: Caller, panduan: Panduan) -> None:
    """Show where a step of the guided flow led: the picker updated in place, then the next
    question (the directive's text as a forced reply) or the preview."""
    picker = views.step_picker(env, panduan)
    if picker is not None and panduan.pesan_baru:
        # a typed filter: the picker is shown anew below the admin's message
        await answer(uow, caller, picker)
    elif picker is not None and caller.message_id is not None:
        key = uow.once_key(f"panduan:{panduan.draft_id}")
        await edit_message(
            uow, key, caller.chat_id, caller.message_id, picker.text, picker.keyboard
        )
    if panduan.pertanyaan is not None:
        view = views.question(env, panduan.draft_id, panduan.pertanyaan)
        placeholder = views.typed_placeholder(env, panduan.pertanyaan)
        if placeholder is not None:
            await reply(uow, caller, view.text, force_reply=True, placeholder=placeholder)
        else:
            await answer(uow, caller, view)
    if panduan.pratinjau is not None:
        await show_preview(uow, env, caller, panduan.pratinjau)


async def deliver(uow: UnitOfWork, env: Env, terbit: Terbit) -> None:
    """Queue each published directive, in number order, to each of its readers under
    `arahan:{nomor}` (see :func:`views.directive_messages`)."""
    for item in terbit.arahan:
        key = f"arahan:{item.arahan.nomor}"
        messages = views.directive_messages(env, terbit.rakor, item)
        await send_all(uow, key, messages, arahan_id=item.arahan.id)


async def _arahan(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    if not args:
        pemilih = await guided.start_guided(uow, caller)
        await answer(uow, caller, views.opd_picker(env, pemilih))
        return
    request = read_tulis_arahan(args, env.today())
    pratinjau = await drafts.write_draft(uow, env, caller, request)
    await show_preview(uow, env, caller, pratinjau)


async def _publish(uow: UnitOfWork, env: Env, caller: Caller, draft_id: int) -> str:
    terbit = await publishing.publish_draft(uow, env, caller, draft_id)
    await deliver(uow, env, terbit)
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
    await show_step(uow, env, caller, panduan)
    return views.press_answer(env, panduan)


async def guided_answer(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> None:
    """Text typed while the guided /arahan waits for a deadline or the directive's text (the
    message router hands it here): answer the step, show the next one."""
    panduan = await guided.answer_guided(uow, env, caller, text)
    if panduan is not None:
        await show_step(uow, env, caller, panduan)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The directive handlers."""
    return [
        command("arahan", _arahan),
        on_button(ButtonKind.DRAF, _draft_button),
        on_button(ButtonKind.PANDUAN, _guided_button),
    ]

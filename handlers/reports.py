"""Reports: the buttons on directive messages, taking a report back, **Ya, selesai** / **Belum**,
/lapor and /tugas; and the receipts (with the kendala alerts, and the question when a report
may mean done) every way of reporting answers with."""

from __future__ import annotations

from collections.abc import Sequence

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.reporting import buttons, confirm, inputs, service, views, worklist
from bot.features.reporting.buttons import Ditanya, SudahDiterima, TombolLaporan
from bot.features.reporting.confirm import Akhir, JawabSelesai
from bot.features.reporting.inputs import LaporNomor
from bot.features.reporting.lookup import parse_nomor
from bot.features.reporting.service import Dicatat, TarikLaporan
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message, reply, send
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork


async def deliver(uow: UnitOfWork, env: Env, caller: Caller, dicatat: Sequence[Dicatat]) -> None:
    """Answer each report with its receipt (a reply to it maps back to the penugasan), ask
    **Ya, selesai** / **Belum** when it may mean done, and tell the cluster's Asisten of a new
    kendala, report by report."""
    for hasil in dicatat:
        await answer(
            uow,
            caller,
            views.tanda_terima(env, hasil),
            arahan_id=hasil.arahan.id,
            penugasan_id=hasil.tugas.id,
        )
        if hasil.tanya_selesai:
            # buttons, not a typed answer: presses reach the bot in groups under privacy mode
            await answer(
                uow,
                caller,
                views.tanya_selesai(env, hasil),
                arahan_id=hasil.arahan.id,
                penugasan_id=hasil.tugas.id,
            )
        if hasil.asisten:
            alert = views.kendala_asisten(env, hasil)
            for person in hasil.asisten:
                await send(
                    uow, f"kendala:{hasil.laporan.id}", person, alert, arahan_id=hasil.arahan.id
                )


def read_tombol(tombol: Tombol) -> TombolLaporan:
    """`pg:<aksi>:<penugasan>` on a penugasan's message, `ar:<aksi>:<arahan>` on a directive
    in the Rakor group."""
    return TombolLaporan(
        tombol.args[0], tombol.int_arg(1), untuk_arahan=tombol.kind is ButtonKind.ARAHAN
    )


async def _press(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    hasil = await buttons.press(uow, caller, actor, read_tombol(tombol))
    if isinstance(hasil, Ditanya):
        # a forced reply works in groups under privacy mode; it names the penugasan
        await reply(
            uow,
            caller,
            views.pertanyaan(env, hasil).text,
            force_reply=True,
            arahan_id=hasil.arahan.id,
            penugasan_id=hasil.tugas.id,
            placeholder=views.isian(env, hasil),
        )
        return views.ditanya_singkat(env)
    if isinstance(hasil, SudahDiterima):
        return views.sudah_diterima(env, hasil)
    await deliver(uow, env, caller, [hasil])
    return views.diterima_singkat(env)


async def _take_back(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol
) -> str:
    """`lp:w:<laporan>`: **Tarik laporan**; the receipt pressed says where the work is now."""
    ditarik = await service.take_back(uow, actor, TarikLaporan(tombol.int_arg(1)))
    if caller.message_id is not None:
        view = views.ditarik(env, ditarik)
        key = f"tarik:{ditarik.laporan.id}"
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text)
    return views.ditarik_singkat(env)


async def _confirm(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """`ks:y:<laporan>` / `ks:n:<laporan>`: **Ya, selesai** / **Belum**; the question loses its
    buttons and says how it ended; Ya answers with the completion's receipt."""
    hasil = await confirm.answer(
        uow, caller, actor, JawabSelesai(tombol.args[0] == "y", tombol.int_arg(1))
    )
    if hasil.akhir is Akhir.SELESAI:
        assert hasil.dicatat is not None
        await deliver(uow, env, caller, [hasil.dicatat])
    if caller.message_id is not None:
        view = views.terjawab(env, hasil)
        key = f"konfirmasi:{tombol.int_arg(1)}:{hasil.akhir.value}"
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text)
    return views.terjawab_singkat(env, hasil)


def read_lapor(args: str) -> LaporNomor:
    """`NOMOR teks`: the number as people type it (`12`, `No.12`, `A-12`), then the report."""
    nomor_text, _, text = args.partition(" ")
    return LaporNomor(parse_nomor(nomor_text), text)


async def _lapor(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    dicatat = await inputs.lapor(uow, caller, actor, read_lapor(args))
    await deliver(uow, env, caller, [dicatat])


async def _tugas(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    daftar = await worklist.my_open_work(uow, env, actor)
    view = views.daftar_tugas(env, daftar)
    if not daftar.work:
        await answer(uow, caller, view)
        return
    # the list names the OPD: a reply to it reports by directive number
    await reply(uow, caller, view.text, keyboard=view.keyboard, opd_id=daftar.opd_id)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The report handlers."""
    return [
        on_button(ButtonKind.PENUGASAN, _press),
        on_button(ButtonKind.ARAHAN, _press),
        on_button(ButtonKind.TARIK, _take_back),
        on_button(ButtonKind.KONFIRMASI, _confirm),
        command("lapor", _lapor),
        command("tugas", _tugas),
    ]

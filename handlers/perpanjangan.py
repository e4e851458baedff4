"""Extension requests: /perpanjang, the **⏳ Minta perpanjangan** button and its prompt, the
decision cards' **Setujui** / **Tolak**, and the reason typed after Tolak (the message router
hands the prompt's answers and that reason to ``continued``)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.perpanjangan import service, views
from bot.features.perpanjangan.service import (
    CARD_KEY,
    PERINTAH,
    AlasanDiminta,
    AlasanTolak,
    Diminta,
    Ditanya,
    JawabanMinta,
    MintaPerpanjangan,
    Perkara,
    Putusan,
    SudahDiputuskan,
    TombolMinta,
)
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message, reply, send
from handlers.buttons import on_button
from handlers.common import answer, command
from handlers.directive_admin import announce_deadline
from storage.db import UnitOfWork


def read_minta(args: str) -> MintaPerpanjangan:
    """`NOMOR tanggal alasan`: the first word, then the rest (the service reads the date)."""
    words = args.split()
    return MintaPerpanjangan(words[0] if words else "", " ".join(words[1:]))


def read_tombol_minta(tombol: Tombol) -> TombolMinta:
    """`pp:p:<penugasan>` under a penugasan's message, `pp:a:<arahan>` in the Rakor group."""
    return TombolMinta(tombol.int_arg(1), untuk_arahan=tombol.args[0] == "a")


async def _sent(uow: UnitOfWork, env: Env, caller: Caller, hasil: Diminta) -> None:
    """Answer the OPD, and put the decision card before each decider."""
    card = views.kartu(env, hasil)
    for person in hasil.pemutus:
        await send(
            uow, f"{CARD_KEY}:{hasil.permintaan.id}", person, card, arahan_id=hasil.arahan.id
        )
    await answer(uow, caller, views.diminta(env, hasil))


async def _ask_again(uow: UnitOfWork, env: Env, caller: Caller, ditanya: Ditanya) -> None:
    # a forced reply works in groups under privacy mode
    await reply(
        uow,
        caller,
        views.pertanyaan(env, ditanya).text,
        force_reply=True,
        placeholder=views.isian(env, ditanya),
    )


async def _request(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    await _sent(uow, env, caller, await service.request(uow, env, actor, read_minta(args)))


async def _press_minta(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol
) -> str:
    ditanya = await service.ask(uow, env, caller, actor, read_tombol_minta(tombol))
    await _ask_again(uow, env, caller, ditanya)
    return views.ditanya_singkat(env)


async def continued(
    uow: UnitOfWork, env: Env, caller: Caller, perintah: str, actor: Actor, text: str
) -> None:
    """A message that answers the prompt (``PERINTAH``), or the reason after **Tolak**."""
    if perintah == PERINTAH:
        hasil = await service.answer(uow, env, caller, actor, JawabanMinta(text))
        if isinstance(hasil, Ditanya):
            await _ask_again(uow, env, caller, hasil)
        else:
            await _sent(uow, env, caller, hasil)
        return
    ditolak = await service.reject(uow, env, actor, AlasanTolak(text, caller.chat_id))
    await _retire_cards(uow, env, ditolak, None)
    notice = views.ditolak(env, ditolak)
    key = f"pj-tolak:{ditolak.permintaan.id}"
    for person in ditolak.penerima:
        await send(uow, key, person, notice, arahan_id=ditolak.arahan.id)
    await answer(uow, caller, views.penolakan_dicatat(env, ditolak))


async def _retire_cards(
    uow: UnitOfWork, env: Env, perkara: Perkara, pressed: tuple[int, int | None] | None
) -> bool:
    """Every decision card about the request that reached a decider shows the decision and
    loses **Setujui** / **Tolak**; True if ``pressed`` (chat, message) was one of them."""
    found = False
    view = views.kartu(env, perkara)
    for card in await service.sent_cards(uow, perkara.permintaan.id):
        assert card.message_id is not None
        found = found or pressed == (card.chat_id, card.message_id)
        await edit_message(
            uow,
            f"{CARD_KEY}-usang:{card.id}",
            card.chat_id,
            card.message_id,
            view.text,
            view.keyboard or None,
        )
    return found


async def _decide(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """`pj:y:<request>` is **Setujui**, `pj:n:<request>` is **Tolak**."""
    putusan = Putusan(tombol.int_arg(1), tombol.args[0] == "y", caller.chat_id)
    hasil = await service.decide(uow, env, actor, putusan)
    if isinstance(hasil, AlasanDiminta):
        await reply(uow, caller, views.minta_alasan(env, hasil).text, force_reply=True)
        return views.tulis_alasan(env)
    pressed = (caller.chat_id, caller.message_id)
    retired = await _retire_cards(uow, env, hasil, pressed)
    if caller.message_id is not None and not retired:
        view = views.kartu(env, hasil)
        key = uow.once_key(f"{CARD_KEY}-usang:{hasil.permintaan.id}")
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text)
    if isinstance(hasil, SudahDiputuskan):
        return views.sudah_diputuskan(env, hasil)
    assert hasil.tenggat is not None
    await announce_deadline(uow, env, hasil.tenggat)
    return views.disetujui_singkat(env, hasil)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The extension-request handlers."""
    return [
        command("perpanjang", _request),
        on_button(ButtonKind.MINTA_PERPANJANGAN, _press_minta),
        on_button(ButtonKind.PERPANJANGAN, _decide),
    ]

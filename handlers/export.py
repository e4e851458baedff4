"""The export: `/ekspor [rakor N] [dari tanggal] [sampai tanggal] [klaster N] [KODE_OPD]` and the
digest's **📥 Unduh Excel** button; both are checked at once and answered with the workbook as
a document by the file desk (:mod:`bot.features.berkas.desk`)."""

from __future__ import annotations

import re
from datetime import date
from html import escape

from telegram.ext import BaseHandler

from bot.domain.dates import parse_tanggal
from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.klaster import parse_klaster
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.berkas import service as berkas
from bot.features.berkas.service import Jenis
from bot.features.export import service
from bot.features.export.berkas import isian
from bot.features.export.service import MintaEkspor
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import View
from bot.texts import Teks
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork

KATA = {
    "rakor": "rakor",
    "dari": "dari",
    "sejak": "dari",
    "sampai": "sampai",
    "hingga": "sampai",
    "s/d": "sampai",
    "s.d.": "sampai",
    "sd": "sampai",
    "klaster": "klaster",
    "kluster": "klaster",
    "asisten": "klaster",
}
"""The filter words (lower case) and which filter each starts."""
_KODE = re.compile(r"^[A-Z0-9_]{1,20}$")
_NOMOR = re.compile(r"^(?:no\.?|#)?([0-9]{1,9})$")
MAX_QUOTE = 40


def _salah(key: str, word: str) -> InputTidakValid:
    """A refusal naming the word, with the accepted forms."""
    quoted = word if len(word) <= MAX_QUOTE else word[: MAX_QUOTE - 1] + "…"
    return InputTidakValid(Teks("ekspor.salah", alasan=Teks(key, kata=escape(quoted))))


def _date(words: list[str], today: date) -> tuple[date, int]:
    """The longest run of ``words`` from the start that is a date, and how many words it
    took; refused with the date parser's own message when no run is one."""
    for n in range(len(words), 0, -1):
        try:
            return parse_tanggal(" ".join(words[:n]), today), n
        except InputTidakValid:
            continue
    return parse_tanggal(" ".join(words), today), len(words)  # raises, quoting them all


def read_ekspor(args: str, today: date) -> MintaEkspor:
    """The filters of `/ekspor`, in any order, each at most once: `rakor N`, `dari tanggal`,
    `sampai tanggal` (every form :func:`bot.domain.dates.parse_tanggal` accepts), `klaster N`
    (also `asisten II`) and one OPD code. Anything else is refused, naming the word."""
    words = args.split()
    numbers: dict[str, int] = {}
    days: dict[str, date] = {}
    free: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        key = KATA.get(word.lower())
        if key is None:
            free.append(word)
            i += 1
            continue
        if key in numbers or key in days:
            raise _salah("ekspor.ganda", word)
        end = i + 1
        while end < len(words) and words[end].lower() not in KATA:
            end += 1
        value = words[i + 1 : end]
        if not value:
            raise _salah("ekspor.tanpa_nilai", word)
        used = 1
        if key == "rakor":
            match = _NOMOR.match(value[0].lower())
            if match is None:
                raise _salah("ekspor.rakor_salah", value[0])
            numbers[key] = int(match.group(1))
        elif key == "klaster":
            number = parse_klaster(value[0])
            if number is None:
                raise _salah("ekspor.klaster_salah", value[0])
            numbers[key] = number
        else:
            days[key], used = _date(value, today)
        free += value[used:]
        i = end
    if len(free) > 1:
        raise _salah("ekspor.tidak_dikenal", " ".join(free[1:]))
    kode = free[0].upper() if free else None
    if kode is not None and not _KODE.match(kode):
        raise _salah("ekspor.tidak_dikenal", free[0])
    dari, sampai = days.get("dari"), days.get("sampai")
    if dari is not None and sampai is not None and dari > sampai:
        terbalik = Teks(
            "ekspor.rentang_terbalik", dari=f"{dari:%d/%m/%Y}", sampai=f"{sampai:%d/%m/%Y}"
        )
        raise InputTidakValid(Teks("ekspor.salah", alasan=terbalik))
    return MintaEkspor(numbers.get("rakor"), dari, sampai, numbers.get("klaster"), kode)


async def _ask(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, minta: MintaEkspor) -> str:
    """Check the request now (a refusal comes at once), then leave the workbook to the file
    desk: a province's history takes seconds to write, which no other update should wait for.
    Returns the notice that it is being prepared."""
    await service.prepare(uow, env, actor, minta)
    await berkas.minta(uow, caller, Jenis.EKSPOR, isian(minta))
    return env.texts("berkas.disiapkan", apa=berkas.what(env, Jenis.EKSPOR))


async def _export(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    notice = await _ask(uow, env, caller, actor, read_ekspor(args, env.today()))
    await answer(uow, caller, View(notice))


async def _press(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """**📥 Unduh Excel** under a digest: `kind:target` as the digest's scope."""
    if len(tombol.args) != 2 or tombol.args[0] not in ("k", "o"):
        raise Ditolak(Teks("tombol.tidak_sah"))
    minta = await service.scope_request(uow, actor, tombol.args[0], tombol.int_arg(1))
    return await _ask(uow, env, caller, actor, minta)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The export handlers."""
    return [command("ekspor", _export), on_button(ButtonKind.EKSPOR, _press)]

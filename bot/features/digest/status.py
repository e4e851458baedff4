"""`/status [KODE_OPD|NOMOR|klaster N|semua]`: the digest for the caller's scope, paged, with
buttons to drill down to an OPD or a directive. An Asisten sees only their own cluster."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from sqlalchemy import select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.klaster import parse_klaster
from bot.domain.rating import ICON, Warna
from bot.domain.roles import ButtonKind, Peran
from bot.env import Env
from bot.features.digest import service as digest
from bot.features.directives.admin import history_lines
from bot.features.people.access import Actor
from bot.features.reporting.lookup import parse_nomor
from bot.features.reporting.worklist import deadline_note, open_work
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import Keyboard, button, edit_message, reply
from bot.messaging.paging import pack_lines
from storage import repo
from storage.db import UnitOfWork
from storage.models import Arahan, Opd, Penugasan

PAGE = 3500
OPD_BUTTONS = 12
ARAHAN_BUTTONS = 8


@dataclass(frozen=True)
class Lingkup:
    """What a digest is about: every cluster / one cluster (k), one OPD (o), a directive (a)."""

    kind: str
    target: int


def parse_scope(args: str, actor: Actor) -> Lingkup | str:
    """The scope asked for, or an OPD code to look up."""
    text = " ".join(args.lower().split())
    if not text:
        if actor.peran is Peran.ASISTEN and actor.klaster is not None:
            return Lingkup("k", actor.klaster)
        return Lingkup("k", 0)
    if text == "semua":
        return Lingkup("k", 0)
    if text.startswith(("klaster", "kluster", "asisten")):
        number = parse_klaster(text)
        if number is None:
            raise InputTidakValid("")
        return Lingkup("k", number)
    if text.isdigit():
        return Lingkup("a", int(text[:9]))
    return text.upper()  # an OPD code, or a number written like `No.12` / `A-12`


async def _check_access(uow: UnitOfWork, env: Env, actor: Actor, scope: Lingkup) -> None:
    """An Asisten is limited to their cluster; the Sekda, Kepala Daerah and admins see all."""
    if actor.peran is not Peran.ASISTEN:
        return
    allowed = False
    if scope.kind == "k":
        allowed = scope.target == actor.klaster
    elif scope.kind == "o":
        opd = await uow.session.get(Opd, scope.target)
        allowed = opd is not None and opd.klaster == actor.klaster
    else:
        found = await uow.session.scalar(
            select(Penugasan.id)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .join(Opd, Opd.id == Penugasan.opd_id)
            .where(Arahan.nomor == scope.target, Opd.klaster == actor.klaster)
            .limit(1)
        )
        allowed = found is not None
    if not allowed:
        raise Ditolak(env.texts("status.luar_klaster"))


async def _lines(
    uow: UnitOfWork, env: Env, scope: Lingkup
) -> tuple[list[str], digest.Ringkasan | None]:
    if scope.kind == "a":
        arahan = (
            await uow.session.scalars(select(Arahan).where(Arahan.nomor == scope.target))
        ).first()
        if arahan is None:
            raise InputTidakValid(env.texts("arahan.nomor_tidak_ada", nomor=scope.target))
        return await history_lines(uow, env, arahan), None
    if scope.kind == "o":
        ringkasan = await digest.build(uow, env, None, scope.target)
        lines = digest.render(env, ringkasan)
        work = await open_work(uow, env, scope.target)
        lines += ["", env.texts("status.terbuka_judul", jumlah=len(work))]
        for tugas, arahan in work:
            note = tugas.last_note or "-"
            lines.append(
                env.texts(
                    "status.terbuka_butir",
                    nomor=arahan.nomor,
                    status=env.texts(f"status.{tugas.status}"),
                    persen=tugas.progress,
                    tenggat=deadline_note(env, arahan),
                    catatan=escape(note if len(note) <= 120 else note[:119] + "…"),
                )
            )
        return lines, ringkasan
    ringkasan = await digest.build(uow, env, scope.target or None)
    return digest.render(env, ringkasan), ringkasan


def _keyboard(
    env: Env, scope: Lingkup, page: int, pages: int, ringkasan: digest.Ringkasan | None
) -> Keyboard:
    sign = env.signer.make
    rows: Keyboard = []
    nav = []
    if page > 0:
        nav.append(
            button(
                env.texts("status.sebelumnya"),
                sign(ButtonKind.STATUS, scope.kind, scope.target, page - 1, 1),
            )
        )
    if page < pages - 1:
        nav.append(
            button(
                env.texts("status.berikutnya"),
                sign(ButtonKind.STATUS, scope.kind, scope.target, page + 1, 1),
            )
        )
    if nav:
        rows.append(nav)
    if ringkasan is None or page > 0:
        return rows
    if scope.kind == "k":
        flagged = [(a, w) for a, w in ringkasan.opd if w is not Warna.HIJAU][:OPD_BUTTONS]
        for start in range(0, len(flagged), 3):
            rows.append(
                [
                    button(f"{ICON[w]} {a.kode}", sign(ButtonKind.STATUS, "o", a.opd_id, 0, 0))
                    for a, w in flagged[start : start + 3]
                ]
            )
    numbers = sorted({m.nomor for m in ringkasan.masalah})[:ARAHAN_BUTTONS]
    for start in range(0, len(numbers), 4):
        rows.append(
            [
                button(f"No.{n}", sign(ButtonKind.STATUS, "a", n, 0, 0))
                for n in numbers[start : start + 4]
            ]
        )
    return rows


async def _page(uow: UnitOfWork, env: Env, scope: Lingkup, page: int) -> tuple[str, Keyboard]:
    lines, ringkasan = await _lines(uow, env, scope)
    pages = pack_lines(lines, PAGE)
    page = max(0, min(page, len(pages) - 1))
    text = pages[page]
    if len(pages) > 1:
        text += "\n\n" + env.texts("status.halaman", ke=page + 1, dari=len(pages))
    return text, _keyboard(env, scope, page, len(pages), ringkasan)


async def show_status(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    """`/status …`: the digest for the scope asked (default: the caller's own)."""
    try:
        scope = parse_scope(args, actor)
    except InputTidakValid:
        raise InputTidakValid(env.texts("status.format")) from None
    if isinstance(scope, str):
        opd = await repo.opd_by_kode(uow.session, scope[:20])
        nomor = parse_nomor(scope) if opd is None else None
        if opd is None and nomor is None:
            raise InputTidakValid(env.texts("status.format"))
        scope = Lingkup("o", opd.id) if opd is not None else Lingkup("a", nomor or 0)
    if (
        scope.kind == "k"
        and scope.target
        and scope.target not in {o.klaster for o in await repo.all_opds(uow.session)}
    ):
        raise InputTidakValid(env.texts("status.format"))
    await _check_access(uow, env, actor, scope)
    text, keyboard = await _page(uow, env, scope, 0)
    await reply(uow, caller, text, keyboard=keyboard)


async def status_button(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol
) -> str:
    """A digest button: turn a page (edits the message) or drill down (a new message)."""
    kind = tombol.args[0]
    if kind not in ("k", "o", "a") or len(tombol.args) < 4:
        raise Ditolak(env.texts("tombol.tidak_sah"))
    scope = Lingkup(kind, tombol.int_arg(1))
    await _check_access(uow, env, actor, scope)
    text, keyboard = await _page(uow, env, scope, tombol.int_arg(2))
    if tombol.int_arg(3) == 1 and caller.message_id is not None:
        await edit_message(
            uow, uow.once_key("status"), caller.chat_id, caller.message_id, text, keyboard
        )
    else:
        await reply(uow, caller, text, keyboard=keyboard)
    return ""

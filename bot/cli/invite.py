"""`python -m bot undang admin`: a single-use admin invite link made from the server, for when
no admin can reach the bot. The invitation is the bot's own (bot/features/people/service.py),
issued in the name of an admin still listed (ADMIN_IDS) or active, so redeeming it works."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from bot.cli.common import CliError, bot_username, open_database, revisions
from bot.config import Settings
from bot.domain.errors import InputTidakValid
from bot.domain.roles import Peran
from bot.features.people import service as people
from bot.features.people.access import Actor
from bot.texts import Texts
from storage.audit import audit
from storage.db import Database
from storage.models import Member


async def issuer(db: Database, settings: Settings, telegram_id: int | None) -> Actor:
    """The admin the invitation is made in the name of: ``--oleh``, else the first of
    ADMIN_IDS, else the longest-serving active admin."""
    async with db.unit() as uow:
        admins = (
            await uow.session.scalars(
                select(Member)
                .where(Member.peran == Peran.ADMIN.value, Member.active.is_(True))
                .order_by(Member.id)
            )
        ).all()
    by_id = {member.telegram_id: member for member in admins}
    if telegram_id is not None:
        if telegram_id not in settings.ADMIN_IDS and telegram_id not in by_id:
            raise CliError(
                f"{telegram_id} bukan admin aktif (tidak di ADMIN_IDS dan bukan admin di bot)."
            )
        chosen = telegram_id
    elif settings.ADMIN_IDS:
        chosen = settings.ADMIN_IDS[0]
    elif admins:
        chosen = admins[0].telegram_id
    else:
        raise CliError(
            "Belum ada admin yang bisa menjadi penerbit undangan: isi ADMIN_IDS dengan ID "
            "Telegram seorang admin, lalu ulangi (atau mulai bot: admin ADMIN_IDS langsung aktif)."
        )
    member = by_id.get(chosen)
    nama = member.nama if member is not None else str(chosen)
    return Actor(member.id if member else None, chosen, nama, Peran.ADMIN, None, None)


async def invite_admin(
    settings: Settings, *, username: str | None = None, oleh: int | None = None
) -> int:
    """Make the invitation and print its link and until when it works."""
    if username is None:
        if settings.BOT_TOKEN is None:
            raise CliError("BOT_TOKEN kosong: sebutkan nama bot dengan --bot-username NAMA_BOT.")
        try:
            username = await bot_username(settings)
        except CliError as exc:
            raise CliError(f"{exc} Ulangi dengan --bot-username NAMA_BOT.") from None
    username = username.strip().removeprefix("@")
    if not username:
        raise CliError("--bot-username kosong: sebutkan nama bot, mis. --bot-username pemda_bot.")
    async with open_database(settings) as db:
        found = await revisions(db)
        if found.current is None:
            raise CliError("Basis data belum dimigrasi: jalankan python -m bot migrate dulu.")
        actor = await issuer(db, settings, oleh)
        async with db.unit() as uow:
            try:
                made = await people.invite(uow, actor, people.Undang(Peran.ADMIN))
            except InputTidakValid as exc:  # not for an admin invitation; said plainly anyway
                said = html.unescape(re.sub(r"<[^>]+>", "", exc.text(Texts("id"))))
                raise CliError(f"Undangan tidak bisa dibuat: {' '.join(said.split())}") from None
            await audit(
                uow, None, "undang_server", f"invite:{made.invite.id}", atas_nama=actor.telegram_id
            )
            await uow.commit()
            row = made.invite
    local = row.expires_at.astimezone(settings.zona)
    penerbit = str(actor.telegram_id)
    if actor.nama != penerbit:
        penerbit = f"{actor.nama} ({penerbit})"
    print(f"https://t.me/{username}?start={row.code}")
    print(
        f"Tautan undangan admin sekali pakai, atas nama admin {penerbit}, "
        f"berlaku sampai {local:%d-%m-%Y %H.%M} {local.tzname()}. Kirim hanya kepada calon "
        "admin: siapa pun yang membukanya lebih dulu menjadi admin."
    )
    return 0

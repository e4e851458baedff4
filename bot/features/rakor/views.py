"""How Rakor results read in Telegram: a Rakor opened, and the list of recent Rakor with a
button per Rakor to choose where the admin's new directives go."""

from __future__ import annotations

from html import escape

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.rakor.service import DaftarRakor
from bot.messaging.outbox import Keyboard, View, button
from storage.models import Rakor

MAX_LABEL = 40


def opened(env: Env, rakor: Rakor) -> View:
    """The answer to `/rakor`: the meeting is open, with its title and date."""
    return View(
        env.texts("rakor.dibuka", judul=escape(rakor.judul), tanggal=env.format_date(rakor.tanggal))
    )


def _short(judul: str) -> str:
    return judul if len(judul) <= MAX_LABEL else judul[: MAX_LABEL - 1].rstrip() + "…"


def listing(env: Env, daftar: DaftarRakor) -> View:
    """`/rakor` without arguments: each recent Rakor (number, title, date, how many
    directives), the one the admin's new directives go to marked ✅, and a button per Rakor
    to choose it."""
    dipakai = daftar.dipakai.id if daftar.dipakai is not None else None
    lines = [env.texts("rakor.daftar_judul")]
    rows: Keyboard = []
    for item in daftar.daftar:
        rakor = item.rakor
        mark = "✅ " if rakor.id == dipakai else ""
        terbaru = (
            env.texts("rakor.terbaru")
            if daftar.terbaru is not None and rakor.id == daftar.terbaru.id
            else ""
        )
        lines.append(
            env.texts.count(
                "rakor.daftar_butir",
                item.arahan,
                tanda=mark,
                nomor=rakor.id,
                judul=escape(rakor.judul),
                tanggal=env.format_date(rakor.tanggal),
                jumlah=item.arahan,
                terbaru=terbaru,
            )
        )
        label = env.texts("rakor.tombol", nomor=rakor.id, judul=_short(rakor.judul))
        rows.append([button(mark + label, env.signer.make(ButtonKind.RAKOR, "p", rakor.id))])
    if daftar.dipakai is not None:
        lines.append(env.texts("rakor.daftar_kaki", judul=escape(daftar.dipakai.judul)))
    return View("\n".join(lines), rows)


def chosen_answer(env: Env, daftar: DaftarRakor) -> str:
    """The answer to a Rakor's button: where new directives go now (plain text)."""
    rakor = daftar.dipakai
    assert rakor is not None
    return env.texts("rakor.dipilih", nomor=rakor.id, judul=_short(rakor.judul))

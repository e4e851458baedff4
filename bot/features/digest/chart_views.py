"""How the weekly chart reads: the words in each image (title, scope and date, legend) and
the caption it is sent with, from the text catalog; the images themselves are drawn by
:mod:`bot.features.digest.chart`."""

from __future__ import annotations

from html import escape

from bot.domain.klaster import klaster_label
from bot.domain.rating import Warna
from bot.env import Env
from bot.features.digest.chart import Bagian, DataGrafik, Tulisan, bagian, draw
from bot.messaging.outbox import Berkas

PNG = "image/png"


async def images(env: Env, grafik: DataGrafik) -> list[tuple[Berkas, str]]:
    """Each image of the chart as a PNG file with its HTML caption (none when no OPD of the
    scope has penugasan)."""
    found = []
    day = grafik.waktu.astimezone(env.settings.zona).date()
    for gambar in bagian(grafik):
        png = await draw(words(env, grafik, gambar), gambar)
        name = f"grafik-{_slug(grafik, gambar)}-{day.isoformat()}-{gambar.ke}.png"
        found.append((Berkas(name, png, PNG), caption(env, grafik, gambar)))
    return found


def words(env: Env, grafik: DataGrafik, gambar: Bagian) -> Tulisan:
    """The plain-text words drawn in one image."""
    return Tulisan(
        judul=env.texts("grafik.judul"),
        subjudul=env.texts(
            "grafik.subjudul", lingkup=_scope(env, grafik, gambar), tanggal=_date(env, grafik)
        ),
        bagian=_part(gambar),
        legenda={
            Warna.MERAH: env.texts("grafik.merah"),
            Warna.KUNING: env.texts("grafik.kuning"),
            Warna.HIJAU: env.texts("grafik.hijau"),
        },
    )


def caption(env: Env, grafik: DataGrafik, gambar: Bagian) -> str:
    """The HTML caption of one image; the last one says how many OPDs had nothing to draw."""
    part = _part(gambar)
    text = env.texts(
        "grafik.keterangan",
        lingkup=escape(_scope(env, grafik, gambar)),
        tanggal=escape(_date(env, grafik)),
        bagian=f" ({part})" if part else "",
    )
    if gambar.ke == gambar.dari and grafik.tanpa_penugasan:
        n = grafik.tanpa_penugasan
        text += "\n" + env.texts.count("grafik.tanpa_penugasan", n, jumlah=n)
    return text


def _scope(env: Env, grafik: DataGrafik, gambar: Bagian) -> str:
    """``Asisten I``; ``Semua klaster — Asisten I`` for one cluster of every cluster's chart."""
    if grafik.klaster is not None:
        return klaster_label(grafik.klaster)
    every = env.texts("status.semua")
    return every if gambar.klaster is None else f"{every} — {klaster_label(gambar.klaster)}"


def _date(env: Env, grafik: DataGrafik) -> str:
    return env.format_date(grafik.waktu.astimezone(env.settings.zona).date())


def _part(gambar: Bagian) -> str:
    return f"{gambar.ke}/{gambar.dari}" if gambar.dari > 1 else ""


def _slug(grafik: DataGrafik, gambar: Bagian) -> str:
    return "semua" if grafik.klaster is None else f"klaster-{gambar.klaster}"

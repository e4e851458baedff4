"""The weekly chart: per OPD of a digest's scope, its penugasan as one horizontal bar in
merah, kuning and hijau, worst first, as a PNG a phone can read (sent with the weekly digest
and on `/status grafik`).

The numbers are the digest's own (:func:`bot.features.digest.service.build`): the chart only
regroups them into three colours (:func:`segmen`, the one place that says which status is which
colour). The drawing uses matplotlib's Agg canvas directly (never pyplot, never a global
backend), imported on first use so the bot's start-up does not pay for it; it runs in a worker
thread, one drawing at a time, so the event loop keeps serving while a push draws.
"""

from __future__ import annotations

import asyncio
import io
import math
import threading
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from bot.domain.errors import InputTidakValid
from bot.domain.rating import AngkaOpd, Warna
from bot.env import Env
from bot.features import work
from bot.features.digest import status
from bot.features.digest.service import Ringkasan
from bot.features.digest.status import MintaStatus
from bot.features.people.access import Actor
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, Opd, Penugasan

MAX_OPD = 25
"""At most this many OPDs (bars) in one image; more are split evenly over several."""

WARNA_BATANG = (Warna.MERAH, Warna.KUNING, Warna.HIJAU)
"""The bar's segments, left to right."""

_WORST_FIRST = {Warna.MERAH: 0, Warna.KUNING: 1, Warna.HIJAU: 2}


def segmen(angka: AngkaOpd, telat_dan_kendala: int) -> dict[Warna, int]:
    """The one place the chart maps the project's statuses to colours, from the digest's
    counts of one OPD (``telat_dan_kendala``: its penugasan both overdue and terkendala, which
    the digest counts under both):

    - merah: overdue or terkendala (each penugasan once);
    - kuning: the rest of the work in progress — baru, diterima, dalam proses, on time;
    - hijau: done — selesai waiting for a verifier (or a request to close waiting for its
      sign-off, as the digest counts it) and terverifikasi.

    Penugasan closed as tidak dapat ditindaklanjuti are in no bar, as in the digest."""
    merah = angka.terlambat + angka.terkendala - telat_dan_kendala
    return {
        Warna.MERAH: merah,
        Warna.KUNING: angka.terbuka - merah,
        Warna.HIJAU: angka.menunggu + angka.terverifikasi,
    }


@dataclass(frozen=True)
class BatangOpd:
    """One OPD's bar: its code, cluster, digest rating and the count of each colour."""

    kode: str
    klaster: int
    warna: Warna
    jumlah: dict[Warna, int]

    @property
    def total(self) -> int:
        """The length of the bar."""
        return sum(self.jumlah.values())


@dataclass(frozen=True)
class DataGrafik:
    """What a chart shows: the digest's scope and moment, the OPDs with penugasan (worst
    first) and how many OPDs of the scope have none (left out of the picture)."""

    klaster: int | None
    """The cluster (None: every cluster)."""
    waktu: datetime
    batang: list[BatangOpd]
    tanpa_penugasan: int


@dataclass(frozen=True)
class Bagian:
    """One image: the OPDs it shows, the cluster they belong to when the chart of every
    cluster is split per cluster, its place among the images (1-based) and the scale every
    image of the set shares (the longest bar), so bars compare across images."""

    batang: list[BatangOpd]
    klaster: int | None
    ke: int
    dari: int
    skala: int


async def data(uow: UnitOfWork, env: Env, ringkasan: Ringkasan) -> DataGrafik:
    """The chart of a cluster's (or every cluster's) digest: its OPD numbers regrouped by
    :func:`segmen`, worst first (the digest's rating, then most merah, then most kuning)."""
    today = ringkasan.waktu.astimezone(env.settings.zona).date()
    both = await _overdue_and_blocked(uow, today, ringkasan.klaster)
    batang = [
        BatangOpd(
            b.angka.kode,
            b.angka.klaster,
            b.warna,
            segmen(b.angka, both.get(b.angka.opd_id, 0)),
        )
        for b in ringkasan.opd
    ]
    shown = [b for b in batang if b.total > 0]
    shown.sort(
        key=lambda b: (
            _WORST_FIRST[b.warna],
            -b.jumlah[Warna.MERAH],
            -b.jumlah[Warna.KUNING],
            b.klaster,
            b.kode,
        )
    )
    return DataGrafik(ringkasan.klaster, ringkasan.waktu, shown, len(batang) - len(shown))


async def _overdue_and_blocked(uow: UnitOfWork, today: date, klaster: int | None) -> dict[int, int]:
    """Per OPD, its penugasan the digest counts both as overdue and as terkendala."""
    query = (
        select(Penugasan.opd_id, func.count(Penugasan.id))
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .where(work.published(), work.overdue(today), work.blocked())
        .group_by(Penugasan.opd_id)
    )
    if klaster is not None:
        query = query.where(Opd.klaster == klaster)
    return {int(opd): int(n) for opd, n in (await uow.session.execute(query)).all()}


async def for_status(uow: UnitOfWork, env: Env, actor: Actor, minta: MintaStatus) -> DataGrafik:
    """`/status grafik [klaster N|semua]`: the chart of the caller's scope (an Asisten their
    cluster; everyone else every cluster), checked exactly as `/status` is."""
    if minta.cari or (minta.lingkup is not None and minta.lingkup.kind != "k"):
        raise InputTidakValid(Teks("grafik.format"))
    hasil = await status.show_status(uow, env, actor, minta)
    assert hasil.ringkasan is not None  # a cluster scope always has its digest
    return await data(uow, env, hasil.ringkasan)


def bagian(grafik: DataGrafik, batas: int = MAX_OPD) -> list[Bagian]:
    """The images of a chart: every cluster's split per cluster, then any group of more than
    ``batas`` OPDs split evenly (27 OPDs: 14 and 13), each group keeping its order."""
    if grafik.klaster is None:
        clusters = sorted({b.klaster for b in grafik.batang})
        groups = [(k, [b for b in grafik.batang if b.klaster == k]) for k in clusters]
    else:
        groups = [(grafik.klaster, grafik.batang)] if grafik.batang else []
    pieces: list[tuple[int | None, list[BatangOpd]]] = []
    for klaster, bars in groups:
        count = math.ceil(len(bars) / batas)
        size = math.ceil(len(bars) / count)
        pieces += [(klaster, bars[i : i + size]) for i in range(0, len(bars), size)]
    skala = max((b.total for b in grafik.batang), default=0)
    return [
        Bagian(bars, klaster, ke, len(pieces), skala)
        for ke, (klaster, bars) in enumerate(pieces, start=1)
    ]


# --- drawing ---------------------------------------------------------------------------------
# Sizes are pixels: the figure is drawn at 72 dpi, where a point is a pixel.

DPI = 72
LEBAR = 1080
BARIS = 56
"""Height of one OPD's row."""
KEPALA = 168
"""Title, subtitle and legend above the bars."""
KAKI = 28
TEPI = 28
CADANGAN = 150
"""Room right of the longest bar for the counts of segments too short to hold them."""
HURUF_JUDUL = 34
HURUF_SUBJUDUL = 24
HURUF_LEGENDA = 21
HURUF_KODE = 24
HURUF_ANGKA = 22

PNG_LEVEL = 3

WARNA_ISI = {Warna.MERAH: "#d32f2f", Warna.KUNING: "#f9a825", Warna.HIJAU: "#2e7d32"}
WARNA_TULISAN = {Warna.MERAH: "#ffffff", Warna.KUNING: "#212121", Warna.HIJAU: "#ffffff"}
WARNA_DI_LUAR = {Warna.MERAH: "#b71c1c", Warna.KUNING: "#a66f00", Warna.HIJAU: "#1b5e20"}
"""Counts written after the bar take their segment's colour, darker to read on white."""


@dataclass(frozen=True)
class Tulisan:
    """The words of one image, already in the reader's language (plain text, not HTML)."""

    judul: str
    subjudul: str
    bagian: str
    """``1/2`` when the chart takes several images, else empty."""
    legenda: dict[Warna, str]


def ukuran(n_opd: int) -> tuple[int, int]:
    """The pixel size (width, height) of an image of ``n_opd`` bars."""
    return LEBAR, KEPALA + n_opd * BARIS + KAKI


_drawing = threading.Lock()


async def draw(tulisan: Tulisan, gambar: Bagian) -> bytes:
    """The PNG of one image, drawn in a worker thread (one drawing at a time)."""
    return await asyncio.to_thread(_draw_alone, tulisan, gambar)


def _draw_alone(tulisan: Tulisan, gambar: Bagian) -> bytes:
    with _drawing:
        return draw_png(tulisan, gambar)


def draw_png(tulisan: Tulisan, gambar: Bagian) -> bytes:
    """The PNG of one image: a title block, a one-line legend, then one bar per OPD (worst at
    the top) with each segment's count inside it, or after the bar when it does not fit."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Patch
    from PIL import Image

    n = len(gambar.batang)
    width, height = ukuran(n)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    kode_font = FontProperties(size=HURUF_KODE)
    angka_font = FontProperties(size=HURUF_ANGKA, weight="bold")

    def text_width(text: str, font: FontProperties) -> float:
        return float(renderer.get_text_width_height_descent(text, font, ismath=False)[0])

    def fy(px_from_top: float) -> float:
        return 1 - px_from_top / height

    fig.text(TEPI / width, fy(20), tulisan.judul, fontsize=HURUF_JUDUL, weight="bold", va="top")
    if tulisan.bagian:
        fig.text(
            1 - TEPI / width,
            fy(20),
            tulisan.bagian,
            fontsize=HURUF_JUDUL,
            weight="bold",
            color="#555555",
            va="top",
            ha="right",
        )
    fig.text(TEPI / width, fy(68), tulisan.subjudul, fontsize=HURUF_SUBJUDUL, va="top")
    fig.legend(
        handles=[Patch(facecolor=WARNA_ISI[w], label=tulisan.legenda[w]) for w in WARNA_BATANG],
        loc="upper left",
        bbox_to_anchor=(TEPI / width - 0.002, fy(108)),
        ncols=3,
        frameon=False,
        fontsize=HURUF_LEGENDA,
        handlelength=1.1,
        handleheight=1.1,
        handletextpad=0.4,
        columnspacing=1.2,
        borderaxespad=0,
        borderpad=0,
    )

    label_px = max((text_width(b.kode, kode_font) for b in gambar.batang), default=0.0)
    left = TEPI + label_px + 12
    axes_px = width - left - TEPI
    ax = fig.add_axes((left / width, KAKI / height, axes_px / width, n * BARIS / height))
    ax.set_axis_off()
    skala = max(gambar.skala, 1)
    per_unit = (axes_px - CADANGAN) / skala  # px per penugasan
    ax.set_xlim(0, axes_px / per_unit)
    ax.set_ylim(n - 0.5, -0.5)
    ax.plot([0, 0], [n - 0.5, -0.5], color="#9e9e9e", linewidth=1)
    boxes: list[list[tuple[float, float]]] = []
    fills: list[str] = []
    half = 0.36  # half a bar's height, in rows
    for row, bar in enumerate(gambar.batang):
        ax.text(-10 / per_unit, row, bar.kode, ha="right", va="center", fontproperties=kode_font)
        x = 0
        after = 8.0  # px from the bar's end to the next count written after it
        for warna in WARNA_BATANG:
            count = bar.jumlah[warna]
            if count == 0:
                continue
            boxes.append(
                [(x, row - half), (x + count, row - half), (x + count, row + half), (x, row + half)]
            )
            fills.append(WARNA_ISI[warna])
            label = str(count)
            label_w = text_width(label, angka_font)
            if count * per_unit >= label_w + 10:
                where, align, colour = x + count / 2, "center", WARNA_TULISAN[warna]
            else:
                where, align, colour = bar.total + after / per_unit, "left", WARNA_DI_LUAR[warna]
                after += label_w + 10
            ax.text(
                where, row, label, ha=align, va="center", fontproperties=angka_font, color=colour
            )
            x += count
    ax.add_collection(
        PolyCollection(boxes, facecolors=fills, edgecolors="white", linewidths=1.5),
        autolim=False,
    )
    canvas.draw()  # type: ignore[no-untyped-call]
    # PNG as RGB (no alpha: a white background) at a light compression: half the time of
    # savefig's RGBA at level 6, a few percent larger
    rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    image = Image.frombuffer("RGBA", (width, height), rgba).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="png", compress_level=PNG_LEVEL)
    return out.getvalue()

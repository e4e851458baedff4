"""The Rakor follow-up report as a PDF that reads like a government document: A4 landscape, a
title block (the Pemda's name, LAPORAN TINDAK LANJUT RAKOR, the Rakor and its date, as of when),
numbered parts with tables whose header row repeats on every page, long texts wrapped inside
their cells, and "Halaman X dari Y" at the foot of every page.

Made with fpdf2 (pure Python). The font is DejaVu Sans as matplotlib ships it (found through the
package's location, matplotlib itself is not imported), so Indonesian text and signs such as
"–", "≥" and "×" render; emoji, which the font lacks, are left out.
fpdf2 is imported on first use: it imports numpy, which changes the warning filters, and
importing the bot must change nothing.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.domain.rating import Warna
from bot.env import Env
from bot.features.rakor_report import views
from bot.features.rakor_report.service import BarisTugas, LaporanRakor

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

FONT = "DejaVu"
BODY = 7.5
"""Table text size (points)."""
MARGIN = 10.0
MAX_TEKS = 600
"""Characters of one user text in a cell (the workbook has them whole): a row must fit a page."""
MIN_ROOM = 35.0
"""A part's heading starts a new page when less than this (mm) is left for its table."""

# column widths (mm; the usable width of A4 landscape is 277 mm)
W_ARAHAN = (9, 52, 22, 21, 24, 15, 19, 43, 34, 11, 27)
W_BELUM = (35, 9, 57, 19, 20, 24, 15, 19, 47, 32)
W_PERUBAHAN = (9, 70, 20, 30, 30, 22, 18, 16, 62)
W_KENDALA = (9, 80, 20, 80, 20, 26, 20, 22)


def _rgb(hex_argb: str) -> tuple[int, int, int]:
    """``00F4C7C3`` (openpyxl's colour) as RGB."""
    rgb = hex_argb[-6:]
    return int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16)


@cache
def _colours() -> tuple[dict[Warna, tuple[int, int, int]], tuple[int, int, int]]:
    """The merah/kuning/hijau fills and the header colour of the workbook, as RGB."""
    from bot.features.export.workbook import FILLS, HEADER_FILL

    fills = {w: _rgb(str(FILLS[w].fgColor.rgb)) for w in Warna}
    return fills, _rgb(str(HEADER_FILL.fgColor.rgb))


@cache
def font_files() -> tuple[Path, Path]:
    """DejaVu Sans and DejaVu Sans Bold from matplotlib's package data."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib (for its DejaVu Sans font) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


@cache
def _glyphs() -> frozenset[int]:
    """The characters both DejaVu Sans faces can draw."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # fpdf2 depends on it

    faces = [set(TTFont(str(path)).getBestCmap()) for path in font_files()]
    return frozenset(set.intersection(*faces))


def _new(env: Env, laporan: LaporanRakor) -> FPDF:
    """A4 landscape, DejaVu Sans, with the running header (from page 2) and the page-number
    footer."""
    from fpdf import FPDF

    class Dokumen(FPDF):
        def normalize_text(self, text: str) -> str:
            # characters DejaVu Sans lacks (emoji, mostly) are left out, not drawn as boxes
            drawn = _glyphs()
            kept = "".join(c for c in text if ord(c) in drawn or c in "\n\t")
            return str(super().normalize_text(kept))

        def header(self) -> None:
            _header(self, env, laporan)

        def footer(self) -> None:
            _footer(self, env)

    pdf = Dokumen(orientation="L", unit="mm", format="A4")
    regular, bold = font_files()
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(env.texts("laporan_rakor.judul_dokumen"))
    pdf.set_creator("tindaklanjut")
    return pdf


def _header(pdf: FPDF, env: Env, laporan: LaporanRakor) -> None:
    if pdf.page_no() == 1:
        return
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(90)
    rakor = laporan.rakor
    title = " — ".join(
        part
        for part in (
            laporan.pemda,
            env.texts("laporan_rakor.judul_dokumen"),
            env.texts("laporan_rakor.rakor", nomor=rakor.nomor, judul=rakor.judul),
        )
        if part
    )
    pdf.cell(0, 4, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(150)
    pdf.line(MARGIN, pdf.get_y() + 0.5, pdf.w - MARGIN, pdf.get_y() + 0.5)
    pdf.ln(3)
    pdf.set_text_color(0)


def _footer(pdf: FPDF, env: Env) -> None:
    pdf.set_y(-11)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(60)
    pdf.cell(0, 5, env.texts("laporan_rakor.halaman", ke=pdf.page_no(), dari="{nb}"), align="C")
    pdf.set_text_color(0)


def _title_block(pdf: FPDF, env: Env, laporan: LaporanRakor) -> None:
    width = pdf.w - 2 * MARGIN
    if laporan.pemda:
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(width, 7, laporan.pemda.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 13)
    text = env.texts("laporan_rakor.judul_dokumen")
    pdf.multi_cell(width, 7, text, align="C", new_x="LMARGIN", new_y="NEXT")
    rakor = laporan.rakor
    pdf.set_font(FONT, "B", 11)
    text = env.texts("laporan_rakor.rakor", nomor=rakor.nomor, judul=rakor.judul)
    pdf.multi_cell(width, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    text = env.texts("laporan_rakor.tanggal_rakor", tanggal=env.format_date(rakor.tanggal))
    pdf.multi_cell(width, 5.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(width, 5.5, views.per(env, laporan), align="C", new_x="LMARGIN", new_y="NEXT")
    # the double rule under a letterhead
    y = pdf.get_y() + 2
    pdf.set_draw_color(0)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, y, pdf.w - MARGIN, y)
    pdf.set_line_width(0.2)
    pdf.line(MARGIN, y + 1, pdf.w - MARGIN, y + 1)
    pdf.set_y(y + 4)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(width, 5, views.ringkasan(env, laporan), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _heading(pdf: FPDF, text: str, size: float = 11) -> None:
    if pdf.get_y() > pdf.h - MIN_ROOM:
        pdf.add_page()
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(pdf.w - 2 * MARGIN, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _none(pdf: FPDF, env: Env) -> None:
    pdf.set_font(FONT, "", 9)
    pdf.cell(0, 6, env.texts("laporan_rakor.kosong"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _cut(text: str | None) -> str:
    """A user text for a cell: ``–`` when there is none, cut short when very long."""
    if not text:
        return "–"
    return text if len(text) <= MAX_TEKS else text[: MAX_TEKS - 1].rstrip() + "…"


def _fill(tugas: BarisTugas) -> FontFace:
    from fpdf.fonts import FontFace

    return FontFace(fill_color=_colours()[0][tugas.warna])


def _part_one(pdf: FPDF, env: Env, laporan: LaporanRakor, *, spans: bool) -> None:
    """Each directive with its penugasan; with ``spans`` the directive's number and text span
    its rows (fpdf2 keeps a span on one page: a directive with too many OPDs for one page is
    written without spans, its number on every row and its text on the first)."""
    _heading(pdf, env.texts("laporan_rakor.bagian1"))
    if not laporan.arahan:
        _none(pdf, env)
        return
    headers = [
        env.texts("laporan_rakor.kolom.no"),
        env.texts("laporan_rakor.kolom.arahan"),
        env.texts("laporan_rakor.kolom.opd"),
        env.texts("laporan_rakor.kolom.kedudukan"),
        env.texts("laporan_rakor.kolom.status"),
        env.texts("laporan_rakor.kolom.progres"),
        env.texts("laporan_rakor.kolom.terlambat"),
        env.texts("laporan_rakor.kolom.laporan_tanggal"),
        env.texts("laporan_rakor.kolom.kendala"),
        env.texts("laporan_rakor.kolom.bukti"),
        env.texts("laporan_rakor.kolom.tanda"),
    ]
    pdf.set_font(FONT, "", BODY)
    with pdf.table(**_options(W_ARAHAN)) as table:
        table.row(headers)
        for a in laporan.arahan:
            span = len(a.tugas)
            for index, t in enumerate(a.tugas):
                row = table.row()
                detail = " · ".join(
                    (
                        f"{env.texts('laporan_rakor.kolom.tenggat')} "
                        f"{views.tanggal(env, a.tenggat)}",
                        views.prioritas(env, a.prioritas),
                    )
                )
                if index == 0 and spans:
                    row.cell(str(a.nomor), rowspan=span, align="CENTER")
                    row.cell(f"{_cut(a.teks)}\n({detail})", rowspan=span)
                elif not spans:
                    row.cell(str(a.nomor), align="CENTER")
                    row.cell(f"{_cut(a.teks)}\n({detail})" if index == 0 else "")
                row.cell(t.kode)
                row.cell(views.kedudukan(env, t.kedudukan))
                row.cell(views.status(env, t.status), style=_fill(t))
                row.cell(f"{t.progress}%", align="RIGHT")
                row.cell(str(t.hari_terlambat) if t.hari_terlambat else "–", align="RIGHT")
                row.cell(_cut(views.laporan_terakhir(env, t)))
                row.cell(_cut(t.kendala))
                row.cell(str(t.bukti), align="RIGHT")
                row.cell(views.tanda(env, t) or "–")
    pdf.ln(4)


def _options(widths: Sequence[float]) -> dict[str, object]:
    from fpdf.fonts import FontFace

    return {
        "col_widths": tuple(widths),
        "width": sum(widths),
        "align": "LEFT",
        "text_align": "LEFT",
        "v_align": "TOP",
        "line_height": 3.6,
        "padding": 1,
        "repeat_headings": 1,
        "headings_style": FontFace(emphasis="BOLD", color=255, fill_color=_colours()[1]),
        "first_row_as_headings": True,
    }


def _belum(pdf: FPDF, env: Env, laporan: LaporanRakor) -> None:
    _heading(pdf, env.texts("laporan_rakor.bagian2a"), 10)
    if not laporan.belum_tuntas:
        _none(pdf, env)
        return
    pdf.set_font(FONT, "", BODY)
    with pdf.table(**_options(W_BELUM)) as table:
        table.row(
            [
                env.texts("laporan_rakor.kolom.rakor"),
                env.texts("laporan_rakor.kolom.no"),
                env.texts("laporan_rakor.kolom.arahan"),
                env.texts("laporan_rakor.kolom.tenggat"),
                env.texts("laporan_rakor.kolom.opd"),
                env.texts("laporan_rakor.kolom.status"),
                env.texts("laporan_rakor.kolom.progres"),
                env.texts("laporan_rakor.kolom.terlambat"),
                env.texts("laporan_rakor.kolom.laporan_tanggal"),
                env.texts("laporan_rakor.kolom.kendala"),
            ]
        )
        for b in laporan.belum_tuntas:
            t = b.tugas
            row = table.row()
            rakor = env.texts("laporan_rakor.rakor", nomor=b.rakor.nomor, judul=b.rakor.judul)
            row.cell(_cut(f"{rakor}, {views.tanggal(env, b.rakor.tanggal)}"))
            row.cell(str(b.nomor), align="CENTER")
            row.cell(_cut(b.teks))
            row.cell(views.tanggal(env, b.tenggat))
            row.cell(t.kode)
            row.cell(views.status(env, t.status), style=_fill(t))
            row.cell(f"{t.progress}%", align="RIGHT")
            row.cell(str(t.hari_terlambat) if t.hari_terlambat else "–", align="RIGHT")
            row.cell(_cut(views.laporan_terakhir(env, t)))
            row.cell(_cut(t.kendala))
    pdf.ln(4)


def _perubahan(pdf: FPDF, env: Env, laporan: LaporanRakor) -> None:
    since = views.tanggal(env, laporan.rakor.tanggal)
    _heading(pdf, env.texts("laporan_rakor.bagian2b", tanggal=since), 10)
    if not laporan.perubahan:
        _none(pdf, env)
        return
    pdf.set_font(FONT, "", BODY)
    with pdf.table(**_options(W_PERUBAHAN)) as table:
        table.row(
            [
                env.texts("laporan_rakor.kolom.no"),
                env.texts("laporan_rakor.kolom.arahan"),
                env.texts("laporan_rakor.kolom.opd"),
                env.texts("laporan_rakor.kolom.status_awal"),
                env.texts("laporan_rakor.kolom.status_kini"),
                env.texts("laporan_rakor.kolom.progres_awal"),
                env.texts("laporan_rakor.kolom.progres_kini"),
                env.texts("laporan_rakor.kolom.jumlah_laporan"),
                env.texts("laporan_rakor.kolom.laporan_tanggal"),
            ]
        )
        for p in laporan.perubahan:
            row = table.row()
            row.cell(str(p.nomor), align="CENTER")
            row.cell(_cut(p.teks))
            row.cell(p.kode)
            row.cell(views.status(env, p.status_awal))
            row.cell(views.status(env, p.status_kini))
            row.cell("–" if p.progress_awal is None else f"{p.progress_awal}%", align="RIGHT")
            row.cell(f"{p.progress_kini}%", align="RIGHT")
            row.cell(str(p.laporan), align="RIGHT")
            day = views.tanggal(env, views.hari_lokal(env, p.terakhir_at))
            row.cell(_cut(f"{day}: {p.catatan}" if p.catatan else day))
    pdf.ln(4)


def _kendala(pdf: FPDF, env: Env, laporan: LaporanRakor) -> None:
    _heading(pdf, env.texts("laporan_rakor.bagian2c"), 10)
    if not laporan.kendala_berulang:
        _none(pdf, env)
        return
    pdf.set_font(FONT, "", BODY)
    with pdf.table(**_options(W_KENDALA)) as table:
        table.row(
            [
                env.texts("laporan_rakor.kolom.no"),
                env.texts("laporan_rakor.kolom.arahan"),
                env.texts("laporan_rakor.kolom.opd"),
                env.texts("laporan_rakor.kolom.kendala"),
                env.texts("laporan_rakor.kolom.kali"),
                env.texts("laporan_rakor.kolom.sejak"),
                env.texts("laporan_rakor.kolom.progres"),
                env.texts("laporan_rakor.kolom.terlambat"),
            ]
        )
        for k in laporan.kendala_berulang:
            row = table.row()
            row.cell(str(k.nomor), align="CENTER")
            row.cell(_cut(k.teks))
            row.cell(k.kode)
            row.cell(_cut(k.kendala))
            row.cell(f"{k.kali}×", align="RIGHT")
            since = views.tanggal(env, views.hari_lokal(env, k.sejak)) if k.sejak else "–"
            row.cell(since)
            row.cell(f"{k.progress}%", align="RIGHT")
            row.cell(str(k.hari_terlambat) if k.hari_terlambat else "–", align="RIGHT")
    pdf.ln(4)


def document(env: Env, laporan: LaporanRakor) -> bytes:
    """The PDF's bytes."""
    try:
        return _render(env, laporan, spans=True)
    except ValueError:  # a directive's rows are too many for one page: no spans then
        return _render(env, laporan, spans=False)


def _render(env: Env, laporan: LaporanRakor, *, spans: bool) -> bytes:
    pdf = _new(env, laporan)
    pdf.add_page()
    _title_block(pdf, env, laporan)
    _part_one(pdf, env, laporan, spans=spans)
    _heading(pdf, env.texts("laporan_rakor.bagian2"))
    _belum(pdf, env, laporan)
    _perubahan(pdf, env, laporan)
    _kendala(pdf, env, laporan)
    return bytes(pdf.output())

"""How the Rakor follow-up report reads: the caption of the two files, the refusal of an
unknown Rakor, the file names, and the plain-text words the workbook and the PDF share
(status, colour, dates, the latest report)."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from bot.domain.dates import format_tanggal_pendek
from bot.env import Env
from bot.features.digest.tanda_views import signs
from bot.features.rakor_report.service import BarisTugas, LaporanRakor, TidakAda
from bot.messaging.outbox import MAX_CAPTION, View

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def not_found(env: Env, hasil: TidakAda) -> View:
    """No Rakor has that number: the latest ones, to choose from."""
    daftar = "\n".join(
        env.texts(
            "laporan_rakor.daftar_butir",
            nomor=r.nomor,
            judul=escape(r.judul),
            tanggal=env.format_date(r.tanggal),
        )
        for r in hasil.terakhir
    )
    return View(env.texts("laporan_rakor.tidak_ada", nomor=hasil.nomor, daftar=daftar))


def ringkasan(env: Env, laporan: LaporanRakor) -> str:
    """``3 arahan · 5 penugasan · 1 terlambat · …`` (plain text, the same on every file)."""
    return env.texts(
        "laporan_rakor.ringkasan",
        arahan=len(laporan.arahan),
        tugas=len(laporan.tugas),
        terlambat=laporan.terlambat,
        kendala=laporan.terkendala,
        tuntas=laporan.tuntas,
    )


def caption(env: Env, laporan: LaporanRakor) -> str:
    """The caption of the workbook: which Rakor, and the numbers that matter (HTML)."""
    text = env.texts(
        "laporan_rakor.keterangan",
        nomor=laporan.rakor.nomor,
        judul=escape(laporan.rakor.judul),
        tanggal=env.format_date(laporan.rakor.tanggal),
        ringkasan=escape(ringkasan(env, laporan)),
        belum=len(laporan.belum_tuntas),
        berulang=len(laporan.kendala_berulang),
    )
    if len(text) > MAX_CAPTION:  # a very long title: shorten it, keep the numbers
        over = len(text) - MAX_CAPTION + 1
        judul = laporan.rakor.judul[: max(0, len(laporan.rakor.judul) - over)] + "…"
        return caption(env, _retitled(laporan, judul))
    return text


def _retitled(laporan: LaporanRakor, judul: str) -> LaporanRakor:
    from dataclasses import replace

    return replace(laporan, rakor=replace(laporan.rakor, judul=judul))


def caption_pdf(env: Env) -> str:
    """The caption of the PDF."""
    return env.texts("laporan_rakor.keterangan_pdf")


def file_name(laporan: LaporanRakor, ext: str) -> str:
    """``laporan_rakor_3_20261123.xlsx``: the Rakor's number and the report's date."""
    return f"laporan_rakor_{laporan.rakor.nomor}_{laporan.hari_ini:%Y%m%d}.{ext}"


# -- plain-text words for the files ------------------------------------------------------------


def status(env: Env, value: str) -> str:
    """A penugasan status in words."""
    return env.texts(f"status.{value}")


def kedudukan(env: Env, value: str) -> str:
    """Lead or supporting, in words."""
    return env.texts(f"kedudukan.{value}")


def prioritas(env: Env, value: str) -> str:
    """A directive's priority in words."""
    return env.texts(f"prioritas.{value}")


def warna(env: Env, tugas: BarisTugas) -> str:
    """merah / kuning / hijau."""
    return env.texts(f"laporan_rakor.warna.{tugas.warna.value}")


def tanda(env: Env, tugas: BarisTugas) -> str:
    """Its honesty signs in words, as the digest says them ('' when none)."""
    return signs(env, tugas.bertanda) if tugas.bertanda else ""


def tanggal(env: Env, day: date) -> str:
    """``23 Nov 2026``."""
    return format_tanggal_pendek(day, env.settings.LANGUAGE)


def lokal(env: Env, moment: datetime) -> datetime:
    """A UTC moment in the Pemda's zone, without the zone (as Excel keeps dates)."""
    return moment.astimezone(env.settings.zona).replace(tzinfo=None)


def hari_lokal(env: Env, moment: datetime) -> date:
    """The Pemda's date of a UTC moment."""
    return moment.astimezone(env.settings.zona).date()


def laporan_terakhir(env: Env, tugas: BarisTugas) -> str:
    """``20 Nov 2026: sudah 60 persen``, or that it never reported."""
    if tugas.laporan_at is None:
        return env.texts("laporan_rakor.belum_lapor")
    day = tanggal(env, hari_lokal(env, tugas.laporan_at))
    return f"{day}: {tugas.laporan}" if tugas.laporan else day


def per(env: Env, laporan: LaporanRakor) -> str:
    """``Keadaan per Senin, 23 November 2026 pukul 08.00 WIB``."""
    return env.texts("laporan_rakor.per", waktu=env.format_datetime(laporan.dibuat))

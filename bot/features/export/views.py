"""How an export reads in Telegram: the document's name and caption, and the digest's
**📥 Unduh Excel** button."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from bot.domain.dates import format_tanggal_pendek
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.messaging.outbox import MAX_CAPTION, Berkas, button

if TYPE_CHECKING:  # the digest's views import this module
    from bot.features.digest.status import Lingkup
    from bot.features.export.service import Saringan
    from bot.features.export.workbook import Buku

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_button(env: Env, lingkup: Lingkup) -> dict[str, str]:
    """**📥 Unduh Excel** under a digest: the workbook of the digest's scope."""
    data = env.signer.make(ButtonKind.EKSPOR, lingkup.kind, lingkup.target)
    return button(env.texts("ekspor.tombol"), data)


def berkas(env: Env, buku: Buku) -> Berkas:
    """The workbook as a document named after today (``tindak-lanjut-2026-12-01.xlsx``)."""
    return Berkas(env.texts("ekspor.berkas", tanggal=env.today().isoformat()), buku.isi, MIME)


def caption(env: Env, saringan: Saringan, buku: Buku) -> str:
    """What the document holds: the scope asked for and how many rows of each."""
    text = env.texts(
        "ekspor.keterangan",
        waktu=env.format_datetime(env.now()),
        cakupan=cakupan(env, saringan),
        arahan=buku.arahan,
        penugasan=buku.penugasan,
        laporan=buku.laporan,
        opd=buku.opd,
    )
    return text if len(text) <= MAX_CAPTION else text[: MAX_CAPTION - 1] + "…"


def cakupan(env: Env, s: Saringan) -> str:
    """The filters in words, joined with ` · ` (every published directive without any)."""
    language = env.settings.LANGUAGE
    parts = []
    if s.rakor is not None:
        judul = s.rakor.judul if len(s.rakor.judul) <= 80 else s.rakor.judul[:79] + "…"
        parts.append(env.texts("ekspor.c_rakor", nomor=s.rakor.nomor, judul=escape(judul)))
    if s.dari is not None and s.sampai is not None:
        parts.append(
            env.texts(
                "ekspor.c_periode",
                dari=format_tanggal_pendek(s.dari, language),
                sampai=format_tanggal_pendek(s.sampai, language),
            )
        )
    elif s.dari is not None:
        parts.append(env.texts("ekspor.c_sejak", dari=format_tanggal_pendek(s.dari, language)))
    elif s.sampai is not None:
        parts.append(env.texts("ekspor.c_sampai", sampai=format_tanggal_pendek(s.sampai, language)))
    if s.klaster is not None:
        parts.append(env.texts("ekspor.c_klaster", klaster=s.klaster))
    if s.opd is not None:
        parts.append(env.texts("ekspor.c_opd", kode=escape(s.opd.kode)))
    return " · ".join(parts) if parts else env.texts("ekspor.semua")

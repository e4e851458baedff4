"""How verification results read in Telegram: the waiting cards with Terima / Tolak, the
question for a reason, and the notices to the OPD."""

from __future__ import annotations

from html import escape
from typing import Any

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.evidence import views as bukti_views
from bot.features.verification.service import Antrian, Dikembalikan, Kartu, Keputusan, Perkara
from bot.messaging.outbox import Keyboard, View, button


def kosong(env: Env) -> View:
    """The answer to `/verifikasi` when nothing waits."""
    return View(env.texts("verifikasi.kosong"))


def judul(env: Env, antrian: Antrian) -> View:
    """The heading above the cards: how many wait and how many are shown."""
    shown = len(antrian.kartu)
    return View(env.texts("verifikasi.judul", jumlah=antrian.jumlah, tampil=shown))


def kartu(env: Env, item: Kartu) -> View:
    """One waiting completion or tidak-dapat request: the report that claimed it (its words,
    who, when), the evidence (and a button that sends it), **Terima** / **Tolak**."""
    tugas, arahan = item.tugas, item.arahan
    kind = "verifikasi.usul_tidak_dapat" if item.usul_tidak_dapat else "verifikasi.selesai"
    klaim = item.klaim
    text = env.texts(
        kind,
        nomor=arahan.nomor,
        opd=escape(item.opd.kode),
        teks=escape(_short(arahan.teks, 300)),
        catatan=escape(_short(item.catatan or "-", 600)),
        nama=escape((klaim.nama if klaim else None) or "-"),
        bukti=bukti_views.ringkas(env, item.bukti),
        waktu=env.format_datetime(item.sejak),
    )
    sign = env.signer.make
    keyboard: Keyboard = [
        [
            button(
                env.texts("tombol.verifikasi_terima"), sign(ButtonKind.VERIFIKASI, "y", tugas.id)
            ),
            button(
                env.texts("tombol.verifikasi_tolak"), sign(ButtonKind.VERIFIKASI, "n", tugas.id)
            ),
        ]
    ]
    evidence = bukti_views.tombol(env, tugas.id, item.bukti)
    if evidence is not None:
        keyboard.append([evidence])
    return View(text, keyboard)


def kartu_diputuskan(env: Env, card: dict[str, Any], keputusan: Keputusan) -> View:
    """A card sent earlier (``card``: its sendMessage parameters) once the penugasan is
    decided, here or on another card: its text with the decision under it, and no Terima /
    Tolak any more (the evidence button stays)."""
    if isinstance(keputusan, Dikembalikan):
        line = env.texts(
            "verifikasi.kartu_ditolak",
            nama=escape(keputusan.oleh),
            waktu=env.format_datetime(keputusan.laporan.created_at),
        )
    else:
        line = env.texts(
            "verifikasi.kartu_diterima",
            status=env.texts(f"status.{keputusan.status.value}"),
            nama=escape(keputusan.oleh),
            waktu=env.format_datetime(keputusan.laporan.created_at),
        )
    rows = (card.get("reply_markup") or {}).get("inline_keyboard") or []
    kept = [
        row
        for row in rows
        if all(
            str(b.get("callback_data", "")).startswith(f"{ButtonKind.BUKTI.value}:") for b in row
        )
    ]
    return View(f"{card.get('text', '')}\n\n{line}", kept)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def minta_alasan(env: Env, perkara: Perkara) -> View:
    """After **Tolak**: the question the verifier answers with the reason (a forced reply)."""
    return View(
        env.texts(
            "verifikasi.minta_alasan", nomor=perkara.arahan.nomor, opd=escape(perkara.opd.kode)
        )
    )


def tulis_alasan(env: Env) -> str:
    """The answer to the **Tolak** press."""
    return env.texts("verifikasi.tulis_alasan")


def diterima(env: Env, keputusan: Keputusan) -> View:
    """After **Terima**: the card's new text, and the notice to the OPD's members."""
    return View(
        env.texts(
            "verifikasi.diterima",
            nomor=keputusan.arahan.nomor,
            opd=escape(keputusan.opd.kode),
            status=env.texts(f"status.{keputusan.status.value}"),
            nama=escape(keputusan.oleh),
        )
    )


def diterima_singkat(env: Env) -> str:
    """The answer to the **Terima** press."""
    return env.texts("verifikasi.diterima_singkat")


def dikembalikan(env: Env, hasil: Dikembalikan) -> View:
    """The notice to the OPD's members: who rejected it, why, and where it stands now."""
    return View(
        env.texts(
            "verifikasi.ditolak",
            nomor=hasil.arahan.nomor,
            opd=escape(hasil.opd.kode),
            nama=escape(hasil.oleh),
            alasan=escape(hasil.alasan),
            status=env.texts(f"status.{hasil.status.value}"),
        )
    )


def penolakan_dicatat(env: Env, hasil: Dikembalikan) -> View:
    """The answer to the verifier once the reason is taken and the OPD told."""
    return View(
        env.texts(
            "verifikasi.penolakan_dicatat",
            opd=escape(hasil.opd.kode),
            nomor=hasil.arahan.nomor,
        )
    )

"""How verification results read in Telegram: the waiting cards with Terima / Tolak, the
question for a reason, and the notices to the OPD."""

from __future__ import annotations

from html import escape

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.verification.service import Antrian, Dikembalikan, Kartu, Keputusan, Perkara
from bot.messaging.outbox import View, button


def kosong(env: Env) -> View:
    """The answer to `/verifikasi` when nothing waits."""
    return View(env.texts("verifikasi.kosong"))


def judul(env: Env, antrian: Antrian) -> View:
    """The heading above the cards: how many wait and how many are shown."""
    shown = len(antrian.kartu)
    return View(env.texts("verifikasi.judul", jumlah=antrian.jumlah, tampil=shown))


def kartu(env: Env, item: Kartu) -> View:
    """One waiting completion or tidak-dapat request, with **Terima** / **Tolak**."""
    tugas, arahan = item.tugas, item.arahan
    kind = "verifikasi.usul_tidak_dapat" if item.usul_tidak_dapat else "verifikasi.selesai"
    text = env.texts(
        kind,
        nomor=arahan.nomor,
        opd=escape(item.opd.kode),
        teks=escape(_short(arahan.teks, 300)),
        catatan=escape(_short(item.catatan or "-", 600)),
        bukti=item.bukti,
        waktu=env.format_datetime(tugas.last_report_at or tugas.updated_at),
    )
    sign = env.signer.make
    keyboard = [
        [
            button(
                env.texts("tombol.verifikasi_terima"), sign(ButtonKind.VERIFIKASI, "y", tugas.id)
            ),
            button(
                env.texts("tombol.verifikasi_tolak"), sign(ButtonKind.VERIFIKASI, "n", tugas.id)
            ),
        ]
    ]
    return View(text, keyboard)


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

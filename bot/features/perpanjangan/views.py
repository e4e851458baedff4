"""How extension requests read in Telegram: the prompt, the answer to the OPD, the decision
card with **Setujui** / **Tolak**, the card once decided, and the notices."""

from __future__ import annotations

from html import escape

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.perpanjangan.service import (
    AlasanDiminta,
    Diminta,
    Diputuskan,
    Ditanya,
    Langkah,
    Perkara,
    SudahDiputuskan,
)
from bot.messaging.outbox import Keyboard, View, button
from storage.states import PerpanjanganState

TEKS_KARTU = 300


def pertanyaan(env: Env, ditanya: Ditanya) -> View:
    """The prompt (a forced reply): the date and the reason, or the reason once the date is
    known."""
    if ditanya.langkah is Langkah.ALASAN:
        assert ditanya.tanggal is not None
        return View(
            env.texts(
                "perpanjangan.tanya_alasan",
                nomor=ditanya.arahan.nomor,
                opd=escape(ditanya.opd.kode),
                tanggal=env.format_date(ditanya.tanggal),
            )
        )
    return View(
        env.texts(
            "perpanjangan.tanya_tanggal",
            nomor=ditanya.arahan.nomor,
            opd=escape(ditanya.opd.kode),
            tenggat=env.format_date(ditanya.arahan.tenggat),
        )
    )


def isian(env: Env, ditanya: Ditanya) -> str:
    """The placeholder of the answer field under the prompt."""
    if ditanya.langkah is Langkah.ALASAN:
        return env.texts("perpanjangan.isian_alasan")
    return env.texts("perpanjangan.isian_tanggal")


def ditanya_singkat(env: Env) -> str:
    """The answer to the **⏳ Minta perpanjangan** press."""
    return env.texts("tanya.singkat")


def diminta(env: Env, hasil: Diminta) -> View:
    """The answer to the OPD: the request is sent, and to how many deciders."""
    return View(
        env.texts(
            "perpanjangan.dikirim",
            nomor=hasil.arahan.nomor,
            opd=escape(hasil.opd.kode),
            tanggal=env.format_date(hasil.permintaan.tenggat_baru),
        )
    )


def kartu(env: Env, perkara: Perkara) -> View:
    """The decision card: the directive, the OPD, who asked, the deadline now and asked for,
    the reason; **Setujui** / **Tolak** while it waits."""
    permintaan = perkara.permintaan
    teks = perkara.arahan.teks
    text = env.texts(
        "perpanjangan.kartu",
        nomor=perkara.arahan.nomor,
        teks=escape(teks if len(teks) <= TEKS_KARTU else teks[: TEKS_KARTU - 1] + "…"),
        opd=escape(perkara.opd.kode),
        nama_opd=escape(perkara.opd.nama),
        pemohon=escape(perkara.pemohon),
        waktu=env.format_datetime(permintaan.requested_at),
        dari=env.format_date(permintaan.tenggat_lama),
        ke=env.format_date(permintaan.tenggat_baru),
        alasan=escape(permintaan.alasan),
    )
    if permintaan.state != PerpanjanganState.MENUNGGU.value:
        return View(text + "\n\n" + keputusan(env, perkara))
    sign = env.signer.make
    keyboard: Keyboard = [
        [
            button(
                env.texts("tombol.perpanjangan_setujui"),
                sign(ButtonKind.PERPANJANGAN, "y", permintaan.id),
            ),
            button(
                env.texts("tombol.perpanjangan_tolak"),
                sign(ButtonKind.PERPANJANGAN, "n", permintaan.id),
            ),
        ]
    ]
    return View(text, keyboard)


def keputusan(env: Env, perkara: Perkara, oleh: str | None = None) -> str:
    """The line under a decided card: approved or refused, by whom, when (and why)."""
    permintaan = perkara.permintaan
    if oleh is None and isinstance(perkara, (Diputuskan, SudahDiputuskan)):
        oleh = perkara.oleh
    waktu = env.format_datetime(permintaan.decided_at) if permintaan.decided_at else "-"
    if permintaan.state == PerpanjanganState.DISETUJUI.value:
        return env.texts("perpanjangan.kartu_disetujui", nama=escape(oleh or "-"), waktu=waktu)
    return env.texts(
        "perpanjangan.kartu_ditolak",
        nama=escape(oleh or "-"),
        waktu=waktu,
        alasan=escape(permintaan.decision_note or "-"),
    )


def sudah_diputuskan(env: Env, hasil: SudahDiputuskan) -> str:
    """The answer to a press on a card decided already (plain text: a press answer)."""
    return env.texts(
        "perpanjangan.sudah_diputuskan", nomor=hasil.arahan.nomor, nama=escape(hasil.oleh or "-")
    )


def disetujui_singkat(env: Env, hasil: Diputuskan) -> str:
    """The answer to the **Setujui** press: the new deadline, and how many messages tell it."""
    count = len(hasil.tenggat.penerima) if hasil.tenggat else 0
    return env.texts.count(
        "perpanjangan.disetujui_singkat",
        count,
        nomor=hasil.arahan.nomor,
        ke=env.format_date(hasil.permintaan.tenggat_baru),
        jumlah=count,
    )


def minta_alasan(env: Env, hasil: AlasanDiminta) -> View:
    """After **Tolak**: the question the decider answers with the reason (a forced reply)."""
    return View(
        env.texts("perpanjangan.minta_alasan", nomor=hasil.arahan.nomor, opd=escape(hasil.opd.kode))
    )


def tulis_alasan(env: Env) -> str:
    """The answer to the **Tolak** press."""
    return env.texts("verifikasi.tulis_alasan")


def ditolak(env: Env, hasil: Diputuskan) -> View:
    """The notice to the OPD's members: refused, by whom, why; the deadline stays."""
    return View(
        env.texts(
            "perpanjangan.ditolak",
            nomor=hasil.arahan.nomor,
            opd=escape(hasil.opd.kode),
            tanggal=env.format_date(hasil.permintaan.tenggat_baru),
            nama=escape(hasil.oleh),
            alasan=escape(hasil.alasan or ""),
            tenggat=env.format_date(hasil.arahan.tenggat),
        )
    )


def penolakan_dicatat(env: Env, hasil: Diputuskan) -> View:
    """The answer to the decider once the reason is taken and the OPD told."""
    return View(
        env.texts(
            "perpanjangan.penolakan_dicatat",
            nomor=hasil.arahan.nomor,
            opd=escape(hasil.opd.kode),
        )
    )

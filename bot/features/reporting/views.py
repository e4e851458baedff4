"""How reporting results read in Telegram: the receipt (with **Tarik laporan**), the kendala
alert to the Asisten, the prompts after Progres / Kendala / Selesai, the question when a report
may mean done (**Ya, selesai** / **Belum**) and its answer, lines of a list reply without a
number, `/tugas`, evidence added, a report taken back, and the hint for a message about
nothing."""

from __future__ import annotations

from datetime import date
from html import escape

from bot.domain.klaster import klaster_label
from bot.domain.lifecycle import Status
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.reporting.buttons import Ditanya, SudahDiterima
from bot.features.reporting.confirm import Akhir, Terjawab
from bot.features.reporting.inbound import Pengirim, Petunjuk
from bot.features.reporting.inputs import BuktiTambahan, Dilaporkan
from bot.features.reporting.service import Dicatat, Ditarik
from bot.features.reporting.worklist import DaftarTugas
from bot.messaging.outbox import Keyboard, View, button
from storage.models import Arahan, Laporan, Penugasan

PROMPTS = {"p": "tanya.progres", "k": "tanya.kendala", "s": "tanya.selesai"}

LISTED = 15
# room left for the closing lines: a list never comes near Telegram's 4096 characters
TEXT_BUDGET = 3400
WITH_BUTTONS = 10


def _short(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(env: Env, laporan: Laporan, evidence: int) -> str:
    """What was recorded, exactly: status label, progress, note, kendala, evidence count."""
    lines = [env.texts("lapor.status", status=env.texts(f"status.{laporan.status_to}"))]
    if laporan.progress is not None:
        lines.append(env.texts("lapor.progres", persen=laporan.progress))
    if laporan.kendala:
        lines.append(env.texts("lapor.kendala", teks=escape(_short(laporan.kendala))))
    elif laporan.catatan:
        lines.append(env.texts("lapor.catatan", teks=escape(_short(laporan.catatan))))
    if laporan.tidak_dapat:
        lines.append(env.texts("lapor.menunggu_admin"))
    elif laporan.status_to == Status.SELESAI.value:
        lines.append(env.texts("lapor.menunggu_verifikasi"))
    if laporan.status_from == laporan.status_to == Status.SELESAI.value:
        lines.append(env.texts("lapor.tetap_selesai"))
    lines.append(env.texts("lapor.bukti", jumlah=evidence))
    return "\n".join(lines)


def tanda_terima(env: Env, dicatat: Dicatat) -> View:
    """The receipt: which directive and OPD, exactly what was recorded, **Tarik laporan**
    (a correction of an older message says that the later report stands instead)."""
    opd = dicatat.opd
    if dicatat.koreksi_lama:
        return View(
            env.texts(
                "lapor.koreksi_lama",
                nomor=dicatat.arahan.nomor,
                opd=escape(opd.kode if opd else "-"),
                teks=escape(_short(dicatat.laporan.catatan or "-")),
                status=env.texts(f"status.{dicatat.tugas.status}"),
            )
        )
    head = env.texts(
        "lapor.dicatat", nomor=dicatat.arahan.nomor, opd=escape(opd.kode if opd else "-")
    )
    text = head + "\n" + describe(env, dicatat.laporan, dicatat.bukti)
    keyboard = [
        [
            button(
                env.texts("tombol.tarik"),
                env.signer.make(ButtonKind.TARIK, "w", dicatat.laporan.id),
            )
        ]
    ]
    return View(text, keyboard)


def tanya_selesai(env: Env, dicatat: Dicatat) -> View:
    """The question when a report may mean the whole directive is done: **Ya, selesai** /
    **Belum**, signed with the report asked about."""
    laporan = dicatat.laporan
    text = env.texts(
        "tanya.selesai_seluruhnya",
        nomor=dicatat.arahan.nomor,
        opd=escape(dicatat.opd.kode if dicatat.opd else "-"),
        status=env.texts(f"status.{laporan.status_to}"),
    )
    sign = env.signer.make
    keyboard = [
        [
            button(env.texts("tombol.ya_selesai"), sign(ButtonKind.KONFIRMASI, "y", laporan.id)),
            button(env.texts("tombol.belum"), sign(ButtonKind.KONFIRMASI, "n", laporan.id)),
        ]
    ]
    return View(text, keyboard)


def terjawab(env: Env, hasil: Terjawab) -> View:
    """The question's new text once answered (its buttons gone): what happened, or why
    nothing changed."""
    if hasil.alasan is not None:
        return View(env.texts.render(hasil.alasan))
    values = {"nomor": hasil.arahan.nomor, "opd": escape(hasil.opd.kode if hasil.opd else "-")}
    if hasil.akhir is Akhir.SELESAI:
        assert hasil.dicatat is not None
        return View(env.texts("konfirmasi.selesai", nama=escape(hasil.dicatat.pelapor), **values))
    status = env.texts(f"status.{hasil.tugas.status}")
    return View(env.texts("konfirmasi.belum", status=status, **values))


def terjawab_singkat(env: Env, hasil: Terjawab) -> str:
    """The answer to the **Ya, selesai** / **Belum** press (plain text)."""
    if hasil.akhir is Akhir.SELESAI:
        return env.texts("konfirmasi.selesai.singkat")
    return terjawab(env, hasil).text


def tanpa_nomor(env: Env, hasil: Dilaporkan) -> View:
    """The question about lines of a list reply that came before any directive number."""
    lines = "\n".join(f"«{escape(_short(line, 300))}»" for line in hasil.tanpa_nomor)
    return View(env.texts("lapor.tanpa_nomor", baris=lines))


def kendala_asisten(env: Env, dicatat: Dicatat) -> View:
    """The alert to the cluster's Asisten about a new kendala, with a button to the directive."""
    opd, arahan, laporan = dicatat.opd, dicatat.arahan, dicatat.laporan
    assert opd is not None  # the Asisten are found through the OPD's cluster
    text = env.texts(
        "kendala.asisten",
        klaster=klaster_label(opd.klaster),
        opd=escape(opd.kode),
        nama_opd=escape(opd.nama),
        nomor=arahan.nomor,
        arahan=escape(_short(arahan.teks, 300)),
        kendala=escape(_short(laporan.kendala or "-")),
        pelapor=escape(dicatat.pelapor),
        waktu=env.format_datetime(laporan.created_at),
    )
    keyboard = [
        [
            button(
                env.texts("tombol.lihat_arahan"),
                env.signer.make(ButtonKind.STATUS, "a", arahan.nomor or 0, 0, 0),
            )
        ]
    ]
    return View(text, keyboard)


def pertanyaan(env: Env, ditanya: Ditanya) -> View:
    """The question after Progres / Kendala / Selesai (sent as a forced reply)."""
    action = ditanya.aksi
    opd = escape(ditanya.opd.kode if ditanya.opd else "")
    return View(env.texts(PROMPTS[action], nomor=ditanya.arahan.nomor, opd=opd))


def isian(env: Env, ditanya: Ditanya) -> str:
    """The placeholder of the answer field under that question."""
    action = ditanya.aksi
    return env.texts(f"{PROMPTS[action]}.isian")


def ditanya_singkat(env: Env) -> str:
    """The answer to the Progres / Kendala / Selesai press."""
    return env.texts("tanya.singkat")


def sudah_diterima(env: Env, sudah: SudahDiterima) -> str:
    """The answer to Terima on work already beyond baru (plain text: a press answer)."""
    return env.texts(
        "terima.sudah",
        nomor=sudah.arahan.nomor,
        opd=sudah.opd.kode if sudah.opd else "",
        status=env.texts(f"status.{sudah.status.value}"),
    )


def diterima_singkat(env: Env) -> str:
    """The answer to the Terima press that recorded acceptance."""
    return env.texts("terima.singkat")


def ditarik(env: Env, hasil: Ditarik) -> View:
    """The receipt's new text once the report is taken back: where the penugasan is now."""
    tugas = hasil.tugas
    return View(
        env.texts(
            "tarik.selesai", status=env.texts(f"status.{tugas.status}"), persen=tugas.progress
        )
    )


def ditarik_singkat(env: Env) -> str:
    """The answer to the **Tarik laporan** press."""
    return env.texts("tarik.singkat")


def bukti_ditambahkan(env: Env, tambahan: BuktiTambahan) -> View:
    """Evidence joined a recent report: how many files it has now."""
    nomor = tambahan.arahan.nomor if tambahan.arahan else "-"
    return View(env.texts("bukti.ditambahkan", jumlah=tambahan.jumlah, nomor=nomor))


def petunjuk(env: Env, hasil: Petunjuk) -> View:
    """How to report (or, for a stranger, how to join): the answer to a private message
    about nothing."""
    key = (
        "petunjuk.orang_baru"
        if hasil.pengirim is Pengirim.ORANG_BARU
        else ("petunjuk.pelapor" if hasil.pengirim is Pengirim.PELAPOR else "petunjuk.pimpinan")
    )
    return View(env.texts(key))


def daftar_tugas(env: Env, daftar: DaftarTugas) -> View:
    """The answer to `/tugas`: the open work with report buttons for the first ten, or that
    there is none."""
    if not daftar.work:
        return View(env.texts("tugas.kosong"))
    title = env.texts("tugas.judul", jumlah=len(daftar.work))
    return render_worklist(env, daftar.work, title)


def deadline_note(env: Env, arahan: Arahan) -> str:
    """`Kamis, 31 Desember 2026 (terlambat 3 hari)` style deadline."""
    days = (arahan.tenggat - env.today()).days
    when = env.format_date(arahan.tenggat) + holiday_note(env, arahan.tenggat)
    if days < 0:
        return env.texts.count("tugas.terlambat", -days, tanggal=when, hari=-days)
    if days == 0:
        return env.texts("tugas.hari_ini", tanggal=when)
    return env.texts.count("tugas.sisa", days, tanggal=when, hari=days)


def render_worklist(
    env: Env, work: list[tuple[Penugasan, Arahan]], title: str, notes: dict[int, str] | None = None
) -> View:
    """A list of penugasan with report buttons for the first ten (``notes``: an extra label per
    penugasan id, e.g. why it is reminded)."""
    lines = [title]
    keyboard: Keyboard = []
    sign = env.signer.make
    shown = 0
    for tugas, arahan in work[:LISTED]:
        if sum(len(line) for line in lines) > TEXT_BUDGET:
            break
        shown += 1
        progress = f" {tugas.progress}%" if tugas.progress else ""
        extra = f" · {notes[tugas.id]}" if notes and tugas.id in notes else ""
        lines.append(
            env.texts(
                "tugas.butir",
                nomor=arahan.nomor,
                status=env.texts(f"status.{tugas.status}"),
                progres=progress + extra,
                tenggat=deadline_note(env, arahan),
                teks=escape(arahan.teks if len(arahan.teks) <= 110 else arahan.teks[:109] + "…"),
            )
        )
        if len(keyboard) < WITH_BUTTONS:
            keyboard.append(
                [
                    button(f"No.{arahan.nomor} 📈", sign(ButtonKind.PENUGASAN, "p", tugas.id)),
                    button("⚠️", sign(ButtonKind.PENUGASAN, "k", tugas.id)),
                    button("✅", sign(ButtonKind.PENUGASAN, "s", tugas.id)),
                ]
            )
    if len(work) > shown:
        lines.append(env.texts("tugas.lainnya", jumlah=len(work) - shown))
    lines.append(env.texts("tugas.petunjuk"))
    return View("\n".join(lines), keyboard)


def holiday_note(env: Env, day: date) -> str:
    """` (hari libur: Hari Raya Natal)` when a deadline falls on a day off, else empty."""
    kalender = env.kalender
    if not kalender.is_off(day):  # a weekend day the Pemda works (EXTRA_WORKING_DAYS) too
        return ""
    name = kalender.holiday_name(day)
    if name:
        return env.texts("tenggat.libur", nama=escape(name))
    if day.weekday() >= 5:
        return env.texts("tenggat.akhir_pekan")
    return ""

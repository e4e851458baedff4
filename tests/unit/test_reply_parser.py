"""Tests for bot.domain.reply_parser: reading officials' free-text reports the way they write them.

The tables are real-looking Telegram/WhatsApp replies to a directive (mixed case, typos,
abbreviations, emoji, line breaks, polite openings). ``DIBACA`` are phrasings that must be read;
``JANGAN_SALAH_BACA`` are phrasings that must *not* be misread (negations, plans, units, numbers
that are not percentages, obstacles that are not there).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.lifecycle import Status
from bot.domain.reply_lexicon import BAHASA, INGGRIS, gabung
from bot.domain.reply_parser import BATAS_BACA, BATAS_CATATAN, SINGKATAN, Bacaan, baca

D = Status.DITERIMA
P = Status.DALAM_PROSES
S = Status.SELESAI
K = Status.TERKENDALA

Baris = tuple[str, Status | None, int | None]

DIBACA: list[Baris] = [
    # --- acknowledgement -------------------------------------------------------------------
    ("Siap laksanakan", D, None),
    ("siap pak 🙏", D, None),
    ("SIAP, dilaksanakan!", D, None),
    ("Siap dilaksanakan Pak Sekda", D, None),
    ("Siaaap laksanakan ndan", D, None),
    ("Diterima pak, akan segera kami tindaklanjuti", D, None),
    ("Baik pak akan kami tindaklanjuti", D, None),
    ("baik bu, segera ditindaklanjuti", D, None),
    ("Noted 👍", D, None),
    ("Dimengerti, terima kasih pak", D, None),
    ("Mohon izin, siap laksanakan arahan Bapak", D, None),
    ("Assalamualaikum, siap pak. Segera kami koordinasikan dgn kecamatan", D, None),
    ("Laksanakan!", D, None),
    ("Ok siap", D, None),
    ("👍", D, None),
    ("Siap, akan kami tindak lanjuti", D, None),
    ("siap pak, sy koordinasikan dl dgn kabid", D, None),
    ("Selamat pagi Pak, arahan diterima dan dipahami", D, None),
    ("Insyaallah siap", D, None),
    ("Siap, akan kami laksanakan sesuai tenggat", D, None),
    ("Yth. Pak Sekda, arahan sudah kami terima, segera ditindaklanjuti", D, None),
    ("siap 86", D, None),
    ("Siap, rencana dilaksanakan minggu depan", D, None),
    ("Baik, dimengerti.", D, None),
    ("siyap bu, kami kawal", D, None),
    ("Siap Pak Asisten 🫡", D, None),
    ("SIAP LAKSANAKAN PAK BUPATI", D, None),
    ("oke pak, akan dikerjakan mulai senin", D, None),
    # --- in progress, with a percentage ----------------------------------------------------
    ("progres 60%", P, 60),
    ("Progres 60 %", P, 60),
    ("sdh 60 persen", P, 60),
    ("Sudah 75 persen pak", P, 75),
    ("progres: 45%", P, 45),
    ("Progres fisik 62,5%", P, 62),
    ("realisasi 80", P, 80),
    ("capaian 75", P, 75),
    ("Capaian kegiatan 30 prosen", P, 30),
    ("progres 40 pct", P, 40),
    ("Izin melaporkan, progres pekerjaan saat ini 55%", P, 55),
    ("Lapor pak, progres fisik 70%, keuangan 45%", P, 70),
    ("Progres naik dari 40% menjadi 65%", P, 65),
    ("Minggu lalu 30%, sekarang 50%", P, 50),
    ("Progres 99,9%", P, 99),
    ("siap, progres 50%", P, 50),
    ("Sedang dikerjakan, sudah 35%", P, 35),
    ("Dalam proses, kurang lebih 40%", P, 40),
    ("On progress ±60%", P, 60),
    ("progres 80% tinggal finishing", P, 80),
    ("Pembangunan pagar sdh 90%, target selesai akhir bulan", P, 90),
    ("Realisasi anggaran 35,75 persen", P, 35),
    ("progres hari ini 15", P, 15),
    ("Progress = 20%", P, 20),
    ("Progres pekerjaan 25%\nKendala: tidak ada", P, 25),
    ("capaian 80% dari target", P, 80),
    ("Target 100%, realisasi 60%", P, 60),
    ("1. Drainase 100%\n2. Trotoar 40%", P, 40),
    ("progres60%", P, 60),
    ("Alhamdulillah progres sdh 85 % pak 🙏", P, 85),
    ("Progres 5%, baru tahap persiapan", P, 5),
    ("Izin lapor\nProgres: 30%\nKendala: -\nTindak lanjut: koordinasi dgn desa", P, 30),
    ("capaian 70 persen ya pak", P, 70),
    ("Persentase capaian 65", P, 65),
    ("Realisasi fisik 48%; keuangan 30%", P, 48),
    ("Progres udh 50% pak, insyaallah minggu depan selesai", P, 50),
    ("update: progres 45%->60%", P, 60),
    ("Pak, data sudah masuk 80 persen", P, 80),
    ("Siap, sudah dilakukan koordinasi dgn Dinkes, progres 20%", P, 20),
    ("Mohon izin Pak Sekda, capaian vaksinasi 92,3%", P, 92),
    # --- in progress, no percentage --------------------------------------------------------
    ("Sedang dikerjakan", P, None),
    ("sdg proses pak", P, None),
    ("Dalam proses", P, None),
    ("on progress", P, None),
    ("Masih berjalan", P, None),
    ("Msh dlm proses pengadaan", P, None),
    ("Proses lelang", P, None),
    ("dilaksanakan bertahap", P, None),
    ("Sebagian sudah selesai, sisanya dikerjakan minggu ini", P, None),
    ("Tahap 1 selesai, tahap 2 sedang berjalan", P, None),
    ("Sudah dikoordinasikan dgn camat dan kepala desa", P, None),
    ("lagi dikerjain pak", P, None),
    ("OTW pak", P, None),
    ("Belum selesai, masih dikerjakan", P, None),
    ("Proses pencairan sedang berjalan", P, None),
    ("Kegiatan berjalan lancar", P, None),
    ("sedang disusun draf SK-nya", P, None),
    ("Sudah mulai dikerjakan sejak kemarin", P, None),
    ("Saat ini tahap survei lokasi", P, None),
    ("Pendataan sudah jalan di 7 kecamatan", P, None),
    ("Sudah kami teruskan ke Kabid untuk ditindaklanjuti", P, None),
    ("Terkait masalah banjir, sudah kami koordinasikan dgn BPBD", P, None),
    ("progres pak, tinggal pemasangan papan nama", P, None),
    ("Sosialisasi selesai, pelaksanaan masih berjalan", P, None),
    ("Sudah selesai, tinggal pelaporan", P, None),
    ("Tidak lama lagi selesai pak", P, None),
    ("sudah dirapatkan, tinggal eksekusi", P, None),
    ("Arahan sudah didisposisikan ke Kabid Cipta Karya", P, None),
    ("Masih proses pak, belum bisa dipastikan kapan selesai", P, None),
    # --- done ------------------------------------------------------------------------------
    ("Selesai", S, 100),
    ("sudah selesai pak", S, 100),
    ("Sdh selesai 🙏", S, 100),
    ("Alhamdulillah sudah tuntas", S, 100),
    ("rampung pak", S, 100),
    ("Sudah beres bu", S, 100),
    ("Beres semua ndan", S, 100),
    ("done pak", S, 100),
    ("100%", S, 100),
    ("Progres 100%", S, 100),
    ("sdh 100 persen", S, 100),
    ("Izin melaporkan, pekerjaan telah selesai 100%. Foto terlampir", S, 100),
    ("Siap, sudah selesai", S, 100),
    ("Udah kelar bu", S, 100),
    ("Selesai dilaksanakan, dokumentasi terlampir", S, 100),
    ("Sudah selesai, tidak ada kendala", S, 100),
    ("Alhamdulillah rampung 100 persen, kendala sudah teratasi", S, 100),
    ("Capaian 100", S, 100),
    ("sdh beres semua pak", S, 100),
    ("Seratus persen selesai", S, 100),
    ("✅ Selesai", S, 100),
    ("slesai pak", S, 100),
    (
        "Assalamualaikum wr wb\nIzin melaporkan arahan no 7 sudah tuntas dilaksanakan.\nWassalam",
        S,
        100,
    ),
    ("Kegiatan selesai dilaksanakan kemarin sore", S, 100),
    ("Sudah terealisasi 100%", S, 100),
    ("Selesai tgl 12 kemarin pak", S, 100),
    ("Mohon maaf pak baru bisa lapor. Sudah selesai 100%", S, 100),
    # --- maybe done: what is certain is recorded and the bot asks (see RAGU) ----------------
    ("Sudah dilaksanakan pada tanggal 12 Desember 2026", P, None),
    ("Telah dilaksanakan rapat koordinasi bersama camat", P, None),
    ("Kegiatan sudah terlaksana dengan baik", P, None),
    ("Sudah ditindaklanjuti dengan surat edaran camat", P, None),
    ("Bantuan sudah disalurkan ke 15 desa", P, None),
    ("Jalan berlubang di Jl. Sudirman sudah diperbaiki", P, None),
    # --- obstacle --------------------------------------------------------------------------
    ("kendala: lahan belum dibebaskan", K, None),
    ("terkendala anggaran", K, None),
    ("Progres 40%, kendala: anggaran belum cair", K, 40),
    ("Masih terkendala cuaca", K, None),
    ("Hambatan: material terlambat datang", K, None),
    ("Terhambat karena hujan deras", K, None),
    ("Belum bisa dilaksanakan karena menunggu SK Bupati", K, None),
    ("Tidak bisa karena alat berat rusak", K, None),
    ("belum dapat dilaksanakan karena anggaran belum tersedia", K, None),
    ("Menunggu pencairan dana", K, None),
    ("Msh nunggu tanda tangan pak Bupati", K, None),
    ("Anggaran belum cair pak", K, None),
    ("Dana blm turun", K, None),
    ("Ada masalah dengan kontraktor", K, None),
    ("Progres 70% tetapi terkendala pembebasan lahan", K, 70),
    ("Kendala di lapangan: warga menolak relokasi", K, None),
    ("Pekerjaan macet, kontraktor wanprestasi", K, None),
    ("Selesai 100% tp ada kendala di pelaporan SPJ", K, 100),
    ("Belum selesai karena hujan terus", K, None),
    ("Kegiatan ditunda krn Bupati berhalangan", K, None),
    ("Izin melaporkan pak, kami kesulitan SDM operator", K, None),
    ("Tidak ada kendala teknis, namun terkendala anggaran", K, None),
    ("Lelang gagal, akan tender ulang", K, None),
    ("Kekurangan tenaga medis di puskesmas", K, None),
    ("belum ada anggaran utk kegiatan tsb", K, None),
    ("Kendalanya, dana belum cair", K, None),
    ("SK belum ditandatangani", K, None),
    ("Server aplikasi tidak bisa diakses", K, None),
    ("Kendala: tidak ada lahan pengganti", K, None),
    ("belum dapat ditindaklanjuti karena menunggu juknis dari kementerian", K, None),
    ("progres 0%, terkendala DPA belum ditetapkan", K, 0),
    ("Masih menunggu rekomendasi teknis dari Dinas PUPR", K, None),
    ("Persoalannya ada di lahan yang belum bersertifikat", K, None),
    ("Progres 100% namun masih menunggu PHO", K, 100),
    ("Mohon maaf belum bisa kami laksanakan karena keterbatasan anggaran", K, None),
    ("blm bs dilaksanakan pak, lokasi banjir", K, None),
    ("Lapor, sampai hari ini belum ada progres karena anggaran blm tersedia", K, None),
    # --- just a note -----------------------------------------------------------------------
    ("Terima kasih pak", None, None),
    ("Mohon arahan pak", None, None),
    ("Pak, mohon petunjuk teknisnya", None, None),
    ("Laporan menyusul", None, None),
    ("Assalamualaikum", None, None),
    ("Belum pak", None, None),
    ("Apakah bisa diundur tenggatnya?", None, None),
    ("Ini OPD mana yg koordinator?", None, None),
    ("Foto terlampir", None, None),
    ("aman pak", None, None),
    ("", None, None),
    ("   \n\t ", None, None),
    ("🙏🙏🙏", None, None),
]

JANGAN_SALAH_BACA: list[Baris] = [
    # requests for guidance and questions ask; they do not report
    ("Mohon petunjuk lebih lanjut pak", None, None),
    ("Mohon arahan bapak untuk pelaksanaannya", None, None),
    ("sudah selesai pak?", None, None),
    ("Apakah progres 50% perlu dilaporkan ke Sekda?", None, None),
    # obstacles that are not there
    ("Tidak ada kendala", None, None),
    ("tdk ada kendala pak", None, None),
    ("Alhamdulillah tanpa kendala", None, None),
    ("Kendala: -", None, None),
    ("Kendala : nihil", None, None),
    ("Kendala: tidak ada", None, None),
    ("Belum ada kendala sejauh ini", None, None),
    ("Kendala sebelumnya sudah teratasi", None, None),
    ("Aman pak, tdk ada hambatan", None, None),
    ("Siap, jika ada kendala akan segera kami laporkan", D, None),
    ("Tidak terkendala", None, None),
    ("No problem pak", None, None),
    ("sdh dikerjakan, gak ada masalah", P, None),
    ("Siap, tanpa hambatan", D, None),
    ("masalah sampah di pasar sudah tertangani", None, None),
    ("kendala sudah teratasi, pekerjaan dilanjutkan", P, None),
    ("Hambatan: -\nProgres: 55%", P, 55),
    ("Sudah tidak ada kendala lagi pak", None, None),
    ("Masalah ini sudah diselesaikan pak", None, None),
    ("Siap, dilaksanakan. Kendala akan kami laporkan", D, None),
    ("Sdh 50% pak, kendala nihil", P, 50),
    # not done (negated, partial, future)
    ("Belum selesai", P, None),
    ("blm selesai pak", P, None),
    ("Tidak selesai", K, None),  # will not be finished: a problem, not "not yet"
    ("Belum tuntas", P, None),
    ("Hampir selesai", P, None),
    ("Sebagian selesai", P, None),
    # a plan to finish says the work is under way (a plan to start says nothing yet)
    ("Selesai minggu depan", P, None),
    ("Target selesai 30 Juni", P, None),
    ("Akan selesai akhir bulan", P, None),
    ("Direncanakan selesai Desember", P, None),
    ("Belum rampung", P, None),
    ("Belum 100% pak", P, None),
    ("Hampir 100%", P, None),
    ("Belum selesai 100%", P, None),
    ("Setelah selesai akan kami laporkan", D, None),
    ("Sudah 3 dari 10 desa", P, 30),  # a part of a total is a percentage
    ("insyaallah selesai besok", P, None),
    ("Ditargetkan rampung bulan depan", P, None),
    ("Selesai tanggal 20 nanti", P, None),
    ("bulan depan baru mulai pak", None, None),
    ("Sedang dikerjakan, target selesai 20 Desember", P, None),
    ("Fisik 100% tapi administrasi belum selesai", P, None),
    ("Belum ada progres", None, None),
    ("Belum dilaksanakan", None, None),
    ("Belum siap pak", None, None),
    ("Terima kasih atas arahannya", None, None),
    ("0 persen pak, belum mulai", D, 0),
    ("Progres 0%", None, 0),
    ("siap, progres 0%", D, 0),
    # numbers that are not percentages
    ("Pekerjaan baru 100 meter", P, None),  # "baru" + a quantity: only so far
    ("Sudah dikerjakan 100 meter dari 500 meter", P, 20),
    ("Pengadaan 2 unit ambulans", None, None),
    ("Anggaran Rp 100 juta", None, None),
    ("Realisasi Rp 100 juta", None, None),
    ("Realisasi 80 juta", None, None),
    ("Kegiatan tahun 2026", None, None),
    ("Sudah disosialisasikan di 15 desa", P, None),
    ("Tenggat 30 hari", None, None),
    ("Terkait surat No. 12, mohon arahan", None, None),
    ("Rapat tgl 12/12 jam 09.00", None, None),
    ("Hubungi operator di 0812-3456-7890", None, None),
    ("Progres 150%", None, None),
    ("Realisasi PAD 105%", None, None),
    ("Target 100%", None, None),
    ("Angka stunting turun 2,5%", None, None),
    ("Inflasi 2,3 persen", None, None),
    ("Capaian 3 desa", None, None),
    ("Progres 12/12", None, None),
    ("Deviasi -5%, progres 45%", P, 45),
    ("tinggal 10% lagi", P, 90),  # what is left, stated: the progress can be computed
    ("Dari target 100% baru tercapai 60%", P, 60),
    ("PPN 11% sudah dipotong", None, None),
    ("Jalan sepanjang 2,5 km", None, None),
    ("Tanggal 17 Agustus 2026", None, None),
    ("Pukul 10.00 WIB rapat di aula", None, None),
    ("Realisasi 1.250 unit rumah", None, None),
    ("capaian 2026", None, None),
    ("progres tahap 2", P, None),
]

RAGU: list[str] = [
    # a done word about a part of the work, with a wait, or next to something not quite done
    # (issue 9 point 1: only a pure, a whole or a clear done statement is *selesai*)
    "SUDAH SELESAI DAN SUDAH DILAPORKAN KE BAGIAN PEMERINTAHAN",
    "Yang di Kecamatan Kota sudah selesai",
    "Sudah selesai, menunggu verifikasi",
    "Selesai utk bagian kami pak, bagian Dinas PU kami tdk tahu",
    "Pak, izin lapor: pekerjaan jembatan sudah 100% dan sdh PHO",
    # weak done phrases and one step of the work: maybe the whole directive is done, maybe not
    "Sudah dilaksanakan pada tanggal 12 Desember 2026",
    "Telah dilaksanakan rapat koordinasi bersama camat",
    "Kegiatan sudah terlaksana dengan baik",
    "Sudah ditindaklanjuti dengan surat edaran camat",
    "Bantuan sudah disalurkan ke 15 desa",
    "Jalan berlubang di Jl. Sudirman sudah diperbaiki",
    "Sosialisasi sudah dilaksanakan di nagari Koto Baru",
    "Survei lokasi sudah selesai",
    "sdh dikerjakan, gak ada masalah",
    "Sudah pak",
    # "beres" alone can be "no problem, will do"; "sudah oke"/"sudah aman" is a bare "sudah"
    "Beres bu",
    "Sudah oke pak",
    # "sudah" with a verb of a result, and a list of ticks
    "Sudah dieksekusi",
    "Lampu jalan sudah terpasang",
    "1. Rapat ✅\n2. Survei ✅",
    # regional "sudah" (Bugis "purani", Batak "nunga sude")
    "Purani pak",
    "Nunga sude",
]

BUKAN_SELESAI: list[str] = [
    # a done word that does not mean the whole directive is done: never SELESAI, never asks
    "sdh selesai? blm pak",
    "rampung semua, tinggal dua desa lagi",
    "Sudah selesai kecuali Kecamatan X",
    "Rapat koordinasi sudah dilaksanakan, survei lokasi minggu depan",
    "Sosialisasi sudah dilaksanakan di nagari A, nagari lain menyusul",
    "Jembatan rampung, jalan akses belum",
    "Bukan selesai pak, baru mulai",
    "Not yet done",
    "Durung rampung",
]

OBSTACLES: list[tuple[str, str]] = [
    ("kendala: lahan belum dibebaskan", "lahan belum dibebaskan"),
    ("terkendala anggaran", "anggaran"),
    ("Progres 40%, kendala: anggaran belum cair. Terima kasih", "anggaran belum cair"),
    ("Kendala yang dihadapi adalah keterbatasan personil", "keterbatasan personil"),
    ("Masih terkendala di pembebasan lahan pak", "pembebasan lahan"),
    ("Menunggu SK Bupati", "Menunggu SK Bupati"),
    ("Belum bisa dilaksanakan karena hujan deras", "hujan deras"),
    ("Izin lapor, anggaran belum cair", "anggaran belum cair"),
    ("Pekerjaan macet", "Pekerjaan macet"),
    (
        "Progres: 40%\nKendala: lahan belum bebas\nTindak lanjut: koordinasi dgn BPN",
        "lahan belum bebas",
    ),
    ("Hambatan : cuaca ekstrem 🌧️", "cuaca ekstrem"),
    ("Ada kendala pak", "Ada kendala"),
    ("Tidak ada kendala teknis, namun terkendala anggaran", "anggaran"),
    ("KENDALA:\n- Lahan milik warga\n- Anggaran terbatas", "Lahan milik warga - Anggaran terbatas"),
    ("msh nunggu tanda tangan pak Bupati 🙏", "nunggu tanda tangan pak Bupati"),
]

TIDAK_DAPAT: list[str] = [
    "Tidak dapat ditindaklanjuti karena bukan kewenangan Pemkab",
    "tidak dapat ditindaklanjuti krn lahan milik provinsi",
    "Tdk dpt ditindaklanjuti pak, anggaran tidak tersedia di APBD",
    "Mohon izin, arahan ini tidak bisa ditindaklanjuti karena di luar kewenangan OPD kami",
    "tidak dapat di tindak lanjuti, objek sudah dihapus dari aset daerah",
    "Arahan ini bukan kewenangan kami, sudah kami sampaikan ke Dinas PUPR",
]


def _ids(tabel: list[Baris]) -> list[str]:
    return [repr(teks[:40]) for teks, _, _ in tabel]


@pytest.mark.parametrize(("text", "status", "progress"), DIBACA, ids=_ids(DIBACA))
def test_reads_as_officials_write(text: str, status: Status | None, progress: int | None) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress) == (status, progress)
    assert not hasil.tidak_dapat


@pytest.mark.parametrize(
    ("text", "status", "progress"), JANGAN_SALAH_BACA, ids=_ids(JANGAN_SALAH_BACA)
)
def test_does_not_misread(text: str, status: Status | None, progress: int | None) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress) == (status, progress)
    assert not hasil.tidak_dapat


@pytest.mark.parametrize("text", RAGU, ids=[t[:40] for t in RAGU])
def test_maybe_done_asks(text: str) -> None:
    hasil = baca(text)
    assert hasil.ragu_selesai
    assert hasil.status in {None, Status.DALAM_PROSES}
    assert hasil.progress is None


@pytest.mark.parametrize("text", BUKAN_SELESAI, ids=[t[:40] for t in BUKAN_SELESAI])
def test_a_done_word_that_is_not_done(text: str) -> None:
    hasil = baca(text)
    assert hasil.status is not Status.SELESAI
    assert not hasil.ragu_selesai


def test_strong_done_words_do_not_ask() -> None:
    for teks in ("Selesai", "sudah tuntas", "rampung", "100%", "sudah selesai seluruhnya"):
        hasil = baca(teks)
        assert (hasil.status, hasil.progress, hasil.ragu_selesai) == (S, 100, False), teks


@pytest.mark.parametrize(
    ("text", "progress"),
    [
        # numbers written in words
        ("Progres: tujuh puluh persen", 70),
        ("sudah dua puluh lima persen pak", 25),
        ("capaian lima belas persen", 15),
        ("Progres sepuluh persen", 10),
        # a part over a total with a slash, before a unit (not a date)
        ("8/10 sekolah sudah terpasang", 80),
        ("sdh 6/12 desa", 50),
        # what is left, as a percentage or in the same unit as what is done
        ("Tinggal 10% lagi pak", 90),
        ("sisa 25 persen", 75),
        ("Sudah di 3 kecamatan, sisa 2 kecamatan", 60),
        ("Selesai di 2 sekolah, tinggal 2 sekolah lagi", 50),
        # a part of a total in other shapes, and a rise (the last figure)
        ("Dari 30 sekolah baru 18 yg kirim data", 60),
        ("Dari 12 kelurahan 10 sudah selesai, 2 kelurahan masih pendataan", 83),
        ("Pengumpulan data masih berjalan, sudah masuk dari 15 nagari, tinggal 5", 75),
        ("12 pelaku usaha sdh selesai, 28 lagi masih proses di BPJPH", 30),
        ("Sdh 12 rumah dari 20 RTLH yg direhab", 60),
        ("Progres minggu ini naik dari 40% ke 52%", 52),
    ],
)
def test_progress_computed(text: str, progress: int) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress) == (P, progress)


@pytest.mark.parametrize(
    "text",
    [
        "Rapat tgl 12/03 sudah dilaksanakan",  # a date
        "Nomor surat 600/123/PUPR/2026",
        "Dua desa lagi pak",  # a count left without what is done
        "Serapan anggaran 45%",  # money spent is not the progress
        "Inflasi 2,3% yoy",
        "PPN 11% sudah dipotong",
    ],
)
def test_no_progress_computed(text: str) -> None:
    assert baca(text).progress is None


def test_table_sizes() -> None:
    assert len(DIBACA) + len(JANGAN_SALAH_BACA) >= 170
    assert len(JANGAN_SALAH_BACA) >= 40
    semua = [teks for teks, _, _ in DIBACA + JANGAN_SALAH_BACA]
    assert len(semua) == len(set(semua)), "duplicate rows"


@pytest.mark.parametrize(("text", "kendala"), OBSTACLES, ids=[t[:40] for t, _ in OBSTACLES])
def test_extracts_the_obstacle(text: str, kendala: str) -> None:
    hasil = baca(text)
    assert hasil.status is Status.TERKENDALA
    assert hasil.kendala == kendala


def test_kendala_is_none_unless_blocked() -> None:
    for teks, status, _ in DIBACA + JANGAN_SALAH_BACA:
        hasil = baca(teks)
        assert (hasil.kendala is not None) == (status is Status.TERKENDALA), teks
        if hasil.kendala is not None:
            assert hasil.kendala.strip()


@pytest.mark.parametrize("text", TIDAK_DAPAT, ids=[t[:40] for t in TIDAK_DAPAT])
def test_cannot_be_followed_up(text: str) -> None:
    hasil = baca(text)
    assert hasil.tidak_dapat
    assert hasil.status is None
    assert hasil.kendala is None
    assert hasil.catatan == " ".join(text.split())


def test_catatan_keeps_the_original_wording() -> None:
    teks = "Izin lapor   Pak Sekda,\n\nprogres SDH 60%  🙏\nKendala: -\n"
    hasil = baca(teks)
    assert hasil.catatan == "Izin lapor Pak Sekda, progres SDH 60% 🙏 Kendala: -"
    assert (hasil.status, hasil.progress) == (Status.DALAM_PROSES, 60)


def test_catatan_of_a_note_is_the_text() -> None:
    teks = "Mohon arahan Bapak terkait  lokasi  relokasi PKL"
    assert baca(teks) == Bacaan(None, None, "Mohon arahan Bapak terkait lokasi relokasi PKL", None)


def test_kendala_keeps_original_case_and_abbreviations() -> None:
    hasil = baca("Progres 30%. KENDALA: Dana BOK blm cair dr Kemenkes")
    assert hasil.kendala == "Dana BOK blm cair dr Kemenkes"
    assert hasil.progress == 30


def test_catatan_is_bounded() -> None:
    teks = "Sudah selesai semua. " + "kata " * 3000
    hasil = baca(teks)
    assert len(hasil.catatan) <= BATAS_CATATAN
    assert hasil.catatan.startswith("Sudah selesai semua. kata kata")
    assert hasil.status is Status.SELESAI


def test_only_the_first_4000_characters_are_classified() -> None:
    assert baca("x " * (BATAS_BACA // 2 + 10) + "selesai").status is None
    assert baca("Sudah selesai semua " + "x" * (BATAS_BACA * 2)).status is Status.SELESAI


def test_abbreviations_expand_to_single_words() -> None:
    assert all(value and " " not in value for value in SINGKATAN.values())


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000,
        "belum " * 20_000,
        "kendala " * 12_500,
        "1" * 100_000,
        "60% " * 25_000,
        "progres " * 12_500,
        "tidak ada " * 10_000,
        "_" * 100_000,
        " " * 100_000,
        "\n" * 100_000,
        "siap, " * 16_000 + "🙏" * 4_000,
        "jika " * 20_000,
        "kendala: " + "-" * 99_990,
        "1.2.3.4.5." * 10_000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_large_input_completes(text: str) -> None:
    hasil = baca(text)
    assert len(hasil.catatan) <= BATAS_CATATAN


KOSAKATA = sorted(
    {
        "siap", "laksanakan", "sudah", "sdh", "belum", "blm", "selesai", "tuntas", "rampung",
        "kendala", "kendala:", "terkendala", "hambatan", "tidak", "ada", "tdk", "tanpa", "nihil",
        "-", "progres", "capaian", "realisasi", "%", "persen", "60", "100", "0", "62,5", "150",
        "meter", "unit", "rp", "juta", "tahun", "2026", "12/12", "karena", "menunggu", "akan",
        "target", "hampir", "sebagian", "tahap", "sedang", "proses", "dalam", "pak", "bu",
        "izin", "melaporkan", "terima", "kasih", "\n", ",", ".", "🙏", "dapat", "ditindaklanjuti",
        "jika", "setelah", "sisa", "dari", "menjadi", "fisik", "anggaran", "cair", "bisa",
    }
)  # fmt: skip

_STATUS_BACAAN = {None, Status.DITERIMA, Status.DALAM_PROSES, Status.SELESAI, Status.TERKENDALA}


def _sah(hasil: Bacaan) -> None:
    assert hasil.status in _STATUS_BACAAN
    assert hasil.progress is None or 0 <= hasil.progress <= 100
    assert len(hasil.catatan) <= BATAS_CATATAN
    if hasil.status is Status.TERKENDALA:
        assert hasil.kendala and len(hasil.kendala) <= BATAS_CATATAN
    else:
        assert hasil.kendala is None
    if hasil.tidak_dapat:
        assert hasil.status is None
    if hasil.status is Status.SELESAI:
        assert hasil.progress == 100
    if hasil.status is Status.DALAM_PROSES:
        assert hasil.progress is None or hasil.progress < 100


@settings(max_examples=400)
@given(st.text())
def test_any_text_is_read_safely(text: str) -> None:
    _sah(baca(text))


@settings(max_examples=400)
@given(st.lists(st.sampled_from(KOSAKATA), max_size=30).map(" ".join))
def test_any_mix_of_report_words_is_read_safely(text: str) -> None:
    _sah(baca(text))


@settings(max_examples=40)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=3_900, max_size=4_200))
def test_texts_around_the_bound_are_read_safely(text: str) -> None:
    _sah(baca(text))


# ---------------------------------------------------------------------------------------------
# Caution about selesai (issue 9 point 1): general rules, each shown on a few phrasings
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Secara garis besar sudah selesai pak",
        "Praktis sudah rampung",
        "Insyaallah sudah tuntas semua",
        "Kalau tidak salah sudah selesai bulan lalu",
        "Sudah dikerjakan semua yang bisa dikerjakan",
        "Perkiraan saya sudah 100%",
    ],
)
def test_a_hedge_anywhere_only_asks(text: str) -> None:
    hasil = baca(text)
    assert hasil.ragu_selesai
    assert hasil.status is not S


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Dari 120 unit RTLH, 84 unit sudah selesai direhab.", P),
        ("84 dari 120 unit sudah selesai", P),
        ("Kemarin sempat selesai, tapi ada temuan inspektorat, kami perbaiki ulang", P),
        ("Siap 100% pak, kami laksanakan", D),
        ("Siap, insyaallah kami kawal sampai tuntas", D),
        ("Akan kami tuntaskan minggu ini", D),
        ("Tidak benar kalau dikatakan sudah selesai, masih ada sampah di 4 TPS", P),
        ("Selesai masalah lahannya pak, sekarang masuk tahap lelang", P),
    ],
)
def test_never_selesai_for_a_part_a_past_a_pledge_or_another_thing(
    text: str, status: Status
) -> None:
    hasil = baca(text)
    assert hasil.status is status
    assert hasil.progress != 100


@pytest.mark.parametrize(
    "text",
    [
        "Arahan Bapak sudah kami tuntaskan.",
        "Penertiban baliho di 12 ruas jalan sudah tuntas dilaksanakan",
        "Semua ASN yang belum mengisi e-Kinerja sudah kami datangi. Tuntas pak.",
        "Sudah ditransfer semua, tidak ada yang gagal. Selesai pak.",
    ],
)
def test_whole_work_done_is_still_selesai(text: str) -> None:
    assert baca(text).status is S


@pytest.mark.parametrize(
    ("text", "status", "progress"),
    [
        ("80% pak. Eh maaf salah ketik, sudah selesai 100% sejak tadi sore.", S, 100),
        ("Sudah selesai. Ralat: baru 80%", P, 80),
        ("Yang benar: progres 45% pak", P, 45),
    ],
)
def test_a_correction_replaces_what_came_before(text: str, status: Status, progress: int) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress) == (status, progress)
    assert hasil.catatan == " ".join(text.split())


def test_a_correction_word_inside_the_work_is_not_a_correction() -> None:
    assert baca("Koreksi dari inspektorat masih kami tindaklanjuti").status is P


@pytest.mark.parametrize(
    ("text", "status", "progress"),
    [
        ("Capaian pekerjaan 3/4 pak", P, 75),
        ("sdh 3 per4 pak", P, 75),
        ("Sdh di angka 70an pak", P, 70),
        ("Stunting: progres intervensi 70%. Angka prevalensi sekarang 19,2%.", P, 70),
        ("Stok reagen TCM di RSUD habis, pasien dirujuk", K, None),
        ("Vendor minta tambahan biaya, kami belum punya anggarannya.", K, None),
        ("Tidak ada kendala, tapi belum selesai karena volume bertambah.", P, None),
        ("Inggih Pak, matur nuwun sanget", D, None),
        ("Sami'na wa atha'na pak", D, None),
        ("So klar samua pak", S, 100),
        ("Untuk diketahui, penanggung jawab kegiatan ini sudah diganti.", None, None),
        ("Besok saya izin tidak ikut rakor karena mendampingi Gubernur.", None, None),
        ("Capaian PBB tahun lalu hanya 61% dari target.", None, None),
    ],
)
def test_independent3_families(text: str, status: Status | None, progress: int | None) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress, hasil.ragu_selesai) == (status, progress, False)


# ---------------------------------------------------------------------------------------------
# The gate for selesai (issue 9 point 1): only a pure or a whole done statement
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sudah selesai semua pak 🙏",
        "Semua sudah selesai 100% pak",
        "Arahan sudah kami tuntaskan seluruhnya",
        "Pekerjaan telah selesai dilaksanakan sesuai arahan. Terima kasih.",
        "Izin lapor, arahan No. 3 sudah selesai kami laksanakan",
        "Siap, sudah selesai dan dokumentasi sudah kami unggah",
        "Status: SELESAI\nTgl: 12/03/2026\nBukti: terlampir",
        "Pembersihan drainase di 5 kelurahan rampung semua kemarin sore",
        "Selesai pak. Semua ASN di Dinas sudah mengisi SKP di e-Kinerja, 100 persen.",
        "Sempat terkendala cuaca, tapi sekarang pekerjaan sudah selesai semua.",
        "Gedung sudah selesai 100%, tinggal ditempati",
        "Tuntas pak, tidak ada lagi anak putus sekolah di daftar yang Bapak berikan.",
    ],
)
def test_a_pure_or_whole_done_statement_is_selesai(text: str) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress, hasil.ragu_selesai) == (S, 100, False)


@pytest.mark.parametrize(
    "text",
    [
        "Pengecoran sudah selesai pak",
        "Rapat koordinasi dengan camat dan para kades sudah selesai dilaksanakan.",
        "Sigana mah tos beres, engké dicek deui.",
        "Maybe sudah done, saya double check dulu.",
        "Pendataan ulang KPM PKH di 14 kecamatan telah tuntas 100%.",
        "Sudah tuntas, tinggal menunggu verifikasi Bapak",
        "Fisik sudah rampung pak",
        "Angkatan I sudah selesai pak",
        "Sudah selesai pak, nanti saya cek lagi ke lapangan",
        "Sudah rampung? Kayaknya sudah pak",
    ],
)
def test_a_done_word_that_is_not_all_of_the_directive_asks(text: str) -> None:
    hasil = baca(text)
    assert hasil.ragu_selesai
    assert hasil.status is P
    assert hasil.progress is None


@pytest.mark.parametrize(
    "text",
    [
        "Perbaikan jalan 100 meter sudah selesai",
        "Pemasangan 40 PJU sudah selesai",
        "Selesai pak, data sudah dikirim ke Bappeda",
        "Rampung pak, sudah diresmikan kemarin",
        "Normalisasi saluran 1,2 km telah selesai dikerjakan hari ini, air sudah mengalir",
        "Sosialisasi di 11 SMP telah selesai seluruhnya pak",
        "Sudah kami tuntaskan pak. Seluruh posyandu sudah menerima PMT",
    ],
)
def test_a_clear_completion_sentence_is_selesai(text: str) -> None:
    """Policy c: a strong done word as what the sentence says, about the work (not one step or
    one part of it), with nothing left, planned, doubted, denied or asked anywhere."""
    hasil = baca(text)
    assert (hasil.status, hasil.progress, hasil.ragu_selesai) == (S, 100, False)


@pytest.mark.parametrize(
    ("text", "status", "ragu"),
    [
        ("sdh di slesaikan smua pak", S, False),  # a passive prefix typed apart, vowels left out
        ("Sdh d terima pak, sgra kmi tindklanjuti", Status.DITERIMA, False),
        ("Warga menolk pak", K, False),
        ("Sudah di-handle pak", P, True),  # English verb with the Indonesian prefix
        ("Sudah di kantor camat pak", None, False),  # "di kantor" is a place, not "dikantor"
    ],
)
def test_typos_and_split_prefixes_are_read_as_the_word(
    text: str, status: Status | None, ragu: bool
) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.ragu_selesai) == (status, ragu)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Pemasangan CCTV selesai di simpang Pasar, 5 simpang lainnya masih survei", P),
        ("Rapat persiapan sudah selesai pak, pelaksanaan kegiatan tgl 15", P),
        ("Pelatihan angkatan I selesai, angkatan II jadwalnya desember", P),
        ("Laporan tsb tidak bisa dibilang selesai, datanya masih kosong", P),
        ("Selesainya kapan ya pak? kami masih input data", P),
        ("Selesaikah pak?", None),
    ],
)
def test_a_done_word_about_a_part_a_step_or_a_question_is_not_selesai(
    text: str, status: Status | None
) -> None:
    hasil = baca(text)
    assert hasil.status is status
    assert not hasil.ragu_selesai


@pytest.mark.parametrize(
    ("text", "progress"),
    [
        ("Kontraknya sudah selesai ditandatangani, pekerjaan fisik mulai Senin.", None),
        ("Fisik 100%, administrasi 80%.", 80),
        ("Verifikasi selesai 100%, pencairan 0%.", None),
    ],
)
def test_a_done_word_with_work_certainly_left_is_in_progress(
    text: str, progress: int | None
) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress, hasil.ragu_selesai) == (P, progress, False)


# ---------------------------------------------------------------------------------------------
# Regional lexicons and words read only in context (bot.domain.reply_lexicon)
# ---------------------------------------------------------------------------------------------


def test_the_regional_lexicons_agree_and_are_part_of_the_reader() -> None:
    for kamus in (*BAHASA.values(), INGGRIS):
        for kata, arti in kamus.items():
            assert SINGKATAN[kata] == arti, kata
    with pytest.raises(ValueError, match="'durung'"):
        gabung({"durung": "belum"}, {"durung": "sudah"})


@pytest.mark.parametrize(
    ("text", "status", "progress"),
    [
        # done / not yet / still, one language each
        ("Alah salasai sadonyo pak, indak ado nan tingga lai", S, 100),  # Minang
        ("Durung mari pak, sesuk dilanjut", P, None),  # Javanese "mari" after "durung"
        ("Parantos réngsé sadayana", S, 100),  # Sundanese
        ("Dang sae dope, dope diulahon", P, None),  # Batak "dang ... dope": not yet
        ("Pura manengni Puang", S, 100),  # Bugis "pura" before "all"
        ("Le'ba'mi ngaseng", S, 100),  # Makassar "already" + "all": all done (independent8)
        ("Pura'ni maneng pak", S, 100),  # Bugis "already" + "all"
        ("Sesuk tak garap pak", D, None),  # Javanese "tak" after a time word: "I"
        ("Baru sapatangahnyo pak", P, 50),  # Minang possessive "-nyo"
        ("Kendalanipun wonten ing dana pak", K, None),  # Javanese krama "-ipun"
        ("De'pa napura, engkapa 2 desa", P, None),  # Bugis: not yet, 2 left
        ("Kada kawa digawi, hujan tarus", K, None),  # Banjar: cannot
        ("Konden puput, enu megae", P, None),  # Balinese
        ("Ka lheuh bandum", S, 100),  # Acehnese "ka" before a done word
        ("Ghi' ta' mare, ghi' elakoni", P, None),  # Madurese "ghi' ta'": not yet
        ("Balom klar, alat berat trada", K, None),  # Papua "trada": there is none
        ("Sonde ada kendala, karja jalan tarus", P, None),  # Kupang
        # the same words where they are Indonesian: not the regional meaning
        ("Mari kita kawal bersama", None, None),
        ("Atap seng sudah terpasang 60 persen", P, 60),
        ("So far aman, masih dikerjakan", P, None),
        # spellings, chat shorthand and obstacle classes
        ("Kepeng ndeqman cair pak.", K, None),  # Sasak q for k
        ("Pessena gi' tak cair pak.", K, None),  # Madurese possessive -na
        ("Enggi pak, ampon ekaterima.", D, None),  # Madurese passive e-
        ("mobil opr rsk pk, blm bs jalan", K, None),  # chat shorthand
        ("Dokumen RKA masih under review di Bappeda.", P, None),
        ("90% selesai, 10% lagi menunggu material datang.", K, 90),  # "N % lagi" is left
        ("Sebanyak 320 balita sudah diukur, sasarannya 400.", P, 80),
        ("Operator kami cuti melahirkan, belum ada penggantinya.", K, None),
        ("Izin dari BBWS untuk normalisasi sungai belum keluar.", K, None),  # "izin" a noun
        ("Terima kasih pak lah, beko ambo sampaikan.", D, None),  # Minang particle "lah"
    ],
)
def test_words_are_read_in_their_language_and_context(
    text: str, status: Status | None, progress: int | None
) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress) == (status, progress)
    assert not hasil.ragu_selesai


@pytest.mark.parametrize(
    "text",
    [
        "Purani Puang",  # Bugis "already": what?
        "Le'ba'mi Puang",  # Makassar "already": what?
        "So klar samua pak, tinggal foto-foto",  # only the evidence is left
        "Pekerjaan sudah rampung, apakah perlu dilampirkan BAST pak?",  # a question after it
        "InsyaAllah sudah semua pak",  # a hedge
    ],
)
def test_regional_and_hedged_done_words_ask(text: str) -> None:
    hasil = baca(text)
    assert hasil.ragu_selesai
    assert hasil.status is not S


@pytest.mark.parametrize(
    "text",
    [
        "Selesai semua pak. Tidak ada berkas yang tersisa.",  # nothing left, with a noun
        "Sudah 100% bu, tidak ada tunggakan lagi.",
        "Seluruh arahan Bapak telah kami laksanakan tanpa kecuali.",
        "Honor kader sudah cair semuanya pak.",  # a result state with a whole marker
        "Rehab rumah warga yang terdampak gempa sudah rampung semua.",  # "yang" on the subject
        "PMT untuk balita gizi kurang di seluruh desa sudah selesai tuntas.",  # an attribute
        "Ampon mareh kabbhi pak.",  # Madurese with a final h
    ],
)
def test_a_whole_completion_said_in_other_words_is_selesai(text: str) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress, hasil.ragu_selesai) == (S, 100, False)


@pytest.mark.parametrize(
    "text",
    [
        "Semua arahan sudah kami laksanakan seluruhnya sesuai kemampuan.",  # a hedge
        "Sudah selesai pak, kurang 2 desa lagi.",  # "kurang" with a number is a remainder
        "Yang sudah selesai baru 4 rumah pak.",  # a relative on the done word
        "Honor petugas sudah cair semuanya, tapi laporan SPJ belum.",
        "Sudah 100%, tidak ada tunggakan, tinggal verifikasi.",
    ],
)
def test_new_completion_phrasings_still_stop_at_a_hedge_or_a_remainder(text: str) -> None:
    assert baca(text).status is not S


@pytest.mark.parametrize(
    "text",
    [
        "Tidak ada berkas yang tertinggal, semua sudah kami terima.",  # only received
        "Sudah tercapai 100% kata operator.",  # hearsay after the done statement
        "Sudah selesai semua menurut laporan camat.",
    ],
)
def test_nothing_left_with_a_receipt_or_hearsay_is_no_selesai(text: str) -> None:
    assert baca(text).status is not S


@pytest.mark.parametrize(
    "text",
    [
        "Seluruh 14 nagari sudah menyerahkan profil BUMNag.\nTidak ada yg tertinggal.",
        "Semua titik sudah terpasang lampu, 20 dari 20 titik.",
        "Seluruh ASN sudah mengisi e-kinerja.\nLengkap.",
        "Penginputan data untuk seluruh nagari sudah kami tutup. Semua sudah diunggah.",
    ],
)
def test_a_result_done_by_all_with_a_second_whole_marker_is_selesai(text: str) -> None:
    hasil = baca(text)
    assert (hasil.status, hasil.progress, hasil.ragu_selesai) == (S, 100, False)


@pytest.mark.parametrize(
    "text",
    [
        "Seluruh desa sudah kami kunjungi, tidak ada yang tertinggal.",  # one step
        "Semua OPD sudah menerima surat, semua lengkap.",  # only received
        "Semua desa sudah mengusulkan, tidak ada yang tertinggal.",  # work under way
        "Seluruh posko sudah terpasang, rencana peresmian besok.",  # one marker, a plan
        "Seluruh posko sudah terpasang.",  # one marker only: asks
        "Semua sudah diupload, tapi 2 desa belum lengkap.",
    ],
)
def test_a_result_done_by_all_without_the_whole_is_no_selesai(text: str) -> None:
    assert baca(text).status is not S


def test_selesai_tanpa_kendala_is_a_completion_not_an_obstacle_solved() -> None:
    assert baca("Sdh selesai tanpa kendala pak").status is S


@pytest.mark.parametrize(("text", "status"), [("udh beress smua pak", S), ("beers semua pak", S)])
def test_typos_of_beres(text: str, status: Status) -> None:
    assert baca(text).status is status


def test_beras_is_no_typo_of_beres() -> None:
    assert baca("Beras sudah sampai semua pak").status is not S

"""Reading an official's free-text report on a penugasan (PRODUCT.md, "Reporting").

Officials answer a directive in Telegram the way they write to colleagues: ``siap laksanakan``,
``sdh 60 persen pak``, ``Izin melaporkan, progres fisik 75%, kendala: lahan blm dibebaskan``.
:func:`baca` turns one such text into a :class:`Bacaan`: a status (``diterima``,
``dalam_proses``, ``selesai`` or ``terkendala``; ``None`` when the text is only a note), the stated
progress percentage, the note to store, the obstacle text, and whether the official says the
directive cannot be followed up at all.

How it reads (every rule is a table below; the functions only apply them):

1. **Tokens.** The first :data:`BATAS_BACA` characters are split into words, numbers and
   punctuation (line breaks kept as clause boundaries). Each word is lowercased, letters repeated
   three times or more are squeezed (``siaaap`` → ``siap``), abbreviations are expanded
   (:data:`SINGKATAN`: ``sdh`` → ``sudah``, ``blm`` → ``belum``, ``tdk``/``gak`` → ``tidak`` …)
   and forms of address and greetings (``pak``, ``bu``, ``yth``, emoji) are dropped. The tokens
   are joined by single spaces into a *canonical* text that remembers where each token came from.
2. **Masks.** Phrases that contain a keyword but do not mean it are blanked out (replaced by
   ``_``, same length) in order: polite openings and closings, ``tidak ada kendala`` and
   ``kendala: -``, conditionals (``jika ada kendala``), ``belum selesai``/``hampir selesai``
   (partial: counts as *in progress*), negations (``belum ada progres``), plans
   (``target selesai minggu depan``), promises (``akan kami tindaklanjuti``: counts as an
   acknowledgement), what is left (``tinggal 10% lagi``: in progress, not 10 %) and percentages
   that are rates or targets (``target 100%``, ``inflasi 2,5%``).
3. **Signals.** Keyword tables are searched in the masked text: cannot be followed up, obstacle,
   done, in progress (strong or weak), acknowledged. Percentages are ``N%``/``N persen`` or a bare
   number right after a progress word (``capaian 75``) that is not followed by a unit; decimals
   round down, anything over 100 is ignored. Of several percentages, the last one marked as the
   overall figure wins (``fisik 60%``, ``sekarang 70%``, ``menjadi 65%``), else the smallest
   (``1. Drainase 100% 2. Trotoar 40%`` is 40, not done).
4. **Decision**, strongest first: cannot be followed up (no status) → obstacle (``terkendala``;
   the percentage is still recorded) → a stated 1–99 % (``dalam_proses``) → done or 100 %
   (``selesai``, progress 100, unless a partial or ongoing phrase says otherwise) → in progress →
   acknowledged → just a note.

Every regex works on single-space-separated tokens with bounded repetition only, so matching is
linear in the (already bounded) input; :func:`baca` never raises for a ``str``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from bot.domain.lifecycle import Status

__all__ = ["BATAS_BACA", "BATAS_CATATAN", "SINGKATAN", "Bacaan", "baca"]

BATAS_BACA: Final = 4000
"""Only this many leading characters are classified; longer texts are still kept as a note."""
BATAS_CATATAN: Final = 2000
"""Longest note (and obstacle text) returned."""


@dataclass(frozen=True)
class Bacaan:
    """What a report says."""

    status: Status | None
    """DITERIMA, DALAM_PROSES, SELESAI or TERKENDALA; ``None`` = just a note."""
    progress: int | None
    """0..100 when a percentage was stated, else ``None``."""
    catatan: str
    """The note to store: the original text, whitespace collapsed, at most 2000 characters."""
    kendala: str | None
    """The obstacle text when status is TERKENDALA, else ``None``."""
    tidak_dapat: bool = False
    """The official says it cannot be followed up (``tidak dapat ditindaklanjuti karena …``)."""
    ragu_selesai: bool = False
    """The text may mean the whole directive is done, but not unambiguously: ``status`` holds only
    what is certain (never SELESAI) and the bot asks **Ya, selesai** / **Belum**."""
    persen_tidak_sah: str | None = None
    """A percentage stated as the progress that cannot be one (``progres 150%``), as written: the
    bot says so and records no progress."""


# ---------------------------------------------------------------------------------------------
# Tables: words
# ---------------------------------------------------------------------------------------------

SINGKATAN: Final[dict[str, str]] = {
    # sudah / telah / belum
    "sdh": "sudah", "sudh": "sudah", "sdah": "sudah", "udh": "sudah", "udah": "sudah",
    "uda": "sudah", "dah": "sudah", "sudha": "sudah", "tlh": "telah",
    "blm": "belum", "blom": "belum", "belom": "belum", "blum": "belum", "blmm": "belum",
    # negation
    "tdk": "tidak", "tak": "tidak", "gak": "tidak", "ga": "tidak", "gk": "tidak",
    "nggak": "tidak", "ngga": "tidak", "nggk": "tidak", "enggak": "tidak", "engga": "tidak",
    "kagak": "tidak", "ndak": "tidak", "tdak": "tidak", "tida": "tidak",
    # function words
    "sy": "saya", "sya": "saya", "krn": "karena", "karna": "karena", "krna": "karena",
    "krena": "karena", "dgn": "dengan", "dg": "dengan", "dngn": "dengan", "utk": "untuk",
    "untk": "untuk", "msh": "masih", "masi": "masih", "mash": "masih", "lg": "lagi",
    "lgi": "lagi", "dlm": "dalam", "bs": "bisa", "bsa": "bisa", "dpt": "dapat",
    "trs": "terus", "trus": "terus", "kmrn": "kemarin", "kmarin": "kemarin",
    "kemaren": "kemarin", "sdg": "sedang", "sdng": "sedang", "lgsg": "langsung",
    "sgr": "segera", "skrg": "sekarang", "skrng": "sekarang", "skg": "sekarang", "yg": "yang",
    "dr": "dari", "pd": "pada", "tsb": "tersebut", "jg": "juga", "sblm": "sebelum",
    "stlh": "setelah", "tgl": "tanggal", "bln": "bulan", "thn": "tahun", "mhn": "mohon",
    "mhon": "mohon", "ijin": "izin", "sd": "sampai",
    # progress and percent
    "progress": "progres", "progresnya": "progres", "progressnya": "progres",
    "prgres": "progres", "progrs": "progres", "progess": "progres", "prog": "progres",
    "prosentase": "persentase", "presentase": "persentase", "prsn": "persen",
    "prosen": "persen", "pct": "persen", "percent": "persen", "persent": "persen",
    "seratus": "100",
    # completion, waiting, obstacle, acknowledgement (typos seen in chats)
    "slesai": "selesai", "selsai": "selesai", "selese": "selesai", "slese": "selesai",
    "seleai": "selesai", "selasai": "selesai", "kndala": "kendala", "kendla": "kendala",
    "kendal": "kendala", "nunggu": "menunggu", "nungguin": "menunggu", "menungu": "menunggu",
    "siapp": "siap", "siaap": "siap", "syap": "siap", "siyap": "siap", "siiap": "siap",
    "ok": "oke", "okey": "oke", "okay": "oke", "okeh": "oke", "oce": "oke", "okee": "oke",
    "otw": "sedang", "dikerjain": "dikerjakan", "ngerjain": "mengerjakan",
    "insya": "insyaallah", "insha": "insyaallah", "inshaallah": "insyaallah",
    "insaallah": "insyaallah", "insyallah": "insyaallah",
    "assalamu": "assalamualaikum", "asslm": "assalamualaikum", "aslmkm": "assalamualaikum",
    "wassalamu": "wassalam", "wassalamualaikum": "wassalam",
    # address: mapped to one form, then dropped (DIABAIKAN)
    "bpk": "pak", "bapak": "pak", "bp": "pak", "pa": "pak", "ibu": "bu", "ibuk": "bu",
    "buk": "bu", "mba": "mbak",
    "trims": "terimakasih", "tks": "terimakasih", "thx": "terimakasih",
    "thanks": "terimakasih", "makasih": "terimakasih", "mksh": "terimakasih",
    "trmksh": "terimakasih", "trimakasih": "terimakasih",
    # symbols
    "👍": "oke", "👌": "oke", "🫡": "siap", "&": "dan", "–": "-", "—": "-",
    "->": "menjadi", "-->": "menjadi", "=>": "menjadi", "→": "menjadi", "➡": "menjadi",
}  # fmt: skip
"""Abbreviations and variants, each expanded to one canonical word (never a space)."""

DIABAIKAN: Final = frozenset({
    "pak", "bu", "mas", "mbak", "kak", "bang", "ndan", "bos", "yth", "lapor", "terimakasih",
    "alhamdulillah", "alhamdulilah", "wr", "wb", "wrwb", "warahmatullahi", "wabarakatuh",
    "alaikum", "alaykum", "allah", "wassalam", "assalamualaikum",
})  # fmt: skip
"""Address, greetings and closings: dropped before reading (the note keeps them)."""

TANDA_BACA: Final = frozenset(".,;:!?()-/%+=±\n")
"""Punctuation kept as tokens (clause boundaries, ``%``, ``s/d``); other symbols are dropped."""

TANDA_PERSEN: Final = frozenset({"%", "persen"})
"""A number followed by one of these is a percentage."""

KATA_PROGRES: Final = frozenset({
    "progres", "capaian", "realisasi", "kemajuan", "pencapaian", "perkembangan", "persentase",
})  # fmt: skip
"""A bare number right after one of these (and a few fillers) is a percentage: ``capaian 75``."""

PENGISI_PROGRES: Final = frozenset({
    ":", "=", "-", "±", "fisik", "fisiknya", "keuangan", "keuangannya", "pekerjaan", "kegiatan",
    "sudah", "telah", "mencapai", "capai", "baru", "sekitar", "kurang", "lebih", "sebesar",
    "saat", "ini", "sampai", "hari", "minggu", "pekan", "per", "di", "angka", "ada", "posisi",
    "total", "keseluruhan", "sekarang", "kini", "adalah", "yaitu", "masih", "kami", "terkini",
    "terakhir", "kumulatif", "kira", "kita",
})  # fmt: skip
"""Words allowed between a progress word and its bare number (at most four of them)."""

SATUAN: Final = frozenset({
    # quantities
    "meter", "m", "km", "cm", "mm", "m2", "m²", "m3", "ha", "hektar", "hektare", "are", "unit",
    "buah", "bh", "paket", "titik", "lokasi", "desa", "kelurahan", "kecamatan", "nagari",
    "kampung", "dusun", "rt", "rw", "orang", "org", "jiwa", "kk", "keluarga", "rumah", "sekolah",
    "puskesmas", "ton", "kg", "liter", "lembar", "dokumen", "berkas", "item", "kali", "x", "ruas",
    "batang", "pohon", "ekor", "set", "persil", "bidang", "sertifikat", "peserta", "siswa",
    "kegiatan", "sub", "opd", "ruang", "kelas", "tahap", "termin", "no", "nomor",
    # time
    "detik", "menit", "jam", "hari", "minggu", "pekan", "bulan", "tahun", "triwulan", "semester",
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "agt", "agu",
    "sep", "okt", "nov", "des", "wib", "wita", "wit",
    # money
    "rupiah", "rp", "juta", "jt", "miliar", "milyar", "triliun", "ribu", "rb", "k",
    # not a percentage when followed by these
    "dari", "/", "-", ":", "×", "s",
})  # fmt: skip
"""A bare number followed by one of these is a quantity, a time, money or a date: not progress."""

PENANDA_TOTAL: Final = frozenset({
    "total", "keseluruhan", "kumulatif", "akumulasi", "rata", "overall", "sekarang", "kini",
    "ini", "menjadi", "jadi", "posisi", "terkini", "terakhir", "update", "fisik", "saat",
})  # fmt: skip
"""A percentage with one of these shortly before it is *the* progress (``fisik 60%``,
``sekarang 70%``); otherwise, of several stated percentages the smallest is taken."""

BATAS_KLAUSA: Final = frozenset({",", ".", ";", "!", "?", "\n", "(", ")"})
"""Tokens that end the look-back for :data:`PENANDA_TOTAL`."""

SALAM_AWAL: Final = (
    "mohon izin melaporkan", "mohon ijin melaporkan", "izin melaporkan", "ijin melaporkan",
    "izin menyampaikan", "ijin menyampaikan", "izin lapor", "ijin lapor", "mohon izin",
    "mohon ijin", "izin", "ijin", "lapor", "melaporkan", "assalamualaikum", "assalamu'alaikum",
    "assalamu’alaikum", "warahmatullahi", "wabarakatuh", "wr. wb", "wr.wb", "wr", "wb",
    "selamat pagi", "selamat siang", "selamat sore", "selamat malam", "yang terhormat", "yth",
    "dengan hormat", "berikut kami laporkan", "berikut kami sampaikan", "kami laporkan",
    "alhamdulillah", "bapak", "ibu", "bpk", "pak", "bu", "sekda", "bupati", "walikota",
    "wali kota", "asisten", "kadis", "mas", "mbak", "kak", "ndan",
)  # fmt: skip
"""Stripped from the front of an obstacle text taken from the whole message."""

SAMBUNG_AWAL: Final = (
    "yang kami hadapi", "yang dihadapi", "yg dihadapi", "yang ditemui", "yg ditemui",
    "yang dialami", "kami hadapi", "dihadapi", "ditemui", "dialami", "nya", "yang", "yg",
    "utama", "saat ini", "sekarang", "masih", "ada", "adalah", "yaitu", "yakni", "ialah",
    "berupa", "antara lain", "sebagai berikut", "sbb", "di lapangan", "dilapangan", "di", "pada",
    "dalam", "dlm", "soal", "terkait", "mengenai", "dikarenakan", "disebabkan oleh",
    "disebabkan", "karena", "krn", "karna", "oleh", "sebab", "akibat", "dengan", "dgn", "kami",
    "bapak", "ibu", "bpk", "pak", "bu",
)  # fmt: skip
"""Stripped from the front of the text after an obstacle keyword (``kendala yaitu …``)."""

PENUTUP_AKHIR: Final = (
    "terima kasih", "terimakasih", "trimakasih", "makasih", "trims", "tks", "thx", "thanks",
    "matur nuwun", "wassalamualaikum warahmatullahi wabarakatuh", "wassalamualaikum",
    "wassalamu'alaikum", "wassalamu’alaikum", "wassalam", "warahmatullahi wabarakatuh",
    "wabarakatuh", "wr. wb", "wr.wb", "wr wb", "wb", "wr", "hormat kami", "salam",
    "demikian disampaikan", "demikian dilaporkan", "demikian kami sampaikan",
    "demikian kami laporkan", "demikian laporan kami", "demikian", "mohon maaf", "bapak", "ibu",
    "bpk", "pak", "bu",
)  # fmt: skip
"""Stripped from the end of an obstacle text."""

LABEL_TEMPLAT: Final = (
    "progres", "progress", "capaian", "realisasi", "status", "rencana tindak lanjut",
    "tindak lanjut", "tindaklanjut", "rtl", "keterangan", "ket", "solusi", "upaya", "langkah",
    "dokumentasi", "bukti", "foto", "target", "tenggat", "uraian", "hasil", "saran", "catatan",
    "lampiran",
)  # fmt: skip
"""A line starting with one of these and a colon ends an obstacle text (report templates)."""

# ---------------------------------------------------------------------------------------------
# Tables: patterns on the canonical text (lowercase tokens separated by single spaces)
# ---------------------------------------------------------------------------------------------

_W: Final = r"[^\W_]+"  # one real (unmasked) word or number token
_NUM: Final = r"[0-9]{1,3}(?:[.,][0-9]+)?"
_PERSEN: Final = rf"{_NUM} (?:%|persen)"
_TL: Final = r"(?:di ?)?tindak ?(?:- ?)?lanjut(?:i|kan)?"  # (di)tindaklanjuti, tindak lanjuti …
_TL_KERJA: Final = r"(?:di ?)?tindak ?(?:- ?)?lanjut(?:i|kan)"  # the verb, not the noun
_K: Final = (
    r"(?:kendala|kendalanya|hambatan|hambatannya|masalah|masalahnya|permasalahan"
    r"|permasalahannya|persoalan|persoalannya|halangan|kesulitan|problem|problema|issue"
    r"|terkendala|terhambat"
    r"|bermasalah)"
)
_SELESAI: Final = r"(?:selesai|tuntas|rampung|beres|kelar)"
_AKSI: Final = (
    r"(?:(?:di)?(?:laksanakan|kerjakan|koordinasikan|proses|kawal|jalankan|eksekusi"
    r"|realisasikan|laporkan|sampaikan|siapkan|cek|lakukan|selesaikan|tuntaskan|lanjutkan"
    r"|mulai|tangani|sosialisasikan|rapatkan|bahas|kirim|kirimkan|follow up)|"
    + _TL_KERJA
    + r"|melaksanakan|menindaklanjuti|mengerjakan|berkoordinasi|mengawal|memulai|melakukan"
    r"|menyelesaikan|menuntaskan)"
)
_PENGISI: Final = r"(?:sebesar|sekitar|hanya|kurang lebih|lebih kurang|±|\+|-|:|=|sampai|hingga)"
_PRA_PROGRES: Final = r"(?: (?::|=|-|fisik|keuangan|pekerjaan|sudah|telah|mencapai|saat|ini|hari))"


class _Jenis(Enum):
    """Kinds of masked phrase; some of them are signals themselves."""

    SALAM = "salam"  # polite formulas
    AMAN = "aman"  # no obstacle / obstacle solved
    SYARAT = "syarat"  # conditional: "jika ada kendala", "setelah selesai"
    TOPIK = "topik"  # the obstacle as a topic: "terkait masalah sampah", "mengatasi kendala"
    VERIFIKASI = "verifikasi"  # waiting for verification is not an obstacle
    SEBAGIAN = "sebagian"  # partial / not yet complete: counts as in progress
    NEGASI = "negasi"  # "belum ada progres", "tidak selesai"
    RENCANA = "rencana"  # plans: "target selesai minggu depan"
    JANJI = "janji"  # promises: "akan kami tindaklanjuti": counts as acknowledgement
    SISA = "sisa"  # what is left: "tinggal 10% lagi": counts as in progress
    LAJU = "laju"  # percentages that are rates or targets


@dataclass(frozen=True)
class _Tutupan:
    """A phrase to blank out before the keyword search."""

    jenis: _Jenis
    pola: re.Pattern[str]


def _pola(*pilihan: str) -> re.Pattern[str]:
    """Compile the alternatives so that they only match whole tokens of the canonical text."""
    return re.compile(r"(?<!\S)(?:" + "|".join(pilihan) + r")(?!\S)")


def _tutupan(jenis: _Jenis, *pola: str) -> tuple[_Tutupan, ...]:
    """One mask per pattern, all of the same kind."""
    return tuple(_Tutupan(jenis, _pola(p)) for p in pola)


TUTUPAN: Final[tuple[_Tutupan, ...]] = (
    *_tutupan(
        _Jenis.SALAM,
        r"(?:mohon )?izin (?:untuk )?(?:melaporkan|menyampaikan|menginformasikan"
        r"|memberitahukan|memberikan|update|info|laporan)|mohon izin|^izin",
        r"selamat (?:pagi|siang|sore|malam|datang|beraktivitas|bertugas)",
        r"terima kasih|matur (?:nuwun|suwun)|hatur nuhun|yang terhormat|dengan hormat"
        r"|hormat kami|mohon maaf|maaf",
        r"demikian (?:kami )?(?:sampaikan|laporkan|disampaikan|dilaporkan|laporan kami|informasi)",
        r"berikut (?:ini )?(?:kami )?(?:sampaikan|laporkan|disampaikan|dilaporkan|informasikan)",
        r"(?:dalam rangka |untuk )?menindaklanjuti (?:arahan|instruksi|perintah|disposisi|hasil)",
        r"(?:mohon )?(?:petunjuk|arahan|bimbingan|masukan)(?: lebih lanjut)?|lebih lanjut",
    ),
    *_tutupan(
        _Jenis.AMAN,
        r"(?:masih )?(?:tidak|belum|tanpa|nihil|bebas|zero|no) (?:(?:ada lagi|ada|ditemukan"
        r"|menemui|mengalami|menemukan|terdapat|dijumpai|pernah ada) )?(?:suatu |satu |sedikit "
        rf"|sebuah )?{_K}(?: (?:yang )?(?:berarti|signifikan|serius|berat|apa - apa|apapun"
        r"|apa pun))?",
        rf"{_K} (?:: |= |- )?(?:\n )?(?:tidak ada|nihil|belum ada|tidak ditemukan|-|aman|nol|0"
        r"|none|kosong|tidak|belum|n / a|na)(?= [.,;!?\n)]|$)",
        rf"{_K} (?:yang )?(?:berarti|signifikan|serius|khusus) (?:tidak ada|nihil|belum ada)",
        rf"{_K} (?:{_W} ){{0,4}}?(?:teratasi|terselesaikan|tertangani|terurai|terpecahkan"
        r"|terjawab)",
        rf"{_K} (?:{_W} ){{0,4}}?(?:sudah|telah|dapat|bisa|berhasil) (?:{_W} )?(?:diatasi|atasi"
        r"|diselesaikan|selesai|beres|clear|tuntas|dituntaskan|ditangani|diurai|dipecahkan"
        r"|ada solusi|dapat solusi|tidak ada)",
    ),
    *_tutupan(
        _Jenis.SYARAT,
        rf"(?:jika|kalau|kalo|klo|apabila|bila|bilamana|seandainya|jikalau|andaikan|andai"
        rf"|manakala) (?:{_W} ){{0,3}}?{_K}",
        rf"{_K} (?:{_W} ){{0,2}}?(?:akan|nanti|segera) (?:(?:kami|segera|langsung) ){{0,2}}"
        r"(?:laporkan|dilaporkan|sampaikan|disampaikan|informasikan|koordinasikan)",
        rf"(?:jika|kalau|kalo|klo|apabila|bila|bilamana|seandainya|setelah|sesudah|begitu"
        rf"|sehabis|selepas|usai) (?:{_W} ){{0,3}}?(?:sudah |telah )?(?:{_SELESAI}|terlaksana"
        r"|dilaksanakan|100 %|100 persen)",
    ),
    *_tutupan(
        _Jenis.TOPIK,
        rf"(?:mengatasi|atasi|menangani|penanganan|penyelesaian|menyelesaikan|solusi|mengurai"
        rf"|mengidentifikasi|identifikasi|membahas|pembahasan|inventarisasi|pemetaan) (?:{_W} )?"
        rf"{_K}",
        r"(?:terkait|mengenai|tentang|soal|perihal|atas) (?:masalah|permasalahan)",
    ),
    *_tutupan(
        _Jenis.VERIFIKASI,
        r"(?:tinggal |hanya |masih |sedang )?menunggu (?:proses )?(?:di)?(?:verifikasi|periksa"
        r"|pemeriksaan|penilaian|nilai|pengecekan|cek|validasi|evaluasi|review|konfirmasi)",
    ),
    *_tutupan(
        _Jenis.SEBAGIAN,
        rf"(?:masih )?belum (?:{_W} ){{0,2}}?(?:{_SELESAI}|done|100 %|100 persen|sepenuhnya"
        r"|final|maksimal|optimal)",
        rf"(?:hampir|nyaris|mendekati|menjelang|menuju|sedikit lagi|tinggal sedikit|sebentar lagi"
        rf"|tidak lama lagi)"
        rf" (?:{_W} )?(?:{_SELESAI}|100 %|100 persen|final|finishing|{_NUM} %)",
        r"(?:baru )?sebagian(?: besar)?",
        rf"(?<!semua )(?<!seluruh )(?:tahap|fase|termin|segmen|ruas|paket|lot) (?:{_W} ){{0,3}}?"
        rf"(?:sudah |telah )?(?:{_SELESAI}|terlaksana)",
        rf"(?:{_SELESAI}|terlaksana|dilaksanakan) (?:untuk |pada |di )?(?:tahap|fase|termin)",
        r"(?P<a>[0-9]+) dari (?!(?P=a)(?!\S))[0-9]+",
    ),
    *_tutupan(
        _Jenis.NEGASI,
        r"(?:masih )?(?:belum|tidak) (?:pernah |juga |sama sekali |kunjung )?(?:ada )?"
        r"(?:progres|kemajuan|perkembangan|pergerakan|realisasi|tindak lanjut|kegiatan"
        r"|aktivitas)",
        r"(?:masih )?(?:belum|tidak) (?:pernah |juga |sama sekali |kunjung )?(?:kami )?"
        rf"(?:(?:di)?(?:laksanakan|kerjakan|proses|mulai|jalankan|terima)|terlaksana|berjalan"
        rf"|jalan|dimulai|{_TL})",
        rf"tidak (?:{_W} ){{0,2}}?{_SELESAI}",
        r"(?:belum|tidak|kurang|sudah|telah) siap",
        r"(?:progres|kemajuan|perkembangan) (?:masih |juga )?(?:belum|tidak) ada",
    ),
    *_tutupan(
        _Jenis.RENCANA,
        r"(?:akan|target|targetnya|ditargetkan|ditarget|direncanakan|rencana|rencananya"
        r"|diperkirakan|perkiraan|diprediksi|estimasi|diharapkan|harapannya|diupayakan"
        r"|diusahakan|upayakan|usahakan|semoga|mudah - mudahan|mudah mudahan|moga - moga"
        r"|insyaallah|segera|dijadwalkan|jadwal|deadline|tenggat|batas waktu|paling lambat"
        rf"|maksimal|kira - kira) (?:{_W} ){{0,2}}?(?:sudah )?(?:{_SELESAI}|terlaksana"
        r"|diselesaikan|dituntaskan|terealisasi|100 %|100 persen)",
        rf"(?<!sudah )(?<!telah )(?<!baru ){_SELESAI} (?:(?:pada|paling lambat|maksimal|sebelum"
        r"|dalam|di|sekitar|kurang lebih|insyaallah) )?(?:minggu depan|pekan depan|bulan depan"
        r"|tahun depan|minggu ini|pekan ini|bulan ini|tahun ini|akhir [^\W_]+|awal [^\W_]+"
        r"|pertengahan [^\W_]+|besok|lusa|nanti|segera|secepatnya|tanggal|waktu dekat|tenggat"
        r"|batas waktu|deadline|senin|selasa|rabu|kamis|jumat|sabtu|triwulan|semester"
        r"|[0-9]+ (?:hari|minggu|pekan|bulan) (?:lagi|ke depan|kedepan))"
        rf"(?!(?: {_W}){{0,3}} (?:kemarin|lalu|tadi))",
        r"(?:akan )?(?:di)?mulai (?:pada )?(?:hari )?(?:senin|selasa|rabu|kamis|jumat|sabtu"
        r"|minggu depan|pekan depan|bulan depan|tahun depan|besok|lusa|nanti|tanggal)",
        r"(?:minggu depan|pekan depan|bulan depan|tahun depan|besok|lusa|nanti)"
        r" (?:baru )?(?:akan )?(?:di)?mulai",
    ),
    *_tutupan(
        _Jenis.JANJI,
        rf"(?:akan|segera|siap|langsung|secepatnya|insyaallah|rencana|rencananya|direncanakan"
        rf"|dijadwalkan) (?:(?:kami|kita|segera|akan|langsung|untuk|coba|upayakan) ){{0,2}}"
        rf"{_AKSI}",
        rf"(?<!sudah )(?<!telah )(?<!sedang )(?<!masih )(?<!belum )(?<!tidak )(?:kami|saya) "
        rf"(?:(?:segera|akan|langsung) )?{_AKSI}",
    ),
    *_tutupan(
        _Jenis.SISA,
        rf"(?:sisa|sisanya|tinggal|(?<!lebih )kurang(?! lebih))(?: {_PENGISI}){{0,2}} {_PERSEN}",
    ),
    *_tutupan(
        _Jenis.LAJU,
        r"(?:target|targetnya|ditargetkan|ditarget|rencana|direncanakan|diharapkan|kekurangan"
        r"|naik|meningkat|kenaikan|peningkatan|bertambah"
        r"|tumbuh|pertumbuhan|dari|deviasi|selisih|minus|defisit|surplus|inflasi|prevalensi"
        r"|stunting|kemiskinan|pengangguran|diskon|pajak|ppn|pph|bunga|retribusi|bobot|porsi"
        rf"|kontribusi|rasio|fee|dp|uang muka)(?: {_PENGISI}){{0,2}} {_PERSEN}",
        rf"(?:turun|menurun|penurunan|berkurang|susut|anjlok)(?: (?:{_PENGISI}|menjadi|jadi|ke))"
        rf"{{0,2}} {_PERSEN}",
    ),
)
"""Phrases blanked out before the search, in this order (each sees the earlier blanks)."""

TUTUPAN_KENDALA: Final = frozenset(
    {_Jenis.SALAM, _Jenis.AMAN, _Jenis.SYARAT, _Jenis.TOPIK, _Jenis.VERIFIKASI}
)
"""The masks the obstacle search respects (``belum selesai karena hujan`` is an obstacle)."""

TIDAK_DAPAT: Final = _pola(
    rf"tidak (?:dapat|bisa|mungkin|memungkinkan|akan bisa|akan dapat) (?:untuk )?"
    rf"(?:kami |kita )?{_TL}"
    r"|(?:bukan|diluar|di luar) (?:merupakan )?(?:kewenangan|wewenang|tupoksi|ranah|urusan)"
)
"""The official says the directive cannot be followed up."""


class _Ambil(Enum):
    """Which part of the text is the obstacle."""

    SETELAH = "setelah"  # what follows the keyword: "kendala: lahan …" -> "lahan …"
    DARI = "dari"  # from the keyword on: "menunggu SK Bupati"
    SEMUA = "semua"  # the whole message: "pekerjaan macet"


@dataclass(frozen=True)
class _Kendala:
    """One way of saying there is an obstacle."""

    pola: re.Pattern[str]
    ambil: _Ambil


_HAL: Final = (
    r"(?:anggaran|anggarannya|dana|dananya|biaya|sk|juknis|juklak|regulasi|perbup|perwal|perda"
    r"|dpa|sp2d|spm|rekomendasi|persetujuan|tanda tangan|ttd|tte|lahan|lokasi|material|bahan"
    r"|alat|petugas|personil|personel|tenaga|sdm|data|server|aplikasi|jaringan|sinyal|cuaca"
    r"|kontraktor|penyedia|rekanan|pihak ketiga|vendor|pencairan|dokumen|surat|izin)"
)

KENDALA: Final[tuple[_Kendala, ...]] = (
    _Kendala(
        _pola(
            r"kendala|kendalanya|terkendala|hambatan|hambatannya|terhambat|masalah|masalahnya"
            r"|permasalahan|permasalahannya|persoalan|persoalannya|bermasalah|kesulitan|terganjal"
            r"|tertunda|ditunda"
            r"|problem|problemnya|issue"
        ),
        _Ambil.SETELAH,
    ),
    _Kendala(
        _pola(rf"(?:belum|tidak) (?:{_W} ){{0,4}}?(?:karena|dikarenakan|disebabkan|sebab|akibat)"),
        _Ambil.SETELAH,
    ),
    _Kendala(_pola(r"menunggu|menanti"), _Ambil.DARI),
    _Kendala(
        _pola(
            rf"{_HAL} (?:{_W} ){{0,2}}?(?:belum|tidak) (?:{_W} )?(?:cair|dicairkan|turun|tersedia"
            r"|ada|keluar|terbit|diterbitkan|diterima|disetujui|ditandatangani|masuk|lengkap"
            r"|dialokasikan|dianggarkan|ditetapkan|mencukupi|cukup|memadai|bebas|dibebaskan|siap"
            r"|jelas|tersambung|aktif|berfungsi|datang|hadir|mendukung|merespon|respon|diakses"
            r"|bisa diakses|dapat diakses|digunakan|dibuka|login)",
            rf"(?:belum|tidak) (?:ada|tersedia|cair|turun|keluar|terbit) (?:{_W} )?{_HAL}",
            rf"(?:kekurangan|keterbatasan|minim|minimnya|kurangnya|terbatasnya|ketiadaan"
            rf"|tidak adanya|belum adanya) (?:{_W} )?{_HAL}",
        ),
        _Ambil.DARI,
    ),
    _Kendala(
        _pola(
            r"(?:belum|tidak) (?:bisa|dapat|mampu|sempat|memungkinkan)(?: untuk)?(?: kami| di)? "
            r"(?:(?:di)?laksanakan|melaksanakan|terlaksana|(?:di)?kerjakan|mengerjakan"
            r"|(?:di)?proses|memproses|(?:di)?lanjutkan|melanjutkan|lanjut|berjalan|jalan"
            r"|dijalankan|(?:di)?mulai|memulai|dieksekusi|direalisasikan|terealisasi"
            r"|(?:di)?selesaikan|menyelesaikan"
            rf"|{_SELESAI}|(?:di)?tuntaskan|{_TL})"
        ),
        _Ambil.DARI,
    ),
    _Kendala(
        _pola(
            r"macet|mandek|mangkrak|stagnan|dihentikan|terhenti|berhenti|gagal|wanprestasi"
            r"|putus kontrak|force majeure|kahar"
        ),
        _Ambil.SEMUA,
    ),
)
"""Obstacle phrases; the earliest match in the text decides where the obstacle text is."""


class _Sinyal(Enum):
    """What a phrase says about the work."""

    SELESAI = "selesai"
    KUAT = "kuat"  # clearly still going on: beats a "done" phrase
    LEMAH = "lemah"  # work is being done
    SIAP = "siap"  # acknowledged


SINYAL: Final[tuple[tuple[_Sinyal, re.Pattern[str]], ...]] = (
    (
        _Sinyal.SELESAI,
        _pola(
            rf"{_SELESAI}|done|finish|finished|completed|terlaksana|terealisasi"
            r"|(?:sudah|telah) (?:(?:kami|kita|di|semua|seluruhnya) )?"
            r"(?:(?:di)?laksanakan|dilakukan|lakukan|(?:di)?selesaikan|(?:di)?tuntaskan"
            r"|(?:di)?realisasikan|(?:di)?salurkan"
            r"|(?:di)?serahkan|dikirim|dikirimkan|kirim|kirimkan|dibayarkan|(?:di)?terbitkan"
            rf"|(?:di)?tetapkan|dibangun|diperbaiki|dibersihkan|dipasang|diganti|{_TL})"
        ),
    ),
    (
        _Sinyal.KUAT,
        _pola(
            r"sedang|lagi (?:dalam|proses|progres|di[^\W_]+)"
            r"|tengah (?:dalam|di[^\W_]+|me[^\W_]+|ber[^\W_]+)"
            r"|masih (?:dalam|tahap|proses|progres|on|koordinasi|lanjut|belum|di[^\W_]+|me[^\W_]+"
            r"|ber[^\W_]+|pe[^\W_]+)"
            r"|(?:dalam|on|in) (?:proses|progres|pengerjaan|pelaksanaan|penyelesaian|tahap)"
            r"|proses|prosesnya|diproses|berproses|ongoing|on going"
            rf"|progres(?!{_PRA_PROGRES}{{0,4}} [0-9])"
            r"|berjalan(?! (?:dengan )?(?:lancar|baik|sukses|aman|normal))|berlangsung|bertahap"
            r"|dilanjutkan|(?<!tindak )lanjut|tinggal|tahap|finishing|penyelesaian|pengerjaan"
        ),
    ),
    (
        _Sinyal.LEMAH,
        _pola(
            r"dikerjakan|mengerjakan|dikoordinasikan|berkoordinasi|koordinasi|sosialisasi"
            r"|disosialisasikan|survei|survey|disurvei|pendataan|didata|validasi|penyusunan|disusun"
            r"|menyusun|persiapan|disiapkan|menyiapkan|melaksanakan|melakukan|identifikasi"
            r"|diidentifikasi|lelang|tender|kontrak|berkontrak|lancar|mulai|dimulai|memulai"
            r"|pengecekan|dicek|pemantauan|dipantau|monitoring|disurati|menyurati|bersurat"
            r"|pembahasan|dibahas|dirapatkan|ditangani|penanganan|berjalan|koordinasikan|diteruskan"
            r"|teruskan|didisposisikan|disposisikan|disposisi|(?:sudah|telah|mulai) jalan"
        ),
    ),
    (
        _Sinyal.SIAP,
        _pola(
            r"siap|diterima|dimengerti|dipahami|mengerti|paham|noted|oke|sip|copy|roger|laksanakan"
            rf"|dilaksanakan|insyaallah|segera|{_TL_KERJA}|kami usahakan|kami upayakan|diupayakan"
            r"|diusahakan|akan kami"
        ),
    ),
    (_Sinyal.SIAP, re.compile(r"^[_\s,.:;!-]*baik(?!\S)")),
)
"""Keyword patterns searched in the fully masked text."""

SINYAL_TUTUPAN: Final[dict[_Jenis, _Sinyal]] = {
    _Jenis.SEBAGIAN: _Sinyal.KUAT,
    _Jenis.SISA: _Sinyal.KUAT,
    _Jenis.JANJI: _Sinyal.SIAP,
}
"""Masked phrases that are signals themselves."""

_TOKEN: Final = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|\n|[-=]+>|[^\w\s]")
_ULANG: Final = re.compile(r"([^\W\d_])\1{2,}")
_ANGKA: Final = re.compile(r"([0-9]{1,3})(?:[.,]([0-9]+))?")
_LABEL: Final = re.compile(
    r"\n[ \t]*(?:[-*•>]+[ \t]*)?(?:"
    + "|".join(re.escape(label) for label in LABEL_TEMPLAT)
    + r")\b[^\n:]{0,25}:",
    re.IGNORECASE,
)
_KATA: Final = re.compile(r"\S+")


# ---------------------------------------------------------------------------------------------
# The canonical text
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Teks:
    """The canonical text of a message and where each of its tokens came from."""

    asli: str
    kanon: str
    awal: tuple[int, ...]
    rentang: tuple[tuple[int, int], ...]

    def asal(self, posisi: int) -> tuple[int, int]:
        """The original span of the token at canonical position ``posisi``."""
        indeks = max(0, bisect_right(self.awal, posisi) - 1)
        return self.rentang[indeks]


def _kanonik(kata: str) -> str:
    """One token in its canonical form ('' = drop it)."""
    kecil = _ULANG.sub(r"\1", kata.lower())
    kecil = SINGKATAN.get(kecil, kecil)
    if kecil in DIABAIKAN:
        return ""
    if not kecil[0].isalnum() and kecil not in TANDA_BACA:
        return ""
    return kecil


def _uraikan(asli: str) -> _Teks:
    """Tokenise ``asli`` into the canonical text (see the module docstring, step 1)."""
    bagian: list[str] = []
    awal: list[int] = []
    rentang: list[tuple[int, int]] = []
    posisi = 0
    for cocok in _TOKEN.finditer(asli):
        token = _kanonik(cocok.group())
        if not token or (token == "\n" and (not bagian or bagian[-1] == "\n")):
            continue
        bagian.append(token)
        awal.append(posisi)
        rentang.append(cocok.span())
        posisi += len(token) + 1
    return _Teks(asli, " ".join(bagian), tuple(awal), tuple(rentang))


def _samarkan(teks: str, pola: re.Pattern[str]) -> tuple[str, bool]:
    """Blank out every match of ``pola`` (non-space characters become ``_``)."""
    potongan: list[str] = []
    akhir = 0
    for cocok in pola.finditer(teks):
        mulai, selesai = cocok.span()
        potongan.append(teks[akhir:mulai])
        potongan.append("".join(" " if c.isspace() else "_" for c in teks[mulai:selesai]))
        akhir = selesai
    if not potongan:
        return teks, False
    potongan.append(teks[akhir:])
    return "".join(potongan), True


def _tutup(kanon: str, jenis: Iterable[_Jenis] | None = None) -> tuple[str, frozenset[_Jenis]]:
    """Apply the masks (all, or only those of the given kinds); return the text and kinds hit."""
    dipakai = None if jenis is None else frozenset(jenis)
    kena: set[_Jenis] = set()
    for tutupan in TUTUPAN:
        if dipakai is not None and tutupan.jenis not in dipakai:
            continue
        kanon, ada = _samarkan(kanon, tutupan.pola)
        if ada:
            kena.add(tutupan.jenis)
    return kanon, frozenset(kena)


# ---------------------------------------------------------------------------------------------
# Percentages
# ---------------------------------------------------------------------------------------------


def _nilai(token: str) -> int | None:
    """The percentage a number token can be (0..100, decimals rounded down), else ``None``."""
    cocok = _ANGKA.fullmatch(token)
    if cocok is None:
        return None
    bulat, pecahan = cocok.group(1), cocok.group(2)
    if pecahan is not None and len(pecahan) == 3 and int(bulat) != 0:
        return None  # 1.500 is a thousand separator, not a decimal
    nilai = int(bulat)
    if nilai > 100 or (nilai == 100 and pecahan is not None and int(pecahan) != 0):
        return None
    return nilai


def _angka_polos(token: Sequence[str], i: int) -> int | None:
    """Where a bare number follows the progress word at ``i`` (``capaian 75``), else ``None``."""
    j = i + 1
    while j < len(token) and j - i <= 4 and token[j] in PENGISI_PROGRES:
        j += 1
    if j >= len(token):
        return None
    if _nilai(token[j]) is None:
        return None
    berikut = token[j + 1] if j + 1 < len(token) else ""
    if berikut in SATUAN or berikut in TANDA_PERSEN or berikut[:1].isdigit():
        return None
    return j


def _bertanda(token: Sequence[str], j: int) -> bool:
    """Whether the percentage at ``j`` is marked as the overall figure (:data:`PENANDA_TOTAL`)."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if token[k] in BATAS_KLAUSA:
            return False
        if token[k] in PENANDA_TOTAL:
            return True
    return False


def _persen(tertutup: str) -> int | None:
    """The progress percentage stated in the masked canonical text, if any."""
    token = tertutup.split(" ")
    calon: list[tuple[int, bool]] = []
    for i, kata in enumerate(token):
        j: int | None = i if i + 1 < len(token) and token[i + 1] in TANDA_PERSEN else None
        if j is None and kata in KATA_PROGRES:
            j = _angka_polos(token, i)
        nilai = None if j is None else _nilai(token[j])
        if j is not None and nilai is not None:
            calon.append((nilai, _bertanda(token, j)))
    if not calon:
        return None
    bertanda = [nilai for nilai, tanda in calon if tanda]
    return bertanda[-1] if bertanda else min(nilai for nilai, _ in calon)


# ---------------------------------------------------------------------------------------------
# Obstacle text
# ---------------------------------------------------------------------------------------------


def _rapikan(teks: str, batas: int = BATAS_CATATAN) -> str:
    """``teks`` with whitespace collapsed, at most ``batas`` characters (reads lazily)."""
    kata: list[str] = []
    panjang = 0
    for cocok in _KATA.finditer(teks):
        kata.append(cocok.group())
        panjang += len(cocok.group()) + 1
        if panjang > batas:
            break
    hasil = " ".join(kata)
    return hasil if len(hasil) <= batas else hasil[: batas - 1].rstrip() + "…"


def _frasa_di(teks: str, i: int, frasa: str) -> bool:
    """Whether ``frasa`` (lowercase) stands as whole words at ``teks[i:]``."""
    j = i + len(frasa)
    return teks[i:j].lower() == frasa and (j >= len(teks) or not teks[j].isalnum())


def _buang_awal(teks: str, frasa: Sequence[str]) -> str:
    """Strip leading punctuation, symbols and the given phrases."""
    i = 0
    while True:
        while i < len(teks) and not teks[i].isalnum():
            i += 1
        cocok = next((f for f in frasa if _frasa_di(teks, i, f)), None)
        if cocok is None:
            return teks[i:]
        i += len(cocok)


def _buang_akhir(teks: str, frasa: Sequence[str]) -> str:
    """Strip trailing punctuation, symbols and the given phrases."""
    j = len(teks)
    while True:
        while j > 0 and not (teks[j - 1].isalnum() or teks[j - 1] in ")%\"'"):
            j -= 1
        cocok = next(
            (
                f
                for f in frasa
                if j >= len(f)
                and teks[j - len(f) : j].lower() == f
                and (j == len(f) or not teks[j - len(f) - 1].isalnum())
            ),
            None,
        )
        if cocok is None:
            return teks[:j]
        j -= len(cocok)


_SALAM_AWAL: Final = tuple(sorted(SALAM_AWAL, key=len, reverse=True))
_SAMBUNG_AWAL: Final = tuple(sorted(SAMBUNG_AWAL, key=len, reverse=True))
_PENUTUP_AKHIR: Final = tuple(sorted(PENUTUP_AKHIR, key=len, reverse=True))


def _bersihkan(potongan: str, awal: Sequence[str]) -> str:
    """An obstacle text: up to a template label line, collapsed, without polite edges."""
    label = _LABEL.search(potongan)
    if label is not None:
        potongan = potongan[: label.start()]
    teks = _rapikan(potongan[: BATAS_CATATAN * 2], BATAS_CATATAN * 2)
    return _buang_akhir(_buang_awal(teks, awal), _PENUTUP_AKHIR)[:BATAS_CATATAN].strip()


def _teks_kendala(teks: _Teks, tertutup: str) -> str | None:
    """The obstacle text if the message states one (the earliest obstacle phrase wins)."""
    temuan: list[tuple[int, int, _Ambil]] = []
    for kendala in KENDALA:
        cocok = kendala.pola.search(tertutup)
        if cocok is not None:
            temuan.append((cocok.start(), cocok.end(), kendala.ambil))
    if not temuan:
        return None
    mulai, akhir, ambil = min(temuan, key=lambda t: t[0])
    semua = _bersihkan(teks.asli, _SALAM_AWAL) or _rapikan(teks.asli)
    if ambil is _Ambil.SETELAH:
        bagian = _bersihkan(teks.asli[teks.asal(akhir - 1)[1] :], _SAMBUNG_AWAL)
    elif ambil is _Ambil.DARI:
        bagian = _bersihkan(teks.asli[teks.asal(mulai)[0] :], ())
    else:
        bagian = semua
    return bagian or semua


# ---------------------------------------------------------------------------------------------
# Decision
# ---------------------------------------------------------------------------------------------


def _sinyal(tertutup: str, kena: frozenset[_Jenis]) -> frozenset[_Sinyal]:
    """Every signal in the fully masked text, including masked phrases that are signals."""
    ada = {sinyal for sinyal, pola in SINYAL if pola.search(tertutup)}
    ada.update(SINYAL_TUTUPAN[jenis] for jenis in kena if jenis in SINYAL_TUTUPAN)
    return frozenset(ada)


_Aturan = Callable[[frozenset[_Sinyal], int | None], bool]

KEPUTUSAN: Final[tuple[tuple[_Aturan, Status], ...]] = (
    (
        lambda s, p: p is not None and p < 100 and (p > 0 or bool(s - {_Sinyal.SIAP})),
        Status.DALAM_PROSES,
    ),
    (lambda s, p: (_Sinyal.SELESAI in s or p == 100) and _Sinyal.KUAT not in s, Status.SELESAI),
    (
        lambda s, p: bool(s & {_Sinyal.SELESAI, _Sinyal.KUAT, _Sinyal.LEMAH}) or p == 100,
        Status.DALAM_PROSES,
    ),
    (lambda s, p: _Sinyal.SIAP in s, Status.DITERIMA),
)
"""After cannot-follow-up and obstacle: the first rule that holds gives the status.

A stated 1–99 % is in progress (0 % only with another work signal); done or 100 % is done unless
something says it is still going on (then in progress); then in progress; then acknowledged."""


def _putuskan(sinyal: frozenset[_Sinyal], persen: int | None) -> tuple[Status | None, int | None]:
    """Status and progress from the signals and the stated percentage."""
    for aturan, status in KEPUTUSAN:
        if aturan(sinyal, persen):
            if status is Status.SELESAI:
                return status, 100
            if status is Status.DALAM_PROSES and persen == 100:
                return status, None  # "100% fisik, administrasi belum selesai"
            return status, persen
    return None, persen


def baca(text: str) -> Bacaan:
    """Read one report. Never raises for any str input (Hypothesis-tested)."""
    catatan = _rapikan(text)
    teks = _uraikan(text[:BATAS_BACA])
    untuk_kendala, _ = _tutup(teks.kanon, TUTUPAN_KENDALA)
    if TIDAK_DAPAT.search(untuk_kendala):
        return Bacaan(None, _persen(_tutup(teks.kanon)[0]), catatan, None, tidak_dapat=True)
    tertutup, kena = _tutup(teks.kanon)
    persen = _persen(tertutup)
    kendala = _teks_kendala(teks, untuk_kendala)
    if kendala is not None:
        return Bacaan(Status.TERKENDALA, persen, catatan, kendala or catatan)
    if text.rstrip().endswith("?"):
        # a question ("sudah selesai pak?") asks; it does not report
        return Bacaan(None, None, catatan, None)
    status, progress = _putuskan(_sinyal(tertutup, kena), persen)
    return Bacaan(status, progress, catatan, None)

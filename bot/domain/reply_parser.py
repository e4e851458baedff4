"""Reading an official's free-text report on a penugasan (PRODUCT.md, "Reporting"; issue 9).

Officials answer a directive in Telegram the way they write to colleagues: ``siap laksanakan``,
``sdh 60 persen pak``, ``Izin melaporkan, progres fisik 75%, kendala: lahan blm dibebaskan``, in
regional languages (``alah salasai``, ``sampun rampung``, ``atos réngsé``), with English words
(``done``, ``pending``, ``on progress``) and typos (``slsai``, ``kendla``). :func:`baca` turns one
such text into a :class:`Bacaan`: a status (``diterima``, ``dalam_proses``, ``selesai`` or
``terkendala``; ``None`` when the text is only a note), the progress percentage, the note to
store, the obstacle text, whether the official says the directive cannot be followed up at all,
whether the bot must ask "sudah selesai seluruhnya?" and a stated percentage that cannot be a
progress.

A report of *selesai* locks the penugasan and shows 100 % to leadership, so *selesai* is read only
from a strong, unambiguous word (``selesai``, ``tuntas``, ``rampung``, ``beres``, ``done`` and their
regional forms) or 100 %, and only when nothing says part of the work is left. A weak done phrase
(``sudah dilaksanakan``, ``sudah ditindaklanjuti``, ``sudah disalurkan``), a done word on what is
usually one step (``rapat koordinasi sudah dilaksanakan``, ``survei sudah selesai``) and a bare
``sudah`` set ``ragu_selesai``: the status holds only what is certain and the bot asks.

How it reads (every rule is a table below; the functions only apply them):

1. **Tokens.** The first :data:`BATAS_BACA` characters are split into words, numbers and
   punctuation (line breaks kept as clause boundaries). Each word is lowercased, letters repeated
   three times or more are squeezed (``siaaap`` → ``siap``), abbreviations, regional and English
   words are mapped to one Indonesian word (:data:`SINGKATAN`: ``sdh`` → ``sudah``, ``sampun`` →
   ``sudah``, ``salasai`` → ``selesai``, ``pending`` → ``tertunda`` …), typos of key words are
   corrected (:data:`KATA_KUNCI`: vowels left out, or one edit away by rapidfuzz, never for a word
   the reader knows), and forms of address and greetings (``pak``, ``ndan``, ``yth``, emoji) are
   dropped. The tokens are joined by single spaces into a *canonical* text that remembers where
   each token came from.
2. **Masks.** Phrases that contain a keyword but do not mean it are blanked out (replaced by
   ``_``, same length) in order: acknowledgement formulas (``arahan sudah kami terima``: counts as
   acknowledged), polite openings and closings (``laporan menyusul``, ``terlampir dokumentasi``),
   questions (``sdh selesai?``, ``apakah … ?``), ``tidak ada kendala`` and ``tidak perlu``,
   conditionals (``jika ada kendala``), ``belum selesai``/``hampir selesai``/``4 dari 12``
   (partial: counts as *in progress*), negations (``belum ada progres``, ``bukan selesai``: count
   as *not done*), plans (``target selesai minggu depan``), promises (``akan kami
   tindaklanjuti``: counts as an acknowledgement), one step done (``sosialisasi sudah
   dilaksanakan``: counts as *maybe done*), what is left (``tinggal 10% lagi``) and percentages
   that are rates or targets (``target 100%``, ``inflasi 2,5%``, ``PAD 105%``).
3. **Signals.** Keyword tables are searched in the masked text: cannot be followed up; obstacle
   (a keyword, a wait, a need ``perlu bantuan alat berat``, a shortage ``SDM terbatas``, something
   held up ``tertahan di bagian hukum``, a refusal); done (strong); maybe done (weak, or a bare
   ``sudah``); not yet done (``belum``, ``kecuali``, ``sisanya``, ``menyusul``, ``dua desa lagi``,
   ``minggu depan``); in progress (strong or weak); acknowledged. Percentages are ``N%``/``N
   persen`` or a bare number right after a progress word (``capaian 75``) that is not followed by
   a unit; decimals round down. Of several percentages, the last one marked as the overall figure
   wins (``fisik 60%``, ``sekarang 70%``), else the smallest (``1. Drainase 100% 2. Trotoar 40%``
   is 40, not done). A percentage over 100 is never a progress: when no valid one is stated it is
   returned as written in ``persen_tidak_sah``. Without a stated percentage, a part of a total is
   one, rounded down: ``4 dari 12 nagari`` → 33, ``200 m dari 1,2 km`` → 16 (lengths in m and km
   are converted; other different units give none), ``7 desa, total 14 desa`` → 50; a part equal
   to the total gives none (it is not read as done).
4. **Decision**, strongest first: cannot be followed up (no status) → obstacle (``terkendala``;
   the percentage is still recorded) → a question ending in ``?`` (a note) → a stated 1–99 %
   (``dalam_proses``) → a strong done word or 100 % with nothing left (``selesai``, progress 100)
   → a weak done phrase with nothing left (``dalam_proses`` and ask) → in progress, or done with
   something left (``dalam_proses``) → a bare ``sudah`` (no status, ask) → acknowledged → just a
   note.

Every regex works on single-space-separated tokens with bounded repetition only, so matching is
linear in the (already bounded) input; :func:`baca` never raises for a ``str``. The corpus in
``tests/unit/reader_corpus/`` and ``bench/reader.py`` measure how well and how fast it reads.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

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
    "kendal": "kendala", "nunggu": "menunggu", "tunggu": "menunggu", "nungguin": "menunggu",
    "menungu": "menunggu",
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
    # regional languages (Minang, Javanese, Sundanese, Batak, Bugis/Makassar, Banjar, Bali)
    "alah": "sudah", "alun": "belum", "salasai": "selesai", "sadonyo": "semua",
    "dikarajoan": "dikerjakan", "dikarajokan": "dikerjakan", "sadang": "sedang",
    "indak": "tidak", "sampun": "sudah", "wes": "sudah", "wis": "sudah", "uwis": "sudah",
    "uwes": "sudah", "durung": "belum", "dereng": "belum", "digarap": "dikerjakan",
    "garap": "kerjakan", "isih": "masih", "isik": "masih", "taksih": "masih", "sek": "masih",
    "kabeh": "semua", "sedaya": "semua", "sedoyo": "semua", "iso": "bisa", "saged": "bisa",
    "ora": "tidak", "mboten": "tidak", "boten": "tidak", "tampi": "diterima",
    "ditampi": "diterima", "nembe": "baru", "lagek": "sedang", "kendalane": "kendala",
    "atos": "sudah", "parantos": "sudah", "tos": "sudah", "rengse": "selesai",
    "réngsé": "selesai", "rengsé": "selesai", "réngse": "selesai", "acan": "belum",
    "tacan": "belum", "teu": "tidak", "sadayana": "semua", "nuju": "sedang",
    "dikerjakeun": "dikerjakan", "nungguan": "menunggu", "tiasa": "bisa", "nunga": "sudah",
    "sae": "selesai", "dang": "tidak", "dope": "belum", "ulaon": "pekerjaan",
    "purami": "selesai", "purani": "selesai", "puraki": "selesai", "puradi": "selesai",
    "depa": "belum", "tenapa": "belum", "hudah": "sudah", "tuntung": "selesai",
    "balum": "belum", "digawi": "dikerjakan", "puput": "selesai",
    # English words mixed in
    "already": "sudah", "still": "masih", "not": "belum", "yet": "belum", "all": "semua",
    "almost": "hampir", "will": "akan", "waiting": "menunggu", "wait": "menunggu",
    "approval": "persetujuan", "pending": "tertunda", "hold": "ditunda", "delay": "tertunda",
    "delayed": "tertunda", "blocked": "terhambat", "block": "terhambat", "stuck": "macet",
    "done": "selesai", "finish": "selesai", "finished": "selesai", "complete": "selesai",
    "completed": "selesai", "submitted": "dikirim",
    # typos too far from the word for the fuzzy lookup (vowels dropped)
    "slsai": "selesai", "slsei": "selesai", "slse": "selesai", "rmpung": "rampung",
    "kndla": "kendala", "kndl": "kendala", "trkendala": "terkendala", "sedng": "sedang",
    "sdang": "sedang", "prses": "proses", "prosess": "proses", "prosses": "proses",
    "dikerjakn": "dikerjakan", "dkerjakan": "dikerjakan", "dtindaklanjuti": "ditindaklanjuti",
    "angaran": "anggaran", "anggran": "anggaran", "prsen": "persen",
    # symbols
    "👍": "oke", "👌": "oke", "🫡": "siap", "&": "dan", "–": "-", "—": "-",
    "->": "menjadi", "-->": "menjadi", "=>": "menjadi", "→": "menjadi", "➡": "menjadi",
}  # fmt: skip
"""Abbreviations and variants, each expanded to one canonical word (never a space)."""

DIABAIKAN: Final = frozenset({
    "pak", "bu", "mas", "mbak", "kak", "bang", "ndan", "bos", "yth", "lapor", "terimakasih",
    "alhamdulillah", "alhamdulilah", "wr", "wb", "wrwb", "warahmatullahi", "wabarakatuh",
    "alaikum", "alaykum", "allah", "wassalam", "assalamualaikum", "ya", "iya", "yah", "nggih",
    "inggih", "muhun", "iye", "dipun", "mauliate", "horas", "e",
})  # fmt: skip
"""Address, greetings and closings: dropped before reading (the note keeps them)."""

KATA_KUNCI: Final = (
    "selesai", "rampung", "tuntas", "kendala", "kendalanya", "terkendala", "hambatan",
    "terhambat", "progres", "proses", "dikerjakan", "dilaksanakan", "laksanakan", "diterima",
    "menunggu", "anggaran", "persen", "ditindaklanjuti", "koordinasi", "dikoordinasikan",
    "tertunda", "terlaksana", "sosialisasi",
)  # fmt: skip
"""Words whose typos are still read as the word: a word that is one of these with vowels left out
(``terkndla``), or of five letters or more and at most one edit away (two from nine letters) with
the same first letter (``selese``, ``hambtan``, ``laksnakan``; Damerau-Levenshtein, rapidfuzz)."""

BUKAN_SALAH_KETIK: Final = frozenset({
    "kendali", "terkendali", "kendalikan", "dikendalikan", "protes", "prosesi", "senang",
    "tunas", "pencarian", "pengadilan", "selasa", "persen", "progam", "tertunduk", "menanggung",
    "dilaksanakannya", "hambat", "terima", "tuntut",
})  # fmt: skip
"""Real words close to a key word: never corrected."""

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

    TERIMA = "terima"  # "arahan sudah kami terima": counts as acknowledgement
    SALAM = "salam"  # polite formulas
    TANYA = "tanya"  # questions: "sdh selesai?", "apakah perlu dilaporkan?"
    AMAN = "aman"  # no obstacle / obstacle solved
    SYARAT = "syarat"  # conditional: "jika ada kendala", "setelah selesai"
    TOPIK = "topik"  # the obstacle as a topic: "terkait masalah sampah", "mengatasi kendala"
    VERIFIKASI = "verifikasi"  # waiting for verification is not an obstacle
    SEBAGIAN = "sebagian"  # partial / not yet complete: counts as in progress
    NEGASI = "negasi"  # "belum ada progres", "tidak selesai"
    RENCANA = "rencana"  # plans: "target selesai minggu depan"
    JANJI = "janji"  # promises: "akan kami tindaklanjuti": counts as acknowledgement
    LANGKAH = "langkah"  # one step done: "rapat koordinasi sudah dilaksanakan": maybe done
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


_LANGKAH: Final = (
    r"(?:rapat|rakor|rapatnya|koordinasi|sosialisasi|sosialisasinya|survei|survey|pendataan"
    r"|pengukuran|identifikasi|perencanaan|penyusunan|kajian|pembahasan|persiapan|verifikasi"
    r"|inventarisasi|pemetaan|peninjauan|tinjauan|kunjungan|musyawarah|pertemuan|ded|kak|rab"
    r"|desain|undangan)"
)
"""Work that is usually one step of a directive, not all of it."""

TUTUPAN: Final[tuple[_Tutupan, ...]] = (
    *_tutupan(
        _Jenis.TERIMA,
        r"(?:arahan|arahannya|perintah|instruksi|disposisi|petunjuk|atensi|surat|undangan"
        r"|informasi|info)(?: [^\W_]+){0,2}? (?:sudah |telah )?(?:kami |saya )?(?:terima"
        r"|diterima|catat|dicatat|pahami|dipahami|mengerti|dimengerti|baca|dibaca)",
        r"(?:sudah|telah) (?:kami |saya )?(?:terima|diterima|catat|dicatat)",
    ),
    *_tutupan(
        _Jenis.SALAM,
        r"(?:mohon )?maaf (?:[^\W_]+ ){0,3}?(?:terlambat|telat|baru) (?:[^\W_]+ )?(?:melapor"
        r"|lapor|membalas|balas|merespon|respon|menjawab|membaca|update|melaporkan)",
        r"(?:laporan|dokumentasi|foto|data|spj|lpj|bukti|rincian|detail|berkas|info|informasi)"
        r"(?: lengkap(?:nya)?| selanjutnya| kegiatan)? (?:akan )?(?:menyusul|terlampir"
        r"|dilampirkan)",
        r"terlampir (?:dokumentasi|foto|bukti|laporan|berkas|data)",
        r"(?:sedang|lagi|masih) (?:cuti|sakit|dinas luar|di luar kota|perjalanan dinas|libur"
        r"|izin)",
        r"(?:mohon )?izin (?:untuk )?(?:melaporkan|menyampaikan|menginformasikan"
        r"|memberitahukan|memberikan|update|info|laporan|menjawab|tanya|bertanya|melapor)"
        r"|mohon izin|^izin",
        r"selamat (?:pagi|siang|sore|malam|datang|beraktivitas|bertugas)",
        r"terima kasih|matur (?:nuwun|suwun)|hatur nuhun|yang terhormat|dengan hormat"
        r"|hormat kami|mohon maaf|maaf",
        r"demikian (?:kami )?(?:sampaikan|laporkan|disampaikan|dilaporkan|laporan kami|informasi)",
        r"berikut (?:ini )?(?:kami )?(?:sampaikan|laporkan|disampaikan|dilaporkan|informasikan)",
        r"(?:dalam rangka |untuk )?menindaklanjuti (?:arahan|instruksi|perintah|disposisi|hasil)",
        r"(?:mohon )?(?:petunjuk|arahan|bimbingan|masukan)(?: lebih lanjut)?|lebih lanjut",
    ),
    *_tutupan(
        _Jenis.TANYA,
        rf"(?:(?:sudah|telah|apa|apakah) )?(?:{_SELESAI}|sudah)(?:kah|nya)? \?",
        rf"(?:sudahkah|{_SELESAI}kah)",
        r"(?:apakah|apa|bagaimana|gimana|bisakah|bolehkah|kapan|siapa|dimana|berapa|mengapa"
        r"|kenapa|tanya|bertanya)(?: [^\s?]+){0,12}? \?",
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
        r"(?:tidak|belum) (?:perlu|butuh|memerlukan|membutuhkan|diperlukan|dibutuhkan"
        r"|ada yang (?:perlu|dibutuhkan|diperlukan))",
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
        r"(?P<a>[0-9]+(?:[.,][0-9]+)?) (?:[^\W\d_]+ )?dari (?:total |target |keseluruhan )?"
        r"(?!(?P=a)(?!\S))[0-9]+(?:[.,][0-9]+)?",
        r"(?:sudah |baru )?(?:separuh|setengah|separo)(?: jalan)?",
    ),
    *_tutupan(
        _Jenis.NEGASI,
        r"(?:masih )?(?:belum|tidak) (?:pernah |juga |sama sekali |kunjung )?(?:ada )?"
        r"(?:progres|kemajuan|perkembangan|pergerakan|realisasi|tindak lanjut|kegiatan"
        r"|aktivitas)",
        r"(?:masih )?(?:belum|tidak) (?:pernah |juga |sama sekali |kunjung )?(?:kami )?"
        rf"(?:(?:di)?(?:laksanakan|kerjakan|proses|mulai|jalankan|terima)|terlaksana|berjalan"
        rf"|jalan|dimulai|{_TL})",
        rf"(?:tidak|bukan) (?:{_W} ){{0,2}}?{_SELESAI}",
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
        _Jenis.LANGKAH,
        rf"{_LANGKAH}(?: {_W}){{0,3}}? (?:sudah |telah )?(?:(?:kami|kita) )?(?:{_SELESAI}"
        r"|dilaksanakan|laksanakan|dilakukan|lakukan|terlaksana|diadakan|digelar)",
        rf"(?:sudah|telah) (?:(?:kami|kita) )?(?:{_SELESAI}|dilaksanakan|laksanakan|dilakukan"
        rf"|lakukan|terlaksana|diadakan|digelar)(?: {_W}){{0,2}}? {_LANGKAH}",
        rf"(?:{_SELESAI}|dilaksanakan|terlaksana) (?:di|untuk|pada) [0-9]+",
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
        r"|stunting|kemiskinan|pengangguran|diskon|pajak|ppn|pph|bunga|retribusi|bobot|porsi|pad"
        r"|pendapatan|serapan|harga"
        rf"|kontribusi|rasio|fee|dp|uang muka)(?: {_PENGISI}){{0,2}} {_PERSEN}",
        rf"(?:turun|menurun|penurunan|berkurang|susut|anjlok)(?: (?:{_PENGISI}|menjadi|jadi|ke))"
        rf"{{0,2}} {_PERSEN}",
    ),
)
"""Phrases blanked out before the search, in this order (each sees the earlier blanks)."""

TUTUPAN_KENDALA: Final = frozenset(
    {_Jenis.SALAM, _Jenis.TANYA, _Jenis.AMAN, _Jenis.SYARAT, _Jenis.TOPIK, _Jenis.VERIFIKASI}
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

_HAL_LAIN: Final = (
    r"(?:stok|obat|vaksin|bibit|benih|armada|kendaraan|mesin|pompa|excavator|ekskavator|bbm"
    r"|operator|waktu|akses|internet|listrik|tenaga ahli|personil|gudang|logistik)"
)

KENDALA: Final[tuple[_Kendala, ...]] = (
    _Kendala(
        _pola(
            r"kendala|kendalanya|terkendala|hambatan|hambatannya|terhambat|masalah|masalahnya"
            r"|permasalahan|permasalahannya|persoalan|persoalannya|bermasalah|kesulitan|terganjal"
            r"|tertunda|ditunda|tertahan"
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
            r"(?:perlu|butuh|membutuhkan|memerlukan|diperlukan|dibutuhkan|perlunya|kebutuhan)"
            rf" (?:{_W} ){{0,2}}?(?:bantuan|dukungan|tambahan|penambahan|{_HAL})",
            r"mohon (?:bantuan|dukungan|fasilitasi|percepatan|atensi)",
            r"(?:belum|tidak) (?:ada )?(?:jawaban|balasan|respon|respons|tanggapan|kepastian"
            r"|titik temu|kesepakatan|keputusan|persetujuan)",
            r"(?:belum|tidak) (?:mau|bersedia|setuju|sepakat|kooperatif)",
            rf"(?:{_HAL}|{_HAL_LAIN}) (?:{_W} ){{0,3}}?(?:terbatas|kurang|habis|minim|kosong"
            r"|rusak|error|down|mati|gangguan|terganggu|langka|putus|offline|(?:tidak|belum)"
            r" (?:memadai|mencukupi|cukup))",
            r"kekurangan|keterbatasan|terbatasnya|minimnya",
            r"(?:belum|tidak) (?:bisa|dapat) (?:di)?(?:jangkau|akses|lalui|hubungi)",
        ),
        _Ambil.DARI,
    ),
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
            r"|putus kontrak|force majeure|kahar|menolak|penolakan|keberatan|sengketa|protes"
            r"|terlambat|keterlambatan|molor|sulit|susah"
        ),
        _Ambil.SEMUA,
    ),
)
"""Obstacle phrases; the earliest match in the text decides where the obstacle text is."""


_PROSES: Final = Status.DALAM_PROSES


class _Sinyal(Enum):
    """What a phrase says about the work."""

    SELESAI = "selesai"  # the whole directive is done
    MUNGKIN = "mungkin"  # maybe done: "sudah dilaksanakan" (or only one step of it)
    SUDAH = "sudah"  # a bare "sudah": maybe done, nothing else certain
    BELUM = "belum"  # something is not done yet: cancels a "done" phrase
    KUAT = "kuat"  # clearly still going on: beats a "done" phrase
    LEMAH = "lemah"  # work is being done
    SIAP = "siap"  # acknowledged


SINYAL: Final[tuple[tuple[_Sinyal, re.Pattern[str]], ...]] = (
    (
        _Sinyal.SELESAI,
        _pola(rf"{_SELESAI}"),
    ),
    (
        _Sinyal.MUNGKIN,
        _pola(
            r"terlaksana|terealisasi"
            r"|(?:sudah|telah) (?:(?:kami|kita|di|semua|seluruhnya) )?"
            r"(?:(?:di)?laksanakan|dilakukan|lakukan|(?:di)?selesaikan|(?:di)?tuntaskan"
            r"|(?:di)?realisasikan|(?:di)?salurkan|(?:di)?kerjakan|(?:di)?tangani|dibagikan"
            r"|(?:di)?bagi|didistribusikan"
            r"|(?:di)?serahkan|dikirim|dikirimkan|kirim|kirimkan|dibayarkan|(?:di)?terbitkan"
            rf"|(?:di)?tetapkan|dibangun|diperbaiki|dibersihkan|dipasang|diganti|{_TL})"
        ),
    ),
    (_Sinyal.SUDAH, re.compile(r"^[_\s,.!]*(?:sudah|telah)[_\s,.!]*$")),
    (
        _Sinyal.BELUM,
        _pola(
            r"belum|kecuali|sisanya|sisa|menyusul|selanjutnya|berikutnya|kemudian|minggu depan"
            r"|pekan depan|bulan depan|besok|lusa"
            r"|(?:(?<=selesai )|(?<=tuntas )|(?<=rampung )|(?<=beres )|(?<=kelar ))baru"
            rf"|(?:[0-9]+|satu|dua|tiga|empat|lima|beberapa) (?:{_W} ){{0,2}}?lagi"
        ),
    ),
    (
        _Sinyal.KUAT,
        _pola(
            r"sedang|lagi (?:dalam|proses|progres|di[^\W_]+)"
            r"|tengah (?:dalam|di[^\W_]+|me[^\W_]+|ber[^\W_]+)"
            r"|masih (?:dalam|tahap|proses|progres|on|koordinasi|lanjut|jalan|belum|di[^\W_]+"
            r"|me[^\W_]+|ber[^\W_]+|pe[^\W_]+)"
            r"|(?:dalam|on|in) (?:proses|progres|pengerjaan|pelaksanaan|penyelesaian|tahap)"
            r"|proses|prosesnya|diproses|berproses|ongoing|on going"
            rf"|progres(?!{_PRA_PROGRES}{{0,4}} [0-9])(?! (?:akan|nanti|selanjutnya|menyusul|_))"
            r"|berjalan(?! (?:dengan )?(?:lancar|baik|sukses|aman|normal))|berlangsung|bertahap"
            r"|dilanjutkan|(?<!tindak )lanjut|berlanjut|tinggal|tahap|finishing|penyelesaian"
            r"|pengerjaan"
            r"|baru (?:[0-9]+|satu|dua|tiga|empat|lima|beberapa|sebatas)"
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
            r"|pengukuran|pengecoran|penginputan|input|mobilisasi|uji coba|ujicoba|on track"
            r"|(?:sudah|telah) (?:cair|turun|tersedia|terbit|keluar|ditandatangani)"
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
    _Jenis.TERIMA: _Sinyal.SIAP,
    _Jenis.LANGKAH: _Sinyal.MUNGKIN,
    _Jenis.NEGASI: _Sinyal.BELUM,
    _Jenis.SEBAGIAN: _Sinyal.KUAT,
    _Jenis.SISA: _Sinyal.KUAT,
    _Jenis.JANJI: _Sinyal.SIAP,
}
"""Masked phrases that are signals themselves."""

_TOKEN: Final = re.compile(
    r"[^\W\d_]+[0-9]+[^\W\d_]+|[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|\n|[-=]+>|[^\w\s]"
)
"""A word, a code like ``SP2D``, a number, a line break, an arrow or one symbol."""
_ULANG: Final = re.compile(r"([^\W\d_])\1{2,}")
_ANGKA: Final = re.compile(r"([0-9]{1,3})(?:[.,]([0-9]+))?")
_LABEL: Final = re.compile(
    r"\n[ \t]*(?:[-*•>]+[ \t]*)?(?:"
    + "|".join(re.escape(label) for label in LABEL_TEMPLAT)
    + r")\b[^\n:]{0,25}:",
    re.IGNORECASE,
)
_KATA: Final = re.compile(r"\S+")
_KATA_KUNCI: Final = frozenset(KATA_KUNCI)
_DIKENAL: Final = (
    frozenset(SINGKATAN.values())
    | DIABAIKAN
    | SATUAN
    | PENGISI_PROGRES
    | frozenset(
        re.findall(
            r"[a-z]{5,}",
            " ".join(
                pola.pattern
                for pola in (
                    *(t.pola for t in TUTUPAN),
                    *(k.pola for k in KENDALA),
                    *(p for _, p in SINYAL),
                    TIDAK_DAPAT,
                )
            ),
        )
    )
)
"""Words the reader knows (every word in its tables and patterns): never taken for a typo."""


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


def _tanpa_vokal(kata: str, kunci: str) -> bool:
    """Whether ``kata`` is ``kunci`` with some vowels left out (``terkndla``, ``slsai``)."""
    i = 0
    for huruf in kunci:
        if i < len(kata) and kata[i] == huruf:
            i += 1
        elif huruf not in "aiueo":
            return False
    return i == len(kata)


@lru_cache(maxsize=8192)
def _betulkan(kata: str) -> str:
    """``kata``, or the key word it is a typo of (:data:`KATA_KUNCI`)."""
    if len(kata) < 4 or kata in _KATA_KUNCI or kata in BUKAN_SALAH_KETIK or not kata.isalpha():
        return kata
    for kunci in KATA_KUNCI:
        if kata[0] == kunci[0] and 2 * len(kata) >= len(kunci) and _tanpa_vokal(kata, kunci):
            return kunci
    if len(kata) < 5:
        return kata
    batas = 1 if len(kata) < 9 else 2
    cocok = process.extractOne(
        kata, KATA_KUNCI, scorer=DamerauLevenshtein.distance, score_cutoff=batas
    )
    if cocok is None or cocok[0][0] != kata[0]:
        return kata
    return str(cocok[0])


def _kanonik(kata: str) -> str:
    """One token in its canonical form ('' = drop it); short tokens are cached."""
    return _kanonik_pendek(kata) if len(kata) <= 40 else _kanonik_pendek.__wrapped__(kata)


@lru_cache(maxsize=8192)
def _kanonik_pendek(kata: str) -> str:
    """:func:`_kanonik` itself."""
    kecil = _ULANG.sub(r"\1", kata.lower())
    kecil = SINGKATAN.get(kecil, kecil)
    if kecil in DIABAIKAN:
        return ""
    if not kecil[0].isalnum() and kecil not in TANDA_BACA:
        return ""
    return _betulkan(kecil) if kecil not in _DIKENAL else kecil


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


PANJANG: Final[dict[str, float]] = {"m": 1, "meter": 1, "km": 1000, "kilometer": 1000}
"""Length units converted when a part and its total are stated in different ones."""

BUKAN_JUMLAH: Final = frozenset({
    "tahap", "termin", "ke", "no", "nomor", "pasal", "ayat", "lampiran", "halaman", "hari",
    "tanggal", "jam", "minggu", "bulan", "tahun", "rt", "rw",
})  # fmt: skip
"""A number after one of these is a label or a date, not a quantity (``tahap 2 dari 3``)."""

_SATUAN_JUMLAH: Final = r"[^\W\d_]+"
_DARI: Final = re.compile(
    r"(?<!\S)(?<!" + r" )(?<!".join(BUKAN_JUMLAH) + r" )(?P<a>[0-9]+(?:[.,][0-9]+)*)"
    rf"(?: (?P<sa>{_SATUAN_JUMLAH}))? (?:dari|, (?:total|jumlah|dari)(?: ada)?)"
    r" (?:(?:total|target|keseluruhan|jumlah|sebanyak) )?"
    rf"(?P<b>[0-9]+(?:[.,][0-9]+)*)(?: (?P<sb>{_SATUAN_JUMLAH}))?(?!\S)"
)
_RIBUAN: Final = re.compile(r"[1-9][0-9]{0,2}(?:[.,][0-9]{3})+")
_ANGKA_APA_SAJA: Final = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _bertanda(token: Sequence[str], j: int) -> bool:
    """Whether the percentage at ``j`` is marked as the overall figure (:data:`PENANDA_TOTAL`)."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if token[k] in BATAS_KLAUSA:
            return False
        if token[k] in PENANDA_TOTAL:
            return True
    return False


def _persen(tertutup: str) -> tuple[int | None, int | None]:
    """The progress percentage stated in the masked canonical text, if any, and where the first
    stated percentage that cannot be a progress (``150 %``) is (canonical position)."""
    token = tertutup.split(" ")
    calon: list[tuple[int, bool]] = []
    tidak_sah: int | None = None
    posisi = 0
    for i, kata in enumerate(token):
        j: int | None = i if i + 1 < len(token) and token[i + 1] in TANDA_PERSEN else None
        if j is None and kata in KATA_PROGRES:
            j = _angka_polos(token, i)
        nilai = None if j is None else _nilai(token[j])
        if j is not None and nilai is not None:
            calon.append((nilai, _bertanda(token, j)))
        elif j == i and tidak_sah is None and _ANGKA_APA_SAJA.fullmatch(kata):
            tidak_sah = posisi
        posisi += len(kata) + 1
    if not calon:
        return None, tidak_sah
    bertanda = [nilai for nilai, tanda in calon if tanda]
    return (bertanda[-1] if bertanda else min(nilai for nilai, _ in calon)), None


def _jumlah(token: str) -> float | None:
    """A quantity: ``1.250`` is 1250, ``1,2`` is 1.2."""
    if _RIBUAN.fullmatch(token):
        return float(token.replace(".", "").replace(",", ""))
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _persen_jumlah(kanon: str) -> int | None:
    """The progress computed from a quantity out of a total (``4 dari 12 nagari`` → 33,
    ``200 m dari 1,2 km`` → 16), rounded down; ``None`` unless the part is smaller than the
    total and the units agree (or are both lengths)."""
    for cocok in _DARI.finditer(kanon):
        bagian, satu, total, dua = (
            _jumlah(cocok["a"]),
            cocok["sa"],
            _jumlah(cocok["b"]),
            cocok["sb"],
        )
        if bagian is None or total is None or total <= 0:
            continue
        if satu and dua and satu != dua:
            if satu not in PANJANG or dua not in PANJANG:
                continue
            bagian, total = bagian * PANJANG[satu], total * PANJANG[dua]
        if 0 <= bagian < total:
            return int(100 * bagian // total)
    return None


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

_MASIH: Final = frozenset({_Sinyal.KUAT, _Sinyal.BELUM})
_KERJA: Final = frozenset({_Sinyal.SELESAI, _Sinyal.MUNGKIN, _Sinyal.KUAT, _Sinyal.LEMAH})
_BUKAN_KERJA: Final = frozenset({_Sinyal.SIAP, _Sinyal.BELUM, _Sinyal.SUDAH})

KEPUTUSAN: Final[tuple[tuple[_Aturan, Status | None, bool], ...]] = (
    (lambda s, p: p is not None and p < 100 and (p > 0 or bool(s - _BUKAN_KERJA)), _PROSES, False),
    (lambda s, p: (_Sinyal.SELESAI in s or p == 100) and not s & _MASIH, Status.SELESAI, False),
    (lambda s, p: _Sinyal.MUNGKIN in s and not s & _MASIH, _PROSES, True),
    (lambda s, p: bool(s & _KERJA) or p == 100, _PROSES, False),
    (lambda s, p: _Sinyal.SUDAH in s and not s & _MASIH, None, True),
    (lambda s, p: _Sinyal.SIAP in s, Status.DITERIMA, False),
)
"""After cannot-follow-up and obstacle: the first rule that holds gives the status and whether
to ask "sudah selesai seluruhnya?".

A stated 1–99 % is in progress (0 % only with another work signal); a strong done word or 100 %
is done unless something says it is still going on or not yet done (then in progress); a weak
done phrase (``sudah dilaksanakan``, one step done) is in progress and asks; then in progress;
a bare ``sudah`` asks and records nothing; then acknowledged."""


def _putuskan(
    sinyal: frozenset[_Sinyal], persen: int | None
) -> tuple[Status | None, int | None, bool]:
    """Status, progress and whether to ask, from the signals and the stated percentage."""
    for aturan, status, ragu in KEPUTUSAN:
        if aturan(sinyal, persen):
            if status is Status.SELESAI:
                return status, 100, False
            if persen == 100:
                return status, None, ragu  # "100% fisik, administrasi belum selesai"
            return status, persen, ragu
    return None, persen, False


def baca(text: str) -> Bacaan:
    """Read one report. Never raises for any str input (Hypothesis-tested)."""
    catatan = _rapikan(text)
    teks = _uraikan(text[:BATAS_BACA])
    untuk_kendala, _ = _tutup(teks.kanon, TUTUPAN_KENDALA)
    tertutup, kena = _tutup(teks.kanon)
    persen, posisi_tidak_sah = _persen(tertutup)
    if persen is None and posisi_tidak_sah is None:
        persen = _persen_jumlah(teks.kanon)
    tidak_sah = None if posisi_tidak_sah is None else _tertulis(teks, posisi_tidak_sah)
    if TIDAK_DAPAT.search(untuk_kendala):
        return Bacaan(None, persen, catatan, None, tidak_dapat=True, persen_tidak_sah=tidak_sah)
    kendala = _teks_kendala(teks, untuk_kendala)
    if kendala is not None:
        return Bacaan(
            Status.TERKENDALA, persen, catatan, kendala or catatan, persen_tidak_sah=tidak_sah
        )
    if text.rstrip().endswith("?"):
        # a question ("sudah selesai pak?") asks; it does not report
        return Bacaan(None, None, catatan, None)
    sinyal = _sinyal(tertutup, kena)
    if tidak_sah is not None and _Sinyal.SELESAI in sinyal:
        # "selesai 150%": not a believable completion; in progress, no percentage
        sinyal = (sinyal - {_Sinyal.SELESAI}) | {_Sinyal.KUAT}
    status, progress, ragu = _putuskan(sinyal, persen)
    return Bacaan(status, progress, catatan, None, ragu_selesai=ragu, persen_tidak_sah=tidak_sah)


def _tertulis(teks: _Teks, posisi: int) -> str:
    """The percentage at canonical ``posisi`` (a number token and its ``%``) as written."""
    mulai = teks.asal(posisi)[0]
    tanda = teks.kanon.find(" ", posisi) + 1
    return teks.asli[mulai : teks.asal(tanda)[1]]

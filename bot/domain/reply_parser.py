"""Reading an official's free-text report on a penugasan (PRODUCT.md, "Reporting"; issue 9).

Officials answer a directive in Telegram the way they write to colleagues: ``siap laksanakan``,
``sdh 60 persen pak``, ``Izin melaporkan, progres fisik 75%, kendala: lahan blm dibebaskan``, in
regional languages (``alah salasai``, ``sampun rampung``, ``atos réngsé``), with English words
(``done``, ``pending``, ``on progress``) and typos (``slsai``, ``kendla``). :func:`baca` turns one
such text into a :class:`Bacaan`: a status (``diterima``, ``dalam_proses``, ``selesai`` or
``terkendala``; ``None`` when the text is only a note), the progress percentage, the note to store,
the obstacle text, whether the official says the directive cannot be followed up at all, whether
the bot must ask "sudah selesai seluruhnya?" and a stated percentage that cannot be a progress.

A report of *selesai* locks the penugasan and shows 100 % to leadership, so *selesai* is recorded
only for a pure or a whole done statement (the gate, step 5 below); before the gate it is read only
from a strong, unambiguous word (``selesai``, ``tuntas``, ``rampung``, ``kelar``, ``done`` and
their regional forms; ``beres``, ``clear`` and ``final`` only with ``sudah`` or ``semua``; a weak
done verb of the whole work, ``sudah terlaksana seluruhnya``, ``sudah kami selesaikan semua``) or
100 %, only when nothing says part of the work is left and no hedge anywhere in the reply doubts
it (``sepertinya``, ``katanya``, ``secara garis besar``, ``praktis``, ``insyaallah sudah``,
``kalau tidak salah``, ``yang bisa dikerjakan``, ``nanti saya pastikan lagi``: then it asks).
Never *selesai* either: a part of a total (``dari 120 unit, 84 sudah selesai``: the share), a
completion undone (``sempat selesai, tapi ada temuan``), a pledge (``siap 100%``, ``kawal sampai
tuntas``), a denial (``tidak benar kalau dikatakan sudah selesai``) or a done word about
something else (``selesai masalah lahannya``, ``selesai apel tadi``). A weak done phrase (``sudah
dilaksanakan``, ``sudah ditindaklanjuti``, ``sudah disalurkan``, and in general ``sudah`` with a
verb of a result: ``sudah terpasang``, ``sudah kami salurkan``), a done word on what is usually one
step (``rapat koordinasi sudah dilaksanakan``, ``survei sudah selesai``, ``selesai dirapatkan``), a
lone ``beres``, ``sudah`` ending a clause (``Dinas: sudah``, ``Rapat ✅``) and a bare ``sudah``
(``sudah pak``, ``sudah oke``, Bugis ``purani``) and a result state (``sudah bisa dilalui``,
``sudah tayang``, ``sudah siap semua``) set ``ragu_selesai``: the status holds only what is certain
and the bot asks. ``sudah`` with a verb of work under way, of receiving or of answering (``sudah
diajukan``, ``sudah kami teruskan``, ``sudah dijawab``) is not a done phrase.

How it reads (every rule is a table below; the functions only apply them):

1. **Tokens.** The first :data:`BATAS_BACA` characters are split into words, numbers and
   punctuation (line breaks kept as clause boundaries). Each word is lowercased, letters repeated
   three times or more are squeezed (``siaaap`` → ``siap``), abbreviations, regional and English
   words are mapped to one Indonesian word (:data:`SINGKATAN`: ``sdh`` → ``sudah``, ``sampun`` →
   ``sudah``, ``salasai`` → ``selesai``, ``pending`` → ``tertunda`` …; the regional and English
   words come from one small lexicon per language in :mod:`bot.domain.reply_lexicon`: Minang,
   Javanese, Sundanese, Batak, Bugis/Makassar, Banjar, Balinese, Acehnese, Malay, Manado/Ambon/
   Kupang/Papua, Madurese/Sasak), typos of key words are
   corrected (:data:`KATA_KUNCI`: vowels left out, or one edit away by rapidfuzz, never for a word
   the reader knows), and forms of address and greetings (``pak``, ``ndan``, ``puang``, ``yth``,
   emoji) are dropped; ✅ reads as ``sudah`` and ❌ as ``belum``. Numbers in words become digits
   (``tujuh puluh`` → ``70``, also Minang, Javanese and Sundanese ones: ``tigo puluah``, ``seket``,
   ``tilu puluh``; a single ``lima`` only before ``persen`` or next to ``dari``: ``tiga dari
   empat``), ``30an`` is 30, a letter O typed for
   a zero in a percentage is a zero (``4O%``), Javanese ``tak`` after ``wis``/``lagi`` is "I"
   (``wis tak lakoni``), words that are regional only in context are read in it
   (:data:`~bot.domain.reply_lexicon.SEBELUM`: Manado ``so`` and Acehnese ``ka`` before a done
   word are ``sudah``: ``so klar``, ``ka lheuh``; Ambonese ``seng`` before a verb is ``tidak``;
   :data:`~bot.domain.reply_lexicon.SESUDAH`: Javanese ``mari`` after ``durung`` is ``selesai``),
   two words that are one thing are read together (:data:`~bot.domain.reply_lexicon.FRASA`:
   Madurese ``ghi' ta'``, ``next week``) and one word that is two is split
   (:data:`~bot.domain.reply_lexicon.URAI`: Papua ``trada`` is ``tidak ada``),
   a regional word in a spelling its lexicon does not list is read by its morphology
   (:func:`_varian`: Sasak ``q`` for ``k`` ``ndeqman``, a final ``h`` ``mareh``, a possessive
   ``pessena``, a passive prefix ``ekaterima``, ``kalaksanayang``), chat shorthand that keeps
   the consonants is expanded (``bsk``, ``rsk``, ``msk``, ``kec``),
   a passive prefix typed apart is joined when the joined word is known (``di slesaikan``,
   ``d terima``, ``di-handle``; not ``di kantor``), a word ending in ``-kah`` is a question and
   never a typo (``selesaikah``),
   apostrophes inside a word are dropped (``le'ba'mi``, ``sami'na``) and a double regional
   negation is ``belum`` (``teu acan``, Batak ``dang sae dope``). The tokens are
   joined by single spaces into a *canonical* text that remembers where each token came from.
2. **Masks.** Phrases that contain a keyword but do not mean it are blanked out (replaced by ``_``,
   same length) in order: acknowledgement formulas (``arahan sudah kami terima``, ``sudah dibaca``:
   count as acknowledged; ``arahan sudah kami teruskan ke camat``: counts as in progress; ``baru
   terima disposisi``, ``selesai membaca arahan``: acknowledged), polite openings and closings
   (``laporan menyusul``, ``terlampir dokumentasi``, the official is away ``Kadis sedang DL``,
   requests ``mohon dicek ulang``, ``masih dalam rentang target``), *selesai* of something else
   (``selesai cuti``, ``selesai rakor tadi``, ``rakor selesai jam 12``: nothing), questions (``sdh
   selesai?``, ``apakah … ?``, ``selesai tidaknya``, ``selesai tidak selesai``, an own question
   ``Terkendala? Tidak``, ``tergantung``), ``tidak ada kendala``, ``bukan terkendala``, ``no
   pending`` and ``tidak perlu``, conditionals (``jika ada kendala``; but ``kalau fisik sudah
   selesai, administrasi belum`` is a contrast), the repair of a broken thing (``perbaikan genset
   rusak``: the work, not an obstacle), what follows completion (``menunggu verifikasi``, ``tinggal
   dipakai warga``), an obstacle in the past solved now (``kemarin terkendala hujan, hari ini sudah
   lanjut``), only a wait left (``tinggal menunggu PHO``: in progress, not an obstacle), nothing
   left (``tidak ada yang belum``: maybe done), ``belum selesai``/``belum semua``/``hampir
   selesai``/``masih jauh dari selesai``/``4 dari 12`` /``8/10``/``masih ada 4 rumah yang
   belum``/``separuh``/``jangan dianggap selesai dulu`` (partial: counts as *in progress*),
   negations (``belum ada progres``, ``bukan selesai``: count as *not done*), plans to finish
   (``target selesai minggu depan``, ``selesainya mungkin bulan depan``: in progress) or to start
   (``mulai senin``, ``mulai 1 November``), hedges before a done word (``sepertinya sudah
   selesai``: maybe done), percentages to come (``insyaallah minggu depan 80%``: not the progress),
   promises (``akan kami tindaklanjuti``, ``siap mendukung dan melaksanakan``, ``akan kami jadikan
   pedoman``, ``harus tuntas``: count as an acknowledgement), one step done (``sosialisasi sudah
   dilaksanakan``: counts as *maybe done*), what is left (``tinggal 10% lagi``), percentages that
   are rates, targets or past figures (``target capaian 95%``, ``inflasi 2,5% yoy``, ``PAD 105%``,
   ``kehadiran peserta 95%``, ``turun dari 24,1% menjadi 19,3%``, ``prevalensi sekarang 19%``,
   ``capaian tahun lalu 61%``, ``diskon PBB 50%``), notes (``untuk diketahui``, ``PIC sudah
   diganti``, ``izin tidak ikut rakor karena …``, ``mohon doanya``), pledges (``siap 100%``,
   ``kami kawal sampai tuntas``) and money spent or
   allocated (``serapan 45%``, ``cair 50%``, ``teralokasi 40% dari kebutuhan``: not the progress,
   but work is under way).
3. **Signals.** Keyword tables are searched in the masked text: cannot be followed up; obstacle (a
   keyword, a wait, a need ``perlu bantuan alat berat``, a shortage ``SDM terbatas``, ``aspal
   langka``, ``baru 30% dari kebutuhan``, something held up ``tertahan di bagian hukum``, a
   disruption ``listrik padam``, ``terganggu``, a refusal or eviction ``ditolak``, ``diusir``,
   ``stok … habis``, a demand ``minta tambahan biaya``, ``belum punya anggaran``, workers away
   ``tukangnya pulang kampung``, ``regulasi belum memungkinkan``, ``belum
   bisa`` with any verb but one of saying, ``tidak selesai``; a wait or a reason for not being
   done is no obstacle when the official says there is none: ``belum ada kendala, nunggu
   kontrak``, ``tidak ada kendala, belum selesai karena volume bertambah`` are in progress); done
   (strong); maybe done (weak, or a bare ``sudah``); not yet done (``belum``, ``kecuali``,
   ``sisanya``, ``menyusul``, ``dua desa lagi``, ``minggu depan``, ``tapi ada …``, ``tapi …
   masih``, ``akan`` with a verb, ``perlu perbaikan``); in progress (strong ``sedang``, ``masih di
   Bagian Hukum``, ``masih kami susun``, an own question answered ``Selesai? Belum``; or weak);
   acknowledged. Percentages are ``N%``/``N persen`` or a bare number right after a progress word
   (``capaian 75``) that is not followed by a unit, or, in a text that states a percentage
   somewhere, a bare number ending a clause after ``masih``/``baru``/``sekarang`` (``Belum 100%,
   masih 80``); decimals round down. Of several percentages, the last one marked as the overall
   figure wins (``fisik 60%``, ``sekarang 70%``), else the smallest (``1. Drainase 100% 2. Trotoar
   40%`` is 40, not done). A percentage over 100 is never a progress: when no valid one is stated
   it is returned as written in ``persen_tidak_sah``. Without a stated percentage, a part of a
   total is one, rounded down: ``4 dari 12 nagari`` → 33, ``dari 20 titik, 15 sudah`` → 75, ``200 m
   dari 1,2 km`` → 16 (lengths in m and km are converted; other different units give none), ``7
   desa, total 14 desa`` → 50, ``8/10 sekolah`` → 80; a part equal to the total gives none (it is
   not read as done). So is a fraction after a progress word or ``sudah`` (``capaian 3/4``, ``sdh
   3 per4`` → 75) and what is left: ``tinggal 10% lagi`` → 90, ``selesai di 3 kecamatan, sisa
   2 kecamatan`` → 60, ``sudah masuk dari 15 nagari, tinggal 5`` → 75, ``12 sdh selesai, 28
   lagi masih proses`` → 30, ``Dari 30 sekolah baru 18 yg kirim`` → 60; so is a half or a
   quarter: ``separuh jalan``, ``setengahnya`` → 50, ``seperempat`` → 25.
   A correction (``80%. Eh maaf salah ketik, sudah selesai 100%``, ``Ralat: …``, ``yang benar:
   …``) is read alone: only what follows the last one counts.
4. **Decision**, strongest first: cannot be followed up (no status; ``bukan kewenangan`` only when
   no obstacle word is named) → obstacle (``terkendala``; the percentage is still recorded) → a
   question ending in ``?`` (a note) → a stated 1–99 % (``dalam_proses``) → a hedge with a
   done word or 100 % and nothing clearly still going on (``dalam_proses`` and ask) → a strong
   done word or
   100 % with nothing left (``selesai``, progress 100) → a weak done phrase with nothing left
   (``dalam_proses`` and ask) → in progress, or done with something left (``dalam_proses``) →
   ``sudah`` and ``belum`` together (``semua sudah kecuali …``: ``dalam_proses``) → a bare
   ``sudah`` (no status, ask) → acknowledged → just a note.

5. **The gate for selesai** (issue 9 point 1: never a false *selesai*). A *selesai* the decision
   reaches is recorded only when the reply is
   (a) a pure done statement: after address, greetings, polite formulas, evidence mentions
   (``foto terlampir``, ``dokumentasi sudah kami unggah``, ``report attached``), a date, thanks
   and filler, only done words, completeness words (``semua``, ``seluruhnya``, ``sepenuhnya``,
   ``100 %``, ``tuntas``, ``total`` and regional ``sami``, ``maneng``, ``sadaya`` …),
   ``sudah``/``telah``, the directive or the work as a whole (``arahan``, ``tugas``,
   ``kegiatan``, ``pekerjaan`` with ``ini``/``tersebut``/``Bapak``) and verbs of doing are left
   (:data:`KATA_SELESAI_MURNI`: ``Sudah selesai semua pak``, ``Progres 100%, sudah selesai``);
   or (b) a done word with a whole-completeness marker in the same clause (:data:`UTUH_RE`:
   ``di 12 kecamatan selesai semuanya``, ``rampung 100 persen``, ``sudah cair semuanya``,
   ``tuntas di 9 dari 9 kelurahan``, a done word and ``tidak ada berkas yang tersisa``), the work
   as a whole at 100 %
   (``Pekerjaan sudah 100%``), or a clause that is nothing but a done word with such a marker
   elsewhere (``Selesai pak. Semua ASN sudah mengisi``), or a result verb done by or to all with
   a second whole marker (:data:`SEMUA_SUDAH`: ``Seluruh 14 nagari sudah menyerahkan profil.
   Tidak ada yang tertinggal``, ``Seluruh titik (9 dari 9) sudah terpasang``; not a verb of one
   step, of receiving or of informing), where the thing done is not one step
   (:data:`LANGKAH_SUBJEK`: ``rapat``, ``kontrak``, ``pengecoran``, ``verifikasi``,
   ``pendataan`` … unless it is the directive's: ``tugas dari rakor``), and nothing in the reply
   plans a next step, waits, leaves a remainder or hedges, no contrast (``tapi``, ``namun``,
   ``hanya``, ``kecuali``) follows the done statement and no second percentage below 100 is
   stated (money included: ``pencairan 0%``); or (c) a clear completion sentence: a clause whose
   predicate is a strong done word (``Normalisasi saluran telah selesai dikerjakan, air sudah
   mengalir``, ``Selesai pak. Surat sudah terkirim``), not about one step or one part of the
   work (:data:`BAGIAN_SELESAI`: ``Yang di Kecamatan Kota``, ``angkatan I``, ``sisi kiri``,
   ``selesai di 3 desa``, ``selesai untuk bagian kami``, ``selesai pondasinya``), with nothing
   anywhere that leaves work open (:data:`TERBUKA`: a question, ``belum``, ``masih``,
   ``kecuali``, ``lainnya``, ``dulu``, a schedule, a check to come, hearsay, a denial) and, as in
   (b), no plan, wait, remainder, hedge or contrast after it. Everything else with a done signal
   is ``dalam_proses``: without a question when a percentage below 100, a plan or a remainder
   says work is left (``Kontraknya sudah selesai ditandatangani, pekerjaan fisik mulai Senin``,
   ``Fisik 100%, administrasi 80%``) or one step or part is done and the rest planned (``Rapat
   persiapan sudah selesai, pelaksanaan tgl 15``), else with ``ragu_selesai`` and no progress
   (``Pengecoran sudah selesai``, ``Yang di Kecamatan Kota sudah selesai``, ``Sudah tuntas,
   tinggal menunggu verifikasi``): the bot asks. The gate is general: it does not name the
   phrasings it stops.

Every regex works on single-space-separated tokens with bounded repetition only, so matching is
linear in the (already bounded) input; :func:`baca` never raises for a ``str``. The tables hold
the patterns as text; they are compiled once, on the first reading (:func:`_tabel`), so that
importing the reader does not delay the bot's start. The corpus in
``tests/unit/reader_corpus/`` and ``bench/reader.py`` measure how well and how fast it reads.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache, lru_cache
from typing import Final

from bot.domain.lifecycle import Status
from bot.domain.reply_lexicon import DAERAH, FRASA, INGGRIS, SEBELUM, SESUDAH, URAI

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
    "dpn": "depan", "mgg": "minggu",
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
    # half and quarter ("setengahnya", "half done")
    "setengahnya": "setengah", "separuhnya": "separuh", "separonya": "separo",
    # typos too far from the word for the fuzzy lookup (vowels dropped)
    "slsai": "selesai", "slsei": "selesai", "slse": "selesai", "rmpung": "rampung",
    "kndla": "kendala", "kndl": "kendala", "trkendala": "terkendala", "sedng": "sedang",
    "sdang": "sedang", "prses": "proses", "prosess": "proses", "prosses": "proses",
    "dikerjakn": "dikerjakan", "dkerjakan": "dikerjakan", "dtindaklanjuti": "ditindaklanjuti",
    "angaran": "anggaran", "anggran": "anggaran", "prsen": "persen",
    "smua": "semua", "smuanya": "semuanya", "smw": "semua", "smwa": "semua",
    "sluruhnya": "seluruhnya", "brs": "beres",
    "tggl": "tinggal", "fto": "foto", "trlampir": "terlampir", "ad": "ada",
    "segra": "segera", "kmi": "kami", "kmu": "kamu", "tp": "tapi", "tpi": "tapi",
    "belon": "belum", "blon": "belum", "udeh": "sudah", "tggu": "menunggu",
    "tnggu": "menunggu", "jwbn": "jawaban", "jwban": "jawaban",
    "ditau": "diketahui",
    # chat shorthand: consonants kept, vowels dropped
    "pk": "pak", "bres": "beres", "brt": "berat", "rsk": "rusak", "rusk": "rusak",
    "bsk": "besok", "besk": "besok", "msk": "masuk", "bls": "balas", "ds": "desa",
    "kec": "kecamatan", "kel": "kelurahan", "kab": "kabupaten", "sluruh": "seluruh",
    "srh": "seluruh", "kt": "kita", "tmn": "teman", "tmn2": "teman", "kirm": "kirim",
    "krm": "kirim", "dkirim": "dikirim", "lnjt": "lanjut", "lnjtkn": "lanjutkan",
    "lanjtkn": "lanjutkan", "trn": "turun", "lap": "lapangan", "lok": "lokasi",
    "lks": "lokasi", "tgi": "tinggi", "byk": "banyak", "bnyk": "banyak", "dn": "dan",
    "hr": "hari", "mgu": "minggu",
    # symbols
    "👍": "oke", "👌": "oke", "🫡": "siap", "&": "dan", "–": "-", "—": "-",
    "✅": "sudah", "✔": "sudah", "☑": "sudah", "❌": "belum", "✖": "belum", "⏳": "proses",
    "->": "menjadi", "-->": "menjadi", "=>": "menjadi", "→": "menjadi", "➡": "menjadi",
    # regional languages and English: one lexicon per language (bot.domain.reply_lexicon)
    **DAERAH,
    **INGGRIS,
}  # fmt: skip
"""Abbreviations and variants, each expanded to one canonical word (never a space)."""

DIABAIKAN: Final = frozenset({
    "pak", "bu", "mas", "mbak", "kak", "bang", "ndan", "bos", "yth", "lapor", "terimakasih",
    "alhamdulillah", "alhamdulilah", "wr", "wb", "wrwb", "warahmatullahi", "wabarakatuh",
    "alaikum", "alaykum", "allah", "wassalam", "assalamualaikum", "ya", "iya", "yah", "dipun",
    "mauliate", "horas", "e", "dawuh", "amang", "inang",
    "puang", "daeng", "akang", "kang", "bli", "bung", "datuak", "lae", "ito", "tulang",
    "ompung", "opung", "engku", "uni", "karaeng", "sih", "kok", "deh", "dong", "lho", "loh",
    "nih", "kodong", "shalom", "om", "swastiastu", "rahayu", "sampurasun", "pian", "iyo",
    "pace", "mace", "ja", "bae", "je", "mi", "ki", "ji", "tabe",
})  # fmt: skip
"""Address, greetings, closings and Makassar particles (``sudah mi``, ``lengkap ji``): dropped
before reading (the note keeps them)."""

KATA_KUNCI: Final = (
    "selesai", "rampung", "tuntas", "kendala", "kendalanya", "terkendala", "hambatan",
    "terhambat", "progres", "proses", "dikerjakan", "dilaksanakan", "laksanakan", "diterima",
    "menunggu", "anggaran", "persen", "ditindaklanjuti", "koordinasi", "dikoordinasikan",
    "tertunda", "terlaksana", "sosialisasi", "belum", "tinggal", "kelar", "sudah", "semua",
    "semuanya", "seluruhnya", "sedang", "masih", "terhambat", "lanjut", "selesaikan",
    "diselesaikan", "tindaklanjuti", "menolak", "ditolak", "arahan", "segera", "terima",
    "beres",
)  # fmt: skip
"""Words whose typos are still read as the word: a word that is one of these with vowels left out
(``terkndla``), or of five letters or more and at most one edit away (two from nine letters) with
the same first letter (``selese``, ``hambtan``, ``laksnakan``; Damerau-Levenshtein, rapidfuzz)."""

BUKAN_SALAH_KETIK: Final = frozenset({
    "kendali", "terkendali", "kendalikan", "dikendalikan", "protes", "prosesi", "senang",
    "tunas", "pencarian", "pengadilan", "selasa", "persen", "progam", "tertunduk", "menanggung",
    "dilaksanakannya", "hambat", "terima", "tuntut", "koordinat", "koordinator", "dikerahkan",
    "dikenakan", "tertanda", "belut", "belur", "tunggal", "tanggal", "tinggi", "selesa",
    "kelas", "kelat", "kebar", "susah", "surah", "sudut", "semau", "semut", "semur", "sedan",
    "selang", "serang", "sedap", "masin", "manis", "masjid", "masuk", "masak", "semula",
    "sedia", "sendang", "semaunya", "tertahan", "terhampar", "terhambur", "kelir", "kenar",
    "beras", "beres", "bereskan",
})  # fmt: skip
"""Real words close to a key word: never corrected."""

TANDA_BACA: Final = frozenset(".,;:!?()-/%+=±\n")
"""Punctuation kept as tokens (clause boundaries, ``%``, ``s/d``); other symbols are dropped."""

TANDA_PERSEN: Final = frozenset({"%", "persen"})
"""A number followed by one of these is a percentage."""

KATA_PROGRES: Final = frozenset({
    "progres", "capaian", "realisasi", "kemajuan", "pencapaian", "perkembangan", "persentase",
    "angka",
})  # fmt: skip
"""A bare number right after one of these (and a few fillers) is a percentage: ``capaian 75``."""

KATA_PROGRES_SUSULAN: Final = frozenset({"masih", "baru", "sudah", "telah", "kini", "sekarang"})
"""In a text that states a percentage somewhere, a bare number ending a clause right after one of
these is one too: ``Belum 100% pak, masih 80``."""

PENGISI_PROGRES: Final = frozenset({
    ":", "=", "-", "±", "fisik", "fisiknya", "keuangan", "keuangannya", "pekerjaan", "kegiatan",
    "sudah", "telah", "mencapai", "capai", "baru", "sekitar", "kurang", "lebih", "sebesar",
    "saat", "ini", "sampai", "hari", "minggu", "pekan", "per", "di", "angka", "ada", "posisi",
    "total", "keseluruhan", "sekarang", "kini", "adalah", "yaitu", "masih", "kami", "terkini",
    "terakhir", "kumulatif", "kira", "kita",
})  # fmt: skip
"""Words allowed between a progress word and its bare number (at most four of them)."""

WAKTU: Final = frozenset({
    "detik", "menit", "jam", "hari", "minggu", "pekan", "bulan", "tahun", "triwulan", "semester",
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "agt", "agu",
    "sep", "okt", "nov", "des", "wib", "wita", "wit",
})  # fmt: skip
"""Time words: a number before one of these is a time or a date."""

SATUAN: Final = frozenset({
    # quantities
    "meter", "m", "km", "cm", "mm", "m2", "m²", "m3", "ha", "hektar", "hektare", "are", "unit",
    "buah", "bh", "paket", "titik", "lokasi", "desa", "kelurahan", "kecamatan", "nagari",
    "kampung", "dusun", "rt", "rw", "orang", "org", "jiwa", "kk", "keluarga", "rumah", "sekolah",
    "puskesmas", "ton", "kg", "liter", "lembar", "dokumen", "berkas", "item", "kali", "x", "ruas",
    "batang", "pohon", "ekor", "set", "persil", "bidang", "sertifikat", "peserta", "siswa",
    "kegiatan", "sub", "opd", "ruang", "kelas", "tahap", "termin", "no", "nomor",
    # time
    *WAKTU,
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
    r"|terkendala|terhambat|tertunda|ditunda|tertahan|terganggu|gangguan|terhalang|kendala2"
    r"|bermasalah)"
)
_SELESAI: Final = r"(?:selesai|tuntas|rampung|beres|kelar)"
_AKSI: Final = (
    r"(?:(?:di)?(?:laksanakan|kerjakan|koordinasikan|proses|kawal|jalankan|eksekusi"
    r"|realisasikan|laporkan|sampaikan|siapkan|cek|lakukan|selesaikan|tuntaskan|lanjutkan"
    r"|mulai|tangani|sosialisasikan|rapatkan|bahas|kirim|kirimkan|follow up|pelajari|kaji"
    r"|cermati|telaah|pahami)|"
    + _TL_KERJA
    + r"|melaksanakan|menindaklanjuti|mengerjakan|berkoordinasi|mengawal|memulai|melakukan"
    r"|menyelesaikan|menuntaskan)"
)
_PENGISI: Final = r"(?:sebesar|sekitar|hanya|kurang lebih|lebih kurang|±|\+|-|:|=|sampai|hingga)"
_BUKAN_LAJU: Final = r"(?:sudah|telah|baru|mencapai|kini|sekarang|saat|progres|realisasi|fisik)"
"""Words that make a percentage after a rate word the progress again (``target … sudah 80%``)."""
_LAJU_EKOR: Final = (
    r"(?: (?:sudah|telah) (?!(?:diberlakukan|berlaku|diterapkan|dilaksanakan|direalisasikan"
    r"|disalurkan|dibagikan|ditetapkan|dijalankan)(?!\S))(?:di)?[^\W\d_]+)?"
)
"""A rate's own verb (``PPN 11% sudah dipotong``): about the figure, not the work (but ``diskon
50% sudah diberlakukan`` is work done)."""
_BUKAN_SUBJEK: Final = rf"(?!(?: {_W}){{0,4}} (?:sudah|telah) {_SELESAI})"
"""After a work noun (``proses``, ``pengerjaan``): unless it is the subject of a done phrase
(``pengerjaan talud sudah rampung``), the noun says the work is still going on."""
_PRA_PROGRES: Final = r"(?: (?::|=|-|fisik|keuangan|pekerjaan|sudah|telah|mencapai|saat|ini|hari))"


_RENCANA: Final = (
    r"(?:akan|target|targetnya|ditargetkan|ditarget|direncanakan|rencana|rencananya"
    r"|diperkirakan|perkiraan|diprediksi|estimasi|diharapkan|harapannya|diupayakan"
    r"|diusahakan|upayakan|usahakan|semoga|mudah - mudahan|mudah mudahan|moga - moga"
    r"|insyaallah|segera|dijadwalkan|jadwal|deadline|tenggat|batas waktu|paling lambat"
    r"|maksimal|kira - kira|jadwalkan|targetkan|rencanakan|agendakan|harapkan|perkirakan"
    r"|proyeksikan|pastikan|programkan)"
)
"""Words that make what follows a plan (``target selesai``, ``akan 100%``; in the active
voice too: ``kami jadwalkan tuntas sebelum libur``, ``kami pastikan rampung``)."""


_BULAN: Final = (
    r"(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november"
    r"|desember)"
)

_DIJADWALKAN: Final = (
    rf"(?:dijadwalkan|direncanakan|jadwalnya|rencananya|mulai) (?:pada )?(?:bulan )?{_BULAN}"
)
"""A schedule in a month: ``pembangunan dijadwalkan Januari``."""

_NANTI: Final = (
    r"(?:minggu depan|pekan depan|bulan depan|tahun depan|besok|lusa|nanti|senin|selasa|rabu"
    r"|kamis|jumat|sabtu|tanggal [0-9]+|awal [^\W_]+|akhir [^\W_]+|pertengahan [^\W_]+"
    r"|[0-9]{1,2} (?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober"
    r"|november|desember))"
)
"""A time to come: ``minggu depan``, ``kamis``, ``1 november``, ``akhir bulan``."""

_RAGU: Final = (
    r"(?:sepertinya|kayaknya|kayanya|keknya|kyknya|mungkin|kemungkinan|rasanya|seharusnya"
    r"|harusnya|mestinya|semestinya|katanya|kabarnya|infonya|informasinya|barangkali|tampaknya"
    r"|nampaknya|kelihatannya|sepengetahuan saya|setahu saya|seingat saya|kalau tidak salah"
    r"|diduga|diperkirakan|perkiraan|perkiraannya|kira - kira|asumsinya|garis besar(?:nya)?"
    r"|praktis|praktisnya|pada dasarnya|pada prinsipnya|secara (?:prinsip|umum|administrasi"
    r"|administratif|teknis|formal|de jure)|relatif|(?:boleh|bisa|dapat) (?:di)?(?:bilang"
    r"|katakan|dikatakan|dianggap)|menurut saya|(?:insyaallah|semoga"
    r"|mudah - mudahan|kurang lebih)(?= (?:sudah|telah))|hampir|nyaris"
    r"|yang (?:bisa|dapat|mampu|memungkinkan|sempat)(?: (?:di|ter)?[^\W\d_]+)?"
    r"|semampu(?:nya| kami| kita)|sebisa(?:nya| mungkin| kami| kita))"
)
"""Hedges: a done word in the same reply as one of these is not a report of completion
(``secara garis besar sudah selesai``, ``praktis selesai``, ``insyaallah sudah selesai``,
``sudah dikerjakan semua yang bisa dikerjakan``)."""

_BUKTI_SAJA: Final = (
    r"(?:foto - foto|foto|fotonya|dokumentasi|dokumentasinya|laporan|laporannya|pelaporan|spj"
    r"|lpj|bukti|rekap|pemberkasan)"
)
"""Evidence and paperwork: when only these are left (``tinggal foto-foto``), the work may be done
(the bot asks)."""

_ACARA: Final = (
    r"(?:rapat|rakor|rapatnya|rakornya|apel|upacara|acara|acaranya|pertemuan|sidang|kunjungan"
    r"|kunker|zoom|vicon|zoom meeting)"
)
"""Meetings and events: ``selesai rakor tadi`` is "after the meeting", a time, not a report."""

_BUKAN_KERJA_INI: Final = (
    r"(?:(?:mem)?baca|dibaca|mempelajari|dipelajari|cuti|izin|sakit|dinas luar|dl|tugas luar"
    r"|perjalanan dinas|diklat|pelatihan|bimtek|sholat|salat|shalat|solat|jumatan|makan"
    r"|istirahat|libur|liburan|ibadah|umroh|umrah|haji|mengikuti|ikut|menghadiri|hadir|mudik)"
)
"""What an official finishes that is not the directive: reading, leave, prayer, training."""


class _Jenis(Enum):
    """Kinds of masked phrase; some of them are signals themselves."""

    TERIMA = "terima"  # "arahan sudah kami terima": counts as acknowledgement
    TERUSKAN = "teruskan"  # "arahan sudah kami teruskan ke camat": work is being organised
    SALAM = "salam"  # polite formulas
    TANYA = "tanya"  # questions: "sdh selesai?", "apakah perlu dilaporkan?"
    AMAN = "aman"  # no obstacle / obstacle solved
    SYARAT = "syarat"  # conditional: "jika ada kendala", "setelah selesai"
    TOPIK = "topik"  # the obstacle as a topic: "terkait masalah sampah", "mengatasi kendala"
    VERIFIKASI = "verifikasi"  # waiting for verification, or use after completion: no obstacle
    LALU = "lalu"  # an obstacle in the past, solved now: "kemarin terkendala hujan, hari ini …"
    TINGGAL = "tinggal"  # only a wait is left ("tinggal menunggu PHO"): in progress, no obstacle
    LENGKAP = "lengkap"  # nothing left: "tidak ada yang belum", "tidak ada sisa": maybe done
    SEBAGIAN = "sebagian"  # partial / not yet complete: counts as in progress
    NEGASI = "negasi"  # "belum ada progres", "tidak selesai"
    RENCANA = "rencana"  # plans: "target selesai minggu depan": counts as in progress
    TARGET = "target"  # "target 100% akhir bulan": a plan, not a percentage
    MULAI = "mulai"  # a plan to start: "mulai senin"
    JANJI = "janji"  # promises: "akan kami tindaklanjuti": counts as acknowledgement
    LANGKAH = "langkah"  # one step done: "rapat koordinasi sudah dilaksanakan": maybe done
    SISA = "sisa"  # what is left: "tinggal 10% lagi": counts as in progress
    LAJU = "laju"  # percentages that are rates or targets
    SERAPAN = "serapan"  # money spent or paid out ("serapan 45%"): not progress, but work is on
    RAGU = "ragu"  # a hedge before a done word: "sepertinya sudah selesai": maybe done
    LAIN = "lain"  # "selesai" of something else: "selesai cuti", "selesai rakor tadi": nothing
    BELUM_MULAI = "belum_mulai"  # "belum dimulai": not done; alone, the directive is received
    URUT = "urut"  # a delay that is the work itself: "belum bisa selesai hari ini, besok lanjut",
    # "laporan belum bisa dikirim karena pekerjaan belum selesai", "sedikit terlambat": in progress


@dataclass(frozen=True)
class _Tutupan:
    """A phrase to blank out before the keyword search."""

    jenis: _Jenis
    pola: str
    kunci: tuple[str, ...] = ()
    """Strings one of which every match contains: without any of them in the text the mask is
    not searched (the reader stays fast with many masks)."""


def _pola(*pilihan: str) -> str:
    """The alternatives as one pattern that only matches whole tokens of the canonical text
    (compiled on the first reading, by :func:`_tabel`)."""
    return r"(?<!\S)(?:" + "|".join(pilihan) + r")(?!\S)"


def _tutupan(jenis: _Jenis, *pola: str, kunci: tuple[str, ...] = ()) -> tuple[_Tutupan, ...]:
    """One mask for the patterns of one kind (one search instead of many: the reader stays fast
    with many masks; where two alternatives overlap, the leftmost match is blanked); ``kunci``:
    see :attr:`_Tutupan.kunci`."""
    return (_Tutupan(jenis, _pola(*pola), kunci),)


_TIADA_SISA: Final = (
    r"(?:tidak|tanpa) ada (?:lagi )?(?:(?:[^\W\d_]+ )?yang (?:perlu )?)?(?:tertunda|tertinggal"
    r"|terlewat|tersisa|ketinggalan|tinggal|sisa|tunggakan|kekurangan|diperbaiki|direvisi"
    r"|dibenahi)(?: lagi)?|tanpa (?:ter)?kecuali"
)
"""Nothing is left: ``tidak ada berkas yang tertinggal``, ``tidak ada tunggakan lagi``, ``tanpa
kecuali``. With a done state and nothing else (``Dah siap semue, tak ade yang tertinggal``) it
completes the statement."""

_LANGKAH: Final = (
    r"(?:rapat|rakor|rapatnya|koordinasi|sosialisasi|sosialisasinya|survei|survey|pendataan"
    r"|pengukuran|identifikasi|perencanaan|penyusunan|kajian|pembahasan|persiapan|verifikasi"
    r"|inventarisasi|pemetaan|peninjauan|tinjauan|kunjungan|musyawarah|pertemuan|ded|kak|rab"
    r"|desain|undangan)"
)
"""Work that is usually one step of a directive, not all of it."""

_LANGKAH_KERJA: Final = (
    r"(?:rapatkan|bahas|survei|survey|data|ukur|verifikasi|koordinasikan|sosialisasikan|kaji"
    r"|tinjau|petakan|identifikasi|inventarisasi|rancang|musyawarahkan|diskusikan)"
)
"""The same steps as a verb: ``selesai dirapatkan``, ``selesai dibahas``."""

TUTUPAN: Final[tuple[_Tutupan, ...]] = (
    *_tutupan(
        _Jenis.TERIMA,
        r"(?:arahan|arahannya|perintah|instruksi|disposisi|petunjuk|atensi|surat|undangan"
        r"|informasi|info)(?: [^\W_]+){0,2}? (?:sudah |telah )?(?:kami |saya )?(?:terima"
        r"|diterima|catat|dicatat|pahami|dipahami|mengerti|dimengerti|baca|dibaca)",
        r"(?:sudah|telah) (?:kami |saya )?(?:terima|diterima|catat|dicatat|baca|dibaca|pahami"
        r"|dipahami|mengerti|dimengerti|simak|disimak|pelajari|dipelajari|ketahui|diketahui)",
        r"(?<![^\W_] )(?:kami|saya) (?:terima|terimo|catat|pahami|mengerti)(?= [,.!\n]|$)",
        r"(?:(?:sudah|telah|baru) )?(?:selesai|rampung|tuntas|beres|kelar) (?:membaca|baca"
        r"|dibaca|mempelajari|dipelajari|menerima|diterima)",
        r"(?:baru|sudah|telah) (?:kami |saya )?(?:terima|menerima|dapat|mendapat|mendapatkan"
        r"|diterima) (?:[^\W_]+ ){0,2}?(?:arahan|disposisi|surat|perintah|instruksi|undangan"
        r"|informasi|info|nota dinas|nodin|memo)(?:nya)?",
    ),
    *_tutupan(
        _Jenis.TERUSKAN,
        r"(?:arahan|arahannya|perintah|instruksi|disposisi|atensi)(?: [^\W_]+){0,2}? (?:sudah "
        r"|telah )?(?:kami |saya )?(?:sampaikan|disampaikan|teruskan|diteruskan|disposisikan"
        r"|didisposisikan|forward|diforward|komunikasikan|dikomunikasikan) (?:ke|kepada)",
    ),
    *_tutupan(
        _Jenis.SALAM,
        r"(?:mohon )?maaf (?:[^\W_]+ ){0,3}?(?:terlambat|telat|baru) (?:[^\W_]+ )?(?:melapor"
        r"|lapor|membalas|balas|merespon|respon|menjawab|membaca|update|melaporkan)",
        r"(?:mohon )?maaf (?:[^\W_]+ ){0,2}?(?:terlambat|telat)(?= [,.!\n]|$)",
        r"(?:mohon )?maaf (?:atas |untuk |karena )?(?:keterlambatan|terlambat|telat)(?: (?:ini"
        r"|kami|saya|membalas|balas|respon|merespon|menjawab|laporan|melapor|lapor))?",
        r"(?:laporan|dokumentasi|foto|data|spj|lpj|bukti|rincian|detail|berkas|info|informasi)"
        r"(?:nya)?(?: (?:lengkap|selanjutnya|kegiatan|resmi|tertulis|akhir)(?:nya)?)? (?:akan )?"
        r"(?:menyusul|terlampir|dilampirkan)",
        r"mohon (?:doa|doanya|dukungan doa)(?: (?:agar|supaya|semoga|biar)(?: [^\W_]+){0,4})?",
        r"untuk (?:diketahui|diinformasikan|informasi|info)",
        r"(?<=[.!\n] )(?:sekalian|sekadar|sekedar|sebagai|tambahan|fyi)(?: (?:info|informasi))?"
        r"(?: tambahan)?(?: [^\W_]+| ,| :){1,20}?(?= [.!\n]|$)",
        r"(?:penanggung ?jawab|pj|pic|plt|plh|pejabat|operator|admin|koordinator|ketua|kepala"
        r"|kasi|kabid|kadis|sekretaris|petugas)(?: [^\W_]+){0,3}? (?:sudah |telah )?(?:diganti"
        r"|berganti|ganti|dimutasi|pindah|dipindah|dialihkan|dilimpahkan|digantikan)",
        r"(?:(?:saya|kami|beliau) )?(?:izin|berhalangan) (?:tidak )?(?:ikut|hadir|mengikuti"
        r"|menghadiri|bergabung)(?: [^\W_]+){0,3}? (?:karena|krn|sebab)",
        r"terlampir (?:dokumentasi|foto|bukti|laporan|berkas|data)",
        r"(?:dokumen|berkas|data|bukti|foto|file|lampiran) (?:pendukung|pendukungnya|tambahan)"
        r"(?: (?:sudah|telah))?(?: (?:kami|saya))? (?:di)?(?:kirim|kirimkan|unggah|upload"
        r"|lampirkan)(?: (?:via|ke|melalui|lewat) [^\W_]+)?",
        r"(?:sedang|lagi|masih) (?:cuti|sakit|dinas luar|dl|tugas luar|di luar kota|luar kota"
        r"|luar daerah|perjalanan dinas|libur|izin|diklat|pelatihan|umroh|umrah|haji)",
        r"mohon (?:untuk )?(?:kiranya |dapat |bisa |agar |segera ){0,2}"
        r"(?!(?:dibantu|didukung|difasilitasi|dipercepat|dicairkan)(?!\S))di[^\W\d_]{3,}",
        r"(?:mohon )?izin (?:untuk )?(?:melaporkan|menyampaikan|menginformasikan"
        r"|memberitahukan|memberikan|update|info|laporan|menjawab|tanya|bertanya|melapor)"
        r"|mohon izin|^izin(?! (?:lingkungan|usaha|lokasi|prinsip|mendirikan|bangunan"
        r"|operasional|edar|keramaian|galian|tambang|amdal|pbg|imb|reklame|trayek|praktik"
        r"|pemanfaatan|penggunaan|pinjam|belum|tidak|dari|untuk|sudah|masih|sedang|baru"
        r"|nya)(?!\S))",
        r"selamat (?:pagi|siang|sore|malam|datang|beraktivitas|bertugas)",
        r"terima kasih|matur (?:nuwun|suwun)|hatur nuhun|yang terhormat|dengan hormat"
        r"|hormat kami|mohon maaf|maaf",
        r"demikian (?:kami )?(?:sampaikan|laporkan|disampaikan|dilaporkan|laporan kami|informasi)",
        r"berikut (?:ini )?(?:kami )?(?:sampaikan|laporkan|disampaikan|dilaporkan|informasikan)",
        r"(?:dalam rangka |untuk )?menindaklanjuti (?:arahan|instruksi|perintah|disposisi|hasil)",
        r"(?:mohon )?(?:petunjuk|arahan|bimbingan|masukan)(?: lebih lanjut)?(?! (?:sudah|telah) )"
        r"|lebih lanjut",
        r"(?:masih |tetap )?(?:dalam|di) (?:batas|rentang|kisaran|ambang|koridor|zona|kategori)"
        r"(?: [^\W_]+){0,2}",
        rf"(?:sudah )?siap (?:untuk|utk) (?!di)(?:{_W} ){{0,2}}?{_NANTI}",
        rf"{_ACARA}(?: {_W}){{0,2}}? (?:berikutnya|selanjutnya|lanjutan)(?: (?:akan )?"
        r"(?:dijadwalkan|diadakan|dilaksanakan|digelar))?",
    ),
    *_tutupan(
        _Jenis.LAIN,
        rf"(?:(?:sudah|telah|baru) )?{_SELESAI} (?:{_BUKAN_KERJA_INI}(?!\S)|{_ACARA}"
        rf"(?: {_W}){{0,2}}? (?:tadi|kemarin|semalam|barusan|langsung))",
        rf"{_ACARA}(?: {_W}){{0,2}}? (?:sudah |telah )?{_SELESAI} (?:pada |sekitar )?(?:jam"
        r"|pukul) [0-9]+",
        r"(?:(?:cuti|izin|sakit|sholat|salat|shalat|solat|jumatan|makan|istirahat|libur|liburan"
        r"|ibadah|umroh|umrah|haji|mudik|dinas luar|dl|tugas luar|perjalanan dinas)(?: saya| kami"
        r"| beliau)?|(?:diklat|pelatihan|bimtek|kuliah|ujian) (?:saya|beliau)) (?:sudah |telah )?"
        rf"{_SELESAI}",
        kunci=("selesai", "tuntas", "rampung", "beres", "kelar"),
    ),
    *_tutupan(
        _Jenis.TANYA,
        rf"(?:(?:sudah|telah|apa|apakah) )?(?:{_SELESAI}|sudah)(?:kah|nya)? \?",
        rf"(?:sudahkah|{_SELESAI}kah)",
        rf"{_SELESAI}(?:nya)? (?:kapan|bagaimana|gimana|berapa lama)(?: [^\s?]+){{0,12}}? \?",
        r"(?:apakah|apa|bagaimana|gimana|bisakah|bolehkah|kapan|siapa|dimana|berapa|mengapa"
        r"|kenapa|tanya|bertanya)(?: [^\s?]+){0,12}? \?",
        rf"(?:{_SELESAI}|berhasil|bisa|dapat|jadi|lanjut)(?:nya)? (?:tidaknya|atau (?:tidak"
        r"|belum)(?:nya)?)",
        r"tergantung(?: (?:pada|dari|kepada|dengan))?",
        rf"(?:(?:ada|apa|apakah) )?{_K}(?:kah|nya)? \?",
        r"(?P<x>selesai|tuntas|rampung|beres|kelar|jadi|bisa) (?:tidak|atau tidak|belum) (?P=x)",
        rf"(?:(?:sudah|telah) )?{_SELESAI} (?:atau )?(?:belum|tidak)(?: {_W})? \?",
    ),
    *_tutupan(
        _Jenis.LENGKAP,
        _TIADA_SISA,
        kunci=("ada", "kecuali"),
    ),
    *_tutupan(
        _Jenis.AMAN,
        r"(?:masih )?(?:tidak|belum|tanpa|nihil|bebas|zero|no|bukan) (?:(?:ada lagi|ada|ditemukan"
        r"|menemui|mengalami|menemukan|terdapat|dijumpai|pernah ada) )?(?:yang )?(?:suatu |satu "
        r"|sedikit "
        rf"|sebuah )?{_K}(?: (?:yang )?(?:berarti|signifikan|serius|berat|apa - apa|apapun"
        r"|apa pun))?",
        rf"{_K} (?:: |= |- )?(?:\n )?(?:(?:sementara|sejauh ini|saat ini|sampai saat ini"
        r"|sampai sekarang|hingga kini|untuk sementara|so far) (?:: |, )?)?(?:tidak ada|nihil"
        r"|belum ada|tidak ditemukan|-|aman|nol|0"
        r"|none|kosong|tidak|belum|n / a|na)(?= [.,;!?\n)]|$)",
        rf"{_K} (?:yang )?(?:berarti|signifikan|serius|khusus) (?:tidak ada|nihil|belum ada)",
        r"(?:tidak|belum) (?:perlu|butuh|memerlukan|membutuhkan|diperlukan|dibutuhkan"
        r"|ada yang (?:perlu|dibutuhkan|diperlukan))",
        rf"{_K} (?:{_W} ){{0,4}}?(?:teratasi|terselesaikan|tertangani|terurai|terpecahkan"
        r"|terjawab)",
        rf"{_K} (?:{_W} ){{0,4}}?(?:sudah|telah|dapat|bisa|berhasil) (?:{_W} )?(?:diatasi|atasi"
        r"|diselesaikan|selesai|beres|clear|tuntas|dituntaskan|ditangani|diurai|dipecahkan"
        r"|ada solusi|dapat solusi|tidak ada)",
        rf"{_K} (?:(?:{_W}|[(),-]) ){{0,7}}?(?:sudah|telah|dapat|bisa|berhasil) (?:{_W} )?"
        r"(?:diatasi|atasi|ditangani|diurai|dipecahkan|ada solusi|dapat solusi)",
        rf"(?:(?:sudah|telah) )?(?:{_SELESAI}|clear) (?:(?!tanpa |dengan ){_W} )?{_K}",
        r"(?:tidak|tanpa) ada (?:lagi )?(?:yang )?(?:gagal|macet|bermasalah|terkendala|tertunda"
        r"|terlambat|error|ditolak|tertahan|tersendat)",
    ),
    *_tutupan(
        _Jenis.RAGU,
        rf"{_RAGU}(?: {_W}){{0,3}}? (?:sudah|telah) (?:{_W} )?(?:{_SELESAI}|100 %|100 persen)"
        rf"(?!(?: {_W}){{0,3}} {_NANTI})",
        rf"(?:tinggal|hanya|cuma|kurang) {_BUKTI_SAJA}(?: (?:dan|-|,) {_BUKTI_SAJA}){{0,2}}"
        r"(?: (?:saja|lagi|kegiatan|akhir|nya))?(?= [.,;!\n]|$)",
        kunci=("sudah", "telah", "tinggal", "hanya", "cuma", "kurang"),
    ),
    *_tutupan(
        _Jenis.SEBAGIAN,
        r"(?:tidak|bukan|belum) (?:benar|betul|tepat|(?:bisa|dapat|boleh) (?:dikatakan|dibilang"
        rf"|disebut|dianggap))(?: {_W}){{0,4}}? (?:sudah |telah )?(?:{_SELESAI}|100 %|100 persen)",
    ),
    *_tutupan(
        _Jenis.SEBAGIAN,
        rf"(?:sempat|pernah|sebelumnya|tadinya|awalnya|semula)(?: (?:sudah|telah|dinyatakan"
        rf"|dianggap|kami anggap))? (?:{_SELESAI}|100 %|100 persen)",
    ),
    *_tutupan(
        _Jenis.SYARAT,
        rf"(?:jika|kalau|kalo|klo|apabila|bila|bilamana|seandainya|jikalau|andaikan|andai"
        rf"|manakala) (?:{_W} ){{0,3}}?{_K}",
        rf"{_K} (?:{_W} ){{0,2}}?(?:akan|nanti|segera) (?:(?:kami|segera|langsung) ){{0,2}}"
        r"(?:laporkan|dilaporkan|sampaikan|disampaikan|informasikan|koordinasikan)",
        rf"(?:jika|kalau|kalo|klo|apabila|bila|bilamana|seandainya|setelah|sesudah|begitu"
        rf"|sehabis|selepas|usai) (?:{_W} ){{0,3}}?(?:sudah |telah |tidak |belum )?(?:{_SELESAI}"
        r"|terlaksana|dilaksanakan|100 %|100 persen)"
        rf"(?! [,;] (?:{_W} |- ){{0,4}}?(?:belum|masih|sedang|baru))",
    ),
    *_tutupan(
        _Jenis.TOPIK,
        rf"(?:mengatasi|atasi|menangani|penanganan|penyelesaian|menyelesaikan|solusi|mengurai"
        rf"|mengidentifikasi|identifikasi|membahas|pembahasan|inventarisasi|pemetaan) (?:{_W} )?"
        rf"{_K}",
        r"(?:terkait|mengenai|tentang|soal|perihal|atas) (?:masalah|permasalahan)",
        r"(?:perbaikan|memperbaiki|diperbaiki|penggantian|mengganti|diganti|rehab|rehabilitasi"
        r"|penanganan|menangani|pemulihan|memulihkan|normalisasi|penghapusan|dihapus|menghapus"
        rf"|pemusnahan|dimusnahkan|pelelangan|dilelang)(?: {_W}){{0,3}}? (?:rusak"
        r"|mati|padam|mogok|putus|error|terganggu|gangguan|macet|jebol|roboh|ambruk|amblas"
        r"|hanyut|terbakar|tergenang|tertimbun|bocor)",
    ),
    *_tutupan(
        _Jenis.VERIFIKASI,
        r"(?:tinggal |hanya |masih |sedang )?menunggu (?:for |the |untuk )*(?:proses )?(?:di)?"
        r"(?:verifikasi|periksa|pemeriksaan|penilaian|nilai|pengecekan|cek|validasi|evaluasi"
        r"|review|konfirmasi|diserahterimakan|bast|serah terima|penyerahan|peresmian"
        r"|diresmikan|inspeksi|audit)",
        r"(?:tinggal|hanya|cuma) (?:di)?(?:pakai|pergunakan|gunakan|manfaatkan|nikmati|huni"
        r"|tempati|operasikan|fungsikan)|(?:tinggal|hanya|cuma) (?:pemanfaatan|penggunaan)",
        r"(?:(?:tapi|tetapi|namun|dan|tinggal|hanya|cuma) )?(?:masih )?(?:dalam )?(?:masa|periode)"
        r" (?:pemeliharaan|perawatan|maintenance|garansi|retensi|jaminan)",
        kunci=("menunggu", "tinggal", "hanya", "cuma", "masa", "periode"),
    ),
    *_tutupan(
        _Jenis.LALU,
        r"(?:sebelumnya|awalnya|tadinya|semula|kemarin|kemaren|sempat|pernah|minggu lalu"
        r"|pekan lalu|bulan lalu)(?: (?:ada|sempat|pernah|mengalami|sedikit)){0,2} "
        rf"(?:{_K}|macet|tertunda|terhenti|terlambat|berhenti)(?: {_W}){{0,4}}?"
        r"(?= (?:[,.;] )?(?:namun |tapi |tetapi |dan |alhamdulillah )?(?:sekarang|kini"
        r"|hari ini|saat ini|sudah|telah))",
        rf"{_K}(?: {_W}){{0,2}}? (?:di awal|di awalnya|pada awalnya|awalnya|sebelumnya|kemarin"
        rf"|sempat)(?: {_W}){{0,5}}?(?= (?:[,.;] )?(?:namun |tapi |tetapi |dan )?(?:sekarang"
        r"|kini|hari ini|saat ini|sudah|telah))",
    ),
    *_tutupan(
        _Jenis.URUT,
        rf"(?:belum|tidak) (?:bisa|dapat|sempat) (?:{_W} ){{0,4}}?(?:karena|krn|sebab|soalnya"
        rf"|dikarenakan) (?:{_W} ){{0,3}}?(?:belum (?:{_W} )?(?:{_SELESAI}|100)|masih (?:berjalan"
        r"|dikerjakan|proses|dalam proses|sedang)|sedang (?:berjalan|dikerjakan|proses))",
        rf"(?:belum|tidak) (?:bisa|dapat|sempat|akan) (?:di)?(?:{_SELESAI}|selesaikan|tuntaskan)"
        r" (?:hari ini|sekarang|saat ini|siang ini|sore ini|malam ini)",
        r"(?:sedikit|agak|rada|cuma|hanya|sedikit agak) (?:terlambat|telat|tertinggal|molor"
        r"|mundur|meleset)(?: (?:dari )?(?:jadwal|rencana|target))?",
        kunci=("belum", "tidak", "terlambat", "telat", "tertinggal", "molor", "mundur", "meleset"),
    ),
    *_tutupan(
        _Jenis.SALAM,
        rf"(?<=[^\W\d_] )yang belum (?!{_SELESAI}|done|semua|100(?!\S))[^\W_]+(?: [^\W_]+){{0,2}}?"
        r"(?= (?:[^\W_]+ |- ){0,4}(?:sudah|telah) )",
    ),
    *_tutupan(
        _Jenis.SALAM,
        r"(?<=[^\W\d_] )yang (?:terlambat|bermasalah|rusak|macet|mangkrak|wanprestasi|menunggak"
        r"|melanggar|menolak)(?= (?:[^\W_]+ ){0,3}?(?:sudah|telah) )",
        kunci=("yang",),
    ),
    *_tutupan(
        _Jenis.TINGGAL,
        r"(?:tinggal|hanya|cuma) (?:menunggu|menanti)",
        r"(?:data|laporan|berkas|dokumen|rekap) (?:dari |untuk )?[0-9]+ [^\W\d_]+ (?:lagi |masih "
        r"|yang )?belum (?:masuk|diterima|dikirim|lengkap|terkumpul|diinput|terinput)",
        kunci=("tinggal", "hanya", "cuma", "belum"),
    ),
    *_tutupan(
        _Jenis.LENGKAP,
        r"(?:tidak|tanpa) (?:ada )?(?:lagi )?(?:yang )?(?:sisa|tersisa|tertinggal|ketinggalan"
        r"|terlewat|terlewatkan|tinggal|kurang|tertunda)(?: lagi)?"
        rf"|tidak ada (?:lagi )?(?:yang )?(?:belum|tidak)(?: {_W}){{0,2}}",
        r"(?:yang )?(?:belum|sisa|sisanya|tersisa|tertinggal) (?:: |= )?(?:0|nol|nihil|tidak ada)"
        r"(?=(?: sudah){0,3}(?: [.,;!\n]|$))",
        r"(?:sudah|telah) siap (?:semua|semuanya|seluruhnya)|semua set",
        r"(?:0|nol) (?:[^\W\d_]+ )?(?:yang )?(?:tersisa|tertinggal|tersisa lagi|sisa)",
    ),
    *_tutupan(
        _Jenis.SEBAGIAN,
        rf"(?:masih )?belum (?:{_W} ){{0,2}}?(?:{_SELESAI}|done|100 %|100 persen|sepenuhnya"
        r"|semua|semuanya|seluruhnya|merata|tuntas"
        r"|final|maksimal|optimal)",
        rf"(?:hampir|nyaris|mendekati|menjelang|menuju|sedikit lagi|tinggal sedikit|sebentar lagi"
        rf"|tidak lama lagi)"
        rf" (?:{_W} )?(?:{_SELESAI}|100 %|100 persen|final|finishing|{_NUM} %)",
        r"(?:baru )?sebagian(?: besar)?",
        rf"jangan (?:{_W} |- ){{0,3}}?(?:{_SELESAI}|ditutup|tutup|close|closed|100 %|100 persen)",
        rf"(?<!semua )(?<!seluruh )(?<![0-9] )(?:tahap|fase|termin|segmen|ruas|paket|lot)"
        r"(?! (?:terakhir|akhir|final|pamungkas)(?!\S))"
        rf" (?:{_W} ){{0,3}}?"
        rf"(?:sudah |telah )?(?:{_SELESAI}|terlaksana)",
        rf"(?:{_SELESAI}|terlaksana|dilaksanakan) (?:untuk |pada |di )?(?:tahap|fase|termin)",
        r"(?P<a>[0-9]+(?:[.,][0-9]+)?) (?:[^\W\d_]+ )?dari"
        r" (?:total |target |keseluruhan |sasaran )?"
        r"(?!(?P=a)(?!\S))[0-9]+(?:[.,][0-9]+)?",
        r"(?:sudah |baru |masih )?(?:separuh|setengah|separo|seperempat|tiga perempat|sepertiga"
        r"|dua pertiga)(?: jalan)?(?! (?:hari|jam|menit|minggu|pekan|bulan|tahun)(?!\S))",
        rf"(?:masih )?jauh (?:dari )?(?:kata )?(?:{_SELESAI}|target|100 %|100 persen|harapan)"
        rf"|masih (?:jauh|panjang)(?: (?:dari|untuk|jalannya))?|{_SELESAI}(?:nya)? masih"
        r" (?:lama|jauh|panjang)",
        r"(?<![/0-9] )(?P<p>[0-9]+) / (?!(?P=p)(?!\S))[0-9]+(?! /)(?= [^\W\d_])",
        r"(?:masih |tapi |tetapi |namun |hanya |cuma )?ada (?:[^\W_]+ ){0,4}?(?:yang )?(?:belum"
        r"|perlu (?:perbaikan|diperbaiki|revisi|direvisi|penyempurnaan|disempurnakan"
        r"|dilengkapi|pembenahan|dibenahi))",
    ),
    *_tutupan(
        _Jenis.BELUM_MULAI,
        r"(?:masih )?belum (?:juga |sama sekali )?(?:(?:kami|saya) )?(?:di)?mulai(?! (?:karena"
        r"|krn|sebab|akibat|dikarenakan)(?!\S))",
        kunci=("mulai",),
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
        r"(?:belum|tidak|kurang) siap",
        r"(?:progres|kemajuan|perkembangan) (?:masih |juga )?(?:belum|tidak) ada",
    ),
    *_tutupan(
        _Jenis.RENCANA,
        r"(?:seharusnya|harusnya|mestinya|semestinya|sepatutnya)(?: (?!sudah|telah)[^\W_]+){0,3}?"
        rf" (?:{_SELESAI}|100 %|100 persen|terlaksana|diselesaikan|dituntaskan)",
        rf"{_RENCANA} (?:{_W} ){{0,2}}?(?:sudah )?(?:{_SELESAI}|terlaksana|diselesaikan"
        r"|dituntaskan|terealisasi)",
        rf"{_NANTI}(?: (?!sudah|telah)[^\W_]+){{0,2}}? (?:baru|akan|bisa|dapat|insyaallah)"
        rf" (?:{_SELESAI}|terlaksana|diselesaikan|dituntaskan|100 %|100 persen)",
        rf"(?<!sudah )(?<!telah )(?<!baru ){_SELESAI}(?:nya)? (?:(?:pada|paling lambat|maksimal"
        rf"|sebelum|dalam|di|sekitar|kurang lebih|insyaallah|{_RAGU}) )?(?:minggu depan"
        r"|pekan depan|bulan depan|tahun depan|minggu ini|pekan ini|bulan ini|tahun ini"
        r"|akhir [^\W_]+|awal [^\W_]+"
        r"|pertengahan [^\W_]+|besok|lusa|nanti|segera|secepatnya|tanggal|waktu dekat|tenggat"
        r"|batas waktu|deadline|senin|selasa|rabu|kamis|jumat|sabtu|triwulan|semester"
        r"|[0-9]+ (?:hari|minggu|pekan|bulan) (?:lagi|ke depan|kedepan))"
        rf"(?!(?: {_W}){{0,3}} (?:kemarin|lalu|tadi))",
    ),
    *_tutupan(
        _Jenis.RAGU,
        rf"{_RAGU}(?: {_W}){{0,3}}? (?:sudah |telah )?(?:{_SELESAI}|100 %|100 persen)",
        kunci=("selesai", "tuntas", "rampung", "beres", "kelar", "100"),
    ),
    *_tutupan(
        _Jenis.TARGET,
        rf"{_RENCANA} (?:{_W} ){{0,2}}?(?:sudah )?(?:100 %|100 persen)",
        rf"(?:{_NANTI}|insyaallah)(?: {_W}){{0,3}}? {_PERSEN}",
        kunci=("%", "persen"),
    ),
    *_tutupan(
        _Jenis.MULAI,
        r"(?:akan )?(?:di)?mulai (?:pada )?(?:hari )?(?:senin|selasa|rabu|kamis|jumat|sabtu"
        r"|minggu depan|pekan depan|bulan depan|tahun depan|besok|lusa|nanti|tanggal)",
        r"(?:minggu depan|pekan depan|bulan depan|tahun depan|besok|lusa|nanti)"
        r" (?:baru )?(?:akan )?(?:di)?mulai",
        rf"(?:akan )?(?:di)?mulai (?:pada |tanggal |tgl )?{_NANTI}",
        kunci=("mulai",),
    ),
    *_tutupan(
        _Jenis.JANJI,
        rf"(?<!sudah )(?<!telah )(?:siap|dukung|mendukung|didukung|komit|komitmen|berkomitmen"
        rf"|yakin|optimis|optimistis|setuju|sepakat|semangat)(?: {_W}){{0,2}}? 100 (?:%|persen)",
        r"100 (?:%|persen) (?:siap mendukung|dukung|mendukung|komit|berkomitmen|yakin|optimis"
        r"|setuju|sepakat)",
        r"(?<!sudah )(?<!telah )(?<!sudah kami )(?<!telah kami )(?<!sudah saya )(?:(?:kami|saya"
        r"|kita) )?(?:(?:di|me|meng)?(?:kawal|kerjakan|kejar|pantau|dampingi|awasi|upayakan"
        r"|usahakan|dorong|tuntaskan|selesaikan|lanjutkan)|terus|tetap)"
        rf"(?: {_W}){{0,3}}? (?:sampai|hingga|sd|sampai dengan) (?:benar - benar |betul - betul )?"
        rf"(?:{_SELESAI}|100 %|100 persen)",
    ),
    *_tutupan(
        _Jenis.JANJI,
        r"(?:(?:kami|saya|akan) )*(?:laporkan|dilaporkan|sampaikan|disampaikan|kabarkan"
        r"|informasikan|update) progres(?: (?:secara )?(?:berkala|rutin|harian|mingguan))?",
        rf"(?:akan|segera|siap|langsung|secepatnya|insyaallah|nanti|rencana|rencananya|direncanakan"
        rf"|dijadwalkan) (?:(?:kami|kita|segera|akan|langsung|untuk|coba|upayakan) ){{0,2}}"
        rf"{_AKSI}",
        rf"(?<!sudah )(?<!telah )(?<!sedang )(?<!masih )(?<!belum )(?<!tidak )(?<!lagi )"
        rf"(?<!tengah )(?:kami|saya) "
        rf"(?:(?:segera|akan|langsung) )?{_AKSI}(?!(?<=lanjutkan) (?:ke|di)(?!\S))",
        rf"siap (?:{_W} )?(?:mendukung|menyukseskan|mensukseskan|mematuhi|menaati|mengikuti"
        rf"|menjalankan|mengamankan)(?: dan {_AKSI})?",
        r"(?:akan )?(?:kami |kita )?(?:jadikan|dijadikan|menjadi) (?:pedoman|acuan|pegangan"
        r"|perhatian|atensi|prioritas|landasan|dasar)(?: (?:dalam|untuk|bagi)(?: [^\W_]+){1,3})?",
        rf"(?:harus|wajib|mesti|musti) (?:{_W} )?(?:{_SELESAI}|tuntas|100 %|100 persen)",
        r"(?:besok|lusa|nanti|segera|minggu depan|pekan depan|senin|selasa|rabu|kamis|jumat"
        r"|sabtu)(?: (?:pagi|siang|sore|malam))?(?: (?:kami|saya|kita|tim))?(?: (?:akan"
        r"|langsung))? (?:turun|berangkat|meluncur|cek|survei|tinjau|meninjau|rapat"
        r"|berkoordinasi|koordinasi)(?: (?:ke )?(?:lapangan|lokasi|lapang|kampung|desa|nagari))?",
        r"(?:kami|saya|kita|tim) (?:akan |langsung )?(?:kerja|bekerja|kerjakan|garap|turun)"
        r" (?:besok|lusa|nanti|minggu depan|pekan depan|senin|selasa|rabu|kamis|jumat|sabtu)"
        r"(?!\S)",
        rf"(?:jadwal|jadwal pelaksanaan|pelaksanaan)(?:nya)?(?: {_W}){{0,2}}? (?:{_NANTI}|{_BULAN})"
        r"(?! (?:lalu|kemarin|tadi)(?!\S))",
    ),
    *_tutupan(
        _Jenis.LANGKAH,
        rf"{_LANGKAH}(?: {_W}){{0,3}}? (?:sudah |telah )?(?:(?:kami|kita) )?(?:{_SELESAI}"
        r"|dilaksanakan|laksanakan|dilakukan|lakukan|terlaksana|diadakan|digelar|final|100 %"
        r"|100 persen)(?! (?:seluruhnya|sepenuhnya|secara keseluruhan|total)(?!\S))"
        r"(?! (?:di |pada |untuk )?(?P<nn>[0-9]+) (?:[^\W\d_]+ )?dari (?P=nn)(?!\S))",
        rf"(?:sudah|telah) (?:(?:kami|kita) )?(?:{_SELESAI}|dilaksanakan|laksanakan|dilakukan"
        rf"|lakukan|terlaksana|diadakan|digelar)(?: {_W}){{0,2}}? {_LANGKAH}",
        rf"(?:{_SELESAI}|dilaksanakan|terlaksana) (?:di|untuk|pada) (?P<mm>[0-9]+)"
        r"(?! (?:[^\W\d_]+ )?dari (?P=mm)(?!\S))",
        rf"(?:(?:sudah|telah) )?{_SELESAI} (?:di)?{_LANGKAH_KERJA}",
        rf"(?:(?:sudah|telah) )?{_SELESAI} (?:{_W} )?{_LANGKAH}",
        kunci=(
            "selesai",
            "tuntas",
            "rampung",
            "beres",
            "kelar",
            "laksana",
            "lakukan",
            "adakan",
            "gelar",
            "final",
            "100",
        ),
    ),
    *_tutupan(
        _Jenis.SISA,
        rf"(?:sisa|sisanya|tinggal|(?<!lebih )kurang(?! lebih))(?: {_PENGISI}){{0,2}} {_PERSEN}",
        rf"(?<!naik )(?<!turun )(?<!tambah ){_PERSEN} lagi(?! (?:naik|turun)(?!\S))",
        kunci=("%", "persen"),
    ),
    *_tutupan(
        _Jenis.LAJU,
        rf"(?:progres|capaian|realisasi|fisik|kemajuan)(?: {_W}){{0,3}}? (?:naik|meningkat"
        rf"|bertambah) (?:{_PENGISI} )?dari {_PERSEN}(?= (?:menjadi|jadi|ke) {_PERSEN})",
        r"(?<!progres )(?<!capaian )(?<!realisasi )(?<!fisik )(?:turun|naik|menurun|meningkat"
        rf"|berkurang|bertambah|penurunan|kenaikan|peningkatan) (?:{_PENGISI} )?dari {_PERSEN}"
        rf" (?:menjadi|jadi|ke) {_PERSEN}",
        r"(?:target|targetnya|ditargetkan|ditarget|rencana|direncanakan|diharapkan|kekurangan"
        r"|naik|meningkat|kenaikan|peningkatan|bertambah"
        r"|tumbuh|pertumbuhan|dari|deviasi|selisih|minus|defisit|surplus|inflasi|prevalensi"
        r"|stunting|kemiskinan|pengangguran|diskon|pajak|ppn|pph|bunga|retribusi|bobot|porsi|pad"
        r"|pendapatan|serapan|harga"
        rf"|kontribusi|rasio|fee|dp|uang muka)(?: {_PENGISI}){{0,2}} {_PERSEN}{_LAJU_EKOR}",
        rf"(?:cakupan|cakupannya)(?: (?!{_BUKAN_LAJU}(?!\S)){_W}| {_PENGISI}){{0,3}} {_PERSEN}",
        r"(?:target|targetnya|ditargetkan|inflasi|kehadiran|hadir|partisipasi|kepuasan|tingkat"
        r"|prevalensi|bobot|porsi|rasio|kontribusi|pad|pajak|retribusi|diskon|potongan"
        r"|keringanan|subsidi|tarif|denda|insentif|bunga|stunting|kemiskinan|pengangguran|harga)"
        rf"(?: (?!{_BUKAN_LAJU}(?!\S)){_W}| {_PENGISI}){{0,4}} {_PERSEN}"
        rf"(?: (?:menjadi|jadi|ke) {_PERSEN})?{_LAJU_EKOR}",
        rf"{_PERSEN} (?:yoy|mtm|ytd|qtq|ctc|per tahun|per bulan|setahun|sebulan)",
        rf"(?:tahun|bulan|triwulan|semester|periode|minggu|pekan) (?:lalu|kemarin|sebelumnya)"
        rf"(?: {_W}| {_PENGISI}){{0,3}} {_PERSEN}",
        r"(?<!penanganan )(?<!intervensi )(?<!percepatan )(?<!program )(?:angka )?(?:prevalensi"
        r"|stunting|kemiskinan|pengangguran|inflasi|kematian)(?: (?!(?:progres|capaian|realisasi"
        rf"|fisik|kemajuan|penanganan|intervensi|laksanakan|dilaksanakan|selesaikan|tuntas"
        rf"|selesai|rampung|tuntaskan)(?!\S)){_W}| {_PENGISI}){{0,4}} {_PERSEN}"
        rf"(?: (?:menjadi|jadi|ke) {_PERSEN})?",
        rf"(?:turun|menurun|penurunan|berkurang|susut|anjlok)(?: (?:{_PENGISI}|menjadi|jadi|ke))"
        rf"{{0,2}} {_PERSEN}",
        kunci=("%", "persen"),
    ),
    *_tutupan(
        _Jenis.SERAPAN,
        r"(?:serapan|penyerapan|terserap|diserap|cair|pencairan|dicairkan|realisasi keuangan"
        r"|keuangan|alokasi|alokasinya|teralokasi|dialokasikan|terpenuhi)"
        rf"(?: (?!{_BUKAN_LAJU}(?!\S)){_W}| {_PENGISI}){{0,3}} {_PERSEN}",
        rf"{_PERSEN} dari (?:total )?(?:kebutuhan|pagu|alokasi|anggaran|kuota|plafon|dana)",
        kunci=("%", "persen"),
    ),
)
"""Phrases blanked out before the search, in this order (each sees the earlier blanks)."""

TUTUPAN_KENDALA: Final = frozenset(
    {
        _Jenis.URUT,
        _Jenis.LENGKAP,
        _Jenis.SALAM,
        _Jenis.TANYA,
        _Jenis.AMAN,
        _Jenis.SYARAT,
        _Jenis.TOPIK,
        _Jenis.VERIFIKASI,
        _Jenis.LALU,
        _Jenis.TINGGAL,
        _Jenis.LAIN,
    }
)
"""The masks the obstacle search respects (``belum selesai karena hujan`` is an obstacle)."""

TIDAK_DAPAT: Final = _pola(
    rf"tidak (?:dapat|bisa|mungkin|memungkinkan|akan bisa|akan dapat) (?:untuk )?"
    rf"(?:kami |kita )?{_TL}"
)
"""The official says the directive cannot be followed up."""

BUKAN_KEWENANGAN: Final = _pola(
    r"(?:bukan|diluar|di luar) (?:merupakan )?(?:kewenangan|wewenang|tupoksi|ranah|urusan)",
    r"(?:kewenangan|wewenang)(?:nya)? (?:ada |berada )?(?:di|pada) (?:pemerintah |pemda )?"
    r"(?:provinsi|pusat|kementerian|pemprov|balai|kementrian)",
)
"""The directive is another office's matter: cannot be followed up, unless the official names
an obstacle in the work (``kami kesulitan koordinasi …, bukan kewenangan kabupaten``): then the
lack of authority is the obstacle's reason."""


class _Ambil(Enum):
    """Which part of the text is the obstacle."""

    SETELAH = "setelah"  # what follows the keyword: "kendala: lahan …" -> "lahan …"
    DARI = "dari"  # from the keyword on: "menunggu SK Bupati"
    SEMUA = "semua"  # the whole message: "pekerjaan macet"


@dataclass(frozen=True)
class _Kendala:
    """One way of saying there is an obstacle."""

    pola: str
    ambil: _Ambil
    tunggu: bool = False
    """A wait: not an obstacle when the official says there is none (``belum ada kendala, …
    nunggu kontrak``); then the work is in progress."""
    lunak: bool = False
    """A reason for not being done (``belum selesai karena volume bertambah``): not an obstacle
    when the official says there is none."""


_HAL: Final = (
    r"(?:anggaran|anggarannya|dana|dananya|biaya|sk|juknis|juklak|regulasi|perbup|perwal|perda"
    r"|dpa|sp2d|spm|rekomendasi|persetujuan|tanda tangan|ttd|tte|lahan|lokasi|material|bahan"
    r"|alat|petugas|personil|personel|tenaga|sdm|data|server|aplikasi|jaringan|sinyal|cuaca"
    r"|kontraktor|penyedia|rekanan|pihak ketiga|vendor|pencairan|dokumen|surat|izin|rab|pagu"
    r"|addendum|adendum|jadwal)"
)

_HAL_LAIN: Final = (
    r"(?:stok|obat|vaksin|bibit|benih|armada|kendaraan|mesin|pompa|excavator|ekskavator|bbm"
    r"|operator|waktu|akses|internet|listrik|tenaga ahli|personil|gudang|logistik|pupuk|pasokan"
    r"|genset|kapal|air bersih|bahan baku|semen|pakan|tabung|gas|elpiji|lpg|stok)"
)

KENDALA: Final[tuple[_Kendala, ...]] = (
    _Kendala(
        _pola(
            r"kendala|kendalanya|terkendala|hambatan|hambatannya|terhambat|masalah|masalahnya"
            r"|permasalahan|permasalahannya|persoalan|persoalannya|bermasalah|kesulitan|terganjal"
            r"|tertunda|ditunda|tertahan|terganggu|gangguan|terhalang|terkendala2"
            r"|problem|problemnya|issue"
        ),
        _Ambil.SETELAH,
    ),
    _Kendala(
        _pola(
            rf"(?:belum|tidak) (?!(?:bisa|dapat|boleh) (?:dikatakan|disebut|dibilang|dianggap))"
            rf"(?:{_W} ){{0,5}}?(?:karena|dikarenakan|disebabkan|sebab|akibat)"
        ),
        _Ambil.SETELAH,
        lunak=True,
    ),
    _Kendala(_pola(r"menunggu|menanti"), _Ambil.DARI, tunggu=True),
    _Kendala(
        _pola(
            r"(?:perlu|butuh|membutuhkan|memerlukan|diperlukan|dibutuhkan|perlunya|kebutuhan)"
            rf" (?:{_W} ){{0,2}}?(?:bantuan|dukungan|tambahan|penambahan|kejelasan|kepastian"
            rf"|{_HAL}|arahan (?:tertulis|resmi)|petunjuk (?:tertulis|teknis|resmi))",
            r"mohon (?:bantuan|dukungan|fasilitasi|percepatan|atensi|dibantu)",
            r"(?:perlu|butuh|membutuhkan|memerlukan) (?:segera )?(?:pinjam|meminjam|pinjaman"
            r"|dipinjami)",
            r"(?:perlu|butuh|membutuhkan|memerlukan) (?:sekitar |minimal |kurang lebih )?[0-9]+"
            r" (?!(?:hari|minggu|pekan|bulan|tahun|jam|menit|kali|%|persen)(?!\S))[^\W\d_]+",
            r"(?:belum|tidak) (?:ada |ketemu |bertemu |menemukan |mendapat |dapat |mendapatkan )?"
            r"(?:jawaban|balasan|respon|respons|tanggapan|kepastian|titik temu|kesepakatan"
            r"|keputusan|persetujuan|pengganti|penggantinya|titik temunya)(?!\S)",
            r"(?:perlu|butuh|memerlukan|membutuhkan) (?:arahan|petunjuk|_+) (?:tertulis|resmi)",
            r"(?:belum|tidak) (?:mau|bersedia|setuju|sepakat|kooperatif)",
            rf"(?:{_HAL}|{_HAL_LAIN}|kontrak(?:nya)?) (?:{_W} ){{0,3}}?(?:terbatas|kurang|habis"
            r"|minim|kosong|bocor"
            r"|rusak|error|down|mati|padam|mogok|gangguan|terganggu|langka|putus|offline"
            r"|(?:tidak|belum) (?:memadai|mencukupi|cukup|memungkinkan|mendukung))",
            rf"(?:{_HAL}|{_HAL_LAIN}) (?:{_W} ){{0,5}}?(?:tidak|belum) (?:memadai|mencukupi)",
            rf"(?:baru|hanya|cuma|masih) (?:{_W} )?{_PERSEN} dari (?:total )?(?:kebutuhan"
            r"|yang dibutuhkan|yang diperlukan)",
            r"(?:tidak|belum) (?:memungkinkan|membolehkan|memperbolehkan|mengizinkan|mengijinkan"
            r"|diizinkan|diijinkan|dibolehkan|diperbolehkan)",
            r"kekurangan|keterbatasan|terbatasnya|minimnya",
            rf"(?:minta|meminta|permintaan|menuntut|tuntutan) (?:{_W} ){{0,2}}?(?:tambahan"
            r"|penambahan|kenaikan|ganti rugi|kompensasi)",
            rf"(?:belum|tidak) (?:punya|memiliki|mempunyai|ada) (?:{_W} )?(?:{_HAL}|{_HAL_LAIN})"
            r"(?:nya)?",
            r"(?:tukang|pekerja|buruh|petugas|personel|personil|operator|tenaga|staf|pegawai|sopir"
            rf"|driver|kontraktor|penyedia|rekanan|vendor|pelaksana)(?:nya)?(?: {_W}){{0,3}}? "
            r"(?:kabur|menghilang|pulang kampung|mudik|mogok|sakit|cuti|tidak masuk"
            r"|tidak ada|belum ada|kurang|berhenti|mundur|keluar)",
            r"(?:belum|tidak) (?:bisa|dapat) (?:di)?(?:jangkau|akses|lalui|hubungi)",
            r"(?:belum|tidak) (?:berani|sanggup)",
            r"(?<!kami )(?<!saya )(?<!kita )(?:belum|tidak) (?:juga )?(?:memberikan|memberi|kasih"
            r"|mengeluarkan|menerbitkan|menandatangani|menyetujui|mengirimkan|mengirim"
            rf"|menyerahkan) (?:{_W} ){{0,2}}?(?:{_HAL}|jawaban|kepastian|balasan|berita acara"
            r"|bast|spk)",
            r"(?<!kami )(?<!saya )(?<!kita )(?:belum|tidak) (?:juga |kunjung )?(?:menandatangani"
            r"|meneken|menyetujui|merespon|merespons|membalas|menjawab|menanggapi)(?!\S)",
            r"(?:gempa|banjir|longsor|tanah longsor|kebakaran|angin kencang|puting beliung|badai"
            rf"|erupsi|abrasi|rob)(?: {_W}){{0,3}}? (?:merusak|merusakkan|menghancurkan"
            r"|merobohkan|menghanyutkan|memutus|memutuskan|menggenangi|merendam|menimbun|menutup"
            r"|menimpa|mengganggu)",
            r"(?:dokumen|arsip|bangunan|gedung|jembatan|jalan|rumah|gudang|alat|barang|material"
            r"|jaringan|tanggul|talud|pipa|akses)"
            r"(?: (?!(?:sudah|telah|tidak|belum|tak|bebas)(?!\S))"
            r"[^\W_]+){0,4} (?:hilang|terbakar|hanyut|roboh|ambruk|amblas|jebol|terendam"
            r"|tergenang|tertimbun|tertutup|terputus|putus)",
        ),
        _Ambil.DARI,
    ),
    _Kendala(
        _pola(
            rf"{_HAL}(?:nya)? (?:{_W} ){{0,6}}?(?:belum|tidak) (?:{_W} )?(?:cair|dicairkan|turun"
            r"|tersedia"
            r"|ada|keluar|terbit|diterbitkan|diterima|disetujui|ditandatangani|masuk|lengkap"
            r"|dialokasikan|dianggarkan|ditetapkan|mencukupi|cukup|memadai|bebas|dibebaskan|siap"
            r"|jelas|tersambung|aktif|berfungsi|datang|hadir|mendukung|merespon|respon|diakses"
            r"|kirim|mengirim|dikirim|tiba|sampai|bayar|dibayar|menyerahkan|diserahkan"
            r"|bisa diakses|dapat diakses|digunakan|dibuka|login)",
            rf"(?:belum|tidak) (?:ada|tersedia|cair|turun|keluar|terbit) (?:{_W} )?{_HAL}",
            rf"(?:kekurangan|keterbatasan|minim|minimnya|kurangnya|terbatasnya|ketiadaan"
            rf"|tidak adanya|belum adanya) (?:{_W} )?{_HAL}",
            rf"(?<!lebih )kurang (?:{_HAL}|{_HAL_LAIN}|orang|org)(?!\S)",
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
            rf"|{_SELESAI}|(?:di)?tuntaskan|{_TL})",
            r"(?:belum|tidak) (?:bisa|dapat|mampu|sempat) (?:untuk )?(?!(?:dipungkiri|dipastikan"
            r"|pastikan|disimpulkan|dihindari|dihindarkan|dilaporkan|kami|saya|dinyatakan"
            r"|laporan|kabar|info|informasi|update"
            r"|dikatakan|disebut|bilang|dibilang|dianggap|menyatakan|mengatakan|diklaim)(?!\S))"
            r"[^\W\d_]{3,}",
            r"(?:belum|tidak) (?:bisa|dapat|sanggup)(?= [,.;!\n]|$)",
        ),
        _Ambil.DARI,
    ),
    _Kendala(
        _pola(
            r"macet|mandek|mangkrak|stagnan|dihentikan|terhenti|berhenti|gagal|wanprestasi"
            r"|putus kontrak|force majeure|kahar|menolak|penolakan|keberatan|sengketa|protes"
            r"|terlambat|keterlambatan|telat|molor|sulit|susah|langka|kelangkaan|kehabisan|ditolak"
            r"|diusir|pengusiran|dihadang|penghadangan|dihalangi|diancam|ancaman|intimidasi"
            r"|perlawanan|dilawan|terpaksa|habis stok|kosong stok|sanggahan|disanggah|gugatan"
            r"|digugat|somasi|ditangguhkan|dibekukan|(?:kami )?hentikan|terbengkalai|terbakar"
            r"|korsleting|korslet|konslet|(?<!tidak )(?<!tanpa )(?:error|eror)|dicoret|refocusing"
            r"|kena virus|terkena virus"
            r"|(?:perbedaan|selisih|ketidaksesuaian) data",
            rf"(?:{_HAL}|{_HAL_LAIN}|alat berat)(?:nya)? (?:kami |kita )?(?:cuma|hanya) (?:satu|1"
            r"|sedikit)(?!\S)"
            r"|(?:tidak|belum) (?:sesuai|cocok|sinkron|valid|padan|akurat|terverifikasi)"
            r"(?! (?:target|rencana|jadwal|schedule)(?!\S))",
            rf"stok (?:{_W} ){{0,5}}?(?:habis|kosong|menipis)",
            rf"(?<!belum )tidak (?:{_W} )?(?:{_SELESAI}|tercapai|terealisasi|terlaksana)(?! belum)",
        ),
        _Ambil.SEMUA,
    ),
)
"""Obstacle phrases; the earliest match in the text decides where the obstacle text is."""


_PROSES: Final = Status.DALAM_PROSES

_BELUM_TUNTAS: Final = (
    r"(?:(?:di)?(?:koordinasikan|mulai|ajukan|usulkan|surati|bahas|rapatkan|proses|pantau"
    r"|siapkan|susun|disposisikan|teruskan|cek|data|identifikasi|konsultasikan|lanjutkan"
    r"|jadwalkan|rencanakan|anggarkan|targetkan|upayakan|usahakan|monitor|kawal|evaluasi"
    r"|reviu|review|bicarakan|diskusikan|tandatangani|teken|terima|baca|catat|pahami|mengerti"
    r"|jawab|balas|respon|tanggapi|konfirmasi)"
    r"|ter(?:kendala|hambat|tunda|lambat|tahan|ganggu|batas|koordinasi|ima))(?!\S)"
)
"""Verbs of work under way, of receiving or of answering: after ``sudah`` (``sudah diajukan``,
``sudah kami teruskan``, ``sudah dijawab``) they do not mean the directive may be done."""


_ARAHAN_KATA: Final = r"(?:arahan|perintah|instruksi|disposisi|atensi|tugas|kegiatan|pekerjaan)"
"""The directive or the work as a whole."""

_HASIL_UTUH: Final = (
    r"cair|lunas|bersih|lengkap|tercapai|terpenuhi|terbayar|terbayarkan|terpasang|tersalur"
    r"|tersalurkan|terkirim|terdistribusi|terealisasi|terlaksana"
)
"""Result states that, with a whole marker after them, say the whole work is done (``sudah cair
semuanya``, ``sudah bersih total``, ``sudah tercapai 100%``)."""

_BUKAN_HASIL: Final = (
    rf"(?:{_BELUM_TUNTAS}|(?:di|ter)?(?:undang|hubungi|informasikan|sampaikan|beritahu|ingatkan"
    r"|periksa|tegur|imbau|himbau|panggil|kumpulkan|kontak|tanyakan|arahkan|perintahkan"
    r"|tugaskan|libatkan|daftar|daftarkan|verifikasi|validasi|ukur|petakan|inventarisasi|kaji"
    r"|catat|minta|mintai|data|survei|sosialisasikan)(?!\S))"
)
"""Verbs that, done to all, are still one step (inviting, contacting, informing, checking,
registering, measuring …): ``Kepala desa sudah diundang semua`` is no completion of the whole."""


class _Sinyal(Enum):
    """What a phrase says about the work."""

    SELESAI = "selesai"  # the whole directive is done
    MUNGKIN = "mungkin"  # maybe done: "sudah dilaksanakan" (or only one step of it)
    SUDAH = "sudah"  # a bare "sudah" (or "sudah oke"): maybe done, nothing else certain
    ADA_SUDAH = "ada_sudah"  # a "sudah" somewhere: with something not done, in progress
    BELUM = "belum"  # something is not done yet: cancels a "done" phrase
    KUAT = "kuat"  # clearly still going on: beats a "done" phrase
    LEMAH = "lemah"  # work is being done
    SIAP = "siap"  # acknowledged
    RAGU = "ragu"  # a hedge ("sepertinya", "nanti saya pastikan"): a done word only asks


SINYAL: Final[tuple[tuple[_Sinyal, str], ...]] = (
    (
        _Sinyal.SELESAI,
        _pola(
            r"selesai|tuntas|rampung|kelar|(?:sudah|telah) (?:[^\W_]+ )?(?:beres|final)"
            r"|(?:beres|clear|final) (?:semua|semuanya|seluruhnya|total|100)"
            r"|(?:semua|semuanya|seluruhnya|all) (?:sudah )?(?:beres|clear)"
            r"|(?:(?:sudah|telah) (?:(?:kami|kita|saya) )?(?:di)?(?:selesaikan|tuntaskan|laksanakan"
            r"|kerjakan|salurkan|realisasikan|bayarkan|tangani|tindaklanjuti)|(?:(?:sudah|telah) )?"
            r"(?:terlaksana|terealisasi|tersalurkan|tertangani|ditindaklanjuti)) (?:semua|semuanya"
            r"|seluruhnya|sepenuhnya|secara keseluruhan|100 %|100 persen)"
            r"|(?:(?:semua|semuanya|seluruhnya) )?(?:sudah|telah) (?:(?:kami|kita|saya) )?"
            r"(?:di)?(?:selesaikan|tuntaskan)"
            r"|(?:arahan|perintah|instruksi|disposisi|atensi|tugas)(?: [^\W_]+){0,2}? (?:sudah"
            r"|telah) (?:(?:kami|kita|saya) )?(?:di)?(?:selesaikan|tuntaskan)"
            rf"|(?:sudah|telah) (?:(?:kami|kita|saya) (?!{_BUKAN_HASIL})[^\W\d_]{{3,}}(?:kan|i)"
            rf"|(?!{_BUKAN_HASIL})(?:di|ter)[^\W\d_]{{3,}}) (?:semua|semuanya|seluruhnya"
            r"|sepenuhnya)"
            rf"|(?:sudah|telah) (?:lengkap )?(?:{_HASIL_UTUH}) (?:semua|semuanya|seluruhnya"
            r"|sepenuhnya|total|100 %|100 persen)"
            rf"|(?:semua|seluruh|segenap) {_ARAHAN_KATA}(?: {_W}){{0,6}}? (?:sudah|telah)"
            r" (?:(?:kami|kita|saya) )?(?:di)?(?:laksanakan|selesaikan|tuntaskan|kerjakan"
            rf"|{_TL_KERJA})"
        ),
    ),
    (
        _Sinyal.MUNGKIN,
        _pola(
            r"terlaksana|terealisasi"
            r"|(?:sudah|telah) (?:(?:kami|kita|saya|di|semua|seluruhnya) )?"
            r"(?:(?:di)?laksanakan|dilakukan|lakukan|(?:di)?selesaikan|(?:di)?tuntaskan"
            r"|(?:di)?realisasikan|(?:di)?salurkan|(?:di)?kerjakan|(?:di)?tangani|dibagikan"
            r"|(?:di)?bagi|didistribusikan"
            r"|(?:di)?serahkan|dikirim|dikirimkan|kirim|kirimkan|dibayarkan|(?:di)?terbitkan"
            rf"|(?:di)?tetapkan|dibangun|diperbaiki|dibersihkan|dipasang|diganti|{_TL}"
            r"|di - follow up|di follow up|follow up)"
            r"|(?:sudah|telah) (?:(?:kami|kita|saya|semua|seluruhnya) )?"
            rf"(?!{_BELUM_TUNTAS})(?:di|ter)[^\W\d_]{{4,}}"
            rf"|(?:sudah|telah) (?:kami|kita|saya) (?!{_BELUM_TUNTAS})[^\W\d_]{{3,}}(?:kan|i)"
            r"|beres|(?:sudah|telah) (?:oke|aman|clear|serah terima|pho|fho|bast)"
            r"|(?:sudah|telah) (?:bisa|dapat) (?:di|ber)?[^\W\d_]{3,}"
            r"|(?:sudah|telah) sesuai (?:dengan )?(?:arahan|instruksi|perintah|petunjuk"
            r"|disposisi|_+)"
            r"|(?:sudah|telah) (?:tayang|online|aktif|berfungsi|beroperasi|normal|bersih|menyala"
            r"|berlaku|live|rilis|dirilis|jadi|lengkap|siap|berdiri|mengalir|surut|pulih"
            r"|berjalan lancar|berjalan dengan lancar|keluar [^\W\d_]+nya)"
            r"|(?:sudah|telah) (?:kami|kita|saya) (?:gelar|bangun|pasang|tanam|bentuk|angkut"
            r"|tutup|buka|cor|aspal|bongkar|lantik|bagi|cetak|tebar|semprot|fogging|rehab|bedah)"
            r"|(?:sudah|telah)(?= [\n,.;!]|$)"
            r"|(?:sudah|telah) (?:semua|semuanya|seluruhnya)(?= [\n,.;!]|$)"
        ),
    ),
    (
        _Sinyal.SUDAH,
        r"^[_\s,.!]*(?:semua )?(?:sudah|telah)"
        r"(?: (?:semua|semuanya|seluruhnya|oke|aman|clear|siap))?[_\s,.!]*$",
    ),
    (_Sinyal.ADA_SUDAH, _pola(r"sudah|telah")),
    (
        _Sinyal.BELUM,
        _pola(
            r"belum|kecuali|sisanya|sisa|menyusul|selanjutnya|berikutnya|kemudian|minggu depan"
            r"|pekan depan|bulan depan|besok|lusa"
            r"|(?:(?<=selesai )|(?<=tuntas )|(?<=rampung )|(?<=beres )|(?<=kelar ))baru"
            rf"|(?:[0-9]+|satu|dua|tiga|empat|lima|beberapa) (?:{_W} ){{0,2}}?lagi"
            rf"|perlu (?:{_W} ){{0,2}}?(?:perbaikan|diperbaiki|revisi|direvisi|penyempurnaan"
            r"|disempurnakan|dilengkapi|pembenahan|dibenahi)"
            r"|(?:tapi|tetapi|namun|hanya|cuma) (?:masih )?ada"
            r"|(?:ada|terdapat|ditemukan) (?:[^\W_]+ ){0,2}?temuan"
            rf"|(?:tapi|tetapi|namun) (?:{_W} ){{0,5}}?(?:diperbaiki|perbaiki|perbaikan|revisi"
            r"|direvisi|dikembalikan|ditolak|diulang|ulang|(?:kembali )?(?:mati|rusak|error|padam"
            r"|bocor|ambruk|jebol|macet|hilang|retak|longsor|putus|kambuh) lagi|kembali (?:mati"
            r"|rusak|error|padam|bocor|ambruk|jebol|macet|hilang|retak|longsor|putus|kambuh))"
            rf"|(?:tapi|tetapi|namun) (?:{_W} ){{0,3}}?masih"
            rf"|akan (?:{_W} )?(?:di|ber|me|ter)?[^\W\d_]{{3,}}"
        ),
    ),
    (
        _Sinyal.KUAT,
        _pola(
            r"sedang|lagi (?:dalam|proses|progres|di[^\W_]+)|masih (?:ada|tersisa|terdapat)"
            r"|masih (?:di|ke) (?:lokasi|lapangan|lapang|tkp|posko)|masih banyak"
            r"|(?:sedang|tengah) (?:dalam|di[^\W_]+|me[^\W_]+|ber[^\W_]+|buat|bikin|kerja|garap"
            r"|susun|proses)"
            r"|(?<!sudah )(?<!telah )(?:di|mem|me|meng)?(?:perbaiki|kerjakan|bangun|cor|ukur|input"
            r"|ajukan|susun|buat|kerja|bongkar|pasang|tanam|hitung) ulang|diulang|mengulang"
            r"|masih [^\W\d_]{3,}ing|masih (?:mau|akan|perlu|harus|hendak|menunggu) [^\W\d_]{3,}"
            r"|baru (?:(?:kami|saya) )?(?:mulai|dimulai|memulai|berjalan|jalan|start|dikerjakan)"
            r"|(?:mulai|dimulai) (?:bekerja|kerja|dikerjakan|digarap|dibangun|mengerjakan"
            r"|melaksanakan|dilaksanakan)"
            rf"|baru (?:{_W} ){{0,2}}?sementara|(?:data|rekap|rekapan|laporan|hasil|angka|nilai)"
            r" sementara"
            r"|masih (?:dalam|tahap|proses|progres|on|koordinasi|lanjut|jalan|belum|di[^\W_]+"
            r"|me[^\W_]+|ber[^\W_]+|pe[^\W_]+|input|entri|entry|rekap|olah|hitung|ketik|susun"
            rf"|kerja|garap|cek|cor|gali|pasang|bangun|kumpulkan|{_LANGKAH})"
            rf"|(?:[0-9]+|beberapa|sebagian) (?:{_W} ){{0,2}}?(?:lainnya|selebihnya)"
            r"|(?:masih|lagi|tengah) (?:kami|kita|saya) [^\W\d_]{3,}"
            r"|(?:dalam|on|in) (?:proses|progres|pengerjaan|pelaksanaan|penyelesaian|tahap)"
            rf"|(?:proses|prosesnya|penyelesaian|pengerjaan){_BUKAN_SUBJEK}"
            r"|diproses|berproses|ongoing|on going"
            rf"|progres(?!{_PRA_PROGRES}{{0,4}} [0-9])(?! (?:akan|nanti|selanjutnya|menyusul|_))"
            r"|berjalan(?! (?:dengan )?(?:lancar|baik|sukses|aman|normal|penuh|optimal"
            r"|maksimal))|berlangsung|bertahap"
            r"|dilanjutkan|(?<!tindak )lanjut|berlanjut|tinggal|finishing"
            r"|(?<!seluruh )(?<!semua )tahap(?! (?:terakhir|akhir|final|pamungkas)(?!\S))"
            r"|(?:jalan|berjalan|lanjut|kerja|bekerja) terus|tetap (?:jalan|berjalan|lanjut)"
            r"|baru (?:[0-9]+|satu|dua|tiga|empat|lima|beberapa|sebatas)"
            r"|masih (?:di|pada|ditangan|di tangan) (?:bagian|biro|meja|tangan|pihak|dinas|badan"
            r"|kantor|provinsi|kementerian|bappeda|bpkad|inspektorat|ukpbj|setda|sekretariat"
            r"|kabag|kadis|sekda|bupati|dprd|tim)"
        ),
    ),
    (
        _Sinyal.LEMAH,
        _pola(
            r"(?:kami|kita|saya|tim) (?:(?:akan|segera|langsung) )?(?:lanjutkan|lanjut|teruskan"
            r"|melanjutkan|meneruskan|bergeser|geser|pindah) (?:ke|di)"
            r"|dikerjakan|mengerjakan|dikoordinasikan|berkoordinasi|koordinasi|sosialisasi"
            r"|disosialisasikan|survei|survey|disurvei|pendataan|didata|validasi|penyusunan|disusun"
            r"|menyusun|persiapan|disiapkan|menyiapkan|melaksanakan|melakukan|identifikasi"
            r"|diidentifikasi|lelang|tender|kontrak|berkontrak|lancar|mulai|dimulai|memulai"
            r"|pengecekan|dicek|pemantauan|dipantau|monitoring|disurati|menyurati|bersurat"
            r"|pembahasan|dibahas|dirapatkan|ditangani|penanganan|berjalan|koordinasikan|diteruskan"
            r"|teruskan|didisposisikan|disposisikan|disposisi|(?:sudah|telah|mulai) jalan"
            r"|pengukuran|pengecoran|penginputan|input|mobilisasi|uji coba|ujicoba|on track"
            r"|(?:sudah|telah) (?:cair|turun|tersedia|terbit|keluar|ditandatangani)"
            r"|harmonisasi|reviu|asistensi|evaluasi|diajukan|mengajukan|diusulkan|mengusulkan"
            r"|dikonsultasikan|dikerahkan|mengerahkan|diterjunkan|turun (?:ke )?(?:lapangan|lokasi)"
            r"|(?:di|men)?turunkan (?:tim|petugas|personil|personel|alat|satgas)"
            r"|(?:di|meng?)?(?:gerakkan|kerahkan|terjunkan)"
            r"|(?:sudah|telah) (?:ada |tercapai |dicapai )?(?:kesepakatan|titik temu|kata sepakat)"
            r"|(?:sudah|telah) (?:(?:kami|kita|saya) )?(?:di)?(?:koordinasikan|ajukan|usulkan"
            r"|surati|bahas|rapatkan|proses|siapkan|susun|anggarkan|jadwalkan|rencanakan"
            r"|konsultasikan|identifikasi|disposisikan|teruskan|mulai|lanjutkan|pantau|kawal"
            r"|monitor|upayakan|usahakan|alokasikan)(?!\S)"
            r"|(?:sudah|telah) (?:(?:kami|kita|saya) )?(?:suruh|perintahkan|tugaskan|instruksikan"
            r"|arahkan|minta|mintakan|perintah|disuruh|diperintahkan|ditugaskan)"
            r"|(?:update|laporan|progres|rekap) (?:harian|mingguan|lapangan)"
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
    (_Sinyal.SIAP, r"^[_\s,.:;!-]*baik(?!\S)"),
)
"""Keyword patterns searched in the fully masked text."""

RAGU: Final = _pola(
    _RAGU,
    r"(?:sesuai|sebatas|semampu) (?:(?:dengan )?kemampuan|kapasitas)(?: kami| yang ada)?"
    r"|semampunya|sebisanya|sebisa mungkin|semampu kami",
    r"(?:(?<=[^\W_] )|(?<=% )|(?<=, ))(?:kata|menurut|info dari|laporan dari)"
    r" (?!kata(?!\S))(?:[^\W_]+ )?[^\W_]+(?= [.,;!\n]|$)",
    r"(?:nanti|akan|segera|masih|perlu|mau|coba|harus) (?:(?:kami|saya|kita) )?(?:pastikan"
    r"|dipastikan|memastikan|cek|dicek|mengecek|konfirmasi|dikonfirmasi|mengonfirmasi"
    r"|kroscek|crosscheck|verifikasi|diverifikasi|memverifikasi)",
    r"belum (?:pasti|tentu|dipastikan|dicek|diverifikasi|dikonfirmasi)",
    r"(?:saya|kami) (?:tanya|tanyakan|cek|konfirmasi) (?:dulu|lagi|kembali)",
    r"belum (?:dapat|terima|menerima|mendapat|mendapatkan|ada) (?:laporan|kabar|info|informasi"
    r"|konfirmasi|update)",
    r"kata(?: [^\W_]+| -){0,4}? (?:sudah|telah)|menurut (?:info|informasi|laporan|keterangan"
    r"|kabar)",
)
"""Hedges, searched in the canonical text before masking: with one of them a done word only
asks (``Sepertinya sudah selesai``, ``Sudah selesai, nanti saya pastikan lagi``)."""

SINYAL_TUTUPAN: Final[dict[_Jenis, _Sinyal]] = {
    _Jenis.TERIMA: _Sinyal.SIAP,
    _Jenis.TERUSKAN: _Sinyal.LEMAH,
    _Jenis.RENCANA: _Sinyal.LEMAH,
    _Jenis.TINGGAL: _Sinyal.KUAT,
    _Jenis.URUT: _Sinyal.KUAT,
    _Jenis.LENGKAP: _Sinyal.MUNGKIN,
    _Jenis.SERAPAN: _Sinyal.LEMAH,
    _Jenis.LANGKAH: _Sinyal.MUNGKIN,
    _Jenis.NEGASI: _Sinyal.BELUM,
    _Jenis.BELUM_MULAI: _Sinyal.BELUM,
    _Jenis.SEBAGIAN: _Sinyal.KUAT,
    _Jenis.SISA: _Sinyal.KUAT,
    _Jenis.JANJI: _Sinyal.SIAP,
    _Jenis.RAGU: _Sinyal.MUNGKIN,
}
"""Masked phrases that are signals themselves."""

_TOKEN: Final = (
    r"[^\W\d_]+(?:['’][^\W\d_]+)+|[^\W\d_]+[0-9]+[^\W\d_]+|[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|\n"
    r"|[-=]+>|[^\w\s]"
)
"""A word (an apostrophe inside it is dropped: Makassar ``le'ba'mi``, ``sami'na``), a code like
``SP2D``, a number, a line break, an arrow or one symbol."""
_APOSTROF: Final = str.maketrans("", "", "'’")
_ULANG: Final = r"([^\W\d_])\1{2,}"
_ANGKA: Final = r"([0-9]{1,3})(?:[.,]([0-9]+))?"
_LABEL: Final = (
    r"\n[ \t]*(?:[-*•>]+[ \t]*)?(?:"
    + "|".join(re.escape(label) for label in LABEL_TEMPLAT)
    + r")\b[^\n:]{0,25}:"
)
"""A template label line (case-insensitive): :data:`LABEL_TEMPLAT` and a colon."""
_KATA: Final = r"\S+"
_KATA_KUNCI: Final = frozenset(KATA_KUNCI)


def _dikenal() -> frozenset[str]:
    """Words the reader knows (every word in its tables and patterns): never taken for a typo."""
    pola = (*(t.pola for t in TUTUPAN), *(k.pola for k in KENDALA), *(p for _, p in SINYAL))
    return (
        frozenset(SINGKATAN.values())
        | DIABAIKAN
        | SATUAN
        | PENGISI_PROGRES
        | frozenset(re.findall(r"[a-z]{5,}", " ".join((*pola, TIDAK_DAPAT))))
    )


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
    if kata.endswith("kah"):
        return kata  # a question ("selesaikah"), never a typo of "selesaikan"
    for kunci in KATA_KUNCI:
        if kata[0] == kunci[0] and 2 * len(kata) >= len(kunci) and _tanpa_vokal(kata, kunci):
            return kunci
    if len(kata) < 5:
        return kata
    # imported here: rapidfuzz takes ~15 ms to import and only an unknown word needs it
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

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
    tabel = _tabel()
    kecil = tabel.ulang.sub(r"\1", kata.lower().translate(_APOSTROF))
    kecil = SINGKATAN.get(kecil, kecil)
    if not kecil or kecil in DIABAIKAN:
        return ""
    if not kecil[0].isalnum() and kecil not in TANDA_BACA:
        return ""
    if kecil in tabel.dikenal:
        return kecil
    return _varian(kecil) or _betulkan(kecil)


VARIAN_AWAL: Final = (("e", ""), ("ka", "ke"), ("ke", "ka"))
"""Regional passive prefixes spelled apart from the lexicon's form: Madurese ``e-`` before a
form the lexicon knows (``ekaterima`` → ``katerima``), Balinese ``ka-``/``ke-``
(``kalaksanayang`` → ``kelaksanayang``)."""


def _varian(kata: str) -> str | None:
    """A regional word in a spelling its lexicon does not list (issue 9, point 2): Sasak ``q``
    for ``k`` (``ndeqman`` → ``ndekman``), a final ``h`` (Madurese ``mareh`` → ``mare``), a
    possessive ``-na``/``-nya`` (``pessena`` → ``dananya``) or a passive prefix spelled another
    way (:data:`VARIAN_AWAL`); ``None`` when it is none of these."""
    if not kata.isalpha() or len(kata) < 4:
        return None
    if "q" in kata and kata.replace("q", "k") in DAERAH:
        return DAERAH[kata.replace("q", "k")]
    if kata.endswith("h") and kata[:-1] in DAERAH:
        return DAERAH[kata[:-1]]
    for akhir in ("nya", "na"):
        if kata.endswith(akhir) and DAERAH.get(kata[: -len(akhir)]) in _BENDA_DAERAH:
            return DAERAH[kata[: -len(akhir)]] + "nya"
    for akhir in AKHIRAN_DAERAH:
        dasar = kata[: -len(akhir)]
        if kata.endswith(akhir) and len(dasar) >= 4:
            dasar = DAERAH.get(dasar, dasar)
            if dasar + "nya" in _tabel().dikenal:
                return dasar + "nya"
            if dasar in _tabel().dikenal:
                return dasar
    for awal, ganti in VARIAN_AWAL:
        if kata.startswith(awal) and len(kata) - len(awal) >= 5:
            dasar = ganti + kata[len(awal) :]
            if dasar in DAERAH:
                return DAERAH[dasar]
    return None


AKHIRAN_DAERAH: Final = ("nyo", "nipun", "ipun")
"""Regional possessive suffixes (Minang ``-nyo``, Javanese krama ``-ipun``) on a word the reader
knows: ``arahannyo`` → ``arahannya``, ``kendalanipun`` → ``kendalanya``, ``sapatangahnyo`` →
``setengah``."""

_BENDA_DAERAH: Final = frozenset({"dana", "pekerjaan", "anggaran", "surat", "alat", "mobil"})
"""Regional nouns that take a possessive suffix (``pessena``: its money)."""


ANGKA_KATA: Final[dict[str, int]] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}  # fmt: skip
"""Number words; ``sepuluh``, ``sebelas``, ``X belas`` and ``X puluh Y`` are built from them."""


def _angka_kata(token: Sequence[str], i: int) -> tuple[int, int] | None:
    """A number written in words at ``token[i]`` (``tujuh puluh lima`` → 75, ``sepuluh`` → 10,
    ``lima belas`` → 15; a single ``lima`` only before ``persen``/``%`` or next to ``dari``:
    ``tiga dari empat``) and how many tokens it takes, else ``None``."""
    kata = token[i]
    berikut = token[i + 1] if i + 1 < len(token) else ""
    if kata in ("sepuluh", "sebelas"):
        return (10 if kata == "sepuluh" else 11), 1
    satuan = ANGKA_KATA.get(kata)
    if satuan is None:
        return None
    if berikut == "belas":
        return 10 + satuan, 2
    if berikut == "puluh":
        ekor = ANGKA_KATA.get(token[i + 2]) if i + 2 < len(token) else None
        return (10 * satuan + ekor, 3) if ekor is not None else (10 * satuan, 2)
    if berikut in TANDA_PERSEN or berikut == "dari" or (i > 0 and token[i - 1] == "dari"):
        return satuan, 1  # "lima persen", "tiga dari empat nagari"
    return None


_HURUF_O: Final = r"(?<![^\W_])[oO]*[0-9][0-9oO]*(?=[ \t]?(?:%|persen|prsn|pct))"
"""A percentage typed with the letter O for a zero: ``4O%``, ``1OO %``."""

JAWA_ASPEK: Final = frozenset({
    "wis", "wes", "uwis", "uwes", "lagi", "lg", "arep", "durung", "isih", "sek", "bakal",
    "sesuk", "mbenjing", "mengko", "engko", "mangke",
})  # fmt: skip
"""Javanese words after which ``tak`` is "I" (``wis tak lakoni``: I have done it), not "not"."""


_ADA_ANGKA: Final = r"[0-9]"
_ADA_KATA: Final = r"[^\W_]{2}"
KELAS_BERIKUT: Final[dict[str, str]] = {
    "luas": (
        r"selesai|tuntas|rampung|kelar|beres|siap|semua|(?:di|ter)[^\W\d_]{3,}|cek|kirim|buat"
        r"|oke"
    ),
    "selesai": r"selesai|tuntas|rampung|kelar|beres|siap|semua|semuanya",
    "lampau": r"selesai|tuntas|rampung|kelar|beres|siap|terima|(?:di|ter)[^\W\d_]{3,}",
    "utuh": r"semua|semuanya|seluruhnya|maneng|sudah|kelar",
    "lah": (
        r"selesai|tuntas|rampung|kelar|beres|siap|semua|(?:di|ter)[^\W\d_]{3,}|ada|bisa|dapat"
        r"|masuk|sampai|datang|cair|turun|lancar|jalan|berjalan|mulai|oke|aman|100|kami|saya"
    ),
    "kerja": (
        r"ada|bisa|dapat|mau|boleh|jalan|berjalan|kerja|bekerja|dikerjakan|selesai|kelar"
        r"|rampung|masuk|sampai|datang|cukup|cair|turun|lancar|tahu|jadi|lanjut|mulai"
    ),
}
"""The classes of the next word for :data:`bot.domain.reply_lexicon.SEBELUM` (Manado ``so``,
Acehnese ``ka``, Ambonese ``seng`` …): ``luas`` a done word or a verb (``so klar``, ``so cek``;
English ``so`` stays), ``selesai`` a done word, ``lampau`` a done word or a passive verb
(Acehnese ``ka lheuh``, ``ka geujok``, ``ka teurimong``; Minang ``ka nagari`` stays), ``utuh``
"all" (Bugis ``pura maneng``), ``kerja`` a verb of work or being able (``seng bisa``; but ``atap
seng``)."""

_FRASA_AWAL: Final = frozenset(awal for awal, _ in FRASA)

ASPEK: Final = frozenset({"sudah", "belum", "tidak", "masih", "telah"})
"""After one of these a word of :data:`bot.domain.reply_lexicon.SESUDAH` is read (``durung
mari``: not yet done)."""


def _nol(cocok: re.Match[str]) -> str:
    return cocok.group().replace("o", "0").replace("O", "0")


def _uraikan(asli: str) -> _Teks:
    """Tokenise ``asli`` into the canonical text (see the module docstring, step 1)."""
    tabel = _tabel()
    # same length, so spans still point into ``asli``
    angka_asli = tabel.huruf_o.sub(_nol, asli) if tabel.ada_angka.search(asli) else asli
    mentah: list[tuple[str, tuple[int, int]]] = []
    sebelum = ""
    dari_sebelum = 0  # where the previous word's tokens start in ``mentah``
    for cocok in tabel.token.finditer(angka_asli):
        asli_kata = cocok.group().lower()
        if asli_kata in ("'", "’"):
            continue  # a glottal stop ending a word: Madurese "ghi' ta'"
        kunci = (
            asli_kata.translate(_APOSTROF) if "'" in asli_kata or "’" in asli_kata else asli_kata
        )
        frasa = FRASA.get((sebelum, kunci)) if sebelum in _FRASA_AWAL else None
        if frasa is not None and dari_sebelum < len(mentah):
            # two words that are one thing together: Madurese "ghi' ta'" (not yet), "next week"
            span = (mentah[dari_sebelum][1][0], cocok.end())
            del mentah[dari_sebelum:]
            mentah.extend((bagian, span) for bagian in frasa)
            sebelum = ""
            continue
        urai = URAI.get(kunci)
        if urai is not None:
            # one word that is two: Papua "trada" (there is no)
            sebelum, dari_sebelum = kunci, len(mentah)
            mentah.extend((bagian, cocok.span()) for bagian in urai)
            continue
        if kunci == "dope" and any(t == "tidak" for t, _ in mentah[-2:]):
            # Batak "dang sae dope": not done yet ("dope" after a negation is "yet")
            k = max(i for i in range(len(mentah) - 2, len(mentah)) if mentah[i][0] == "tidak")
            mentah[k] = ("belum", mentah[k][1])
            sebelum, dari_sebelum = kunci, len(mentah)
            continue
        token = _kanonik(asli_kata)
        if asli_kata == "tak" and sebelum in JAWA_ASPEK:
            token = "kami"
        sebelum = kunci
        dari_sebelum = len(mentah)
        if not token or (token == "\n" and (not mentah or mentah[-1][0] == "\n")):
            continue
        if token == "an" and mentah and mentah[-1][0].isdigit():
            continue  # "30an persen": about 30
        if token == "belum" and mentah and mentah[-1][0] == "tidak":
            mentah.pop()  # Sundanese "teu acan", Batak "dang dope": not yet
            dari_sebelum = len(mentah)
        awalan = 2 if len(mentah) > 1 and mentah[-1][0] == "-" else 1
        if (
            len(mentah) >= awalan
            and mentah[-awalan][0] in ("di", "d")
            and token.isalpha()
            and not token.startswith("di")
            and "di" + token in tabel.dikenal
        ):
            # a passive prefix typed apart: "di slesaikan", "d terima", "di-handle" (not "di
            # kantor")
            mulai = mentah[-awalan][1][0]
            del mentah[-awalan:]
            mentah.append(("di" + token, (mulai, cocok.end())))
            continue
        if token in SESUDAH and mentah and mentah[-1][0] in ASPEK:
            token = SESUDAH[token]  # Javanese "durung mari": not yet done
        if mentah and mentah[-1][0] in SEBELUM:
            arti, kelas = SEBELUM[mentah[-1][0]]
            if tabel.kelas_berikut[kelas].fullmatch(token):
                mentah[-1] = (arti, mentah[-1][1])  # Manado "so klar", Aceh "ka lheuh"
        mentah.append((token, cocok.span()))
    kata = [token for token, _ in mentah]
    bagian: list[str] = []
    awal: list[int] = []
    rentang: list[tuple[int, int]] = []
    posisi = i = 0
    while i < len(mentah):
        token, span = mentah[i]
        angka = _angka_kata(kata, i)
        if angka is not None:
            token, span = str(angka[0]), (span[0], mentah[i + angka[1] - 1][1][1])
            i += angka[1]
        else:
            i += 1
        bagian.append(token)
        awal.append(posisi)
        rentang.append(span)
        posisi += len(token) + 1
    return _Teks(asli, " ".join(bagian), tuple(awal), tuple(rentang))


def _samarkan(teks: str, pola: re.Pattern[str]) -> tuple[str, bool]:
    """Blank out every match of ``pola`` (non-space characters become ``_``)."""
    pertama = pola.search(teks)
    if pertama is None:  # most masks do not occur: no list, no join
        return teks, False
    potongan: list[str] = []
    akhir = 0
    for cocok in pola.finditer(teks, pertama.start()):
        mulai, selesai = cocok.span()
        potongan.append(teks[akhir:mulai])
        potongan.append("".join(" " if c.isspace() else "_" for c in teks[mulai:selesai]))
        akhir = selesai
    if not potongan:
        return teks, False
    potongan.append(teks[akhir:])
    return "".join(potongan), True


_Topeng = tuple[_Jenis, re.Pattern[str], tuple[str, ...]]
"""A compiled mask (:class:`_Tutupan`) and its :attr:`~_Tutupan.kunci`."""


def _tutup(kanon: str, tutupan: Sequence[_Topeng]) -> tuple[str, frozenset[_Jenis]]:
    """Apply the given masks in order; return the text and kinds hit."""
    kena: set[_Jenis] = set()
    for jenis, pola, kunci in tutupan:
        if kunci and not any(k in kanon for k in kunci):
            continue
        kanon, ada = _samarkan(kanon, pola)
        if ada:
            kena.add(jenis)
    return kanon, frozenset(kena)


# ---------------------------------------------------------------------------------------------
# Percentages
# ---------------------------------------------------------------------------------------------


def _nilai(token: str) -> int | None:
    """The percentage a number token can be (0..100, decimals rounded down), else ``None``."""
    cocok = _tabel().angka.fullmatch(token)
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
_DARI: Final = (
    r"(?<!\S)(?<!" + r" )(?<!".join(BUKAN_JUMLAH) + r" )(?P<a>[0-9]+(?:[.,][0-9]+)*)"
    rf"(?: (?P<sa>{_SATUAN_JUMLAH}))? (?:dari|, (?:total|jumlah|dari)(?: ada)?)"
    r" (?:(?:total|target|keseluruhan|jumlah|sebanyak|sasaran|rencana|yang direncanakan"
    r"|kebutuhan|yang ada) )?"
    rf"(?P<b>[0-9]+(?:[.,][0-9]+)*)(?: (?P<sb>{_SATUAN_JUMLAH}))?(?!\S)"
)
_DARI_BALIK: Final = (
    r"(?<!\S)(?:dari|total|jumlah) (?:total |target |jumlah |sasaran |rencana )?"
    r"(?P<b>[0-9]+(?:[.,][0-9]{3})*)(?: (?P<s>[^\W\d_]+))?(?: [^\W\d_]+){0,3}?(?: [,:])?"
    r"(?: (?:hari ini|saat ini|sekarang|kini|per hari ini|sampai hari ini|sampai saat ini))?"
    r" (?:(?:yang|sebanyak) |baru (?=(?:capaian|realisasi|tercapai|terealisasi|sudah|telah) ))?"
    r"(?:(?P<c>capaian|realisasi|tercapai|terealisasi|sudah|telah|baru)"
    r"(?: (?:di|ter)[^\W\d_]{3,})? )?"
    r"(?P<a>[0-9]+(?:[.,][0-9]{3})*)(?: (?P=s))?(?: (?:yang )?(?P<d>sudah|telah|selesai"
    r"|rampung|tuntas|baru)(?!\S)|(?= [.,;!\n]|$)|(?= yang(?!\S)))"
)
"""A total first, then the part done: ``dari 20 titik, 15 sudah``, ``total 8 kecamatan: 6
sudah``, ``dari target 1.500 akseptor, capaian 900``, ``Dari 30 sekolah baru 18 yg kirim``
(``baru``/``sudah`` says the part is what is done)."""
_BAGIAN_SASARAN: Final = (
    r"(?<!\S)(?P<a>[0-9]+(?:[.,][0-9]{3})*) (?P<s>[^\W\d_]+)(?: [^\W\d_]+){0,2}? (?:sudah"
    r"|telah|baru)(?: [^\W\d_]+){0,3}? [,;] (?:dari )?(?:total |jumlah )?(?:sasaran|target"
    r"|total|jumlah|kebutuhan)(?:nya)?(?: (?:sebanyak|ada|:))? (?P<b>[0-9]+(?:[.,][0-9]{3})*)"
    r"(?: (?P=s))?(?= [.,;!\n]|$)"
)
"""The part done, then its total: ``320 balita sudah diukur, sasarannya 400`` → 80."""
_PER: Final = (
    r"(?<![/0-9] )(?<!\S)(?<!" + r" )(?<!".join(BUKAN_JUMLAH) + r" )(?P<a>[0-9]+) / "
    r"(?P<b>[0-9]+)(?! /) (?P<sb>[^\W\d_]+)"
)
"""A part over a total before a unit word: ``8/10 sekolah`` (not a date ``12/03/2026``)."""
_SISA_PERSEN: Final = (
    rf"(?<!\S)(?:sisa|sisanya|tinggal|(?<!lebih )kurang(?! lebih))(?: {_PENGISI}){{0,2}} "
    r"(?P<n>[0-9]{1,2}) (?:%|persen)(?!\S)"
)
"""What is left as a percentage: ``tinggal 10% lagi`` is 90 % done."""
_SISA_JUMLAH: Final = (
    r"(?<!\S)(?P<a>[0-9]+) (?P<s>[^\W\d_]+)(?: (?:[^\W_]+|[,.;:])){0,6}? "
    r"(?:sisa|sisanya|tersisa|tinggal|kurang|belum)(?: (?:[^\W_]+|:)){0,2}? (?P<b>[0-9]+)"
    r"(?: (?P=s)(?!\S)|(?= [.,;!\n]|$| lagi(?!\S)))"
    r"|(?<!\S)(?P<a2>[0-9]+) (?P<s2>[^\W\d_]+)(?: [^\W_]+){0,5}? [,;.] (?:[^\W\d_]+ ){0,2}?"
    r"(?P<b2>[0-9]+)(?: (?P=s2))?(?: [^\W_]+){0,2}? (?:lagi|belum)(?!\S)"
)
"""A part done and the part left: ``selesai di 3 kecamatan, sisa 2 kecamatan`` is 3 of 5, so
is ``sudah masuk dari 3 nagari, tinggal 2`` and ``3 desa sudah selesai, 2 lagi masih proses``
(the second form only with a done word before the part left)."""
_SEPARUH: Final = (
    r"(?<!\S)(?<!kira - kira )(?<!kayaknya )(?<!mungkin )(?<!sepertinya )"
    r"(?P<h>separuh|setengah|separo|seperempat|tiga perempat|sepertiga|dua pertiga)"
    r"(?! (?:" + "|".join(sorted(WAKTU)) + r")(?!\S))"
)
"""Half or a quarter of the work (not ``setengah hari``; a guess, ``kira-kira separuh``, is no
percentage)."""
SEPARUH: Final[dict[str, int]] = {
    "separuh": 50, "setengah": 50, "separo": 50, "seperempat": 25, "tiga perempat": 75,
    "sepertiga": 33, "dua pertiga": 66,
}  # fmt: skip
_PECAHAN: Final = (
    r"(?<!\S)(?:progres|capaian|realisasi|kemajuan|pencapaian|pekerjaan|fisik|sudah|telah|baru"
    r"|masih|mencapai|kini|sekarang)(?: [^\W\d_]+){0,2}? (?P<a>[0-9]{1,2}) (?:/|per) "
    r"(?P<b>[0-9]{1,2})(?! /)(?! [0-9])(?! (?:" + "|".join(sorted(WAKTU)) + r")(?!\S))(?!\S)"
)
"""A fraction after a progress word or ``sudah``: ``capaian 3/4``, ``sdh 3 per4`` → 75."""
_RIBUAN: Final = r"[1-9][0-9]{0,2}(?:[.,][0-9]{3})+"
_ANGKA_APA_SAJA: Final = r"[0-9]+(?:[.,][0-9]+)*"


def _bertanda(token: Sequence[str], j: int) -> bool:
    """Whether the percentage at ``j`` is marked as the overall figure (:data:`PENANDA_TOTAL`)."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if token[k] in BATAS_KLAUSA:
            return False
        if token[k] in PENANDA_TOTAL:
            return True
    return False


def _susulan(token: Sequence[str], i: int) -> int | None:
    """Where a bare number ending a clause follows ``token[i]`` (``masih 80``), else ``None``."""
    j = i + 1
    if j >= len(token) or _nilai(token[j]) is None:
        return None
    return j if j + 1 == len(token) or token[j + 1] in BATAS_KLAUSA else None


def _persen(tertutup: str, ada_persen: bool = False) -> tuple[int | None, int | None]:
    """The progress percentage stated in the masked canonical text, if any, and where the first
    stated percentage that cannot be a progress (``150 %``) is (canonical position).
    ``ada_persen``: the text states a percentage somewhere (perhaps masked)."""
    angka_apa_saja = _tabel().angka_apa_saja
    token = tertutup.split(" ")
    calon: list[tuple[int, bool]] = []
    tidak_sah: int | None = None
    posisi = 0
    for i, kata in enumerate(token):
        j: int | None = i if i + 1 < len(token) and token[i + 1] in TANDA_PERSEN else None
        if j is None and kata in KATA_PROGRES:
            j = _angka_polos(token, i)
        if j is None and ada_persen and kata in KATA_PROGRES_SUSULAN:
            j = _susulan(token, i)
        nilai = None if j is None else _nilai(token[j])
        if j is not None and nilai is not None:
            calon.append((nilai, _bertanda(token, j)))
        elif j == i and tidak_sah is None and angka_apa_saja.fullmatch(kata):
            tidak_sah = posisi
        posisi += len(kata) + 1
    if not calon:
        return None, tidak_sah
    bertanda = [nilai for nilai, tanda in calon if tanda]
    return (bertanda[-1] if bertanda else min(nilai for nilai, _ in calon)), None


def _jumlah(token: str) -> float | None:
    """A quantity: ``1.250`` is 1250, ``1,2`` is 1.2."""
    if _tabel().ribuan.fullmatch(token):
        return float(token.replace(".", "").replace(",", ""))
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _bagi(bagian: float, total: float) -> int:
    """A part of a total as a percentage, rounded down (``2 dari 3`` → 66)."""
    return int(100 * bagian // total)


def _persen_jumlah(kanon: str) -> int | None:
    """The progress computed from a quantity out of a total (``4 dari 12 nagari`` → 33,
    ``200 m dari 1,2 km`` → 16, ``8/10 sekolah`` → 80), from what is left (``tinggal 10%
    lagi`` → 90, ``3 kecamatan, sisa 2 kecamatan`` → 60), rounded down; ``None`` unless the
    part is smaller than the total and the units agree (or are both lengths)."""
    tabel = _tabel()
    for cocok in tabel.dari.finditer(kanon):
        bagian, satu, total, dua = (
            _jumlah(cocok["a"]),
            cocok["sa"],
            _jumlah(cocok["b"]),
            cocok["sb"],
        )
        if bagian is None or total is None or total <= 0:
            continue
        if satu and dua and satu != dua:
            if satu in PANJANG and dua in PANJANG:
                bagian, total = bagian * PANJANG[satu], total * PANJANG[dua]
            elif not tabel.sudah_sebelum.search(kanon, 0, cocok.start()):
                continue  # "2 unit dari 10 desa": other things; "sudah 12 rumah dari 20 RTLH"
        if 0 <= bagian < total:
            return _bagi(bagian, total)
    for cocok in tabel.dari_balik.finditer(kanon):
        bagian, total = _jumlah(cocok["a"]), _jumlah(cocok["b"])
        if cocok["c"] is None and cocok["d"] is None:
            continue  # "dari 20 titik, 15": neither a done word nor "capaian" says 15 are done
        if (cocok["s"] or "") not in WAKTU and bagian is not None and total and bagian < total:
            return _bagi(bagian, total)
    for cocok in tabel.bagian_sasaran.finditer(kanon):
        bagian, total = _jumlah(cocok["a"]), _jumlah(cocok["b"])
        if cocok["s"] not in WAKTU and bagian is not None and total and bagian < total:
            return _bagi(bagian, total)
    for cocok in tabel.per.finditer(kanon):
        bagian_, total_ = int(cocok["a"]), int(cocok["b"])
        if cocok["sb"] not in WAKTU and 0 <= bagian_ < total_:
            return _bagi(bagian_, total_)
    sisa = tabel.sisa_persen.search(kanon)
    if sisa is not None and 0 < int(sisa["n"]) < 100:
        return 100 - int(sisa["n"])
    for cocok in tabel.sisa_jumlah.finditer(kanon):
        if cocok["a"] is None:
            sudah, belum, satuan = int(cocok["a2"]), int(cocok["b2"]), cocok["s2"]
            awal = kanon.rfind(".", 0, cocok.start()) + 1
            if not tabel.kata_selesai_apa_saja.search(kanon, awal, cocok.start("b2")):
                continue  # "3 desa, 2 lagi": nothing says the 3 are done
        else:
            sudah, belum, satuan = int(cocok["a"]), int(cocok["b"]), cocok["s"]
        if sudah > 0 and belum > 0 and satuan not in WAKTU:
            return _bagi(sudah, sudah + belum)
    pecahan = tabel.pecahan.search(kanon)
    if pecahan is not None and 0 < int(pecahan["a"]) < int(pecahan["b"]):
        return _bagi(int(pecahan["a"]), int(pecahan["b"]))
    separuh = tabel.separuh.search(kanon)
    return None if separuh is None else SEPARUH[separuh["h"]]


# ---------------------------------------------------------------------------------------------
# Obstacle text
# ---------------------------------------------------------------------------------------------


def _rapikan(teks: str, batas: int = BATAS_CATATAN) -> str:
    """``teks`` with whitespace collapsed, at most ``batas`` characters (reads lazily)."""
    kata: list[str] = []
    panjang = 0
    for cocok in _tabel().kata.finditer(teks):
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
    label = _tabel().label.search(potongan)
    if label is not None:
        potongan = potongan[: label.start()]
    teks = _rapikan(potongan[: BATAS_CATATAN * 2], BATAS_CATATAN * 2)
    return _buang_akhir(_buang_awal(teks, awal), _PENUTUP_AKHIR)[:BATAS_CATATAN].strip()


def _teks_kendala(teks: _Teks, tertutup: str, tanpa_tunggu: bool = False) -> str | None:
    """The obstacle text if the message states one (the earliest obstacle phrase wins);
    ``tanpa_tunggu``: a wait is not an obstacle here."""
    temuan: list[tuple[int, int, _Ambil]] = []
    for kendala, pola in _tabel().kendala:
        if tanpa_tunggu and (kendala.tunggu or kendala.lunak):
            continue
        cocok = pola.search(tertutup)
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


_JAWAB_BELUM: Final = r"^[_\s,.!?:;-]*belum[_\s,.!?:;-]*$"
"""Nothing but a masked question and ``belum``."""


def _sinyal(kanon: str, tertutup: str, kena: frozenset[_Jenis]) -> frozenset[_Sinyal]:
    """Every signal in the fully masked text, including masked phrases that are signals."""
    tabel = _tabel()
    ada = {sinyal for sinyal, pola in tabel.sinyal if pola.search(tertutup)}
    ada.update(SINYAL_TUTUPAN[jenis] for jenis in kena if jenis in SINYAL_TUTUPAN)
    if _Jenis.BELUM_MULAI in kena:
        ada.add(_Sinyal.SIAP)  # "pekerjaan belum dimulai" (alone): the directive is received
    if _Jenis.RAGU in kena or tabel.ragu.search(kanon):
        ada.add(_Sinyal.RAGU)  # a hedge anywhere: a done word or 100 % only asks
    if _Sinyal.SELESAI in ada and _Sinyal.RAGU in ada:
        ada.discard(_Sinyal.SELESAI)  # "sudah selesai, nanti saya pastikan lagi": ask
        ada.add(_Sinyal.MUNGKIN)
    if _Sinyal.SUDAH in ada:
        ada.discard(_Sinyal.MUNGKIN)  # "Sudah pak": nothing but "sudah" (ask, record nothing)
    if _Jenis.TANYA in kena and tabel.jawab_belum.search(tertutup):
        ada.add(_Sinyal.KUAT)  # "Selesai? Belum pak": the official's own question, answered no
    return frozenset(ada)


_Aturan = Callable[[frozenset[_Sinyal], int | None], bool]

_MASIH: Final = frozenset({_Sinyal.KUAT, _Sinyal.BELUM})
_MASIH_ATAU_RAGU: Final = _MASIH | {_Sinyal.RAGU}
_SELESAI_ATAU_MUNGKIN: Final = frozenset({_Sinyal.SELESAI, _Sinyal.MUNGKIN, _Sinyal.SUDAH})
_KERJA: Final = frozenset({_Sinyal.SELESAI, _Sinyal.MUNGKIN, _Sinyal.KUAT, _Sinyal.LEMAH})
_BUKAN_KERJA: Final = frozenset({_Sinyal.SIAP, _Sinyal.BELUM, _Sinyal.SUDAH})

KEPUTUSAN: Final[tuple[tuple[_Aturan, Status | None, bool], ...]] = (
    (lambda s, p: p is not None and p < 100 and (p > 0 or bool(s - _BUKAN_KERJA)), _PROSES, False),
    (
        lambda s, p: (
            _Sinyal.RAGU in s
            and (bool(s & _SELESAI_ATAU_MUNGKIN) or p == 100)
            and _Sinyal.KUAT not in s
        ),
        _PROSES,
        True,
    ),
    (
        lambda s, p: (_Sinyal.SELESAI in s or p == 100) and not s & _MASIH_ATAU_RAGU,
        Status.SELESAI,
        False,
    ),
    (lambda s, p: _Sinyal.MUNGKIN in s and not s & _MASIH, _PROSES, True),
    (lambda s, p: bool(s & _KERJA) or p == 100, _PROSES, False),
    (lambda s, p: _Sinyal.ADA_SUDAH in s and _Sinyal.BELUM in s, _PROSES, False),
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


# ---------------------------------------------------------------------------------------------
# The gate for *selesai*
# ---------------------------------------------------------------------------------------------

KATA_UTUH: Final = frozenset({
    "semua", "semuanya", "seluruh", "seluruhnya", "sepenuhnya", "keseluruhan", "sami",
    "maneng", "sabarataan", "kasadonyo", "sadaya", "bandum", "mandum",
})  # fmt: skip
"""Words of whole completeness (with their regional forms: Balinese ``sami``, Bugis
``maneng``, Banjar ``sabarataan``, Minang ``kasadonyo``, Sundanese ``sadaya``, Acehnese
``bandum``)."""

KATA_SELESAI_MURNI: Final = KATA_UTUH | frozenset({
    # done words (canonical) and verbs of doing
    "selesai", "tuntas", "rampung", "kelar", "beres", "final", "clear",
    "dilaksanakan", "laksanakan", "melaksanakan", "terlaksana", "dikerjakan", "kerjakan",
    "mengerjakan", "ditindaklanjuti", "tindaklanjuti", "menindaklanjuti", "diselesaikan",
    "selesaikan", "menyelesaikan", "dituntaskan", "tuntaskan", "menuntaskan", "direalisasikan",
    "terealisasi",
    # completeness and the progress as a whole
    "total", "secara", "100", "%", "persen", "lengkap", "progres", "capaian", "realisasi",
    "status", "keterangan",
    # sudah / telah, who did it, emphasis
    "sudah", "telah", "kami", "kita", "saya", "dan", "dengan", "baik", "sesuai", "kok",
    "beneran", "benar", "sungguh",
    # the directive or the work as a whole
    "arahan", "arahannya", "instruksi", "perintah", "tugas", "kegiatan", "pekerjaan",
    "disposisi", "atensi", "ini", "tersebut", "bapak", "ibu", "bpk", "nya", "itu", "ulaon",
    "karejo", "i",
    # polite formulas, address, greetings and filler the masks leave
    "siap", "izin", "melaporkan", "laporkan", "mohon", "hormat", "terima", "kasih", "bahwa",
    "update", "info", "laporan", "hari", "tadi", "kemarin", "pagi", "siang", "sore", "malam",
    "sekda", "bupati", "walikota", "wakil", "asisten", "kadis", "kaban", "camat", "sekretaris",
    "nggih", "njih", "injih", "oke", "sip", "bos", "boss", "sekali", "juga", "pk", "om",
    "swastyastu", "suksma", "ai",
})  # fmt: skip
"""Words a pure done statement is made of (policy a): done words, completeness words, ``sudah``,
the directive or the work as a whole, verbs of doing, and the address, greetings, thanks and
filler officials put around them. ``Sudah selesai semua pak 🙏``, ``Arahan Bapak sudah kami
tindaklanjuti seluruhnya, terima kasih``, ``Pekerjaan telah selesai dilaksanakan sesuai
arahan``, ``Progres 100%, sudah selesai``."""

TUTUPAN_MURNI: Final = frozenset({_Jenis.SALAM, _Jenis.AMAN, _Jenis.LENGKAP})
"""Masks that leave a pure done statement pure: polite formulas and evidence mentions (``foto
terlampir``, ``dokumentasi menyusul``; :data:`BUKTI`), ``tidak ada kendala``, ``tidak ada yang
tertinggal``."""

BUKTI: Final = _pola(
    r"(?:laporan|dokumentasi|foto|foto - foto|bukti|berkas|lampiran|report)(?:nya)?"
    r"(?: (?:akhir|lengkap|kegiatan|pendukung|resmi))?(?: :)?"
    r" (?:(?:sudah|telah) )?(?:(?:kami|saya) )?(?:di)?(?:unggah|upload|kirim|kirimkan"
    r"|lampirkan|terlampir|menyusul|attached)(?: (?:ke|di) (?:grup|group|wa|whatsapp|dashboard"
    r"|aplikasi|sistem|email)| (?:via|melalui|lewat) [^\W_]+)?",
    r"(?:no|nomor) (?:\. )?[0-9]+|(?:tanggal :? )?[0-9]{1,2} / [0-9]{1,2} / [0-9]{2,4}"
    r"|tanggal [0-9]{1,2}",
)
"""Evidence mentions (``dokumentasi sudah kami unggah``, ``report attached``, ``Bukti:
terlampir``), a number of the directive (``arahan No. 3``) and a date: they leave a done
statement pure."""

_UTUH: Final = (
    r"(?:semua|semuanya|seluruh|seluruhnya|sepenuhnya|keseluruhan|sami|maneng|sabarataan"
    r"|kasadonyo|sadaya|bandum|mandum|100 %|100 persen)"
)
_KATA_SELESAI: Final = (
    r"(?:selesai|rampung|kelar|beres|final|clear|terlaksana|terealisasi|tersalurkan"
    r"|dilaksanakan|dikerjakan|ditindaklanjuti|diselesaikan|disalurkan|(?:di|ter)?tuntas(?:kan)?"
    r"|(?:kami|kita|saya) (?:laksanakan|kerjakan|tindaklanjuti|selesaikan|salurkan)"
    rf"|(?<=sudah )(?:(?:kami|kita|saya) (?!{_BUKAN_HASIL})[^\W\d_]{{3,}}(?:kan|i)"
    rf"|(?!{_BUKAN_HASIL})(?:di|ter)[^\W\d_]{{3,}})(?= (?:semua|semuanya|seluruhnya"
    r"|sepenuhnya)(?!\S))"
    rf"|(?<=sudah )(?:lengkap )?(?:{_HASIL_UTUH})(?= (?:semua|semuanya|seluruhnya|sepenuhnya"
    r"|total|100 %|100 persen)(?!\S)))"
)
KATA_SELESAI_RE: Final = _pola(_KATA_SELESAI)
UTUH_RE: Final = _pola(
    _UTUH,
    r"(?:di|ter)?tuntas(?:kan)?",
    r"(?:(?<=selesai )|(?<=rampung )|(?<=kelar )|(?<=beres )|(?<=tuntas )|(?<=bersih )"
    r"|(?<=lunas ))total",
)
"""A whole-completeness marker: ``semua``, ``seluruhnya``, ``100 %`` …, ``tuntas`` (done and
whole in one word) and ``total`` right after a done word (``selesai total``)."""
PEKERJAAN_100: Final = _pola(
    r"(?:pekerjaan|kegiatan|progres|capaian|realisasi|arahan|tugas)(?: (?:fisik|pekerjaan"
    r"|keseluruhan|total))? (?:: )?(?:(?:sudah|telah|mencapai) )?100 (?:%|persen)"
)
"""The work as a whole at 100 %: ``Pekerjaan sudah 100%``, ``Progres: 100%``."""

_LANGKAH_SUBJEK: Final = (
    r"(?:kontrak|kontraknya|penandatanganan|pengecoran|pengecorannya|lelang|tender|pengadaan"
    r"|pendataan|validasi|sosialisasi|administrasi|perizinan|pho|fho|serah terima"
    r"|galian|pondasi|fondasi|mobilisasi|rakor|draf|draft|drafnya|draftnya|konsep|konsepnya"
    r"|proposal|proposalnya|usulan|usulannya|rancangan|rancangannya)"
)
LANGKAH_SUBJEK: Final = _pola(_LANGKAH, _LANGKAH_SUBJEK)
"""What is usually one step of a directive (``rapat``, ``kontrak``, ``survei``, ``DED``,
``pengecoran``, ``verifikasi``, ``sosialisasi``, ``pendataan`` …): done, it is not the whole."""
_ARAHAN: Final = _pola(r"arahan|tugas|instruksi|perintah|disposisi|atensi")

_KONTRAS: Final = _pola(
    r"tapi|tetapi|namun|cuma|hanya|kecuali|sayangnya|meskipun|walaupun|walau|sementara|adapun"
)
"""A contrast after the done statement: what follows may be what is not done."""

_LANJUT: Final = _pola(
    r"selanjutnya|berikutnya|kemudian|(?<!tindak )lanjut|dilanjutkan|akan|nanti|besok|lusa|menunggu"
    r"|tinggal|sisa|sisanya|tersisa|menyisakan|minus|(?<!gizi )kurang(?! lebih| mampu| gizi)"
    r"|(?<!sesuai )target(?!(?: [^\W_]+){0,4} (?:sudah |telah )?(?:tercapai|terpenuhi)(?!\S))"
    r"|rencana|rencananya"
    r"|(?:di)?mulai (?!(?:hari ini|sekarang|saat ini|kemarin|tadi|sejak)(?!\S))"
)
"""A next step, a plan, a wait or a remainder anywhere in the reply."""

_PERSEN_TERTULIS: Final = rf"(?<!\S)(?P<n>{_NUM}) (?:%|persen)(?!\S)"
_KLAUSA: Final = r"[^,.;!?\n]+"
_KLAUSA_SELESAI: Final = (
    r"^[\s_]*(?:(?:sudah|telah|pekerjaan|kegiatan|semua|kami) )*"
    rf"(?:{_KATA_SELESAI}|100 %|100 persen)(?: (?:sudah|telah|semua|kami|_+))*[\s_]*$"
)
"""A clause that is nothing but a done word: ``Selesai pak.``, ``Rampung.``, ``Pekerjaan
selesai.``"""

SELESAI_KUAT: Final = _pola(r"(?:selesai|tuntas|rampung|kelar|(?:di)?(?:selesaikan|tuntaskan))")
"""The strong done words policy c accepts as the predicate of a clear completion sentence."""

TERBUKA: Final = _pola(
    r"\?|belum|masih|sedang|kecuali|lainnya|sisanya|selebihnya|dulu|jadwal"
    r"|jadwalnya|dijadwalkan|rencana|proses|berproses|sementara|mungkin|sepertinya|kayaknya"
    r"|(?<!tidak ada )(?<!tidak )(?<!tanpa )(?:kendala|masalah)|bukan|cek|dicek|periksa"
    r"|diperiksa|pastikan|dipastikan|kata|katanya|menurut|bilang|infonya|kabarnya|dengar"
    r"|(?<!gizi )kurang(?! mampu| gizi)|tersisa|menyisakan|minus|tertunda|ditunda|kalau|jika"
    r"|apabila|bila|asal|asalkan"
    r"|sebelum|insyaallah|semoga",
    rf"baru (?:saja )?(?:{_SELESAI}|[0-9]+)",
    r"(?:sekarang|kini|saat ini|selanjutnya) (?:(?:kami|sedang|masih|tinggal|lanjut|mulai"
    r"|tahap) )?(?:pe[^\W\d_]{3,}an|me[^\W\d_]{3,}|pasang|kerjakan|kerja|garap)",
    rf"[0-9]+(?: {_W}){{0,2}} lagi|lagi (?:di|me|ber)[^\W\d_]+",
    r"tidak (?:[^\W_]+ )?(?:bisa|dapat|mampu|sempat|tahu|sesuai|lengkap|semua|jadi|berhasil"
    rf"|benar|betul|jalan|berjalan|{_SELESAI}|ada(?! lagi)|di[^\W\d_]+)",
)
"""What leaves work open anywhere in a reply (policy c does not hold): a question, ``belum``,
``masih``, ``kecuali``, what else is left (``lainnya``, ``sisanya``), a step still to come
(``dulu``, a schedule, ``cek``), a denial (``tidak``, ``bukan``; but ``tidak ada lagi`` is
nothing left) or a hedge."""

BAGIAN_SELESAI: Final = _pola(
    r"^[\s_]*yang|bagian|sebagian|fisik|administrasi|fisiknya|tahap|tahapan|angkatan"
    r"|gelombang|batch|sesi|fase|termin|putaran|segmen|ruas|paket|lot|kloter|klaster|zona"
    r"|sisi|sebelah|lantai|blok|lajur|sektor|wilayah|area",
    rf"{_SELESAI} (?:(?:sepanjang|seluas|sebanyak|untuk|di|ke|kepada|pada) )?[0-9]+",
    rf"(?:{_SELESAI}|selesaikan|tuntaskan) (?:untuk|utk|bagi|khusus|sementara)",
    rf"(?:{_SELESAI}|selesaikan|tuntaskan) (?:di|pada)(?! (?:hari|tanggal|pagi|siang|sore"
    r"|malam|minggu|pekan|bulan)(?!\S))",
)
"""Words that make a done clause about one part of the work (``Yang di Kecamatan Kota sudah
selesai``, ``angkatan I selesai``, ``fisik sudah rampung``, ``selesai di simpang empat``,
``selesai untuk bagian kami``): policy c does not hold for it."""

PRA_SELESAI: Final = _pola(
    r"yang(?= (?:(?:sudah|telah|baru|kami|kita|saya|di) ){0,2}$)|sebelum|supaya|agar|biar"
    r"|setelah|sesudah|begitu|dalam|akan|bakal"
    r"|bisa|dapat|harus|mau|ingin|perlu|cepat|segera|pun|kalau|jika|apabila|bila"
)
"""Words before the done word in its clause that make it no report of completion (policy c): a
relative (``yang sudah selesai``), a purpose, a condition, a time to come or a modal (``supaya
cepat rampung``, ``sebelum selesai``, ``dalam minggu ini selesai``, ``bisa selesai``)."""

LANGKAH_SESUDAH: Final = (
    rf" (?:(?:{_W} )?(?:{_LANGKAH}|{_LANGKAH_SUBJEK}|{_ACARA})(?:nya)?(?!\S)"
    rf"|(?:(?:kami|kita|saya) )?{_BELUM_TUNTAS})"
)
"""A step right after the done word (``selesai pondasinya``, ``baru selesai rapat``) or a verb of
work under way (``selesai diusulkan``, ``rampung diajukan``): one step done (policy c)."""
UTUH_SESUDAH: Final = r" (?:seluruhnya|sepenuhnya|semuanya|semua|secara keseluruhan)(?!\S)"
SEMUA_DARI: Final = r" (?:di |pada |untuk )?(?P<n>[0-9]+) (?:[^\W\d_]+ )?dari (?P=n)(?!\S)"
"""All of a count right after the done word (``tuntas di 9 dari 9 kelurahan``): the whole, not a
part or one step."""
"""A whole marker right after the done word (``Sosialisasi di 11 SMP telah selesai
seluruhnya``): the step is the whole work (policy c)."""

_TERBUKA_JENIS: Final = frozenset({
    _Jenis.TANYA, _Jenis.VERIFIKASI, _Jenis.TINGGAL, _Jenis.URUT, _Jenis.LAIN,
})  # fmt: skip
"""Masks that leave work open or in question (policy c)."""

_BUKAN_UTUH: Final = frozenset({
    _Jenis.SISA, _Jenis.SEBAGIAN, _Jenis.NEGASI, _Jenis.RENCANA, _Jenis.TARGET, _Jenis.MULAI,
    _Jenis.BELUM_MULAI,
    _Jenis.TINGGAL, _Jenis.SYARAT, _Jenis.RAGU,
})  # fmt: skip
"""Masked phrases that say the whole is not (or not surely) done: a remainder, a plan, a wait,
a condition, a hedge."""


def _murni(kanon: str) -> bool:
    """Policy a: what is left after the polite masks and evidence mentions is only
    :data:`KATA_SELESAI_MURNI`."""
    sisa, _ = _tutup(kanon, _tabel().tutupan_murni)
    return all(
        not kata or "_" in kata or kata in TANDA_BACA or kata in KATA_SELESAI_MURNI
        for kata in sisa.split(" ")
    )


def _persen_kurang(tertutup: str) -> list[int]:
    """Stated percentages below 100 (unmasked ones: rates and targets do not count)."""
    nilai = (_nilai(cocok["n"]) for cocok in _tabel().persen_tertulis.finditer(tertutup))
    return [n for n in nilai if n is not None and n < 100]


def _langkah(klausa: str, sampai: int, asli: str | None = None) -> bool:
    """A step noun (not after the directive: ``tugas dari rakor``) before ``sampai``; ``asli``:
    the same clause unmasked (the directive may be inside a masked formula)."""
    tabel = _tabel()
    langkah = tabel.langkah_subjek.search(klausa, 0, sampai)
    return langkah is not None and not tabel.arahan.search(asli or klausa, 0, langkah.start())


def _utuh(kanon: str, tertutup: str, kena: frozenset[_Jenis]) -> bool:
    """Policy b: a done word with a whole-completeness marker in one clause (or the work at
    100 %), whose subject is not one step; or a clause that is only a done word with a marker
    elsewhere (``Selesai pak. Semua ASN sudah mengisi``). Nothing in the reply may plan a next
    step, wait, leave a remainder or hedge, and no contrast may follow the done statement."""
    tabel = _tabel()
    if kena & _BUKAN_UTUH or tabel.lanjut.search(tertutup) or "menunggu" in kanon:
        return False
    if _Jenis.LANGKAH in kena:
        tertutup, _ = _tutup(kanon, tabel.tutupan_tanpa_langkah)
    klausa = [(m.start(), m.group()) for m in tabel.klausa.finditer(tertutup)]
    ada_utuh = _Jenis.LENGKAP in kena or any(tabel.utuh.search(isi) for _, isi in klausa)
    for mulai, isi in klausa:
        selesai = (
            tabel.kata_selesai.search(isi)
            or tabel.pekerjaan_100.search(isi)
            or (tabel.klausa_selesai.match(isi) if ada_utuh else None)
        )
        if (
            selesai is None
            or (
                _langkah(isi, selesai.start(), kanon[mulai : mulai + len(isi)])
                and not tabel.semua_dari.match(isi, selesai.end())
                and not tabel.utuh_sesudah.match(isi, selesai.end())
            )
            or tabel.pra_selesai.search(isi, 0, selesai.start())
        ):
            continue
        if _Jenis.LENGKAP in kena and not tabel.kontras.search(tertutup, mulai + selesai.start()):
            return True  # "Revisi DPA sudah final, tidak ada lagi yang perlu diperbaiki"
        if (
            tabel.utuh.search(isi)
            or tabel.pekerjaan_100.search(isi)
            or (ada_utuh and tabel.klausa_selesai.match(isi))
        ) and not tabel.kontras.search(tertutup, mulai + selesai.start()):
            return True
    return False


_SATU_LANGKAH: Final = (
    r"(?:(?:di)?(?:kunjungi|datangi|tinjau|pantau|monitor|cek|rapatkan|bahas|koordinasikan"
    r"|hadiri)|mengunjungi|mendatangi|meninjau|memantau|memonitor|mengecek|memeriksa|menerima"
    r"|membaca|mengetahui|memahami|menyampaikan|mengajukan|mengusulkan|menghubungi|mengundang"
    r"|mengikuti|mendaftar|mengkoordinasikan|menginformasikan|membahas|menghadiri|merapatkan)"
    r"(?!\S)"
)
"""Verbs of one step, of receiving or of informing, done by or to all (``semua puskesmas sudah
dikunjungi``, ``seluruh OPD sudah menerima surat``): no completion of the whole."""
SEMUA_SUDAH: Final = (
    r"(?<![^\s_])(?:seluruh|semua|segenap)(?: [^\s.,;!?\n]+){0,10}? (?:sudah|telah)"
    rf" (?:(?:kami|kita|saya) (?!{_BUKAN_HASIL}|{_SATU_LANGKAH})[^\W\d_]{{3,}}"
    rf"|(?!{_BUKAN_HASIL}|{_SATU_LANGKAH})(?:di|ter|me)[^\W\d_]{{3,}})"
)
"""A result verb done by or to all (``seluruh 14 nagari sudah menyerahkan profil``, ``semua
sudah diupload``, ``seluruh titik sudah terpasang``); not a verb of one step, of receiving or of
informing (``semua kades sudah diundang``, ``seluruh OPD sudah menerima surat``)."""
LAGI_UTUH: Final = _pola(
    r"(?:seluruh|semua|segenap|seluruhnya|semuanya)",
    r"(?P<n>[0-9]+) (?:[^\W\d_]+ )?dari (?P=n)",
    r"^[\s_]*(?:sudah )?lengkap(?: semua| semuanya)?[\s_]*$",
)
"""A second whole marker for :data:`SEMUA_SUDAH`: another all-quantifier, all of a count (``9
dari 9``) or a clause that is only ``Lengkap.``"""


def _semua_sudah(kanon: str, tertutup: str, kena: frozenset[_Jenis]) -> bool:
    """Policy b for a result verb done by or to all (:data:`SEMUA_SUDAH`): kept only with a
    second whole marker (nothing left, ``tidak ada yang tertinggal``; another all-quantifier;
    ``N dari N``; ``Lengkap.``), with nothing open, planned, contrasted or hedged anywhere."""
    tabel = _tabel()
    if (
        kena & (_BUKAN_UTUH | _TERBUKA_JENIS)
        or tabel.lanjut.search(tertutup)
        or tabel.terbuka.search(tertutup)
        or tabel.akan.search(kanon)
        or tabel.kontras.search(tertutup)
        or "menunggu" in kanon
    ):
        return False
    klausa = [(m.start(), m.group()) for m in tabel.klausa.finditer(tertutup)]
    for mulai, isi in klausa:
        semua = tabel.semua_sudah.search(isi)
        if semua is None:
            continue
        if _Jenis.LENGKAP in kena:
            return True
        lain = (m for m in klausa if m[0] != mulai)
        akhir_kata = isi.find(" ", semua.start())  # the quantifier itself does not count twice
        if tabel.lagi_utuh.search(isi[: semua.start()] + isi[akhir_kata:]) or any(
            tabel.lagi_utuh.search(bagian) for _, bagian in lain
        ):
            return True
    return False


def _jelas(kanon: str, tertutup: str, kena: frozenset[_Jenis]) -> bool:
    """Policy c: a clear completion sentence (``Normalisasi saluran telah selesai dikerjakan``,
    ``Selesai pak. Surat sudah terkirim semua``). A clause whose predicate is a strong done word,
    about the work and not one step or one part of it (:data:`BAGIAN_SELESAI`: ``Yang di
    Kecamatan Kota sudah selesai``, ``angkatan I selesai``, ``selesai utk bagian kami``), not
    after a purpose, a condition, a relative or a modal (:data:`PRA_SELESAI`), and
    nothing anywhere in the reply that leaves work open (:data:`TERBUKA`: a question, ``belum``,
    ``masih``, ``kecuali``, ``lainnya``, ``dulu``, a schedule) or plans, waits or hedges (as in
    policy b). Anything unsure keeps asking."""
    tabel = _tabel()
    if kena & (_BUKAN_UTUH | _TERBUKA_JENIS) or tabel.lanjut.search(tertutup):
        return False
    if tabel.terbuka.search(tertutup) or tabel.akan.search(kanon):
        return False  # "akan" even inside a promise: "Pekerjaan yang selesai akan dilanjutkan"
    for mulai, isi in ((m.start(), m.group()) for m in tabel.klausa.finditer(tertutup)):
        selesai = tabel.selesai_kuat.search(isi)
        semua_dari = selesai is not None and tabel.semua_dari.match(isi, selesai.end())
        if (
            selesai is not None
            and not tabel.pra_selesai.search(isi, 0, selesai.start())
            and (
                semua_dari
                or tabel.utuh_sesudah.match(isi, selesai.end())
                or not (
                    _langkah(isi, selesai.start())
                    or tabel.langkah_sesudah.match(isi, selesai.end())
                )
            )
            and (semua_dari or not tabel.bagian_selesai.search(isi))
            and not tabel.batasan_sesudah.match(isi, selesai.end())
            and not tabel.kontras.search(tertutup, mulai + selesai.start())
        ):
            return True
    return False


BATASAN_SESUDAH: Final = (
    r" (?:yang|sebagian|sementara|bersyarat|dengan (?:catatan|pengecualian|syarat|kekurangan"
    r"|beberapa|sebagian))(?![^\W_])"
)
"""Right after the done word, what limits it: a relative saying which part is done (``sudah
rampung yang mendesak``, ``selesai yg tahap 1``) or a qualification (``selesai dgn catatan``,
``selesai sebagian``, ``selesai sementara``): not the whole, so the bot asks."""


def _langkah_lalu_lanjut(tertutup: str, kena: frozenset[_Jenis]) -> bool:
    """One step or one part of the work done (``rapat persiapan sudah selesai``, ``angkatan I
    selesai``) and the rest planned (``pelaksanaan tgl 15``, ``hasilnya akan kami
    tindaklanjuti``, ``angkatan II jadwalnya Desember``): in progress, nothing to ask."""
    tabel = _tabel()
    bagian = _Jenis.LANGKAH in kena or any(
        tabel.kata_selesai.search(isi) and tabel.bagian_selesai.search(isi)
        for isi in tabel.klausa.findall(tertutup)
    )
    return bagian and bool(
        kena & {_Jenis.JANJI, _Jenis.MULAI, _Jenis.RENCANA} or tabel.nanti.search(tertutup)
    )


def _gerbang(
    kanon: str, tertutup: str, kena: frozenset[_Jenis], persen: int | None
) -> tuple[Status | None, int | None, bool]:
    """A *selesai* the decision reached, held to the policy (issue 9, point 1): kept only for a
    pure done statement (a) or a done word with a whole-completeness marker (b). Otherwise the
    reply is in progress: without a question when a stated percentage below 100 or a plan says
    work remains; else with one (the bot asks, nothing is recorded as done)."""
    kurang = _persen_kurang(tertutup)
    tanpa_uang = _tabel().tutupan_tanpa_uang
    uang = _persen_kurang(_tutup(kanon, tanpa_uang)[0]) if _Jenis.SERAPAN in kena else []
    if not kurang and not uang and (_murni(kanon) or _utuh(kanon, tertutup, kena)):
        return Status.SELESAI, 100, False
    if kurang or uang:
        return _PROSES, min(kurang, default=None), False
    if kena & {_Jenis.MULAI, _Jenis.RENCANA, _Jenis.SISA, _Jenis.SEBAGIAN}:
        return _PROSES, None if persen == 100 else persen, False
    if _jelas(kanon, tertutup, kena):
        return Status.SELESAI, 100, False
    return _PROSES, None if persen == 100 else persen, True


_TANYA_AKHIR: Final = (
    r"(?:(?<=[!\n])|(?<=\.)(?![0-9])|,(?=\s*(?:apakah|apa|bagaimana|gimana|kapan|bisakah|bolehkah|mohon"
    r"|perlukah|berapa|siapa|mengapa|kenapa|atau)\b))[^.!\n]*\?\s*$"
)
"""The closing question of a reply: its last sentence (or the clause after a comma that starts
with a question word) ending in ``?``."""

_RALAT: Final = (
    r"(?:^|[.!\n,;]\s*)(?:eh\s*[,.]?\s*)?(?:mohon\s+)?(?:maaf\s*[,.]?\s*)?(?:(?:ralat|koreksi)"
    r"\s*[:,.!-]|salah\s+(?:ketik|tulis|input)\b|typo\b|maksud\s+saya\b|yang\s+benar(?:nya)?"
    r"\s*[:,]|(?<![^\W_])eh\s*[,.]?\s*maaf\b)"
)
"""A correction of what the official wrote just before (``80% pak. Eh maaf salah ketik, sudah
selesai 100%``, ``Ralat: …``, ``yang benar: …``; any case): only what follows the last one is
read."""


# ---------------------------------------------------------------------------------------------
# The compiled tables
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # one per process: compared by identity (and cheaper to define)
class _Tabel:
    """The pattern tables above, compiled, and the tables derived from them (:func:`_tabel`)."""

    token: re.Pattern[str]
    ulang: re.Pattern[str]
    angka: re.Pattern[str]
    label: re.Pattern[str]
    kata: re.Pattern[str]
    dikenal: frozenset[str]
    huruf_o: re.Pattern[str]
    ada_angka: re.Pattern[str]
    ada_kata: re.Pattern[str]
    kelas_berikut: dict[str, re.Pattern[str]]
    tutupan: tuple[_Topeng, ...]
    tutupan_kendala: tuple[_Topeng, ...]
    """The masks the obstacle search respects (:data:`TUTUPAN_KENDALA`), in order."""
    tutupan_murni: tuple[_Topeng, ...]
    """The masks that leave a pure done statement pure (:data:`TUTUPAN_MURNI`, then
    :data:`BUKTI`)."""
    tutupan_tanpa_uang: tuple[_Topeng, ...]
    """The masks but money: ``Verifikasi selesai 100%, pencairan 0%`` states a second
    percentage below 100 (not a progress, but work remains)."""
    tutupan_tanpa_langkah: tuple[_Topeng, ...]
    """The masks but one step done: policy b judges the step itself (``tugas dari rakor sudah
    tuntas`` is the directive done, ``rakor sudah selesai`` one step)."""
    tidak_dapat: re.Pattern[str]
    bukan_kewenangan: re.Pattern[str]
    kendala: tuple[tuple[_Kendala, re.Pattern[str]], ...]
    tunggu: re.Pattern[str]
    """The wait among :data:`KENDALA`."""
    sinyal: tuple[tuple[_Sinyal, re.Pattern[str]], ...]
    ragu: re.Pattern[str]
    jawab_belum: re.Pattern[str]
    dari: re.Pattern[str]
    dari_balik: re.Pattern[str]
    per: re.Pattern[str]
    bagian_sasaran: re.Pattern[str]
    tiada_sisa: re.Pattern[str]
    sisa_persen: re.Pattern[str]
    sisa_jumlah: re.Pattern[str]
    kata_selesai_apa_saja: re.Pattern[str]
    sudah_sebelum: re.Pattern[str]
    separuh: re.Pattern[str]
    pecahan: re.Pattern[str]
    ribuan: re.Pattern[str]
    angka_apa_saja: re.Pattern[str]
    kata_selesai: re.Pattern[str]
    utuh: re.Pattern[str]
    pekerjaan_100: re.Pattern[str]
    langkah_subjek: re.Pattern[str]
    arahan: re.Pattern[str]
    kontras: re.Pattern[str]
    lanjut: re.Pattern[str]
    selesai_kuat: re.Pattern[str]
    terbuka: re.Pattern[str]
    bagian_selesai: re.Pattern[str]
    utuh_sesudah: re.Pattern[str]
    semua_dari: re.Pattern[str]
    langkah_sesudah: re.Pattern[str]
    semua_sudah: re.Pattern[str]
    lagi_utuh: re.Pattern[str]
    pra_selesai: re.Pattern[str]
    batasan_sesudah: re.Pattern[str]
    akan: re.Pattern[str]
    nanti: re.Pattern[str]
    persen_tertulis: re.Pattern[str]
    klausa: re.Pattern[str]
    klausa_selesai: re.Pattern[str]
    ralat: re.Pattern[str]
    tanya_akhir: re.Pattern[str]


@cache
def _tabel() -> _Tabel:
    """Compile the tables once per process, on the first reading rather than at import:
    compiling them takes about 100 ms, which the bot's start need not wait for."""
    tutupan = tuple((t.jenis, re.compile(t.pola), t.kunci) for t in TUTUPAN)
    kendala = tuple((k, re.compile(k.pola)) for k in KENDALA)
    return _Tabel(
        token=re.compile(_TOKEN),
        ulang=re.compile(_ULANG),
        angka=re.compile(_ANGKA),
        label=re.compile(_LABEL, re.IGNORECASE),
        kata=re.compile(_KATA),
        dikenal=_dikenal(),
        huruf_o=re.compile(_HURUF_O),
        ada_angka=re.compile(_ADA_ANGKA),
        ada_kata=re.compile(_ADA_KATA),
        kelas_berikut={nama: re.compile(pola) for nama, pola in KELAS_BERIKUT.items()},
        tutupan=tutupan,
        tutupan_kendala=tuple(t for t in tutupan if t[0] in TUTUPAN_KENDALA),
        tutupan_murni=(
            *(t for t in tutupan if t[0] in TUTUPAN_MURNI),
            (_Jenis.SALAM, re.compile(BUKTI), ()),
        ),
        tutupan_tanpa_uang=tuple(t for t in tutupan if t[0] is not _Jenis.SERAPAN),
        tutupan_tanpa_langkah=tuple(t for t in tutupan if t[0] is not _Jenis.LANGKAH),
        tidak_dapat=re.compile(TIDAK_DAPAT),
        bukan_kewenangan=re.compile(BUKAN_KEWENANGAN),
        kendala=kendala,
        tunggu=next(pola for k, pola in kendala if k.tunggu),
        sinyal=tuple((sinyal, re.compile(pola)) for sinyal, pola in SINYAL),
        ragu=re.compile(RAGU),
        jawab_belum=re.compile(_JAWAB_BELUM),
        dari=re.compile(_DARI),
        dari_balik=re.compile(_DARI_BALIK),
        per=re.compile(_PER),
        bagian_sasaran=re.compile(_BAGIAN_SASARAN),
        tiada_sisa=re.compile(_pola(_TIADA_SISA)),
        sisa_persen=re.compile(_SISA_PERSEN),
        sisa_jumlah=re.compile(_SISA_JUMLAH),
        sudah_sebelum=re.compile(r"(?<!\S)(?:sudah|telah|baru|capaian|realisasi) $"),
        kata_selesai_apa_saja=re.compile(_pola(r"sudah|telah|selesai|tuntas|rampung|beres|kelar")),
        separuh=re.compile(_SEPARUH),
        pecahan=re.compile(_PECAHAN),
        ribuan=re.compile(_RIBUAN),
        angka_apa_saja=re.compile(_ANGKA_APA_SAJA),
        kata_selesai=re.compile(KATA_SELESAI_RE),
        utuh=re.compile(UTUH_RE),
        pekerjaan_100=re.compile(PEKERJAAN_100),
        langkah_subjek=re.compile(LANGKAH_SUBJEK),
        arahan=re.compile(_ARAHAN),
        kontras=re.compile(_KONTRAS),
        lanjut=re.compile(_LANJUT),
        selesai_kuat=re.compile(SELESAI_KUAT),
        terbuka=re.compile(TERBUKA),
        bagian_selesai=re.compile(BAGIAN_SELESAI),
        utuh_sesudah=re.compile(UTUH_SESUDAH),
        semua_dari=re.compile(SEMUA_DARI),
        langkah_sesudah=re.compile(LANGKAH_SESUDAH),
        semua_sudah=re.compile(SEMUA_SUDAH),
        lagi_utuh=re.compile(LAGI_UTUH),
        pra_selesai=re.compile(PRA_SELESAI),
        batasan_sesudah=re.compile(BATASAN_SESUDAH),
        akan=re.compile(_pola(r"akan|bakal|nanti|besok|lusa")),
        nanti=re.compile(_pola(_NANTI, _DIJADWALKAN)),
        persen_tertulis=re.compile(_PERSEN_TERTULIS),
        klausa=re.compile(_KLAUSA),
        klausa_selesai=re.compile(_KLAUSA_SELESAI),
        ralat=re.compile(_RALAT, re.IGNORECASE),
        tanya_akhir=re.compile(_TANYA_AKHIR, re.IGNORECASE),
    )


def baca(text: str) -> Bacaan:
    """Read one report. Never raises for any str input (Hypothesis-tested)."""
    tabel = _tabel()
    catatan = _rapikan(text)
    ralat = max(tabel.ralat.finditer(text, 0, BATAS_BACA), key=lambda m: m.start(), default=None)
    if ralat is not None and tabel.ada_kata.search(text, ralat.end(), BATAS_BACA):
        return replace(baca(text[ralat.end() : BATAS_BACA]), catatan=catatan)
    teks = _uraikan(text[:BATAS_BACA])
    untuk_kendala, kena_kendala = _tutup(teks.kanon, tabel.tutupan_kendala)
    tertutup, kena = _tutup(teks.kanon, tabel.tutupan)
    persen, posisi_tidak_sah = _persen(tertutup, "%" in teks.kanon or "persen" in teks.kanon)
    if persen is None and posisi_tidak_sah is None:
        persen = _persen_jumlah(teks.kanon)
    tidak_sah = None if posisi_tidak_sah is None else _tertulis(teks, posisi_tidak_sah)
    if tabel.tidak_dapat.search(untuk_kendala) or (
        tabel.bukan_kewenangan.search(untuk_kendala)
        and not tabel.kendala[0][1].search(untuk_kendala)
    ):
        return Bacaan(None, persen, catatan, None, tidak_dapat=True, persen_tidak_sah=tidak_sah)
    tanpa_tunggu = _Jenis.AMAN in kena_kendala
    kendala = _teks_kendala(teks, untuk_kendala, tanpa_tunggu)
    if kendala is not None:
        return Bacaan(
            Status.TERKENDALA, persen, catatan, kendala or catatan, persen_tidak_sah=tidak_sah
        )
    if text.rstrip().endswith("?"):
        return _tanya_akhir(text, catatan)
    sinyal = _sinyal(teks.kanon, tertutup, kena)
    if tanpa_tunggu and tabel.tunggu.search(untuk_kendala):
        sinyal |= {_Sinyal.KUAT}  # "belum ada kendala, nunggu kontrak": a normal wait
    if tidak_sah is not None and _Sinyal.SELESAI in sinyal:
        # "selesai 150%": not a believable completion; in progress, no percentage
        sinyal = (sinyal - {_Sinyal.SELESAI}) | {_Sinyal.KUAT}
    status, progress, ragu = _putuskan(sinyal, persen)
    if status is Status.SELESAI:
        status, progress, ragu = _gerbang(teks.kanon, tertutup, kena, persen)
    if (
        ragu
        and _Jenis.LENGKAP in kena
        and kena <= TUTUPAN_MURNI
        and not sinyal & (_MASIH_ATAU_RAGU | {_Sinyal.SIAP})
        and tabel.tiada_sisa.search(teks.kanon)
    ):
        # "Dah siap semue pak, tak ade yang tertinggal": a done state and nothing left
        status, progress, ragu = _gerbang(teks.kanon, tertutup, kena, persen)
    if (
        (ragu or (status is None and _Sinyal.ADA_SUDAH in sinyal))
        and not _persen_kurang(tertutup)
        and not sinyal & _MASIH_ATAU_RAGU
        and _semua_sudah(teks.kanon, tertutup, kena)
    ):
        # "Seluruh 14 nagari sudah menyerahkan profil. Tidak ada yg tertinggal": all, twice
        status, progress, ragu = Status.SELESAI, 100, False
    if ragu and _langkah_lalu_lanjut(tertutup, kena):
        ragu = False  # "Rapat persiapan sudah selesai, pelaksanaan tgl 15": the rest is to come
    return Bacaan(status, progress, catatan, None, ragu_selesai=ragu, persen_tidak_sah=tidak_sah)


def _tanya_akhir(text: str, catatan: str) -> Bacaan:
    """A reply ending in a question. A question alone (``sudah selesai pak?``) asks and reports
    nothing; a report before it (``Pekerjaan sudah rampung, apakah perlu dilampirkan BAST?``) is
    read, but a *selesai* there only asks (the question may be about whether it counts)."""
    kalimat = _tabel().tanya_akhir.search(text, 0, BATAS_BACA)
    awal = "" if kalimat is None else text[: kalimat.start()]
    if not _tabel().ada_kata.search(awal):
        return Bacaan(None, None, catatan, None)
    hasil = baca(awal)
    if hasil.status is None and not hasil.tidak_dapat:
        return Bacaan(None, None, catatan, None)
    if hasil.status is Status.SELESAI:
        hasil = replace(hasil, status=_PROSES, progress=None, ragu_selesai=True)
    return replace(hasil, catatan=catatan)


def _tertulis(teks: _Teks, posisi: int) -> str:
    """The percentage at canonical ``posisi`` (a number token and its ``%``) as written."""
    mulai = teks.asal(posisi)[0]
    tanda = teks.kanon.find(" ", posisi) + 1
    return teks.asli[mulai : teks.asal(tanda)[1]]

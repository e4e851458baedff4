"""The reader against a corpus of replies officials really write (issue 9, points 1 and 2).

The corpus lives in ``reader_corpus/*.tsv``: one reply a line, with the readings that are right
for it, the expected progress and its kind (the header of each file says the format).
``holdout.tsv`` was written before the reader was tuned and is never tuned against; the other
files are the cases the rules were built from: the first round's files, ``independent.tsv``,
``independent2.tsv`` … ``independent9.tsv`` (each written by someone who never saw the reader,
measured once and then tuned against), ``keluarga.tsv`` (more phrasings of each family of
mistakes fixed, to check that a rule covers the family and not one line) and ``daerah2.tsv``
(regional languages, English and typos behind the per-language lexicons).
``unseen/`` holds the latest sets written by someone who never saw the reader and that nobody
has tuned against: it is the honest figure for replies the reader has never seen. The tests hold
it only to a floor (so a change that makes the reader worse on new replies fails), never to the
tuning goals. ``bench/reader.py`` prints the same figures.

Scoring: a reading is right when its status (or the question) is acceptable and, where the row
checks it, the progress is the expected one. A *selesai* reading implies progress 100 in this
product, so on a row where *selesai* is acceptable, a reading of *selesai* with 100 is right even
when the row's progress is ``-`` (the authors' way of saying "the numbers in the text are not the
progress": 40 lamps, 12 kecamatan).

Labelling policy for *selesai* (issue 9 point 1; the reader records *selesai* only for a pure or
a whole done statement and asks otherwise): a reply that says an object of the work is done
without saying it is all of the directive may be asked about, so its row accepts
``selesai,tanya`` (``Pemasangan 40 PJU sudah selesai``, ``Pendataan … telah tuntas 100%``, a
done word with a wait ``Sudah tuntas, tinggal menunggu verifikasi``, a done word with a result
``Rampung pak, sudah diresmikan``). A reply that clearly says everything is done (``Semua sudah
selesai 100% pak``, ``Arahan sudah kami tuntaskan seluruhnya``) stays ``selesai`` only.

What must hold on the whole corpus: no false *selesai* at all (a report of *selesai* locks the
penugasan and shows 100 % to leadership), at least 95 % right overall and 90 % right in each kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.lifecycle import Status
from bot.domain.reply_parser import Bacaan, baca

KORPUS: Path = Path(__file__).parent / "reader_corpus"
HOLDOUT = "holdout.tsv"

BACAAN: dict[Status | None, str] = {
    Status.DITERIMA: "diterima",
    Status.DALAM_PROSES: "dalam_proses",
    Status.SELESAI: "selesai",
    Status.TERKENDALA: "terkendala",
    None: "catatan",
}
TANYA = "tanya"
"""The reader is unsure whether the whole directive is done (``ragu_selesai``): the bot asks."""

JENIS = (
    "selesai_kuat",
    "bukan_selesai",
    "ragu",
    "kendala",
    "progres",
    "daerah",
    "inggris",
    "salah_ketik",
    "sopan",
    "catatan",
    "campuran",
)
BAKU_BENAR = 0.95
BAKU_BENAR_JENIS = 0.90
BELUM_DILIHAT: Path = KORPUS / "unseen"
BAKU_BELUM_DILIHAT = 0.80
"""The floor on the never-tuned sets together (``independent10.tsv``: measured 84.4 %,
``independent11.tsv``: 79.6 %, together 82.0 %, 0 false selesai, when they were added): a
regression guard."""
SELESAI_PALSU_BELUM_DILIHAT = 0.01
"""At most this share of false selesai on the never-tuned sets (measured 0 of 960)."""

_TIDAK_DICEK = "tidak dicek"


@dataclass(frozen=True)
class Baris:
    """One reply of the corpus and what is right for it."""

    teks: str
    boleh: frozenset[str]
    """Acceptable readings: names of :data:`BACAAN` and/or :data:`TANYA`."""
    progres: int | None | str
    """The expected progress, or :data:`_TIDAK_DICEK`."""
    jenis: str
    asal: str
    """``file:line`` (for messages)."""


def _baris(berkas: Path, nomor: int, isi: str) -> Baris:
    kolom = isi.split("\t")
    if len(kolom) != 4:
        raise ValueError(f"{berkas.name}:{nomor}: expected 4 tab-separated columns: {isi!r}")
    teks, boleh, progres, jenis = kolom
    dibaca: int | None | str = _TIDAK_DICEK
    if progres == "-":
        dibaca = None
    elif progres:
        dibaca = int(progres)
    return Baris(
        teks.replace("\\n", "\n"),
        frozenset(b.strip() for b in boleh.split(",")),
        dibaca,
        jenis,
        f"{berkas.name}:{nomor}",
    )


def muat(berkas: Iterable[Path] | None = None) -> list[Baris]:
    """Every row of the given corpus files (default: all of them)."""
    semua: list[Baris] = []
    for jalur in sorted(KORPUS.glob("*.tsv")) if berkas is None else berkas:
        for nomor, isi in enumerate(jalur.read_text(encoding="utf-8").splitlines(), start=1):
            if isi.strip() and not isi.startswith("#"):
                semua.append(_baris(jalur, nomor, isi))
    return semua


def dibaca_sebagai(hasil: Bacaan) -> str:
    """How a reading is named in the corpus."""
    return TANYA if hasil.ragu_selesai else BACAAN[hasil.status]


def benar(baris: Baris, hasil: Bacaan) -> bool:
    """The reading is acceptable: status (or the question) and, when checked, the progress.

    A *selesai* reading always comes with progress 100 (the product records 100 % for it), so
    where *selesai* is acceptable and read, a progress label ``-`` ("the numbers in the text are
    not a progress") is not a miss. Where *selesai* (progress 100) and the question are both
    acceptable, the question records no progress: the 100 is recorded with the answer **Ya**."""
    ok = TANYA in baris.boleh if hasil.ragu_selesai else BACAAN[hasil.status] in baris.boleh
    if not ok or baris.progres == _TIDAK_DICEK:
        return ok
    if baris.progres is None and hasil.status is Status.SELESAI and hasil.progress == 100:
        return True
    if baris.progres == 100 and hasil.ragu_selesai and "selesai" in baris.boleh:
        return hasil.progress is None  # the 100 comes with the answer "Ya, selesai"
    return hasil.progress == baris.progres


def selesai_palsu(baris: Baris, hasil: Bacaan) -> bool:
    """The reader says *selesai* where *selesai* is not acceptable."""
    return hasil.status is Status.SELESAI and "selesai" not in baris.boleh


def meleset(baris: Baris, hasil: Bacaan) -> str:
    """One line for a miss."""
    return (
        f"{baris.asal} [{baris.jenis}] {baris.teks!r}: want {'/'.join(sorted(baris.boleh))}"
        f"{'' if baris.progres == _TIDAK_DICEK else f' {baris.progres}'}, got "
        f"{dibaca_sebagai(hasil)} {hasil.progress}"
    )


def nilai(korpus: Iterable[Baris]) -> tuple[dict[str, tuple[int, int]], list[str], list[str]]:
    """Per kind (right, total), the misses and the false selesai."""
    hitung: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    salah: list[str] = []
    palsu: list[str] = []
    for baris in korpus:
        hasil = baca(baris.teks)
        hitung[baris.jenis][1] += 1
        if benar(baris, hasil):
            hitung[baris.jenis][0] += 1
        else:
            salah.append(meleset(baris, hasil))
        if selesai_palsu(baris, hasil):
            palsu.append(meleset(baris, hasil))
    return {j: (b, n) for j, (b, n) in hitung.items()}, salah, palsu


# ---------------------------------------------------------------------------------------------


SEMUA = muat()


def test_corpus_is_well_formed() -> None:
    holdout = [b for b in SEMUA if b.asal.startswith(HOLDOUT)]
    assert len(SEMUA) >= 500
    assert len(holdout) >= 150
    assert {b.jenis for b in SEMUA} == set(JENIS)
    for baris in SEMUA:
        assert baris.teks.strip(), baris.asal
        assert baris.boleh and baris.boleh <= {*BACAAN.values(), TANYA}, baris.asal
        assert baris.jenis in JENIS, baris.asal
    # a file holds each reply once; a reply that authors wrote independently in several files
    # must be labelled consistently there (at least one reading acceptable in all of them)
    per_teks: dict[str, list[Baris]] = defaultdict(list)
    for baris in SEMUA:
        per_teks[" ".join(baris.teks.lower().split())].append(baris)
    ganda = sorted(
        teks
        for teks, semua in per_teks.items()
        if len({b.asal.split(":")[0] for b in semua}) < len(semua)
    )
    assert not ganda, f"duplicate rows in one file: {ganda}"
    bertentangan = sorted(
        teks
        for teks, semua in per_teks.items()
        if not frozenset.intersection(*(b.boleh for b in semua))
    )
    assert not bertentangan, f"the same reply labelled differently: {bertentangan}"


def test_no_false_selesai_anywhere() -> None:
    _, _, palsu = nilai(SEMUA)
    assert not palsu, "false selesai:\n" + "\n".join(palsu)


def test_accuracy_overall_and_per_kind() -> None:
    hitung, salah, _ = nilai(SEMUA)
    benar_semua = sum(b for b, _ in hitung.values())
    total = sum(n for _, n in hitung.values())
    lemah = {j: f"{b}/{n}" for j, (b, n) in hitung.items() if b < BAKU_BENAR_JENIS * n}
    pesan = f"{benar_semua}/{total} right; weak kinds {lemah}; misses:\n" + "\n".join(salah)
    assert benar_semua >= BAKU_BENAR * total, pesan
    assert not lemah, pesan


def test_selesai_counts_its_own_100_against_a_no_progress_label() -> None:
    baris = Baris("x", frozenset({"selesai", "tanya"}), None, "selesai_kuat", "t:1")
    assert benar(baris, Bacaan(Status.SELESAI, 100, "x", None))
    assert not benar(baris, Bacaan(None, 40, "x", None, ragu_selesai=True))
    assert benar(baris, Bacaan(None, None, "x", None, ragu_selesai=True))
    tanpa_selesai = Baris("x", frozenset({"dalam_proses"}), None, "progres", "t:2")
    assert not benar(tanpa_selesai, Bacaan(Status.DALAM_PROSES, 40, "x", None))


@pytest.mark.parametrize("baris", SEMUA, ids=[b.asal for b in SEMUA])
def test_ragu_never_comes_with_selesai(baris: Baris) -> None:
    hasil = baca(baris.teks)
    assert not (hasil.ragu_selesai and hasil.status is Status.SELESAI)
    assert hasil.persen_tidak_sah is None or hasil.progress is None


# ---------------------------------------------------------------------------------------------
# Percentages that cannot be progress
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tertulis"),
    [
        ("progres 150%", "150%"),
        ("Progres fisik sudah 120 persen pak", "120 persen"),
        ("capaian 250 %", "250 %"),
        ("sdh 110% pak", "110%"),
        ("realisasi 100,5%", "100,5%"),
    ],
)
def test_impossible_progress_is_flagged(text: str, tertulis: str) -> None:
    hasil = baca(text)
    assert hasil.persen_tidak_sah == tertulis
    assert hasil.progress is None
    assert hasil.status is not Status.SELESAI


@pytest.mark.parametrize(
    "text",
    [
        "Inflasi 2,5% pak",
        "Target 100%",
        "PAD naik 150% dibanding tahun lalu",
        "Realisasi PAD 105% dari target",
        "Progres 60%, kenaikan 120% dari bulan lalu",
        "Harga cabai naik 200 persen",
    ],
)
def test_rates_and_targets_are_not_flagged(text: str) -> None:
    assert baca(text).persen_tidak_sah is None


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

KATA = sorted(
    {
        "sudah", "sdh", "belum", "blm", "selesai", "slsai", "rampung", "tuntas", "done", "?",
        "tinggal", "kecuali", "lagi", "dilaksanakan", "rapat", "survei", "minggu", "depan",
        "kendala", "perlu", "butuh", "dana", "turun", "pending", "4", "dari", "12", "nagari",
        "progres", "150", "100", "%", "persen", "alah", "salasai", "sampun", "wes", "beres",
        "siap", "izin", "diterima", "sebagian", "semua", "seluruhnya", "tidak", "bukan", "\n",
        ",", ".", "-", "pak", "m", "km", "1,2", "200", "tahap", "pengadaan", "on", "progress",
    }
)  # fmt: skip


def _sah(hasil: Bacaan) -> None:
    assert not (hasil.ragu_selesai and hasil.status is Status.SELESAI)
    assert hasil.progress is None or 0 <= hasil.progress <= 100
    assert hasil.persen_tidak_sah is None or hasil.progress is None


@settings(max_examples=300)
@given(st.lists(st.sampled_from(KATA), max_size=25).map(" ".join))
def test_any_mix_of_corpus_words_is_read_consistently(text: str) -> None:
    _sah(baca(text))


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_any_text_is_read_consistently(text: str) -> None:
    _sah(baca(text))


def test_replies_never_tuned_against_stay_above_the_floor() -> None:
    """The honest figure: a set nobody tuned against. Not the goal (95 %), a floor."""
    korpus = muat(sorted(BELUM_DILIHAT.glob("*.tsv")))
    assert len(korpus) >= 300
    per_jenis, salah, palsu = nilai(korpus)
    benar_semua = sum(b for b, _ in per_jenis.values())
    assert benar_semua / len(korpus) >= BAKU_BELUM_DILIHAT, "\n".join(salah)
    assert len(palsu) <= SELESAI_PALSU_BELUM_DILIHAT * len(korpus), "\n".join(palsu)

"""Benchmark: how well and how fast the reply reader reads officials' replies.

Reads every reply of the corpus in ``tests/unit/reader_corpus/`` with
:func:`bot.domain.reply_parser.baca` and prints, per kind, how many readings are acceptable, the
overall figure for the files the rules were built from (including ``independent.tsv``,
``independent2.tsv`` … ``independent9.tsv``, ``keluarga.tsv`` and ``daerah2.tsv``, tuned
against since), the
figure for ``holdout.tsv`` (written before the reader was changed and never tuned against)
separately, the false *selesai* count (a reading of *selesai* where it is not acceptable), then
the figure for ``unseen/`` (the latest outsider's set, never tuned against: the honest figure for
replies never seen; its misses are listed only with ``-v``), then the reading speed in replies
per second (first pass with empty word caches, then warm). Scoring
is the corpus test's (:func:`tests.unit.test_reader_corpus.benar`): a *selesai* reading comes
with progress 100, so it is right on a row that accepts *selesai* even when the row's progress
is ``-``.

    python bench/reader.py [-v] [FILE.tsv ...]   # -v lists every miss; files: only those

Goal (issue 9): zero false selesai, at least 95 % right on replies never seen, and fast enough to
run on every reply (well above 1,000 replies/s).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain import reply_parser  # noqa: E402
from tests.unit.test_reader_corpus import (  # noqa: E402
    BELUM_DILIHAT,
    HOLDOUT,
    JENIS,
    KORPUS,
    Baris,
    muat,
    nilai,
)

ROUNDS = 20


def _laporan(judul: str, korpus: list[Baris], rinci: bool, *, rahasia: bool = False) -> None:
    hitung, salah, palsu = nilai(korpus)
    print(f"\n{judul} ({len(korpus)} replies)")
    for jenis in JENIS:
        if jenis in hitung:
            benar, total = hitung[jenis]
            print(f"  {jenis:<14} {benar:>4}/{total:<4} {100 * benar / total:6.1f} %")
    benar = sum(b for b, _ in hitung.values())
    total = sum(n for _, n in hitung.values())
    print(f"  {'overall':<14} {benar:>4}/{total:<4} {100 * benar / total:6.1f} %")
    print(f"  false selesai  {len(palsu)}")
    if rahasia and not rinci:
        return  # the unseen set: figures only
    for baris in palsu if not rinci else salah:
        print(f"    {baris}")


def _kecepatan(korpus: list[Baris]) -> None:
    teks = [baris.teks for baris in korpus]
    reply_parser._kanonik_pendek.cache_clear()
    reply_parser._betulkan.cache_clear()
    mulai = time.perf_counter()
    for t in teks:
        reply_parser.baca(t)
    dingin = len(teks) / (time.perf_counter() - mulai)
    mulai = time.perf_counter()
    for _ in range(ROUNDS):
        for t in teks:
            reply_parser.baca(t)
    hangat = ROUNDS * len(teks) / (time.perf_counter() - mulai)
    print(f"\nspeed: {dingin:,.0f} replies/s cold, {hangat:,.0f} replies/s warm")


def main() -> None:
    rinci = "-v" in sys.argv[1:]
    berkas = [KORPUS / nama for nama in sys.argv[1:] if nama.endswith(".tsv")]
    if berkas:
        for jalur in berkas:
            _laporan(jalur.name, muat([jalur]), rinci)
        return
    semua = muat()
    belum = muat(sorted(BELUM_DILIHAT.glob("*.tsv")))
    holdout = muat([KORPUS / HOLDOUT])
    dibangun = [b for b in semua if not b.asal.startswith(HOLDOUT)]
    _laporan("corpus the rules were built from", dibangun, rinci)
    _laporan("holdout (never tuned against)", holdout, rinci)
    _laporan("whole corpus", semua, rinci)
    # the honest figure for replies never seen: no miss is printed unless asked for (-v), so
    # nobody tunes against it by accident
    _laporan("unseen/ (an outsider's, never tuned against)", belum, rinci, rahasia=True)
    _kecepatan(semua)


if __name__ == "__main__":
    main()

"""Importing the reply reader is cheap: its ~80 patterns are compiled on the first reading, once
per process, not when the bot starts (issue 11, point 3). Each probe runs in a fresh
interpreter, so nothing this test session imported or compiled before can hide a compile at
import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

PROBE_READER = """
import re, sys
import bisect, dataclasses, enum, functools, typing  # the standard library's own patterns
import bot.domain.lifecycle

compiled = []
real_compile = re.compile
def counting_compile(pattern, flags=0):
    compiled.append(pattern)
    return real_compile(pattern, flags)
re.compile = counting_compile

from bot.domain import reply_parser as reader

assert compiled == [], compiled[:3]
assert reader._tabel.cache_info().currsize == 0
assert not [name for name, value in vars(reader).items() if isinstance(value, re.Pattern)]
assert "rapidfuzz" not in sys.modules

first = reader.baca("Sdh slsai semua pak 🙏")
assert reader._tabel.cache_info().currsize == 1
assert len(compiled) >= len(reader.TUTUPAN) + len(reader.KENDALA) + len(reader.SINYAL)
assert first.status is not None and first.status.value == "selesai", first
assert first.progress == 100, first

after_first = len(compiled)
tabel = reader._tabel()
second = reader.baca("Kendala: lahan blm dibebaskan, progres fisik 60%")
assert len(compiled) == after_first, compiled[after_first:]
assert reader._tabel() is tabel
assert reader._tabel.cache_info().currsize == 1
assert second.status is not None and second.status.value == "terkendala", second
assert second.progress == 60 and second.kendala == "lahan blm dibebaskan, progres fisik 60%"
print("ok")
"""

PROBE_TANDA = """
import sys
import bot.domain.tanda as tanda
assert "rapidfuzz" not in sys.modules
laporan = tanda.LaporanKendala(terkendala=True, kendala="dana belum cair", progress=40)
lagi = tanda.LaporanKendala(terkendala=True, kendala="Dana blm cair pak", progress=40)
assert tanda.kendala_berulang([laporan, lagi]) == 2
assert "rapidfuzz" in sys.modules
print("ok")
"""


def _jalankan(probe: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_importing_the_reader_compiles_no_pattern_and_the_first_reading_compiles_them_once() -> (
    None
):
    _jalankan(PROBE_READER)


def test_importing_the_honesty_signs_leaves_rapidfuzz_for_the_first_comparison() -> None:
    _jalankan(PROBE_TANDA)

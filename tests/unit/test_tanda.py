"""The repeat rule of the honesty signs: the same kendala again and again without progress."""

from __future__ import annotations

from bot.domain.tanda import LaporanKendala, kendala_berulang


def k(teks: str | None, progress: int | None = 30) -> LaporanKendala:
    return LaporanKendala(True, teks, progress)


def other(progress: int | None = 30) -> LaporanKendala:
    return LaporanKendala(False, None, progress)


def test_the_same_kendala_three_times_without_progress_counts_three() -> None:
    run = [k("Dana belum cair pak"), k("dana blm cair"), k("dana belum cair")]
    assert kendala_berulang(run) == 3


def test_one_kendala_report_is_not_a_repeat() -> None:
    assert kendala_berulang([k("dana belum cair")]) == 0


def test_different_kendala_are_not_the_same() -> None:
    assert kendala_berulang([k("lahan belum dibebaskan"), k("cuaca buruk, hujan terus")]) == 0


def test_progress_rising_inside_the_run_means_work_goes_on() -> None:
    run = [k("menunggu SK Bupati", 50), k("menunggu SK Bupati", 30)]
    assert kendala_berulang(run) == 0


def test_the_run_ends_at_the_first_report_that_is_not_a_kendala() -> None:
    run = [k("menunggu SK Bupati"), other(), k("menunggu SK Bupati"), k("menunggu SK Bupati")]
    assert kendala_berulang(run) == 0


def test_a_newest_report_that_is_not_a_kendala_has_no_repeat() -> None:
    assert kendala_berulang([other(), k("x"), k("x")]) == 0
    assert kendala_berulang([]) == 0


def test_reports_without_a_stated_progress_do_not_hide_a_repeat() -> None:
    run = [k("SDM terbatas", None), k("sdm terbatas", 20), k("SDM terbatas", 20)]
    assert kendala_berulang(run) == 3

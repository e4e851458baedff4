"""The penugasan lifecycle: what each report does from each state."""

from __future__ import annotations

import pytest

from bot.domain.lifecycle import CLOSED, Status, after_report, after_verification

B, D, P, K, S = (
    Status.BARU,
    Status.DITERIMA,
    Status.DALAM_PROSES,
    Status.TERKENDALA,
    Status.SELESAI,
)


@pytest.mark.parametrize(
    ("current", "progress", "wanted", "reported", "status", "result"),
    [
        # acknowledgement only moves a new penugasan
        (B, 0, D, None, D, 0),
        (P, 40, D, None, P, 40),
        (K, 40, D, None, K, 40),
        # progress
        (B, 0, P, 60, P, 60),
        (D, 0, P, None, P, 0),
        (K, 30, P, 50, P, 50),  # terkendala is left by the next progress report
        (P, 60, P, 40, P, 40),  # a lower figure is kept as reported (honest data)
        (B, 0, None, 30, P, 30),  # a bare percentage is progress
        (P, 60, None, None, P, 60),  # a note changes nothing
        (B, 0, None, 0, B, 0),
        # obstacles from any open state
        (B, 0, K, None, K, 0),
        (P, 70, K, 70, K, 70),
        (S, 100, K, None, K, 100),
        # completion waits for verification and is only left by verification
        (P, 80, S, 100, S, 100),
        (B, 0, S, None, S, 100),
        (S, 100, P, 80, S, 100),
        (S, 100, None, 50, S, 100),
        (S, 100, S, None, S, 100),
        # progress never shows 100 unless done
        (P, 10, P, 100, P, 99),
    ],
)
def test_after_report(
    current: Status,
    progress: int,
    wanted: Status | None,
    reported: int | None,
    status: Status,
    result: int,
) -> None:
    change = after_report(current, progress, wanted, reported)
    assert (change.status, change.progress) == (status, result)


@pytest.mark.parametrize("closed", sorted(CLOSED))
def test_closed_work_takes_no_reports(closed: Status) -> None:
    with pytest.raises(ValueError):
        after_report(closed, 100, P, 50)


def test_verification() -> None:
    assert after_verification(True) is Status.TERVERIFIKASI
    assert after_verification(False) is Status.DALAM_PROSES

"""The lifecycle of a penugasan (PRODUCT.md): its states and which changes a report may make.

baru → diterima → dalam_proses → selesai (waits for verification) → terverifikasi.
terkendala can be entered from any open state and is left by the next progress report.
A rejected verification returns to dalam_proses; tidak_dapat_ditindaklanjuti needs an
admin's sign-off. Only verification moves a penugasan out of `selesai` towards progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """A penugasan's status."""

    BARU = "baru"
    DITERIMA = "diterima"
    DALAM_PROSES = "dalam_proses"
    TERKENDALA = "terkendala"
    SELESAI = "selesai"
    TERVERIFIKASI = "terverifikasi"
    TIDAK_DAPAT = "tidak_dapat_ditindaklanjuti"
    # withdrawn from its OPD by /arahan_ubah: its reports stay in the history, it counts no more
    DICABUT = "dicabut"


CLOSED = frozenset({Status.TERVERIFIKASI, Status.TIDAK_DAPAT, Status.DICABUT})
OPEN = frozenset(Status) - CLOSED
WAITING = frozenset({Status.SELESAI})
# still being worked on: open and not waiting for verification
WORKING = OPEN - WAITING


def can_accept(current: Status) -> bool:
    """Terima (acknowledge) only moves a new penugasan; later states are already beyond it."""
    return current is Status.BARU


@dataclass(frozen=True)
class Perubahan:
    """The state a report leads to."""

    status: Status
    progress: int


def after_report(
    current: Status, progress: int, wanted: Status | None, reported: int | None
) -> Perubahan:
    """The status and progress after a report that asks for ``wanted`` with ``reported`` %.

    The caller has already refused reports on closed work."""
    if current in CLOSED:
        raise ValueError("closed penugasan cannot take reports")
    status = current
    if wanted is Status.DITERIMA:
        status = Status.DITERIMA if current is Status.BARU else current
    elif wanted is Status.DALAM_PROSES:
        status = current if current is Status.SELESAI else Status.DALAM_PROSES
    elif wanted in (Status.TERKENDALA, Status.SELESAI):
        status = wanted
    elif reported is not None and 0 < reported < 100 and current is not Status.SELESAI:
        status = Status.DALAM_PROSES
    if status is Status.SELESAI and current is not Status.SELESAI:
        return Perubahan(status, 100)
    if reported is not None and status is not Status.SELESAI:
        return Perubahan(status, max(0, min(99, reported)))
    return Perubahan(status, progress)


def after_verification(accepted: bool) -> Status:
    """Terima closes the penugasan; Tolak sends it back to work."""
    return Status.TERVERIFIKASI if accepted else Status.DALAM_PROSES

"""The lifecycle of a penugasan (PRODUCT.md): its states and which changes are allowed."""

from __future__ import annotations

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


CLOSED = frozenset({Status.TERVERIFIKASI, Status.TIDAK_DAPAT})
OPEN = frozenset(Status) - CLOSED


def can_accept(current: Status) -> bool:
    """Terima (acknowledge) only moves a new penugasan; later states are already beyond it."""
    return current is Status.BARU

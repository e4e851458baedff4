"""Domain errors: mistakes a user can cause, each with a message they can act on."""

from __future__ import annotations


class DomainError(Exception):
    """An error the user caused; ``pesan`` is shown to them (HTML-safe, already escaped)."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class Ditolak(DomainError):
    """The caller may not do this; the message reveals no data."""


class InputTidakValid(DomainError):
    """The caller's input could not be understood."""

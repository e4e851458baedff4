"""Domain errors: mistakes a user can cause, each with a message they can act on."""

from __future__ import annotations

from bot.texts import Teks, Texts


class DomainError(Exception):
    """An error the user caused; ``pesan`` is shown to them (HTML-safe, already escaped): a
    rendered string, or a :class:`~bot.texts.Teks` the handler renders.

    What the update wrote before the error is dropped, unless ``keep_changes`` is set (a
    prompt that is used up even though its answer is refused)."""

    def __init__(self, pesan: str | Teks, *, keep_changes: bool = False) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.keep_changes = keep_changes

    def text(self, texts: Texts) -> str:
        """The message in the reader's language."""
        return texts.render(self.pesan)


class Ditolak(DomainError):
    """The caller may not do this; the message reveals no data."""


class InputTidakValid(DomainError):
    """The caller's input could not be understood."""

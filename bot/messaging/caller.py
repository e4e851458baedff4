"""Who is asking and where: the part of an Update that services need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Caller:
    """The Telegram user behind an update, the chat they wrote in and the message they sent."""

    telegram_id: int
    nama: str
    username: str | None
    chat_id: int
    chat_type: str
    chat_title: str | None = None
    message_id: int | None = None

    @property
    def in_private(self) -> bool:
        """True in the user's private chat with the bot."""
        return self.chat_type == "private"

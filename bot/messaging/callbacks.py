"""Signed callback data: buttons the bot made can be verified, crafted ones are refused.

The signature binds a button's kind and its arguments to a key derived from the bot token, so a
modified client cannot point a button at another OPD's penugasan or another admin's draft.
Services still check the caller's role and OPD on every press: the signature is a second lock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from bot.domain.roles import ButtonKind

_SIG_LEN = 10
_PART = re.compile(r"^[a-z0-9_]{1,20}$")
MAX_BYTES = 64
KINDS = frozenset(k.value for k in ButtonKind)


@dataclass(frozen=True)
class Tombol:
    """A decoded button press: its kind and its integer or word arguments."""

    kind: ButtonKind
    args: tuple[str, ...]

    def int_arg(self, index: int) -> int:
        """The argument at ``index`` as an integer (raises ValueError if it is not one)."""
        return int(self.args[index])


class CallbackSigner:
    """Makes and checks ``action:arg:arg:signature`` strings of at most 64 bytes."""

    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"tindaklanjut-callback:" + secret.encode()).digest()

    def _sign(self, body: str) -> str:
        mac = hmac.new(self._key, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode()[:_SIG_LEN]

    def make(self, kind: ButtonKind, *args: object) -> str:
        """Callback data for a button of ``kind`` with ``args``; raises ValueError if it would
        not fit."""
        parts = [kind.value, *(str(a) for a in args)]
        if not all(_PART.match(p) for p in parts):
            raise ValueError(f"callback part not allowed: {parts!r}")
        body = ":".join(parts)
        data = f"{body}:{self._sign(body)}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError("callback data over 64 bytes")
        return data

    def read(self, data: str | None) -> Tombol | None:
        """The press, or ``None`` if the data is malformed or its signature does not match."""
        if not data or not data.isascii() or len(data) > MAX_BYTES:
            return None
        body, sep, sig = data.rpartition(":")
        if not sep or not body or not hmac.compare_digest(sig.encode(), self._sign(body).encode()):
            return None
        kind, *args = body.split(":")
        if kind not in KINDS:
            return None
        return Tombol(ButtonKind(kind), tuple(args))

"""Signed callback data: buttons the bot made can be verified, crafted ones are refused.

The signature binds a button's kind and its arguments to a secret kept in the database (made at
the first start, shared by every process, never derived from the bot token: buttons on old
messages keep working after the token is rotated), so a modified client cannot point a button
at another OPD's penugasan or another admin's draft.
Services still check the caller's role and OPD on every press: the signature is a second lock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.roles import ButtonKind

_SIG_LEN = 10
_PART = re.compile(r"^[a-z0-9_]{1,20}$")
MAX_BYTES = 64
KINDS = frozenset(k.value for k in ButtonKind)


def _key(secret: str) -> bytes:
    return hashlib.sha256(b"tindaklanjut-callback:" + secret.encode()).digest()


@dataclass(frozen=True)
class Tombol:
    """A decoded button press: its kind and its integer or word arguments."""

    kind: ButtonKind
    args: tuple[str, ...]

    def int_arg(self, index: int) -> int:
        """The argument at ``index`` as an integer (raises ValueError if it is not one)."""
        return int(self.args[index])


class CallbackSigner:
    """Makes and checks ``action:arg:arg:signature`` strings of at most 64 bytes.

    Buttons are signed with ``secret``; ``also_accepts`` are older secrets whose buttons are
    still honoured (never used to sign)."""

    def __init__(self, secret: str, *, also_accepts: Sequence[str] = ()) -> None:
        self._key = _key(secret)
        self._old_keys = tuple(_key(old) for old in also_accepts)

    def _sign(self, body: str, key: bytes | None = None) -> str:
        mac = hmac.new(key or self._key, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode()[:_SIG_LEN]

    def _signed(self, body: str, sig: str) -> bool:
        return any(
            hmac.compare_digest(sig.encode(), self._sign(body, key).encode())
            for key in (self._key, *self._old_keys)
        )

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
        if not sep or not body or not self._signed(body, sig):
            return None
        kind, *args = body.split(":")
        if kind not in KINDS:
            return None
        return Tombol(ButtonKind(kind), tuple(args))


class SignerNotLoaded(CallbackSigner):
    """The signer before start-up has read the secret from the database: refuses to work."""

    def __init__(self) -> None:
        super().__init__("")

    def make(self, kind: ButtonKind, *args: object) -> str:
        """Refused: no button may be made with a key that is not the deployment's."""
        raise RuntimeError("callback secret not loaded yet (start_services loads it)")

    def read(self, data: str | None) -> Tombol | None:
        """Refused, like ``make``."""
        raise RuntimeError("callback secret not loaded yet (start_services loads it)")

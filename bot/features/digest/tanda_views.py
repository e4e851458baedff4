"""How the honesty signs read: one phrase per sign, joined (the digest and `/arahan_info`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.env import Env

if TYPE_CHECKING:
    from bot.features.digest.tanda import Bertanda


def signs(env: Env, bertanda: Bertanda) -> str:
    """A penugasan's honesty signs in words, e.g. ``selesai tanpa bukti · pernah ditolak``."""
    words = [
        env.texts(
            f"tanda.{sign.value}",
            minggu=env.settings.STALLED_WEEKS,
            kali=bertanda.kali_kendala,
        )
        for sign in bertanda.tanda
    ]
    return " · ".join(words)

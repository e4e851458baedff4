"""Opening a Rakor, as a use case: no Telegram, just the unit of work and the actor."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.errors import InputTidakValid
from bot.features.rakor.service import BukaRakor, open_rakor
from bot.texts import Teks
from storage.models import AuditLog, Rakor
from tests.services.conftest import ADMIN, Store


async def test_a_rakor_is_stored_and_audited(store: Store) -> None:
    async with store.unit() as uow:
        rakor = await open_rakor(
            uow, ADMIN, BukaRakor("  Rakor   Evaluasi Triwulan IV ", date(2026, 11, 24))
        )
        await uow.commit()
    assert (rakor.judul, rakor.tanggal, rakor.created_by) == (
        "Rakor Evaluasi Triwulan IV",
        date(2026, 11, 24),
        ADMIN.telegram_id,
    )
    assert [(r.judul, r.created_at) for r in await store.rows(Rakor)] == [
        ("Rakor Evaluasi Triwulan IV", store.now)
    ]
    audit = await store.rows(AuditLog)
    assert [(a.action, a.subject, a.actor_telegram_id) for a in audit] == [
        ("rakor", f"rakor:{rakor.id}", ADMIN.telegram_id)
    ]


@pytest.mark.parametrize("judul", ["", "   ", "x" * 201])
async def test_a_title_that_is_empty_or_too_long_is_refused(store: Store, judul: str) -> None:
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await open_rakor(uow, ADMIN, BukaRakor(judul, date(2026, 11, 24)))
    assert refused.value.pesan == Teks("rakor.format")
    assert await store.rows(Rakor) == []

"""The audit log: every change, with who and when."""

from __future__ import annotations

from typing import Any

from storage.db import UnitOfWork
from storage.models import AuditLog


async def audit(
    uow: UnitOfWork, actor_telegram_id: int | None, action: str, subject: str, **details: Any
) -> None:
    """Record ``action`` on ``subject`` by the actor in the current unit of work."""
    uow.session.add(
        AuditLog(
            at=uow.now,
            actor_telegram_id=actor_telegram_id,
            action=action,
            subject=subject,
            details=details or None,
        )
    )

"""`python -m bot migrate`: apply the migrations, saying from which revision to which."""

from __future__ import annotations

from bot.cli.common import CliError, open_database, revisions, unknown_revision
from bot.config import Settings
from storage.locks import held_while_starting
from storage.migrate import upgrade_to_head


async def migrate(settings: Settings) -> int:
    """Bring the schema to this version's head (under the start-up lock, like a start)."""
    async with open_database(settings, must_exist=False) as db:
        async with held_while_starting(db):
            before = await revisions(db)
            if not before.known:
                assert before.current is not None
                raise unknown_revision(before.current)
            pending = before.pending
            if not pending:
                print(f"Skema sudah terbaru (revisi {before.head}); tidak ada migrasi diterapkan.")
                return 0
            try:
                await upgrade_to_head(db.engine)
            except Exception as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                raise CliError(
                    f"Migrasi dari revisi {before.current or 'kosong'} gagal: {reason}"
                ) from None
            after = await revisions(db)
    print(
        f"Migrasi diterapkan: dari revisi {before.current or 'kosong'} ke {after.current} "
        f"({len(pending)} migrasi: {', '.join(pending)})."
    )
    return 0

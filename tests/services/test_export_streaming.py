"""The `/ekspor` workbook is written in openpyxl's write-only mode and streams: rows reach the
sheet while the database is still producing them, a batch at a time, and are never all held at
once (the memory bound of a province-sized history rests on both)."""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.features.export import service, workbook
from bot.features.export.service import BarisLaporan, MintaEkspor
from tests.services.conftest import ADMIN, Store, env_of
from tests.services.test_export import seed

ROWS = workbook.BATCH * 5 + 7
"""Far more reports than one batch: a list of them all would show."""


@dataclass
class Tarikan:
    """How the report stream was consumed."""

    pulled: int = 0
    alive: int = 0
    most_alive: int = 0
    pulled_at_first_write: int | None = None
    written: int = 0

    def freed(self) -> None:
        self.alive -= 1


async def reports(tarikan: Tarikan) -> AsyncIterator[BarisLaporan]:
    """``ROWS`` reports made one at a time, counting how many were pulled and are alive."""
    start = datetime(2026, 11, 2, 1, tzinfo=UTC)
    for i in range(ROWS):
        row = BarisLaporan(
            start + timedelta(minutes=i),
            1,
            "DINKES",
            "Rina",
            "dikerjakan",
            "dikerjakan",
            i % 100,
            f"catatan ke-{i}",
            None,
            "chat",
            False,
        )
        tarikan.pulled += 1
        tarikan.alive += 1
        tarikan.most_alive = max(tarikan.most_alive, tarikan.alive)
        weakref.finalize(row, tarikan.freed)
        yield row
        del row


async def test_the_workbook_is_write_only_and_streams_its_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(store)
    env = env_of(store)
    made: list[Workbook] = []
    arguments: list[dict[str, Any]] = []

    def spy_workbook(*args: Any, **kwargs: Any) -> Workbook:
        arguments.append(dict(kwargs, args=args))
        made.append(Workbook(*args, **kwargs))
        return made[-1]

    tarikan = Tarikan()
    real_row = workbook._laporan

    def spy_row(env: Any, sheet: Any, row: BarisLaporan) -> None:
        if tarikan.pulled_at_first_write is None:
            tarikan.pulled_at_first_write = tarikan.pulled
        tarikan.written += 1
        real_row(env, sheet, row)

    monkeypatch.setattr(workbook, "Workbook", spy_workbook)
    monkeypatch.setattr(workbook, "_laporan", spy_row)
    async with store.unit() as uow:
        ekspor = await service.prepare(uow, env, ADMIN, MintaEkspor())
        monkeypatch.setattr(ekspor, "laporan", lambda: reports(tarikan))
        buku = await workbook.write(env, ekspor)

    # one workbook, made write-only, whose sheets are write-only sheets
    assert arguments == [{"write_only": True, "args": ()}]
    assert made[0].write_only
    assert all(isinstance(ws, WriteOnlyWorksheet) for ws in made[0].worksheets)
    # the first report was written after one batch was pulled, not after all of them
    assert tarikan.pulled_at_first_write == workbook.BATCH
    assert tarikan.pulled == tarikan.written == buku.laporan == ROWS
    # and at no time were more than two batches alive
    assert tarikan.most_alive <= 2 * workbook.BATCH
    # every report is in the sheet
    sheet = load_workbook(BytesIO(buku.isi), read_only=True)["Riwayat laporan"]
    assert sum(1 for _ in sheet.iter_rows(min_row=2)) == ROWS

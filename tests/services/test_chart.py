"""The weekly chart as use cases: its numbers are the digest's, regrouped into merah / kuning /
hijau per OPD and sorted worst first; its images are PNGs of the expected size, at most
MAX_OPD bars each; `/status grafik` reads the caller's scope as `/status` does."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.rating import Warna
from bot.env import Env
from bot.features.digest import chart, chart_views
from bot.features.digest import service as digest
from bot.features.digest.status import Lingkup, MintaStatus
from bot.features.people.access import Actor
from bot.texts import Teks, Texts
from storage.models import Arahan, Opd, Penugasan
from tests.services.conftest import ADMIN, Store, asisten, env_of
from tests.services.test_digest import SEKDA, seed

M, K, H = Warna.MERAH, Warna.KUNING, Warna.HIJAU
ROOT = Path(__file__).parents[2]


async def add_opd(store: Store, kode: str, klaster: int, *work: tuple[int, Status]) -> int:
    """An OPD with a penugasan on each directive number given, in the given status."""
    async with store.unit() as uow:
        opd = Opd(kode=kode, nama=kode, klaster=klaster, created_at=store.now, updated_at=store.now)
        uow.session.add(opd)
        await uow.session.flush()
        for nomor, status in work:
            arahan = (await uow.session.scalars(select(Arahan).where(Arahan.nomor == nomor))).one()
            uow.session.add(
                Penugasan(
                    arahan_id=arahan.id,
                    opd_id=opd.id,
                    kedudukan="penanggung_jawab",
                    status=status,
                    kendala_since=store.now if status is Status.TERKENDALA else None,
                    updated_at=store.now,
                )
            )
        await uow.commit()
        return opd.id


async def scenario(store: Store) -> None:
    """The digest's four OPDs, plus DISHUB (cluster 2) whose only penugasan is both overdue
    and terkendala (the digest counts it under both), and KOSONG with no penugasan at all."""
    await seed(store)
    await add_opd(store, "DISHUB", 2, (2, Status.TERKENDALA))
    await add_opd(store, "KOSONG", 1)


def bars(grafik: chart.DataGrafik) -> list[tuple[str, int, int, int]]:
    return [(b.kode, b.jumlah[M], b.jumlah[K], b.jumlah[H]) for b in grafik.batang]


async def chart_of(
    store: Store, env: Env, klaster: int | None
) -> tuple[digest.Ringkasan, chart.DataGrafik]:
    async with store.unit() as uow:
        ringkasan = await digest.build(uow, env, klaster)
        return ringkasan, await chart.data(uow, env, ringkasan)


async def test_the_chart_regroups_the_digests_counts_worst_first(store: Store) -> None:
    await scenario(store)
    ringkasan, grafik = await chart_of(store, env_of(store), None)
    assert (grafik.klaster, grafik.waktu) == (None, ringkasan.waktu)
    # merah: overdue or terkendala (DISHUB's one penugasan is both: once); kuning: the rest of
    # the open work; hijau: waiting (incl. DINKES's request to close) and verified
    assert bars(grafik) == [
        ("BAPPEDA", 1, 1, 0),  # merah-rated; as much merah as the next two, more kuning
        ("DINKES", 1, 0, 1),
        ("DISHUB", 1, 0, 0),
        ("DISDIK", 1, 0, 0),  # kuning-rated: a fresh kendala
        ("RSUD", 0, 0, 2),  # hijau-rated
    ]
    assert [b.warna for b in grafik.batang] == [M, M, M, K, H]
    assert grafik.tanpa_penugasan == 1  # KOSONG has no bar
    # each OPD's bar agrees with its digest line
    lines = {b.angka.kode: b for b in ringkasan.opd}
    for bar in grafik.batang:
        angka = lines[bar.kode].angka
        assert bar.warna is lines[bar.kode].warna
        assert bar.jumlah[M] + bar.jumlah[K] == angka.terbuka
        assert bar.jumlah[H] == angka.menunggu + angka.terverifikasi
        assert max(angka.terlambat, angka.terkendala) <= bar.jumlah[M]
        assert bar.jumlah[M] <= angka.terlambat + angka.terkendala
    # and the whole chart with the digest's totals
    total = ringkasan.total
    assert sum(b.jumlah[M] + b.jumlah[K] for b in grafik.batang) == total.terbuka
    assert sum(b.jumlah[H] for b in grafik.batang) == total.menunggu + total.terverifikasi


async def test_the_chart_of_one_cluster_is_that_clusters_digest(store: Store) -> None:
    await scenario(store)
    _, first = await chart_of(store, env_of(store), 1)
    _, second = await chart_of(store, env_of(store), 2)
    assert bars(first) == [("DINKES", 1, 0, 1), ("DISDIK", 1, 0, 0), ("RSUD", 0, 0, 2)]
    assert (first.klaster, first.tanpa_penugasan) == (1, 1)
    assert bars(second) == [("BAPPEDA", 1, 1, 0), ("DISHUB", 1, 0, 0)]
    # ten days on, DISDIK's kendala is late too: still one penugasan, counted once
    store.now += timedelta(days=10)
    _, later = await chart_of(store, env_of(store), 1)
    assert bars(later) == [("DINKES", 1, 0, 1), ("DISDIK", 1, 0, 0), ("RSUD", 0, 0, 2)]


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (signature, then the IHDR chunk)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


async def test_each_image_is_a_png_of_the_expected_size(store: Store) -> None:
    await scenario(store)
    env = env_of(store)
    _, grafik = await chart_of(store, env, 2)
    ((berkas, caption),) = await chart_views.images(env, grafik)
    assert (berkas.mime, berkas.nama) == ("image/png", "grafik-klaster-2-2026-11-23-1.png")
    assert png_size(berkas.isi) == chart.ukuran(2) == (1080, chart.KEPALA + 2 * chart.BARIS + 28)
    with Image.open(io.BytesIO(berkas.isi)) as image:
        assert (image.format, image.size) == ("PNG", (1080, chart.ukuran(2)[1]))
        # the bars are drawn in their colours
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(1 << 20) or []}
    assert {(0xD3, 0x2F, 0x2F), (0xF9, 0xA8, 0x25)} <= colours
    assert caption == (
        "📊 <b>Grafik penugasan per OPD — Asisten II</b>\nper Senin, 23 November 2026"
    )
    assert chart.ukuran(chart.MAX_OPD)[1] <= 1700  # 25 bars stay a phone's picture


async def test_thirty_opds_make_two_images_and_every_cluster_one_per_cluster(
    store: Store,
) -> None:
    await scenario(store)
    for n in range(30):
        status = (Status.TERKENDALA, Status.DALAM_PROSES, Status.TERVERIFIKASI)[n % 3]
        await add_opd(store, f"OPD{n:02d}", 3, (1, status), (3, Status.SELESAI))
    env = env_of(store)
    _, cluster = await chart_of(store, env, 3)
    parts = chart.bagian(cluster)
    assert [(len(p.batang), p.ke, p.dari, p.skala) for p in parts] == [
        (15, 1, 2, 2),
        (15, 2, 2, 2),
    ]
    assert [b.kode for p in parts for b in p.batang] == [b.kode for b in cluster.batang]
    found = await chart_views.images(env, cluster)
    assert [png_size(b.isi) for b, _ in found] == [chart.ukuran(15)] * 2
    assert ["(1/2)" in c for _, c in found] == [True, False]
    assert ["(2/2)" in c for _, c in found] == [False, True]
    # every cluster: one image per cluster, the 30 still split in two, numbered throughout
    _, everything = await chart_of(store, env, None)
    parts = chart.bagian(everything)
    assert [(p.klaster, len(p.batang), p.ke, p.dari) for p in parts] == [
        (1, 3, 1, 4),
        (2, 2, 2, 4),
        (3, 15, 3, 4),
        (3, 15, 4, 4),
    ]
    captions = [c for _, c in await chart_views.images(env, everything)]
    assert "Semua klaster — Asisten III</b> (4/4)" in captions[3]
    assert captions[3].endswith("1 OPD tanpa penugasan tidak ditampilkan.")
    assert "tanpa penugasan" not in captions[0]


async def test_the_words_in_english(store: Store) -> None:
    await scenario(store)
    env = env_of(store, Texts("en"), LANGUAGE="en")
    _, grafik = await chart_of(store, env, 1)
    (gambar,) = chart.bagian(grafik)
    words = chart_views.words(env, grafik, gambar)
    assert (words.judul, words.subjudul, words.bagian) == (
        "Assignments per OPD",
        "Asisten I · Monday, 23 November 2026",
        "",
    )
    assert words.legenda == {
        M: "Overdue / blocked",
        K: "In progress / no report",
        H: "Done / verified",
    }
    assert chart_views.caption(env, grafik, gambar).endswith(
        "as of Monday, 23 November 2026\n1 OPD without assignments is not shown."
    )


async def test_status_grafik_is_the_callers_own_scope(store: Store) -> None:
    await scenario(store)
    env = env_of(store)
    async with store.unit() as uow:
        own = await chart.for_status(uow, env, asisten(2), MintaStatus(grafik=True))
        everything = await chart.for_status(uow, env, SEKDA, MintaStatus(grafik=True))
        one = await chart.for_status(uow, env, ADMIN, MintaStatus(Lingkup("k", 1), grafik=True))
    assert (own.klaster, [b.kode for b in own.batang]) == (2, ["BAPPEDA", "DISHUB"])
    assert everything.klaster is None and len(everything.batang) == 5
    assert one.klaster == 1


@pytest.mark.parametrize(
    ("actor", "request_", "refusal"),
    [
        (asisten(1), MintaStatus(Lingkup("k", 2), grafik=True), Ditolak),
        (asisten(1), MintaStatus(Lingkup("k", 0), grafik=True), Ditolak),
        (SEKDA, MintaStatus(cari="DINKES", grafik=True), InputTidakValid),
        (SEKDA, MintaStatus(Lingkup("a", 1), grafik=True), InputTidakValid),
    ],
)
async def test_status_grafik_outside_the_scope_or_of_one_opd_is_refused(
    store: Store, actor: Actor, request_: MintaStatus, refusal: type[DomainError]
) -> None:
    await scenario(store)
    async with store.unit() as uow:
        with pytest.raises(refusal) as caught:
            await chart.for_status(uow, env_of(store), actor, request_)
    if refusal is InputTidakValid:
        assert caught.value.pesan == Teks("grafik.format")


async def test_no_work_no_images(store: Store) -> None:
    await add_opd(store, "KOSONG", 1)
    env = env_of(store)
    _, grafik = await chart_of(store, env, None)
    assert (grafik.batang, grafik.tanpa_penugasan) == ([], 1)
    assert chart.bagian(grafik) == [] and await chart_views.images(env, grafik) == []


def test_matplotlib_is_imported_only_to_draw() -> None:
    probe = (
        "import sys\n"
        "import bot.features.digest.chart, bot.features.digest.chart_views\n"
        "import bot.features.reminders.service, handlers.status\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr

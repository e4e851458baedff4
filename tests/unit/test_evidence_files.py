"""The kept evidence files: named from ids only, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.features.evidence.keeper import file_name, write_atomically


@pytest.mark.parametrize(
    ("telegram_path", "jenis", "name"),
    [
        ("photos/file_7.JPG", "foto", "bukti_12_laporan_3.jpg"),
        ("documents/file_8.pdf", "dokumen", "bukti_12_laporan_3.pdf"),
        ("photos/file_9", "foto", "bukti_12_laporan_3.jpg"),
        ("documents/../../etc/passwd", "dokumen", "bukti_12_laporan_3"),
        ("documents/x.tar.gz; rm -rf", "dokumen", "bukti_12_laporan_3"),
        (None, "dokumen", "bukti_12_laporan_3"),
    ],
)
def test_the_name_is_made_of_ids(telegram_path: str | None, jenis: str, name: str) -> None:
    assert file_name(12, 3, telegram_path, jenis) == name


def test_a_file_is_replaced_whole(tmp_path: Path) -> None:
    folder = tmp_path / "bukti"
    write_atomically(folder, "bukti_1_laporan_1.jpg", b"old")
    write_atomically(folder, "bukti_1_laporan_1.jpg", b"new")
    assert [p.name for p in folder.iterdir()] == ["bukti_1_laporan_1.jpg"]
    assert (folder / "bukti_1_laporan_1.jpg").read_bytes() == b"new"


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(src: str, dst: object) -> None:
        raise OSError("disk penuh")

    monkeypatch.setattr("bot.features.evidence.keeper.os.replace", broken)
    with pytest.raises(OSError):
        write_atomically(tmp_path, "bukti_2_laporan_1.pdf", b"data")
    assert list(tmp_path.iterdir()) == []

"""`python -m bot backup FILE` and `restore FILE`: the database and the evidence folder in one
.tar.gz with a small manifest.

SQLite is copied with its online backup API (one step: a consistent snapshot while the bot
keeps writing); PostgreSQL with `pg_dump`/`pg_restore` in their custom format. A restore never
overwrites a database holding data unless asked to (``--ganti``)."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url

from bot.cli.common import (
    CliError,
    is_postgres,
    open_database,
    revisions,
    sqlite_path,
    unknown_revision,
)
from bot.config import Settings
from storage.db import Database
from storage.locks import SENDER_LOCK

FORMAT = "tindaklanjut-cadangan"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_DUMP = "basisdata.sqlite3"
POSTGRES_DUMP = "basisdata.pgdump"
EVIDENCE = "bukti"


# --------------------------------------------------------------------------- the database
def sqlite_copy(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the online backup API, in one step (the snapshot of
    one read transaction); the copy is a single self-contained file."""
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def sqlite_restore(dump: Path, target: Path) -> None:
    """Replace the content of ``target`` with ``dump`` (the backup API, page by page)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(dump)
    try:
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def libpq_env(url: str) -> dict[str, str]:
    """The libpq environment (PGHOST…) for DATABASE_URL: the password stays off the command
    line."""
    parsed = make_url(url)
    env = dict(os.environ)
    values = {
        "PGHOST": parsed.host or parsed.query.get("host"),
        "PGPORT": str(parsed.port) if parsed.port else None,
        "PGUSER": parsed.username,
        "PGPASSWORD": parsed.password,
        "PGDATABASE": parsed.database,
        "PGSSLMODE": parsed.query.get("ssl") or parsed.query.get("sslmode"),
    }
    for name, value in values.items():
        if isinstance(value, tuple):
            value = value[0] if value else None
        if value:
            env[name] = str(value)
    return env


def program(name: str) -> str:
    """The path of a PostgreSQL client program, or a clear instruction to install it."""
    found = shutil.which(name)
    if found is None:
        raise CliError(
            f"Program {name} tidak ditemukan: pasang klien PostgreSQL (Debian/Ubuntu: "
            "apt install postgresql-client, versi sama dengan server atau lebih baru), lalu "
            "ulangi."
        )
    return found


async def run_program(settings: Settings, *argv: str) -> None:
    """Run pg_dump or pg_restore against DATABASE_URL; its first error line if it fails."""
    proc = await asyncio.create_subprocess_exec(
        *argv,
        env=libpq_env(settings.DATABASE_URL),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await proc.communicate()
    if proc.returncode != 0:
        lines = [line for line in err.decode(errors="replace").splitlines() if line.strip()]
        reason = lines[0] if lines else f"kode keluar {proc.returncode}"
        raise CliError(f"{Path(argv[0]).name} gagal: {reason}")


async def table_rows(db: Database) -> dict[str, int]:
    """Tables of the bot's schema holding rows (Alembic's own table not counted)."""

    def names(connection: Connection) -> list[str]:
        return list(inspect(connection).get_table_names())

    async with db.engine.connect() as conn:
        tables = await conn.run_sync(names)
        filled: dict[str, int] = {}
        for table in tables:
            if table == "alembic_version" or table.startswith("sqlite_"):
                continue
            count = await conn.scalar(text(f'SELECT count(*) FROM "{table}"'))
            if count:
                filled[table] = int(count)
    return filled


async def sender_running(db: Database) -> bool:
    """On PostgreSQL: whether a bot process holds the sender lock on this database."""
    if not db.is_postgres:
        return False
    query = text(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 "
        "AND objid = :key AND objsubid = 1 AND database = "
        "(SELECT oid FROM pg_database WHERE datname = current_database()))"
    )
    async with db.engine.connect() as conn:
        return bool(await conn.scalar(query, {"key": SENDER_LOCK}))


async def drop_tables(db: Database) -> None:
    """Empty a PostgreSQL database of the bot's tables before pg_restore recreates them."""

    def names(connection: Connection) -> list[str]:
        return list(inspect(connection).get_table_names())

    async with db.engine.begin() as conn:
        tables = await conn.run_sync(names)
        if tables:
            listed = ", ".join(f'"{table}"' for table in tables)
            await conn.execute(text(f"DROP TABLE IF EXISTS {listed} CASCADE"))


# --------------------------------------------------------------------------- evidence
def evidence_files(folder: Path) -> list[Path]:
    """The evidence files (a download being written, a hidden temporary file, is left out)."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def _size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


# --------------------------------------------------------------------------- backup
async def backup(settings: Settings, file: Path) -> int:
    """Write the backup to ``file`` (all at once: a failure leaves no half file)."""
    postgres = is_postgres(settings)
    if postgres:
        pg_dump = program("pg_dump")
    async with open_database(settings) as db:
        found = await revisions(db)
    if not found.known:
        assert found.current is not None
        raise unknown_revision(found.current)
    folder = Path(settings.EVIDENCE_DIR)
    target = await asyncio.to_thread(_backup_target, file)
    with tempfile.TemporaryDirectory(prefix="tindaklanjut-cadangan-") as work:
        if postgres:
            dump = Path(work) / POSTGRES_DUMP
            await run_program(
                settings,
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={dump}",
            )
        else:
            source = sqlite_path(settings)
            assert source is not None
            dump = Path(work) / SQLITE_DUMP
            try:
                await asyncio.to_thread(sqlite_copy, source, dump)
            except sqlite3.Error as exc:
                raise CliError(
                    f"Basis data SQLite {source} tidak bisa dicadangkan: {exc}"
                ) from None
        files = evidence_files(folder)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "versi_format": FORMAT_VERSION,
            "dibuat": datetime.now(UTC).isoformat(timespec="seconds"),
            "basis_data": "postgresql" if postgres else "sqlite",
            "berkas_basis_data": dump.name,
            "revisi": found.current,
            "bukti": len(files),
        }
        written = await asyncio.to_thread(_write_archive, target, manifest, dump, folder, files)
    kind = "PostgreSQL (pg_dump)" if postgres else "SQLite"
    print(
        f"Cadangan ditulis ke {file} ({_size(written)}): basis data {kind} revisi "
        f"{found.current or 'kosong'}, {len(files)} berkas bukti dari {folder}."
    )
    return 0


def _backup_target(file: Path) -> Path:
    """Where the backup goes: a file in an existing folder."""
    target = file.resolve()
    if target.is_dir():
        raise CliError(f"{file} adalah folder: sebutkan nama berkas, mis. {file}/cadangan.tar.gz")
    if not target.parent.is_dir():
        raise CliError(f"Folder {file.parent} tidak ada.")
    return target


def _write_archive(
    target: Path, manifest: dict[str, Any], dump: Path, folder: Path, files: list[Path]
) -> int:
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        with tarfile.open(tmp, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(datetime.now(UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for path in files:
                relative = path.relative_to(folder).as_posix()
                archive.add(path, arcname=f"{EVIDENCE}/{relative}", recursive=False)
        with open(tmp, "rb") as done:
            os.fsync(done.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target.stat().st_size


# --------------------------------------------------------------------------- restore
def read_manifest(archive: tarfile.TarFile, file: Path) -> dict[str, Any]:
    """The backup's manifest, checked."""
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member is not None else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CliError(f"{file} bukan cadangan bot ini (manifest.json tidak ada atau tidak sah).")
    if manifest.get("versi_format") != FORMAT_VERSION:
        raise CliError(
            f"{file} memakai format cadangan versi {manifest.get('versi_format')}, yang tidak "
            "dikenal versi bot ini."
        )
    return manifest


def _safe_name(name: str) -> PurePosixPath | None:
    """An archive member's path inside the evidence folder, or None if it would leave it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
        return None
    return PurePosixPath(*path.parts[1:])


def _extract(file: Path, work: Path, folder: Path) -> tuple[dict[str, Any], Path, int]:
    """Check and unpack the archive: the dump into ``work``, the evidence into ``folder``."""
    try:
        archive = tarfile.open(file, "r:gz")
    except (tarfile.TarError, OSError) as exc:
        raise CliError(f"{file} tidak bisa dibaca sebagai cadangan (.tar.gz): {exc}") from None
    with archive:
        manifest = read_manifest(archive, file)
        dump_name = str(manifest.get("berkas_basis_data"))
        if dump_name not in (SQLITE_DUMP, POSTGRES_DUMP):
            raise CliError(f"{file} tidak sah: berkas basis data {dump_name!r} tidak dikenal.")
        source = archive.extractfile(dump_name) if dump_name in archive.getnames() else None
        if source is None:
            raise CliError(f"{file} tidak lengkap: {dump_name} tidak ada di dalamnya.")
        dump = work / dump_name
        with dump.open("wb") as out:
            shutil.copyfileobj(source, out)
        count = 0
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith(f"{EVIDENCE}/"):
                continue
            relative = _safe_name(member.name)
            content = archive.extractfile(member)
            if relative is None or content is None:
                continue
            path = folder.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as out:
                shutil.copyfileobj(content, out)
            count += 1
    return manifest, dump, count


async def restore(settings: Settings, file: Path, *, ganti: bool) -> int:
    """Restore ``file`` into DATABASE_URL and EVIDENCE_DIR; refuses a database holding data
    unless ``ganti``."""
    manifest = await asyncio.to_thread(_manifest_of, file)
    postgres = is_postgres(settings)
    if postgres:
        pg_restore = program("pg_restore")
    kind = manifest.get("basis_data")
    if kind != ("postgresql" if postgres else "sqlite"):
        here = "PostgreSQL" if postgres else "SQLite"
        raise CliError(
            f"Cadangan ini dari basis data {kind}, sedangkan DATABASE_URL menunjuk {here}: "
            "pulihkan ke jenis basis data yang sama."
        )
    async with open_database(settings, must_exist=False) as db:
        current = await revisions(db)
        backup_revision = manifest.get("revisi")
        if backup_revision is not None and not _known(str(backup_revision)):
            raise unknown_revision(str(backup_revision))
        filled = await table_rows(db)
        if filled and not ganti:
            total = sum(filled.values())
            raise CliError(
                f"Basis data tujuan sudah berisi data ({total} baris di {len(filled)} tabel) dan "
                "tidak ditimpa: hentikan bot, lalu ulangi dengan --ganti untuk menggantinya."
            )
        if await sender_running(db):
            raise CliError(
                "Bot sedang berjalan pada basis data ini: hentikan semua proses bot dulu, lalu "
                "ulangi."
            )
        if postgres and (filled or current.current is not None):
            await drop_tables(db)
    folder = Path(settings.EVIDENCE_DIR)
    with tempfile.TemporaryDirectory(prefix="tindaklanjut-pulih-") as work:
        _, dump, count = await asyncio.to_thread(_extract, file, Path(work), folder)
        if postgres:
            await run_program(
                settings,
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={make_url(settings.DATABASE_URL).database}",
                str(dump),
            )
        else:
            target = sqlite_path(settings)
            assert target is not None
            try:
                await asyncio.to_thread(sqlite_restore, dump, target)
            except sqlite3.Error as exc:
                raise CliError(f"Basis data SQLite {target} tidak bisa dipulihkan: {exc}") from None
    print(
        f"Dipulihkan dari {file} (dibuat {manifest.get('dibuat')}): basis data revisi "
        f"{manifest.get('revisi') or 'kosong'}, {count} berkas bukti ke {folder}. Migrasi ke "
        "revisi terbaru diterapkan saat bot mulai (atau python -m bot migrate)."
    )
    return 0


def _manifest_of(file: Path) -> dict[str, Any]:
    """The manifest of the backup ``file``, after checking it is a whole archive."""
    if not file.is_file():
        raise CliError(f"Berkas cadangan {file} tidak ada.")
    try:
        with tarfile.open(file, "r:gz") as archive:
            archive.getmembers()
            return read_manifest(archive, file)
    except (tarfile.TarError, OSError, EOFError):
        raise CliError(f"{file} bukan cadangan bot ini (bukan berkas .tar.gz yang utuh).") from None


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return revision in {rev.revision for rev in script.walk_revisions()}

"""`python -m bot`: run the bot (long polling) with settings from the environment and `.env`;
without a BOT_TOKEN (or with the word ``playground``) the playground runs instead."""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import re
import sys
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlparse

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot import exitcodes
from bot.app import TindakLanjutApp, build_application
from bot.config import Settings, SettingsError, load_settings


def configure_logging(settings: Settings | None = None) -> None:
    """Log to stderr at LOG_LEVEL as LOG_FORMAT (text or json; see bot.observability.logs);
    httpx (URLs carry the token), alembic and the scheduler's per-minute lines stay quiet.
    Without ``settings`` they are read here (bad settings: the defaults; main reports them)."""
    from bot.observability.logs import configure

    if settings is None:
        try:
            settings = load_settings()
        except SettingsError:
            settings = None
    if settings is None:
        configure()
    else:
        configure(settings.LOG_LEVEL, settings.LOG_FORMAT)


PLAYGROUND_FOLDER = Path("data") / "playground"


def playground_folder(port: int) -> Path:
    """The playground's data folder: one per port, so two playgrounds started from one folder
    on different ports never delete each other's data (each starts its own afresh)."""
    return PLAYGROUND_FOLDER / str(port)


class IndonesianHelp(argparse.HelpFormatter):
    """argparse's help in Indonesian: the usage line's prefix."""

    def __init__(self, prog: str) -> None:
        # wide enough for one line per subcommand
        super().__init__(prog, max_help_position=28, width=110)
        self._action_max_length = 16  # nested subcommand names are measured one level short

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "pemakaian: " if prefix is None else prefix)


ARGPARSE_WORDS = (
    (
        re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)"),
        r"\1 tidak dikenal: \2 (pilihan: \3)",
    ),
    (re.compile(r"the following arguments are required: (.*)"), r"\1 wajib diisi"),
    (re.compile(r"unrecognized arguments: (.*)"), r"argumen tidak dikenal: \1"),
    (re.compile(r"argument (\S+): invalid int value: (.*)"), r"\1 harus bilangan bulat, bukan \2"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 perlu satu nilai"),
)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks Indonesian and says a mistake in one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", IndonesianHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu selesai")

    def error(self, message: str) -> NoReturn:
        for pattern, words in ARGPARSE_WORDS:
            message = pattern.sub(words, message)
        self.exit(2, f"{self.prog}: {message}. Lihat: {self.prog} --help\n")


def package_version() -> str:
    """The installed package's version (from its metadata)."""
    try:
        return importlib.metadata.version("tindaklanjut")
    except importlib.metadata.PackageNotFoundError:
        return "tidak terpasang sebagai paket"


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The command line: nothing to run the bot, ``playground`` to try it without Telegram,
    and the admin subcommands (run by bot/cli, loaded only when one is chosen)."""
    parser = Parser(
        prog="python -m bot",
        description=(
            "Bot Telegram tindak lanjut arahan pimpinan. Tanpa PERINTAH: jalankan bot (tanpa "
            "BOT_TOKEN: playground di http://127.0.0.1:PLAYGROUND_PORT, bot sungguhan, "
            "Telegram tiruan, contoh Pemda). Pengaturan dibaca dari lingkungan dan .env."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tindaklanjut {package_version()}",
        help="tampilkan versi lalu selesai",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah")
    commands.add_parser(
        "playground", help="jalankan playground walaupun BOT_TOKEN diisi (tanpa Telegram)"
    )
    commands.add_parser(
        "check",
        help="periksa pengaturan, basis data, migrasi, Telegram, data hari libur",
        description="Satu baris per pemeriksaan; kode keluar 0 bila tidak ada yang GAGAL.",
    )
    commands.add_parser("migrate", help="terapkan migrasi basis data (dari revisi mana ke mana)")
    backup = commands.add_parser(
        "backup",
        help="BERKAS: cadangkan basis data dan bukti ke .tar.gz (aman saat bot berjalan)",
    )
    backup.add_argument("berkas", metavar="BERKAS", help="berkas cadangan, mis. cadangan.tar.gz")
    restore = commands.add_parser(
        "restore", help="BERKAS [--ganti]: pulihkan basis data dan bukti (bot dihentikan dulu)"
    )
    restore.add_argument("berkas", metavar="BERKAS", help="berkas dari python -m bot backup")
    restore.add_argument(
        "--ganti", action="store_true", help="timpa basis data yang sudah berisi data"
    )
    undang = commands.add_parser(
        "undang", help="admin: cetak tautan undangan admin sekali pakai dari server"
    )
    undang.add_argument("peran", metavar="admin", choices=["admin"], help="peran yang diundang")
    undang.add_argument(
        "--bot-username",
        metavar="NAMA_BOT",
        help="nama bot (tanpa getMe, bila Telegram tidak bisa dihubungi)",
    )
    undang.add_argument(
        "--oleh", metavar="ID", type=int, help="ID Telegram admin yang menerbitkan undangan"
    )
    outbox = commands.add_parser(
        "outbox",
        help="pesan yang nasibnya tidak pasti; outbox kirim-ulang ID mengirimnya lagi",
    )
    actions = outbox.add_subparsers(dest="aksi", metavar="AKSI", title="aksi")
    again = actions.add_parser(
        "kirim-ulang", help="antrekan lagi pesan ID setelah dipastikan tidak sampai"
    )
    again.add_argument("id", metavar="ID", type=int, help="nomor pesan dari daftar outbox")
    purge = commands.add_parser(
        "purge",
        help="hapus pembaruan mentah dan isi pesan terkirim yang lebih tua dari masa simpan",
        description=(
            "Seperti pembersihan harian bot: pembaruan mentah (inbox) dan isi pesan terkirim "
            "(outbox) yang lebih tua dari RETENTION_INBOX_MONTHS / RETENTION_OUTBOX_MONTHS. "
            "Laporan, riwayat dan bukti tidak pernah dihapus. Aman saat bot berjalan."
        ),
    )
    purge.add_argument("--dry-run", action="store_true", help="hanya hitung apa yang akan dihapus")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Load settings (one clear line per bad setting), then run the playground or the bot;
    an admin subcommand runs through bot/cli instead."""
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    configure_logging()
    if arguments.command not in (None, "playground"):
        from bot.cli.main import run

        return run(arguments)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return exitcodes.BAD_SETTINGS
    if settings.BOT_TOKEN is None or arguments.command == "playground":
        return run_playground(settings)
    return run_bot(settings)


def run_playground(settings: Settings) -> int:
    """The playground, until Ctrl-C (its modules are loaded only here)."""
    from bot.playground.server import main as playground_main

    try:
        return asyncio.run(playground_main(settings, playground_folder(settings.PLAYGROUND_PORT)))
    except KeyboardInterrupt:
        return 0


def run_bot(settings: Settings) -> int:
    """The bot for real: long polling, or a webhook when WEBHOOK_URL is set."""
    app = build_application(settings)
    try:
        if settings.WEBHOOK_URL:
            run_webhook(app, settings)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print("BOT_TOKEN ditolak oleh Telegram: periksa token dari BotFather.", file=sys.stderr)
        return exitcodes.BAD_SETTINGS
    except NetworkError as exc:
        print(
            f"Tidak bisa menghubungi Telegram di {settings.TELEGRAM_API_URL}: {exc.message}",
            file=sys.stderr,
        )
        return exitcodes.FAILURE
    if app.conflict:
        print(
            "Bot lain sedang memakai token ini (Telegram menjawab 409 Conflict): hanya satu "
            "proses boleh long polling. Hentikan proses lainnya, atau pakai mode webhook "
            "(WEBHOOK_URL) untuk beberapa proses.",
            file=sys.stderr,
        )
        return exitcodes.SECOND_POLLER
    return exitcodes.OK


def run_webhook(app: TindakLanjutApp, settings: Settings) -> None:
    """Serve Telegram's webhook calls; the secret header is checked on every call."""
    assert settings.WEBHOOK_URL is not None and settings.WEBHOOK_SECRET is not None
    path = urlparse(settings.WEBHOOK_URL).path.strip("/")
    app.run_webhook(
        listen=settings.WEBHOOK_LISTEN,
        port=settings.WEBHOOK_PORT,
        url_path=path,
        webhook_url=settings.WEBHOOK_URL,
        secret_token=settings.WEBHOOK_SECRET.get_secret_value(),
        allowed_updates=Update.ALL_TYPES,
    )


if __name__ == "__main__":
    sys.exit(main())

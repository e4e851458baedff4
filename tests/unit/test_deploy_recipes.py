"""The service recipes in deploy/ (issue 15, point 6) say what the bot needs: the systemd unit
runs `python -m bot`, restarts after a crash but not after the exit codes a restart cannot fix
(bot/exitcodes.py), as a user of its own; `systemd-analyze verify` accepts it where systemd is
installed. Docker cannot build here: the Dockerfile and the compose file are read line by line,
and the Dockerfile's health check is run against a stand-in of /healthz. constraints.txt pins
every dependency within pyproject's ranges; every setting is documented."""

from __future__ import annotations

import http.server
import json
import re
import shlex
import shutil
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from bot import exitcodes
from bot.config import Settings

ROOT = Path(__file__).parents[2]
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "tindaklanjut.service"
BACKUP_UNITS = (DEPLOY / "tindaklanjut-backup.service", DEPLOY / "tindaklanjut-backup.timer")


def unit_entries(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit file: section → key → its values (a key may be given more than once)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{path.name}: {line!r} outside a section"
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def one(sections: dict[str, dict[str, list[str]]], section: str, key: str) -> str:
    values = sections[section].get(key, [])
    assert len(values) == 1, f"[{section}] {key}: {values}"
    return values[0]


# --------------------------------------------------------------------------- systemd
def test_the_unit_runs_python_m_bot_and_restarts_only_when_a_restart_can_help() -> None:
    unit = unit_entries(UNIT)
    command = shlex.split(one(unit, "Service", "ExecStart"))
    assert Path(command[0]).is_absolute() and Path(command[0]).name.startswith("python")
    assert command[1:] == ["-m", "bot"]
    assert one(unit, "Service", "Restart") == "on-failure"
    prevented = {int(code) for code in one(unit, "Service", "RestartPreventExitStatus").split()}
    assert prevented == {exitcodes.BAD_SETTINGS, exitcodes.SECOND_POLLER}
    assert exitcodes.FAILURE not in prevented and exitcodes.OK not in prevented
    # its own user, settings from a file only that user's group reads, state in /var/lib
    assert one(unit, "Service", "User") not in ("", "root", "0")
    assert one(unit, "Service", "EnvironmentFile").startswith("/etc/")
    assert one(unit, "Service", "WorkingDirectory") == "/var/lib/tindaklanjut"
    assert one(unit, "Install", "WantedBy") == "multi-user.target"
    assert "network-online.target" in one(unit, "Unit", "After")


def test_the_exit_codes_are_the_ones_main_returns() -> None:
    """bot/__main__.py returns the constants (no bare 2 or 3 left behind)."""
    source = (ROOT / "bot" / "__main__.py").read_text(encoding="utf-8")
    assert "exitcodes.BAD_SETTINGS" in source and "exitcodes.SECOND_POLLER" in source
    assert not re.search(r"return [23]\b", source)
    assert (exitcodes.OK, exitcodes.FAILURE, exitcodes.BAD_SETTINGS, exitcodes.SECOND_POLLER) == (
        0,
        1,
        2,
        3,
    )


def test_the_backup_timer_runs_python_m_bot_backup_daily() -> None:
    service, timer = (unit_entries(path) for path in BACKUP_UNITS)
    assert one(service, "Service", "Type") == "oneshot"
    assert "python -m bot backup " in one(service, "Service", "ExecStart")
    assert one(service, "Service", "User") == one(unit_entries(UNIT), "Service", "User")
    assert one(timer, "Timer", "OnCalendar").startswith("*-*-* ")
    assert one(timer, "Timer", "Persistent") == "true"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_analyze_verify_accepts_the_units(tmp_path: Path) -> None:
    """Verified as installed, the venv's interpreter being this one (verify wants every
    command to exist)."""
    paths = []
    for path in (UNIT, *BACKUP_UNITS):
        text = path.read_text(encoding="utf-8").replace(
            "/opt/tindaklanjut/.venv/bin/python", sys.executable
        )
        copy = tmp_path / path.name
        copy.write_text(text, encoding="utf-8")
        paths.append(str(copy))
    done = subprocess.run(
        ["systemd-analyze", "verify", *paths],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    # verify exits 0 on unknown keys too, but names them: nothing may be said
    assert (done.returncode, done.stderr.strip(), done.stdout.strip()) == (0, "", "")


# --------------------------------------------------------------------------- Docker
def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (continuation lines joined), as (INSTRUCTION, rest)."""
    lines: list[tuple[str, str]] = []
    pending = ""
    for raw in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = pending + line
        pending = ""
        instruction, _, rest = full.partition(" ")
        lines.append((instruction.upper(), rest.strip()))
    assert not pending
    return lines


def instructions(name: str) -> list[str]:
    return [rest for instruction, rest in dockerfile() if instruction == name]


def test_the_image_is_slim_python_3_11_and_installs_the_tested_versions() -> None:
    assert instructions("FROM") == ["python:3.11-slim-bookworm"]
    copied = [rest.split()[:-1] for rest in instructions("COPY")]
    assert ["constraints.txt", "pyproject.toml"] in copied
    for sources in copied:
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
    assert any("pip install -c constraints.txt ." in rest for rest in instructions("RUN"))
    assert any("postgresql-client" in rest for rest in instructions("RUN"))  # backups


def test_the_image_runs_the_bot_as_a_user_of_its_own() -> None:
    order = [instruction for instruction, _ in dockerfile()]
    users = instructions("USER")
    assert users and users[-1] not in ("root", "0")
    assert order.index("USER") < order.index("ENTRYPOINT")
    assert json.loads(instructions("ENTRYPOINT")[0]) == ["python", "-m", "bot"]
    assert any(rest.startswith("METRICS_PORT=") for rest in instructions("ENV"))


class Healthz(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.send_response(self.status if self.path == "/healthz" else 404)
        self.end_headers()
        self.wfile.write(b"ok" if self.status == 200 else b"database: tidak terhubung")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def healthz() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), Healthz)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        Healthz.status = 200


def test_the_health_check_asks_healthz_on_metrics_port(
    healthz: http.server.HTTPServer,
) -> None:
    (check,) = instructions("HEALTHCHECK")
    command = json.loads(check[check.index("CMD") + 3 :].strip())
    assert command[0] == "python"
    env = {"METRICS_PORT": str(healthz.server_address[1]), "PATH": "/usr/bin:/bin"}

    def run() -> int:
        return subprocess.run(
            [sys.executable, *command[1:]], env=env, capture_output=True, timeout=30
        ).returncode

    assert run() == 0
    Healthz.status = 503  # /healthz names what fails with a 503
    assert run() != 0


def test_compose_runs_the_bot_with_postgresql_and_volumes() -> None:
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert re.search(r"^services:\n(.*\n)*  db:\n    image: postgres:\d+", text, re.M)
    assert re.search(
        r"^  bot:\n    build:\n      context: \.\.\n      dockerfile: deploy/Dockerfile", text, re.M
    )
    assert "DATABASE_URL: postgresql+asyncpg://" in text and "@db:5432/" in text
    assert "condition: service_healthy" in text
    assert re.search(r"^volumes:\n  db:\n  data:\n?$", text, re.M)
    assert "- db:/var/lib/postgresql/data" in text
    assert "- data:/var/lib/tindaklanjut/data" in text
    # the image's working directory is where the data volume is mounted
    assert instructions("WORKDIR")[-1] == "/var/lib/tindaklanjut"
    assert "\t" not in text


# --------------------------------------------------------------------------- constraints
def pinned() -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and name.strip() == name and " " not in version, line
        found[canonicalize_name(name)] = Version(version)
    return found


def test_constraints_pin_every_dependency_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    versions = pinned()
    for spec in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in versions, f"constraints.txt does not pin {requirement.name}"
        assert requirement.specifier.contains(versions[name], prereleases=True), (
            f"constraints.txt pins {name} {versions[name]}, outside {requirement.specifier}"
        )
    assert canonicalize_name("tindaklanjut") not in versions  # the project is never pinned


# --------------------------------------------------------------------------- documentation
@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_in_the_readme_table_and_env_example(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(rf"^\| `{name}` \|", readme, re.M), f"README's settings table lacks {name}"
    assert re.search(rf"^{name}=", example, re.M), f".env.example lacks {name}"


def test_the_deployment_guide_covers_what_the_it_staff_needs() -> None:
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "docs/deploy.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in (
        "BotFather",
        "/setprivacy",
        "PostgreSQL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "nginx",
        "Caddy",
        "python -m bot backup",
        "python -m bot restore",
        "python -m bot migrate",
        "/metrics",
        "/healthz",
        "RETENTION_INBOX_MONTHS",
        "RETENTION_OUTBOX_MONTHS",
        "EXTRA_HOLIDAYS",
        "deploy/tindaklanjut.service",
        "deploy/compose.yaml",
        "constraints.txt",
    ):
        assert needed in guide, f"docs/deploy.md does not mention {needed}"
    for path in re.findall(r"`(deploy/[\w.-]+)`", guide):
        assert (ROOT / path).exists(), f"docs/deploy.md names {path}, which does not exist"

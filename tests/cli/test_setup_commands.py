"""`mailwall init`, `db upgrade` and `demo`: the first commands a newcomer runs."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli import main
from tests.cli.conftest import Mailwall
from wall_store import migrate


def test_init_creates_config_secret_outbox_and_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", "--data-dir", str(tmp_path / "d"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["changed"] is True
    assert report["revision"] == migrate.head_revision()
    data = tmp_path / "d"
    assert (data / "mailwall.toml").is_file()
    assert (data / "mailwall.db").is_file()
    assert {p.name for p in (data / "outbox").iterdir()} == {"cur", "new", "tmp"}
    secret = data / "secret.key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_text().strip() not in result.output


def test_init_twice_changes_nothing_and_says_so(tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["init", "--data-dir", str(tmp_path / "d")])
    config_before = (tmp_path / "d" / "mailwall.toml").read_text()
    secret_before = (tmp_path / "d" / "secret.key").read_text()
    second = runner.invoke(main, ["init", "--data-dir", str(tmp_path / "d")])
    assert second.exit_code == 0
    assert "already initialised; nothing changed" in second.output
    assert (tmp_path / "d" / "mailwall.toml").read_text() == config_before
    assert (tmp_path / "d" / "secret.key").read_text() == secret_before


def test_the_generated_configuration_is_commented_and_loads(tmp_path: Path) -> None:
    CliRunner().invoke(main, ["init", "--data-dir", str(tmp_path / "d")])
    text = (tmp_path / "d" / "mailwall.toml").read_text()
    assert text.count("#") > 10
    for section in ("[database]", "[smtp]", "[web]", "[outbound]", "[security]"):
        assert section in text


def test_db_upgrade_on_a_current_database_does_nothing(mailwall: Mailwall) -> None:
    data = mailwall.json("db", "upgrade")
    assert data["changed"] is False and data["revision"] == migrate.head_revision()


def test_commands_on_an_unmigrated_database_say_to_upgrade(tmp_path: Path) -> None:
    config = tmp_path / "mailwall.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "empty.db"}"\n')
    result = CliRunner().invoke(main, ["--config", str(config), "community", "list"])
    assert result.exit_code == 2
    assert "mailwall db upgrade" in result.stderr


def test_missing_configuration_is_one_sentence(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = CliRunner().invoke(main, ["--config", str(missing), "community", "list"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"mailwall: configuration file {missing} does not exist"


def test_demo_populates_a_community_newcomers_can_read(mailwall: Mailwall) -> None:
    data = mailwall.json("demo")
    assert data["created"] is True
    assert data["threads"] >= 3 and data["members"] >= 4
    show = mailwall.json("community", "show", "demo")
    assert show["posts"] == data["posts"]
    assert show["addresses"] == [data["address"]]
    roles = {m["role"] for m in mailwall.json("member", "list", "demo")}
    assert roles == {"manager", "member", "external"}


def test_demo_twice_adds_nothing(mailwall: Mailwall) -> None:
    mailwall("demo")
    before = mailwall.row_counts()
    second = mailwall.json("demo")
    assert second["created"] is False
    assert mailwall.row_counts() == before


def test_installed_mailwall_command_runs_in_a_subprocess(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "mailwall"
    env = {**os.environ, "MAILWALL_CONFIG": str(tmp_path / "d" / "mailwall.toml")}
    env.pop("MAILWALL_DATABASE_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True,
                              check=False, cwd=tmp_path)

    assert run("init", "--data-dir", str(tmp_path / "d")).returncode == 0
    created = run("community", "create", "qualite", "--name", "Qualité", "--kind", "team")
    assert created.returncode == 0, created.stderr
    listed = run("community", "list", "--json")
    assert [c["slug"] for c in json.loads(listed.stdout)] == ["qualite"]
    refused = run("community", "create", "qualite", "--name", "Doublon", "--kind", "team")
    assert refused.returncode == 2
    assert refused.stderr.strip() == "mailwall: a community 'qualite' exists already"

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from cli import main
from wall_store.db import make_engine
from wall_store.models import Base


@dataclass
class Mailwall:
    """The `mailwall` command on an initialised data folder, through click's runner."""

    config: Path
    database_url: str
    runner: CliRunner

    def __call__(self, *args: str) -> Result:
        return self.runner.invoke(main, ["--config", str(self.config), *args])

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def row_counts(self) -> dict[str, int]:
        engine = make_engine(self.database_url)
        with engine.connect() as conn:
            counts = {
                name: conn.scalar(select(func.count()).select_from(table)) or 0
                for name, table in Base.metadata.tables.items()
            }
        engine.dispose()
        return counts


@pytest.fixture
def mailwall(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Mailwall:
    monkeypatch.setenv("MAILWALL_DATABASE_URL", database_url)
    runner = CliRunner()
    result = runner.invoke(main, ["init", "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    return Mailwall(tmp_path / "data" / "mailwall.toml", database_url, runner)


@pytest.fixture
def refused(mailwall: Mailwall) -> Callable[..., Result]:
    """Runs a command that must be refused: exit 2, one sentence, nothing written."""

    def run(*args: str) -> Result:
        before = mailwall.row_counts()
        result = mailwall(*args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        assert mailwall.row_counts() == before
        return result

    return run

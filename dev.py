#!/usr/bin/env python3
"""The README's two commands: `python3 dev.py run` and `python3 dev.py test`.

Standard library only, because it runs before anything is installed: it makes
`.venv`, installs Mailwall into it (again only when pyproject.toml changed),
then runs the gateway on the demo data or the whole test suite.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    code = subprocess.call([str(a) for a in args], cwd=ROOT, env=env)
    if code != 0:
        sys.exit(code)


def ensure_venv(extras: str) -> None:
    # dev.py runs on whatever python3 the machine has, before any install.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit(f"Mailwall needs Python 3.11 or later; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    sh(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    sh(BIN / "python", "-m", "pip", "install", "--quiet", "-e", target)
    stamp.write_text(wanted)


def run() -> None:
    ensure_venv("")
    mailwall = BIN / "mailwall"
    sh(mailwall, "init", "--data-dir", ROOT / "data")
    config = ROOT / "data" / "mailwall.toml"
    sh(mailwall, "--config", config, "demo")
    # A fresh link on every run: the demo's own links are printed only when it is created.
    print("\nOpen this link to sign in as the demo's community manager:", flush=True)
    sh(mailwall, "--config", config, "login-link", "elodie.martin@example.com")
    os.execv(str(mailwall), [str(mailwall), "--config", str(ROOT / "data" / "mailwall.toml"),
                             "serve"])


def test(pytest_args: list[str]) -> None:
    ensure_venv("test")
    sh(BIN / "ruff", "check", ".")
    sh(BIN / "python", "-m", "pytest", *pytest_args)


def main() -> None:
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "run":
        run()
    elif command == "test":
        test(rest)
    else:
        sys.exit("usage: python3 dev.py run | test [pytest options]")


if __name__ == "__main__":
    main()

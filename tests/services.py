"""Where a test needs an outside service: skip with a reason on a laptop, fail in CI."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def service_missing(reason: str) -> NoReturn:
    """CI promises every integration service; a skip there would hide a broken setup."""
    if in_ci():
        pytest.fail(f"integration service missing in CI: {reason}")
    pytest.skip(reason)

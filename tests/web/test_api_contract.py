"""The JSON API answers as its OpenAPI description says, for requests schemathesis
generates from that description, signed in as a member with a valid CSRF token."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web.conftest import CSRF, MEMBER, Wall
from wall_store import tokens
from web.app import create_app


def test_every_api_operation_matches_its_openapi_description(wall: Wall) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json",
                                            create_app(wall.config, wall.sessions))
    cookie = tokens.sign(wall.config.secret(), tokens.SESSION,
                         {"p": wall.person_id(MEMBER), "c": CSRF})
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:  # type: ignore[no-untyped-def]
            if case.headers and "X-CSRF-Token" in case.headers:
                case.headers["X-CSRF-Token"] = CSRF
            case.call_and_validate(cookies={"mailwall_session": cookie})

        check()
        checked.append(operation.label)
    assert len(checked) == 11

"""The OpenAPI description of /api/, served at /api/openapi.json and checked by the tests."""

from __future__ import annotations

from typing import Any


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "Bad input"),
    "401": _json(_ref("Error"), "Not signed in"),
    "403": _json(_ref("Error"), "Signed in but not allowed (role or CSRF token)"),
    "404": _json(_ref("Error"), "No such community, or a private one the person is not in"),
}
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
THREAD = {"name": "thread_id", "in": "path", "required": True,
          "schema": {"type": "integer", "minimum": 0, "maximum": 999_999_999}}
POST = {"name": "post_id", "in": "path", "required": True,
        "schema": {"type": "integer", "minimum": 0, "maximum": 999_999_999}}
CSRF = {"name": "X-CSRF-Token", "in": "header", "required": True, "schema": {"type": "string"}}
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
DATE = {"type": ["string", "null"], "format": "date-time"}


def _op(summary: str, ok: dict[str, Any], params: list[dict[str, Any]] | None = None,
        body: dict[str, Any] | None = None, status: str = "200") -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "parameters": params or [],
                          "responses": {status: ok, **ERRORS}}
    if body is not None:
        op["requestBody"] = {"required": True,
                             "content": {"application/json": {"schema": body}}}
    return op


def _obj(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": props,
            "required": required if required is not None else list(props)}


SCHEMAS = {
    "Error": _obj({"error": STRING}),
    "Me": _obj({"id": {"type": "integer"}, "name": STRING, "email": STRING, "locale": STRING,
                "csrf_token": STRING}),
    "Community": _obj({"slug": STRING, "name": STRING, "kind": STRING, "private":
                       {"type": "boolean"}, "role": NULLABLE_STRING,
                       "threads_this_week": {"type": "integer"}}),
    "ThreadCard": _obj({"id": {"type": "integer"}, "subject": STRING, "channel": NULLABLE_STRING,
                        "posts": {"type": "integer"}, "sources": {"type": "array", "items": STRING},
                        "started_by": STRING, "excerpt": STRING, "last_activity_at": DATE}),
    "Wall": _obj({"community": STRING, "threads": {"type": "array", "items": _ref("ThreadCard")}}),
    "Post": _obj({"id": {"type": "integer"}, "author": STRING,
                  "source": {"type": "string", "enum": ["email", "web", "import"]},
                  "created_at": DATE, "text": STRING, "quoted_text": STRING,
                  "likes": {"type": "integer"}, "liked_by_me": {"type": "boolean"},
                  "documents": {"type": "array", "items": _obj(
                      {"name": STRING, "version": {"type": "integer"}})}}),
    "Thread": _obj({"id": {"type": "integer"}, "subject": STRING,
                    "posts": {"type": "array", "items": _ref("Post")}}),
    "Document": _obj({"name": STRING, "versions": {"type": "array", "items": _obj({
        "number": {"type": "integer"}, "size": {"type": "integer"}, "content_type": STRING,
        "sha256": STRING, "by": NULLABLE_STRING, "at": STRING,
        "post_id": {"type": ["integer", "null"]}})}}),
    "Member": _obj({"name": STRING, "role": STRING, "stage": STRING}),
    "Hit": _obj({"post_id": {"type": "integer"}, "thread_id": {"type": "integer"},
                 "community": STRING, "subject": STRING, "author": STRING, "created_at": DATE,
                 "excerpt": STRING}),
    "Created": _obj({"thread_id": {"type": "integer"}, "post_id": {"type": "integer"}}),
    "Liked": _obj({"post_id": {"type": "integer"}, "liked": {"type": "boolean"}}),
    "NewThread": _obj({"subject": {"type": "string", "minLength": 1},
                       "text": {"type": "string", "minLength": 1}}),
    "NewReply": _obj({"text": {"type": "string", "minLength": 1}}),
}


def _array(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Mailwall wall API", "version": "1",
             "description": "Reads and actions of the web wall. Sign in on the web; the "
                            "session cookie authenticates; writes need X-CSRF-Token."},
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {"session": {"type": "apiKey", "in": "cookie",
                                        "name": "mailwall_session"}},
    },
    "security": [{"session": []}],
    "paths": {
        "/api/me": {"get": _op("The signed-in person and their CSRF token", _json(_ref("Me")))},
        "/api/communities": {"get": _op("Communities the person may read",
                                        _json(_array("Community")))},
        "/api/search": {"get": _op("Full-text search over readable posts", _json(_array("Hit")),
                                   [{"name": "q", "in": "query", "required": True,
                                     "schema": {"type": "string"}}])},
        "/api/c/{slug}": {"get": _op("A community's wall, threads by last activity",
                                     _json(_ref("Wall")),
                                     [SLUG, {"name": "channel", "in": "query",
                                             "schema": {"type": "string"}},
                                      {"name": "offset", "in": "query",
                                       "schema": {"type": "integer", "minimum": 0}}])},
        "/api/c/{slug}/threads": {"post": _op("Start a thread", _json(_ref("Created"), "Created"),
                                              [SLUG, CSRF], _ref("NewThread"), "201")},
        "/api/c/{slug}/t/{thread_id}": {"get": _op("A thread's posts", _json(_ref("Thread")),
                                                   [SLUG, THREAD])},
        "/api/c/{slug}/t/{thread_id}/replies": {"post": _op(
            "Reply in a thread", _json(_ref("Created"), "Created"), [SLUG, THREAD, CSRF],
            _ref("NewReply"), "201")},
        "/api/c/{slug}/posts/{post_id}/like": {
            "put": _op("Like a post", _json(_ref("Liked")), [SLUG, POST, CSRF]),
            "delete": _op("Take a like back", _json(_ref("Liked")), [SLUG, POST, CSRF]),
        },
        "/api/c/{slug}/documents": {"get": _op("The library: documents and their versions",
                                               _json(_array("Document")), [SLUG])},
        "/api/c/{slug}/members": {"get": _op("Members and their roles",
                                             _json(_array("Member")), [SLUG])},
    },
}

"""Route modules. Ids in paths are `{name:id}`: at most nine digits, so that no database
sees an integer it cannot hold (SQLite and PostgreSQL differ there) — longer is a 404."""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class IdConvertor(Convertor[int]):
    regex = "[0-9]{1,9}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("id", IdConvertor())

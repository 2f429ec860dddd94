"""Repository bases: the statement builder and the fetchers every repository shares."""
from __future__ import annotations

from typing import Protocol


class StatementSource(Protocol):
    def base_statement(self) -> str: ...

    def fetch_one(self, statement: str) -> dict | None: ...


class RepositoryBase:
    table = ""

    def base_statement(self) -> str:
        return f"SELECT * FROM {self.table}"

    def fetch_one(self, statement: str) -> dict | None:
        return {"statement": statement}

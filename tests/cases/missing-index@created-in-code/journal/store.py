"""A change journal in a local SQLite file: the application creates its tables on start."""
from __future__ import annotations

import sqlite3


class Journal:
    def __init__(self, path: str) -> None:
        self.connection = sqlite3.connect(path, check_same_thread=False)
        self.connection.execute(
            """
            CREATE TABLE IF NOT EXISTS changes (
                id TEXT PRIMARY KEY,
                record_id TEXT,
                scope TEXT,
                body TEXT,
                created_at TEXT
            )
            """
        )
        self.connection.execute("CREATE INDEX IF NOT EXISTS ix_changes_scope ON changes (scope)")

    def for_record(self, record_id: str) -> list[tuple]:
        cursor = self.connection.execute(
            "SELECT id, body, created_at FROM changes WHERE record_id = ?",  # expect: missing-index
            (record_id,),
        )
        return cursor.fetchall()

    def for_scope(self, scope: str) -> list[tuple]:
        cursor = self.connection.execute(
            "SELECT id, body FROM changes WHERE scope = ?",
            (scope,),
        )
        return cursor.fetchall()

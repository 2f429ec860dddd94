from __future__ import annotations

import sqlite3


def remember(conn: sqlite3.Connection, key: str) -> None:
    """sqlite3's own IntegrityError: the statement fails alone, the connection stays usable."""
    try:
        conn.execute("INSERT INTO seen(key) VALUES (?)", (key,))
    except sqlite3.IntegrityError:
        pass

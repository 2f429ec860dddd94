"""An online store on MySQL through pymysql, one connection per store."""
from __future__ import annotations

import pymysql
from pymysql.connections import Connection


class MySQLStore:
    def __init__(self, host: str) -> None:
        self._host = host
        self._conn: Connection | None = None

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = pymysql.connect(host=self._host, user="feast", database="feast")
        return self._conn

    def read_rows(self, table: str, keys: list[bytes]) -> list[tuple]:
        cur = self._connection().cursor()
        out = []
        for key in keys:
            cur.execute(f"SELECT name, value FROM {table} WHERE entity_key = %s", (key,))  # expect: n-plus-one
            out.append(cur.fetchall())
        return out

    def read_rows_at_once(self, table: str, keys: list[bytes]) -> list[tuple]:
        """Look-alike: one statement for every key."""
        cur = self._connection().cursor()
        marks = ",".join(["%s"] * len(keys))
        cur.execute(f"SELECT entity_key, name, value FROM {table} WHERE entity_key IN ({marks})", keys)
        return list(cur.fetchall())

    def create_tables(self, tables: list[str]) -> None:
        """Look-alike: one DDL statement per table is what set-up does."""
        cur = self._connection().cursor()
        for table in ("features", "entities"):
            cur.execute(f"CREATE TABLE IF NOT EXISTS {table} (entity_key VARBINARY(512), name TEXT, value BLOB)")

    def update_schema(self, tables: list[str]) -> None:
        """Look-alike: creating each table and asking the catalog whether its index exists is schema
        management, one statement per table by nature."""
        cur = self._connection().cursor()
        for table in tables:
            cur.execute(f"CREATE TABLE IF NOT EXISTS {table} (entity_key VARBINARY(512), value BLOB)")
            found = cur.execute(
                "SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = %s",
                (table,),
            )
            if not found:
                cur.execute(f"ALTER TABLE {table} ADD INDEX {table}_ek (entity_key)")

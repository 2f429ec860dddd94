"""One inspector per kind of database object, behind a common interface."""
from abc import ABC, abstractmethod

from sqlalchemy import Engine, text


class Inspector(ABC):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @abstractmethod
    def list_objects(self, schema: str) -> list[str]:
        ...


class ColumnInspector(Inspector):
    def list_objects(self, schema: str) -> list[str]:
        return self._columns(schema)

    def _columns(self, schema: str) -> list[str]:
        conn = self._engine.connect()  # expect: connection-management
        rows = conn.execute(text("SELECT column_name FROM information_schema.columns WHERE table_schema = :s"),
                            {"s": schema})
        return [row[0] for row in rows]


class SequenceInspector(Inspector):
    def list_objects(self, schema: str) -> list[str]:
        return self._sequences(schema)

    def _sequences(self, schema: str) -> list[str]:
        with self._engine.connect() as conn:
            rows = conn.execute(text("SELECT sequence_name FROM information_schema.sequences "
                                     "WHERE sequence_schema = :s"), {"s": schema})
            return [row[0] for row in rows]


class ExportInspector:
    """Used only by the offline export script, never by the API."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def dump(self, schema: str) -> list[str]:
        return self._tables(schema)

    def _tables(self, schema: str) -> list[str]:
        conn = self._engine.connect()
        rows = conn.execute(text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s"),
                            {"s": schema})
        return [row[0] for row in rows]

"""Runs every inspector in a worker thread and merges what they list."""
import asyncio

from catalog.inspectors import Inspector


class CatalogService:
    def __init__(self, inspectors: list[Inspector]) -> None:
        self._inspectors = inspectors

    async def describe(self, schema: str) -> list[str]:
        names: list[str] = []
        for inspector in self._inspectors:
            names += await asyncio.to_thread(self._list, inspector, schema)
        return names

    def _list(self, inspector: Inspector, schema: str) -> list[str]:
        return list(inspector.list_objects(schema))

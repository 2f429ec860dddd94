"""Ledger storage: one repository object per session."""


class EntryRepository:
    def __init__(self, rows: list) -> None:
        self._rows = rows

    async def add(self, entry: dict) -> None:
        self._rows.append(entry)

    def count(self) -> int:
        return len(self._rows)


class ArchiveRepository(EntryRepository):
    def add(self, entry: dict) -> None:  # a sync override: a plain call is right here
        self._rows.append(dict(entry, archived=True))


def repository_for(rows: list):
    return EntryRepository(rows) if rows else ArchiveRepository(rows)

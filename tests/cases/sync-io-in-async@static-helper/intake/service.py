"""Document intake: scan, then archive."""
from intake.archive import LocalArchive
from intake.scanning import clamd_scan, size_ok


class Infected(Exception):
    pass


class DocumentService:
    scanner = staticmethod(clamd_scan)
    checker = staticmethod(size_ok)

    def __init__(self, archive: LocalArchive) -> None:
        self._archive = archive

    async def ingest(self, name: str, content: bytes) -> None:
        if not self.checker(content):
            raise ValueError(name)
        if not self.scanner(content):
            raise Infected(name)
        self._archive.save(name, content)

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    key: str
    source: str
    target: str | None = None
    context: str = ""
    comment: str | None = None


@dataclass(slots=True)
class Catalog:
    format: str
    locale: str | None
    entries: list[CatalogEntry] = field(default_factory=list)

    @classmethod
    def empty(cls, fmt: str, locale: str | None = None) -> Catalog:
        return cls(fmt, locale, [])

    @property
    def words(self) -> int:
        return sum(len(e.source.split()) for e in self.entries)

"""Catalogue records and the service that keeps a view of them."""
from __future__ import annotations


class ArtistRef:
    def __init__(self, item_id: str, name: str) -> None:
        self.item_id = item_id
        self.name = name
        self.external_ids: set[tuple[str, str]] = set()

    def add_external_id(self, kind: str, value: str) -> None:
        self.external_ids.add((kind, value))

    def external_id(self, kind: str) -> str | None:
        return next((v for k, v in self.external_ids if k == kind), None)


class ViewTracker:
    def __init__(self) -> None:
        self.recent: dict[str, str] = {}  # expect: stateful-component

    def record(self, user_id: str, item_id: str) -> None:
        self.recent[user_id] = item_id

    def last(self, user_id: str) -> str | None:
        return self.recent.get(user_id)


UNKNOWN_ARTIST = ArtistRef("unknown", "[unknown]")
tracker = ViewTracker()

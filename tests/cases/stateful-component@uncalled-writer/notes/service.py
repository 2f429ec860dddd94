"""Note sharing: one service object per process."""
from __future__ import annotations


class NoteService:
    def __init__(self) -> None:
        self.shared_links: dict[str, str] = {}  # expect: stateful-component

    def legacy_import(self, rows: list[tuple[str, str]]) -> None:
        for note_id, link in rows:
            self.shared_links[note_id] = link

    def share(self, note_id: str, link: str) -> None:
        self.shared_links[note_id] = link

    def link_for(self, note_id: str) -> str | None:
        return self.shared_links.get(note_id)


service = NoteService()

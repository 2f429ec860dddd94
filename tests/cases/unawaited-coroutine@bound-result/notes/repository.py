"""Note storage."""
from dataclasses import dataclass


@dataclass
class Note:
    id: int
    owner_id: int
    body: str
    pinned: bool = False


class NoteRepository:
    def __init__(self, rows: dict[int, Note]) -> None:
        self._rows = rows

    async def get(self, note_id: int) -> Note | None:
        return self._rows.get(note_id)

    async def save(self, note: Note) -> None:
        self._rows[note.id] = note

    def cached(self, note_id: int) -> Note | None:
        return self._rows.get(note_id)

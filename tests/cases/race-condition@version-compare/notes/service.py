"""Edits notes under optimistic concurrency."""
import asyncpg

from .repository import NoteRepository


class Conflict(Exception):
    pass


class NoteService:
    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None
        self._notes = NoteRepository()

    async def edit(self, note_id: int, expected_version: int, body: str) -> int:
        async with self._pool.acquire() as conn:
            current = await self._notes.current_version(conn, note_id)
            if current is None:
                raise LookupError(note_id)
            if current != expected_version:  # expect: race-condition
                raise Conflict(f"note is at version {current}")
            await self._notes.write_version(conn, note_id, current + 1, body)
        return current + 1

    async def retitle(self, note_id: int, expected_version: int, title: str) -> int:
        async with self._pool.acquire() as conn:
            moved = await self._notes.retitle(conn, note_id, expected_version, title)
            if moved is None:
                raise Conflict("note was changed by someone else")
        return moved

    async def touch(self, note_id: int, user_id: str) -> None:
        async with self._pool.acquire() as conn:
            owner = await self._notes.owner(conn, note_id)
            if owner != user_id:
                raise PermissionError(note_id)
            await self._notes.touch(conn, note_id)

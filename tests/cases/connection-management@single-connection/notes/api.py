"""Notes kept in a SQLite file: one route opens a connection per request, the other uses the shared one."""
from __future__ import annotations

import sqlite3

from fastapi import FastAPI

from notes.journal import router as journal_router

app = FastAPI()
app.include_router(journal_router)
SHARED = sqlite3.connect("notes.db", check_same_thread=False)


@app.get("/notes/{note_id}")
def read_note(note_id: int) -> dict:
    connection = sqlite3.connect("notes.db")  # expect: connection-management
    try:
        row = connection.execute("SELECT body FROM notes WHERE id = ?", (note_id,)).fetchone()
    finally:
        connection.close()
    return {"body": row[0] if row else None}


@app.get("/notes")
def list_notes() -> list[str]:
    return [row[0] for row in SHARED.execute("SELECT body FROM notes ORDER BY id LIMIT 50")]


@app.on_event("shutdown")
def close_shared() -> None:
    SHARED.close()

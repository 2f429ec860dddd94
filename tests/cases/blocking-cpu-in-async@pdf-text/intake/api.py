from __future__ import annotations

import asyncio

from fastapi import APIRouter, UploadFile

from intake.notes import Note, Snippet, plain, summary
from intake.pdf import first_page_text, references

router = APIRouter()


@router.post("/uploads")
async def upload(file: UploadFile, comment: dict[str, str]) -> dict[str, object]:
    data = await file.read()
    refs = references(data)  # expect: blocking-cpu-in-async
    preview = await asyncio.to_thread(first_page_text, data)
    return {"references": refs, "preview": preview[:200], "comment": summary(Snippet(comment)), "note": plain(Note(comment.get("note", "")))}

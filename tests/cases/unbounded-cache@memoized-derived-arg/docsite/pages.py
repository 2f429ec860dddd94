from __future__ import annotations

from fastapi import APIRouter

from docsite.markup import expand_links, outline, stylesheet

router = APIRouter()


@router.post("/preview")
async def preview(body: dict) -> dict:
    return {"html": expand_links(body["text"]), "toc": outline(body["sections"]), "css": stylesheet()}

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, Depends, File, Header, HTTPException, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, EmailStr

from ..container import Container
from ..deps import get_container

router = APIRouter(prefix="/kiosk", tags=["kiosk"])

WELCOME_TEMPLATE = Path(__file__).resolve().parent.parent / "static" / "welcome.html"


class WalkInBody(BaseModel):
    site_id: int
    full_name: str
    email: EmailStr
    host_email: EmailStr


@router.post("/checkin/{visitor_id}")
async def check_in(
    visitor_id: int,
    photo: UploadFile | None = File(default=None),
    x_kiosk_id: str = Header(...),
    container: Container = Depends(get_container),
) -> dict:
    raw = await photo.read() if photo is not None else None
    try:
        seq = await container.visitors.check_in(visitor_id, x_kiosk_id, raw)
    except Exception as exc:
        raise HTTPException(400, f"check-in failed: {exc}") from exc
    return {"visitor_id": visitor_id, "badge_seq": seq}


@router.post("/walk-in", status_code=201)
async def walk_in(body: WalkInBody, container: Container = Depends(get_container)) -> dict:
    visitor = await container.visitors.walk_in(body.site_id, body.full_name, body.email, body.host_email)
    return {"visitor_id": visitor["id"]}


@router.post("/express/{visitor_id}")
async def express(visitor_id: int, x_gate_id: str = Header(...), container: Container = Depends(get_container)) -> dict:
    seq = await container.visitors.express_check_in(visitor_id, x_gate_id)
    return {"visitor_id": visitor_id, "badge_seq": seq}


@router.get("/welcome", response_class=HTMLResponse)
async def welcome(site: str) -> str:
    template = await asyncio.to_thread(WELCOME_TEMPLATE.read_text, encoding="utf-8")
    return template.replace("{{site}}", site)

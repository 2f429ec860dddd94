from __future__ import annotations

import logging

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, EmailStr
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, db, principal, services
from svc.repositories.candidates import CandidateRepository
from svc.services.candidates import CandidatePortal, DedupeService, PortalError

log = logging.getLogger(__name__)
router = APIRouter(prefix="/candidates", tags=["candidates"])
portal_router = APIRouter(prefix="/portal", tags=["portal"])


def _brief(c) -> dict:
    return {"id": c.id, "name": c.full_name, "email": c.email, "created_at": c.created_at.isoformat()}


@router.get("/search")
async def search(q: str = Query(min_length=2), p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    rows = await CandidateRepository(session).search(p.company_id, q)
    return [_brief(c) for c in rows]


@router.get("/resume-search")
async def resume_search(phrase: str = Query(min_length=3), p: Principal = Depends(principal),
                        session: AsyncSession = Depends(db)):
    rows = await CandidateRepository(session).search_resume_text(p.company_id, phrase)
    return [_brief(c) for c in rows]


@router.get("/{candidate_id}/profile")
async def profile(request: Request, candidate_id: int, p: Principal = Depends(principal),
                  session: AsyncSession = Depends(db)):
    candidate = await CandidateRepository(session).get(candidate_id)
    if candidate is None or candidate.company_id != p.company_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "candidate not found")
    try:
        enrichment = await services(request).enrichment.lookup(candidate.email)
    except httpx.HTTPError:
        log.warning("enrichment lookup failed for candidate %s", candidate_id)
        enrichment = {}
    return {**_brief(candidate), "parsed": candidate.parsed or {}, "enrichment": enrichment}


@router.get("/duplicates")
async def duplicates(days: int = Query(30, ge=1, le=180), p: Principal = Depends(principal),
                     session: AsyncSession = Depends(db)):
    return {"groups": await DedupeService(session).scan(p.company_id, days)}


class MergeIn(BaseModel):
    target_id: int
    source_id: int


@router.post("/merge")
async def merge(body: MergeIn, p: Principal = Depends(principal), session: AsyncSession = Depends(db)):
    repo = CandidateRepository(session)
    both = await repo.get_many([body.target_id, body.source_id])
    if len(both) != 2 or any(c.company_id != p.company_id for c in both.values()):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "candidate not found")
    await DedupeService(session).merge(body.target_id, body.source_id)
    return {"merged": body.source_id, "into": body.target_id}


class PortalSignup(BaseModel):
    company_id: int
    email: EmailStr
    password: str


@portal_router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(body: PortalSignup, session: AsyncSession = Depends(db)):
    try:
        candidate_id = await CandidatePortal(session).register(body.company_id, body.email, body.password)
    except PortalError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    return {"candidate_id": candidate_id}


@portal_router.post("/login")
async def login(body: PortalSignup, session: AsyncSession = Depends(db)):
    try:
        token = await CandidatePortal(session).login(body.company_id, body.email, body.password)
    except PortalError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials") from exc
    return {"token": token}

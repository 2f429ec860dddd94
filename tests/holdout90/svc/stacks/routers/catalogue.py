from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from stacks.deps import get_catalogue_service
from stacks.repositories.catalogue import CatalogueRepository
from stacks.services.catalogue import CatalogueService

router = APIRouter(prefix="/catalogue", tags=["catalogue"])


@router.get("/search")
async def search(request: Request, q: str = Query(min_length=2), limit: int = Query(default=25, le=100)) -> list[dict]:
    repo = CatalogueRepository(session=None, pool=request.app.state.pg_pool)  # type: ignore[arg-type]
    return [dict(r) for r in await repo.search_keyword(q, limit)]


@router.get("/browse")
async def browse(request: Request, prefix: str, after: str | None = None) -> list[dict]:
    repo = CatalogueRepository(session=None, pool=request.app.state.pg_pool)  # type: ignore[arg-type]
    return [dict(r) for r in await repo.browse_prefix(prefix, after)]


@router.get("/titles/{title_id}")
async def title_detail(title_id: int, svc: CatalogueService = Depends(get_catalogue_service)) -> dict:
    return await svc.title_detail(title_id)


@router.get("/titles/{title_id}/blurb")
async def title_blurb(title_id: int, svc: CatalogueService = Depends(get_catalogue_service)) -> dict:
    return {"blurb": await svc.title_blurb(title_id)}


@router.get("/titles/{title_id}/availability")
async def availability(title_id: int, branch_id: int, svc: CatalogueService = Depends(get_catalogue_service)) -> dict:
    shelf = await svc.branch_availability(title_id, branch_id)
    summary = await svc.shelf_summary(title_id, branch_id)
    digital = await svc.digital_availability(title_id)
    return {"shelf": shelf, "summary": summary, "digital": digital}


@router.get("/titles/{title_id}/digital")
async def digital(title_id: int, svc: CatalogueService = Depends(get_catalogue_service)) -> dict:
    return await svc.digital_availability_guarded(title_id)

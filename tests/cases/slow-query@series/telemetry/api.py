"""HTTP endpoints over the repository."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Request

from telemetry.repository import Repository

router = APIRouter()


def get_repo(request: Request) -> Repository:
    return request.app.state.repo


@router.get("/sensors/{sensor_id}/export")
async def export(sensor_id: int, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.export(sensor_id)]


@router.get("/sensors/{sensor_id}/channels/{channel}")
async def channel(sensor_id: int, channel: str, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.channel(sensor_id, channel)]


@router.get("/sensors/{sensor_id}/window")
async def window(sensor_id: int, start: datetime, end: datetime, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.window(sensor_id, start, end)]


@router.get("/sensors/{sensor_id}/latest")
async def latest(sensor_id: int, limit: int = 100, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.latest(sensor_id, min(limit, 1000))]


@router.get("/sensors/{sensor_id}/at")
async def one_sample(sensor_id: int, at: datetime, channel: str, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.one_sample(sensor_id, at, channel)]


@router.get("/sensors/{sensor_id}/averages")
async def averages(sensor_id: int, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.averages(sensor_id)]


@router.get("/orders/{order_id}/lines")
async def order_lines(order_id: int, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.order_lines(order_id)]


@router.get("/accounts/{account_id}")
async def account(account_id: int, repo: Repository = Depends(get_repo)) -> dict | None:
    row = await repo.account(account_id)
    return dict(row) if row else None


@router.get("/accounts/by-slug/{slug}")
async def account_by_slug(slug: str, repo: Repository = Depends(get_repo)) -> dict | None:
    row = await repo.account_by_slug(slug)
    return dict(row) if row else None


@router.get("/regions/{region}/accounts")
async def accounts_in(region: str, repo: Repository = Depends(get_repo)) -> list[dict]:
    return [dict(row) for row in await repo.accounts_in(region)]


@router.get("/documents/{document_id}")
async def document_info(document_id: int, repo: Repository = Depends(get_repo)) -> dict | None:
    row = await repo.document_info(document_id)
    return {"name": row["name"], "size": row["size_bytes"]} if row else None

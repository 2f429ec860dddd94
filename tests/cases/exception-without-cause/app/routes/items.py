"""Item endpoints."""
from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Request

logger = logging.getLogger(__name__)
router = APIRouter()


@router.get("/items/{item_id}")
async def get_item(item_id: int, request: Request) -> dict:
    try:
        return request.app.state.items[item_id]
    except KeyError:
        raise HTTPException(status_code=404, detail="item not found")  # the 404 it means: nothing to chain


@router.put("/items/{item_id}")
async def update_item(item_id: int, body: dict, request: Request) -> dict:
    try:
        return await request.app.state.store.update(item_id, body)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@router.delete("/items/{item_id}")
async def delete_item(item_id: int, request: Request) -> None:
    try:
        await request.app.state.store.delete(item_id)
    except Exception:
        logger.exception("delete of %s failed", item_id)
        raise


@router.post("/items/{item_id}/refresh")
async def refresh_item(item_id: int, request: Request) -> dict:
    try:
        return await request.app.state.store.refresh(item_id)
    except Exception as e:
        raise HTTPException(  # expect: exception-without-cause
            status_code=500,
            detail=str(e),
        )

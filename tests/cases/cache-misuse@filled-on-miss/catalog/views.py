import json

from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/shops/{shop_id}/menu")
async def menu(shop_id: int, request: Request) -> str:
    redis_conn = request.app.state.redis
    raw = await redis_conn.get(f"menu:{shop_id}")
    if raw is None:
        items = await request.app.state.menus.load(shop_id)
        raw = json.dumps(items)
        await redis_conn.set(f"menu:{shop_id}", raw)  # expect: cache-misuse
    return raw


@router.get("/shops/{shop_id}/hours")
async def hours(shop_id: int, request: Request) -> str:
    # look-alike: the entry filled on a miss expires
    redis_conn = request.app.state.redis
    raw = await redis_conn.get(f"hours:{shop_id}")
    if raw is None:
        raw = json.dumps(await request.app.state.menus.hours(shop_id))
        await redis_conn.set(f"hours:{shop_id}", raw, ex=600)
    return raw

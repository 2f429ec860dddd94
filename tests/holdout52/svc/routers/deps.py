from __future__ import annotations

from fastapi import Depends, Header, HTTPException, WebSocket, status

from ..cache.redis_client import get_redis
from ..db.engine import get_session


async def current_customer_id(authorization: str = Header(...)) -> int:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    customer_id = await get_redis().get(f"session:{token}")
    if customer_id is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "session expired")
    return int(customer_id)


async def admin_user(x_admin_token: str = Header(...)) -> str:
    user = await get_redis().get(f"admin-session:{x_admin_token}")
    if user is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return user


async def authenticate_ws(websocket: WebSocket) -> int | None:
    token = websocket.query_params.get("token") or websocket.headers.get("sec-websocket-protocol")
    if not token:
        return None
    customer_id = await get_redis().get(f"session:{token}")
    return int(customer_id) if customer_id is not None else None


SessionDep = Depends(get_session)

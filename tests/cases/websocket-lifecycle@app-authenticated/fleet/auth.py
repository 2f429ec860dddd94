"""Token checks for sockets."""
from fastapi import Header, HTTPException, WebSocket


async def socket_user(ws: WebSocket) -> str | None:
    token = ws.headers.get("authorization", "").removeprefix("Bearer ")
    return token or None


async def current_user(authorization: str = Header(...)) -> str:
    token = authorization.removeprefix("Bearer ")
    if not token:
        raise HTTPException(status_code=401)
    return token

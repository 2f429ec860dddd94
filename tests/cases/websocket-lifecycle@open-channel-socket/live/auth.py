from fastapi import WebSocket


async def viewer_from(ws: WebSocket) -> int | None:
    token = ws.query_params.get("token")
    return await lookup_token(token) if token else None


async def lookup_token(token: str) -> int | None:
    return None

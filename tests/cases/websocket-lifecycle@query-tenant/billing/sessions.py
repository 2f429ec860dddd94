"""Portal sessions kept in redis; websocket routes resolve the caller's tenant from them."""
from fastapi import WebSocket
from redis.asyncio import Redis

redis = Redis(host="cache", socket_timeout=2)


async def tenant_for_socket(ws: WebSocket) -> int | None:
    session_id = ws.query_params.get("session")
    if not session_id:
        return None
    tenant_id = await redis.get(f"portal:session:{session_id}")
    return int(tenant_id) if tenant_id is not None else None


async def usage_total(tenant_id: int) -> dict[str, float]:
    raw = await redis.hgetall(f"usage:month:{tenant_id}")
    return {k.decode(): float(v) for k, v in raw.items()}


async def price_board() -> dict[str, float]:
    raw = await redis.hgetall("prices:public")
    return {k.decode(): float(v) for k, v in raw.items()}

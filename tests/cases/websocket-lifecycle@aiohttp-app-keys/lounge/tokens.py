"""Bearer tokens passed as a query parameter by the browser's websocket."""
from aiohttp import web

_TOKENS: dict[str, int] = {}


def user_of(request: web.Request) -> int:
    user_id = _TOKENS.get(request.query.get("token", ""))
    if user_id is None:
        raise web.HTTPUnauthorized()
    return user_id

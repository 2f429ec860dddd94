from contextlib import suppress

from aiohttp import ClientSession, web

from gallery.banners import banner_bytes
from gallery.thumbs import cover_bytes

routes = web.RouteTableDef()


@routes.get("/cover/{key}")
async def cover(request: web.Request) -> web.Response:
    session: ClientSession = request.app["session"]
    with suppress(LookupError):
        body = await cover_bytes(session, request.match_info["key"])
        return web.Response(body=body, content_type="image/png")
    return web.Response(status=404)


@routes.get("/banner/{key}")
async def banner(request: web.Request) -> web.Response:
    session: ClientSession = request.app["session"]
    with suppress(LookupError):
        body = await banner_bytes(session, request.match_info["key"])
        return web.Response(body=body, content_type="image/png")
    return web.Response(status=404)


app = web.Application()
app.add_routes(routes)

"""Catalog routes declared on a route table the app adds."""
from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/catalog")
async def catalog(request: web.Request) -> web.Response:
    return web.json_response([])


@routes.post("/catalog/{sku}")
async def update_sku(request: web.Request) -> web.Response:
    return web.json_response({"sku": request.match_info["sku"]})


@routes.view("/catalog/search")
class SearchView(web.View):
    async def get(self) -> web.Response:
        return web.json_response([])

"""The shop's HTTP server: routes, a mounted events sub-application, signals."""
from aiohttp import web

from shop.catalog import routes as catalog_routes
from shop.events import EventBus, EventsEndpoint
from shop.lifecycle import close_pool, pool_context, start_price_poller


@web.middleware
async def audit(request: web.Request, handler):
    return await handler(request)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def create_order(request: web.Request) -> web.Response:
    body = await request.json()
    return web.json_response(body, status=201)


async def echo(request: web.Request) -> web.Response:
    return web.Response(text=await request.text())


async def list_items(request: web.Request) -> web.Response:
    return web.json_response([])


async def delete_item(request: web.Request) -> web.Response:
    return web.Response(status=204)


async def live_prices(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for message in ws:
        await ws.send_str(message.data)
    return ws


class CartView(web.View):
    async def get(self) -> web.Response:
        return web.json_response({})

    async def put(self) -> web.Response:
        return web.json_response({})


def create_app() -> web.Application:
    app = web.Application(middlewares=[audit])
    app.add_routes([
        web.get("/health", health),
        web.post("/orders", create_order),
        web.route("*", "/echo", echo),
        web.view("/carts/{cart_id}", CartView),
    ])
    app.router.add_get("/items", list_items)
    app.router.add_route("DELETE", "/items/{item_id}", delete_item)
    app.router.add_get("/ws/prices", live_prices)
    app.add_routes(catalog_routes)
    events = EventsEndpoint(EventBus())
    app.add_subapp("/api/events/", events.app)
    app.on_startup.append(start_price_poller)
    app.on_cleanup.append(close_pool)
    app.cleanup_ctx.append(pool_context)
    return app


if __name__ == "__main__":
    web.run_app(create_app())

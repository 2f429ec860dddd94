from litestar import Controller, get

from .db import ItemService


class ItemController(Controller):
    path = "/items"

    @get()
    async def list_items(self, items_service: ItemService) -> list:
        found, _total = await items_service.list_and_count()
        return [items_service.label(i) for i in found]


class PingController(Controller):
    path = "/ping"

    @get()
    async def ping(self) -> str:
        return "pong"

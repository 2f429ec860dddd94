"""A controller with a path, async and sync handlers (one offloaded), and a look-alike class."""
import time

import requests
from litestar import Controller, get, post, delete
from litestar.di import Provide

from ..deps import provide_repo


class OrderController(Controller):
    path = "/orders"
    dependencies = {"repo": Provide(provide_repo)}

    @get()
    async def list_orders(self, repo: dict) -> list:
        time.sleep(0.5)
        return list(repo)

    @post("/{order_id:int}/ship")
    async def ship(self, order_id: int) -> dict:
        return {"id": order_id}

    @get("/{order_id:int}/label", sync_to_thread=True)
    def label(self, order_id: int) -> bytes:
        return requests.get("https://labels.example.com/x", timeout=5).content

    @delete("/{order_id:int}", sync_to_thread=False)
    def cancel(self, order_id: int) -> None:
        requests.delete(f"https://labels.example.com/{order_id}", timeout=5)  # sync, on the loop

    def helper(self) -> int:  # not decorated: no route
        return 1


class Cache:
    """Has a `get` method named like a verb: not a controller."""

    def get(self, key: str) -> str:
        return key

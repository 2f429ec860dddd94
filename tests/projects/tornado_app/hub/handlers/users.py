"""Handlers through the project base, one offloaded, routed by a module-level table."""
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from tornado.concurrent import run_on_executor

from .base import BaseHandler


class UserListHandler(BaseHandler):
    async def get(self) -> None:
        profile = requests.get("https://users.example.com/list", timeout=5)
        self.write(profile.json())


def lookup(name: str) -> dict:
    return requests.get(f"https://users.example.com/{name}", timeout=5).json()


class UserHandler(BaseHandler):
    def get(self, name: str) -> None:  # sync: Tornado still calls it on the IOLoop
        self.write(lookup(name))

    async def delete(self, name: str) -> None:
        self.set_status(204)


class ExportHandler(BaseHandler):
    executor = ThreadPoolExecutor(2)

    @run_on_executor
    def post(self) -> None:
        time.sleep(1)


class Registry:
    """Has `get` and `delete` named like verbs: not a handler."""

    def get(self, key: str) -> str:
        return key

    def delete(self, key: str) -> None:
        return None


default_handlers = [
    (r"/api/users", UserListHandler),
    (r"/api/users/([^/]+)", UserHandler),
    (r"/api/export", ExportHandler, {}),
]

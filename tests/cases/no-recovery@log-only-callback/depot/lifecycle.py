"""Starts the depot's background loops; every task gets a done-callback."""
import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from depot.keepalive import restart_forever
from depot.loops import InventoryMirror, pull_prices, push_dock_status

log = logging.getLogger("depot.lifecycle")


def _report_exit(task: asyncio.Task) -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        log.critical("task %s exited", task.get_name(), exc_info=error)


@asynccontextmanager
async def lifespan(app: FastAPI):
    mirror = InventoryMirror()
    tasks = [
        asyncio.create_task(restart_forever("dock-status", push_dock_status), name="dock-status"),
        asyncio.create_task(pull_prices(), name="prices"),
        asyncio.create_task(mirror.run(), name="mirror"),
    ]
    for task in tasks:
        task.add_done_callback(_report_exit)
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)

"""Order notifications and report exports."""
import asyncio
import functools
import time

import vendor_sdk
from fastapi import APIRouter

from app.services import mailer

router = APIRouter(prefix="/orders")


@router.post("/{order_id}/notify")
async def notify(order_id: int) -> dict:
    delivered = mailer.notify_order({"id": order_id})  # expect: sync-io-in-async
    return {"delivered": delivered}


@router.post("/{order_id}/notify-later")
async def notify_later(order_id: int) -> dict:
    loop = asyncio.get_running_loop()
    delivered = await loop.run_in_executor(None, functools.partial(mailer.notify_order, {"id": order_id}))
    return {"delivered": delivered}


@router.get("/export")
async def export() -> dict:
    time.sleep(0.5)  # expect: sync-io-in-async
    await asyncio.sleep(0.5)
    time.sleep(0)
    return {"rows": 0}


@router.get("/export/vendor")
async def export_vendor() -> dict:
    client = vendor_sdk.Client()
    data = client.fetch_report("orders")  # expect: sync-io-in-async
    time.sleep(1)  # the same coroutine blocks again: one finding lists both
    return {"rows": len(data)}

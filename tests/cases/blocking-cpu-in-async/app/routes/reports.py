"""CSV uploads summarised with pandas."""
import asyncio
import io
import json

import pandas as pd
from fastapi import APIRouter, UploadFile

router = APIRouter(prefix="/reports")


def _summarise(text: str) -> dict:
    frame = pd.read_csv(io.StringIO(text))
    return {"rows": len(frame), "columns": list(frame.columns)}


@router.post("/summary")
async def summary(upload: UploadFile) -> dict:
    text = (await upload.read()).decode()
    return _summarise(text)  # expect: blocking-cpu-in-async


@router.post("/summary-offloaded")
async def summary_offloaded(upload: UploadFile) -> dict:
    text = (await upload.read()).decode()
    return await asyncio.to_thread(_summarise, text)


@router.post("/summary-sync")
def summary_sync(text: str) -> dict:
    return _summarise(text)


class Broadcaster:
    def __init__(self) -> None:
        self.clients: list = []

    async def publish(self, snapshot: dict) -> None:
        for client in self.clients:
            await client.send_text(json.dumps(snapshot))  # expect: blocking-cpu-in-async

    async def publish_once(self, snapshot: dict) -> None:
        payload = json.dumps(snapshot)
        for client in self.clients:
            await client.send_text(payload)

    async def publish_each(self, snapshots: list[dict]) -> None:
        for snapshot in snapshots:
            for client in self.clients:
                await client.send_text(json.dumps({"id": client.id, **snapshot}))

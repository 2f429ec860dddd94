from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from ledger.jobs.exports import DiskSink, Sink, ThreadedDiskSink, export_rows
from ledger.jobs.snapshots import BalanceSnapshot, OffloadedSnapshot
from ledger.runner import JobRunner

sinks: dict[str, Sink] = {
    "disk": DiskSink(Path("/var/ledger/export.json")),
    "threaded": ThreadedDiskSink(Path("/var/ledger/threaded.json")),
}


@asynccontextmanager
async def lifespan(app: FastAPI):
    JobRunner([BalanceSnapshot("/var/ledger"), OffloadedSnapshot("/var/ledger")]).start()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/exports/{name}")
async def export(name: str, rows: list[dict]) -> None:
    await export_rows(sinks[name], rows)

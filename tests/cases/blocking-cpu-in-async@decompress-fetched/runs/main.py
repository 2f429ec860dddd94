from fastapi import FastAPI

from runs.ingest import IngestService
from runs.store import RunStore

app = FastAPI()
service = IngestService(RunStore("runs"))


@app.post("/runs/{folder}/complete")
async def complete(folder: str) -> dict:
    counts = await service.read_counts(folder)
    await service.read_counts_offloaded(folder)
    await service.archive_copy(folder)
    await service.read_manifest(folder)
    return {"samples": len(counts)}

from fastapi import FastAPI
import httpx

from ingest.service import ingest, ingest_all_cast, ingest_chunk_by_chunk, ingest_head, ingest_in_turn

app = FastAPI()
client = httpx.AsyncClient(base_url="https://rating.internal", timeout=10)


@app.post("/usage")
async def usage(records: list[dict]) -> dict:
    return {"rated": await ingest(client, records) + await ingest_in_turn(client, records)
            + await ingest_head(client, records) + await ingest_chunk_by_chunk(client, records)
            + await ingest_all_cast(client, records)}

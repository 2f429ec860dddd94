import asyncio

from fastapi import APIRouter, FastAPI

from relay.jobs import checksum, make_job, run_in_worker

router = APIRouter()


@router.post("/blobs/verify")
async def verify(blob: bytes) -> int:
    # look-alike: make_job only builds the work object; the runner takes it to a thread
    return await run_in_worker(make_job(checksum, blob))


@router.post("/blobs/digest")
async def digest(blob: bytes) -> int:
    return await asyncio.to_thread(checksum, blob)


@router.post("/blobs/sum")
async def blob_sum(blob: bytes) -> int:
    return checksum(blob)  # expect: blocking-cpu-in-async


@router.post("/blobs/queue")
async def enqueue(blob: bytes) -> int:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, make_job(checksum, blob).run)


app = FastAPI()
app.include_router(router)

from fastapi import FastAPI

from .jobs import archive_now, bundle_now, logs_now

app = FastAPI()


@app.post("/bundles")
async def bundles(files: list[tuple[str, bytes]]) -> dict:
    return {"size": len(await bundle_now(files))}


@app.post("/logs")
async def logs(entries: dict[str, bytes]) -> dict:
    return {"size": await logs_now(entries)}


@app.post("/archives")
async def archives(path: str, files: list[tuple[str, bytes]]) -> None:
    await archive_now(path, files)

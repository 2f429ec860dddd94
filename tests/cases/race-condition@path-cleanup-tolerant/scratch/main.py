from pathlib import Path

from fastapi import FastAPI

from scratch.files import drop_render, drop_render_tolerant, ensure_spool, ensure_spool_tolerant

app = FastAPI()


@app.delete("/renders/{name}")
async def delete_render(name: str) -> None:
    await drop_render(f"/tmp/renders/{name}")
    await drop_render_tolerant(f"/tmp/renders/{name}.bak")


@app.post("/spools/{name}")
async def spool(name: str) -> None:
    await ensure_spool(Path("/var/spool") / name)
    await ensure_spool_tolerant(Path("/var/spool/tolerant") / name)

"""Tile and style endpoints."""
import asyncio
import io
import json
import zipfile

from fastapi import FastAPI, UploadFile

from atlas.bundles import BUNDLE_DIR, read_tile

app = FastAPI()


@app.get("/tiles/{bundle}/{z}/{x}/{y}")
async def tile(bundle: str, z: int, x: int, y: int) -> bytes:
    return await asyncio.to_thread(read_tile, bundle, f"{z}/{x}/{y}.pbf")


@app.get("/tiles/{bundle}/meta")
async def meta(bundle: str) -> dict:
    raw = read_tile(bundle, "metadata.json")  # expect: sync-io-in-async
    return json.loads(raw)


@app.get("/styles/{name}")
async def style(name: str) -> dict:
    with zipfile.ZipFile(BUNDLE_DIR / "styles.zip") as styles:  # expect: sync-io-in-async
        return json.loads(styles.read(f"{name}.json"))


@app.post("/styles/preview")
async def preview(upload: UploadFile) -> dict:
    body = await upload.read()
    with zipfile.ZipFile(io.BytesIO(body)) as bundle:
        return {"files": bundle.namelist()}


@app.post("/styles/bundle")
async def bundle(styles: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in styles.items():
            archive.writestr(f"{name}.json", body)
    return out.getvalue()

import asyncio
import xml.etree.ElementTree as ET
from pathlib import Path

from fastapi import FastAPI, Request, UploadFile

from imports.push import parse_push

app = FastAPI()
SPOOL = Path("/var/spool/imports")


@app.post("/imports/{name}")
async def import_file(name: str) -> int:
    path = SPOOL / name
    raw = await asyncio.to_thread(path.read_bytes)
    root = ET.fromstring(raw)  # expect: blocking-cpu-in-async
    return sum(1 for _ in root.iter("Reading"))


@app.post("/uploads")
async def upload(file: UploadFile) -> int:
    data = await file.read()
    root = ET.fromstring(data)  # expect: blocking-cpu-in-async
    return len(root)


@app.post("/offloaded")
async def offloaded(request: Request) -> int:
    body = await request.body()
    root = await asyncio.to_thread(ET.fromstring, body)
    return len(root)


@app.post("/push")
async def push(request: Request) -> int:
    return len(parse_push(request.headers.get("x-event", "<e/>")))


@app.get("/ping")
async def ping() -> str:
    status = ET.fromstring("<status>ok</status>")
    return status.text or ""

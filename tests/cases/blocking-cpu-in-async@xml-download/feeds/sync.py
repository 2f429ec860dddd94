import asyncio
import xml.etree.ElementTree as ET

import requests
from fastapi import FastAPI

app = FastAPI()
FEED = "https://supplier.example/feed.xml"


def download(url: str) -> bytes:
    resp = requests.get(url, timeout=30)
    resp.raise_for_status()
    return resp.content


def feed_version(url: str) -> str:
    resp = requests.get(url, timeout=30)
    return resp.headers.get("x-version", "")


def _parse(raw: bytes) -> int:
    return sum(1 for _ in ET.fromstring(raw).iter("item"))


@app.post("/feeds/sync")
async def sync_feed() -> int:
    raw = await asyncio.to_thread(download, FEED)
    root = ET.fromstring(raw)  # expect: blocking-cpu-in-async
    return sum(1 for _ in root.iter("item"))


@app.post("/feeds/sync-offloaded")
async def sync_offloaded() -> int:
    raw = await asyncio.to_thread(download, FEED)
    # look-alike: the parse runs in the thread too
    return await asyncio.to_thread(_parse, raw)


@app.get("/feeds/version")
async def version() -> str:
    # look-alike: the helper returns a header, not a downloaded document
    tag = await asyncio.to_thread(feed_version, FEED)
    return ET.fromstring(tag).text or ""

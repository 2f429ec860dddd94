from __future__ import annotations

import asyncio

import httpx
from bs4 import BeautifulSoup
from fastapi import FastAPI

app = FastAPI()
client = httpx.AsyncClient(timeout=10)


def _title_of(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    return soup.title.string if soup.title else ""


@app.get("/preview")
async def preview(url: str) -> dict:
    html = (await client.get(url)).text
    soup = BeautifulSoup(html, "lxml")  # expect: blocking-cpu-in-async
    return {"links": [a.get("href") for a in soup.find_all("a")]}


@app.get("/title")
async def title(url: str) -> dict:
    # look-alike: the parse runs in a worker thread
    html = (await client.get(url)).text
    return {"title": await asyncio.to_thread(_title_of, html)}

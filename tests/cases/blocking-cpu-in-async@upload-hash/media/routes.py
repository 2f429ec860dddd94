"""Upload endpoints: files are stored under the hash of their contents."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
from typing import Optional

from fastapi import APIRouter, File, Header, HTTPException, Request, UploadFile

from media.store import BlobStore

router = APIRouter()
store = BlobStore(root=None)
WEBHOOK_SECRET = b"change-me"
CHUNK = 1 << 20


@router.post("/media")
async def upload_media(file: UploadFile = File(...)) -> dict:
    data = await file.read()
    digest = hashlib.sha256(data).hexdigest()  # expect: blocking-cpu-in-async
    store.remember(digest)
    return {"sha256": digest, "size": len(data)}


@router.post("/media/batch")
async def upload_batch(files: list[UploadFile]) -> list[str]:
    digests = []
    for upload in files:
        content = await upload.read()
        digests.append(hashlib.md5(content).hexdigest())  # expect: blocking-cpu-in-async
    return digests


@router.post("/media/raw")
async def upload_raw(request: Request) -> dict:
    body = b""
    async for chunk in request.stream():
        body += chunk
    digest = hashlib.sha256(body).hexdigest()  # expect: blocking-cpu-in-async
    return {"sha256": digest}


@router.post("/media/streamed")
async def upload_streamed(file: UploadFile) -> dict:
    hasher = hashlib.sha256()
    while chunk := await file.read(CHUNK):
        hasher.update(chunk)
    return {"sha256": hasher.hexdigest()}


@router.post("/media/header")
async def upload_header(file: Optional[UploadFile] = None) -> dict:
    head = await file.read(4096)
    return {"sha1": hashlib.sha1(head).hexdigest()}


@router.post("/media/offloaded")
async def upload_offloaded(file: UploadFile) -> dict:
    data = await file.read()
    digest = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
    return {"sha256": digest}


@router.post("/webhooks/payments")
async def payment_webhook(request: Request, x_signature: str = Header(...)) -> dict:
    body = b""
    async for chunk in request.stream():
        body += chunk
    expected = hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(401)
    return {"ok": True}


@router.post("/webhooks/orders")
async def order_webhook(request: Request, x_signature: str = Header(...)) -> dict:
    raw = await request.body()
    expected = hmac.new(WEBHOOK_SECRET, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(401)
    return {"ok": True}


@router.post("/tags")
async def tag_key(names: list[str]) -> str:
    text = ""
    for name in names:
        text += name
    return hashlib.sha256(text.encode()).hexdigest()

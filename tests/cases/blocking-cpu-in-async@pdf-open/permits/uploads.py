"""Permit document uploads."""
import asyncio
import io
import logging

from fastapi import APIRouter, UploadFile
from pypdf import PdfReader

from .pages import first_lines, page_count

router = APIRouter()
log = logging.getLogger(__name__)


@router.post("/permits/{permit_id}/documents")
async def upload(permit_id: int, file: UploadFile) -> dict:
    data = await file.read()
    pages = len(PdfReader(io.BytesIO(data)).pages)  # expect: blocking-cpu-in-async
    log.info("permit %s: %d pages", permit_id, pages)
    return {"pages": pages}


@router.post("/permits/{permit_id}/drafts")
async def draft(permit_id: int, file: UploadFile) -> dict:
    data = await file.read()
    pages = await asyncio.to_thread(page_count, data)
    return {"pages": pages, "preview": first_lines(data)}  # expect: blocking-cpu-in-async


@router.post("/permits/{permit_id}/scans")
async def scan(permit_id: int, file: UploadFile) -> dict:
    data = await file.read()
    reader = await asyncio.to_thread(PdfReader, io.BytesIO(data))
    return {"permit": permit_id, "encrypted": reader.is_encrypted}

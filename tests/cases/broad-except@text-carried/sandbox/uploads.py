"""Batch upload that reports the files it skipped, and a static fallback."""
from __future__ import annotations

from fastapi import APIRouter, UploadFile
from fastapi.responses import JSONResponse
from starlette.staticfiles import StaticFiles

router = APIRouter()


@router.post("/uploads")
async def upload_many(files: list[UploadFile]) -> JSONResponse:
    stored, skipped = [], []
    for file in files:
        try:
            data = await file.read()
            await store_blob(file.filename, data)
            stored.append(file.filename)
        except Exception as exc:  # expect: broad-except
            skipped.append({"name": file.filename, "reason": str(exc)})
    return JSONResponse({"stored": stored, "skipped": skipped})


@router.post("/convert")
async def convert(file: UploadFile) -> JSONResponse:
    try:
        data = await file.read()
        return JSONResponse({"size": len(await store_blob(file.filename, data))})
    except Exception as exc:  # expect: broad-except
        return JSONResponse({"error": str(exc)}, status_code=400)


async def store_blob(name: str | None, data: bytes) -> bytes:
    return data


class AppFiles(StaticFiles):
    async def get_response(self, path: str, scope):
        try:
            return await super().get_response(path, scope)
        except Exception:  # expect: broad-except
            return await super().get_response("index.html", scope)

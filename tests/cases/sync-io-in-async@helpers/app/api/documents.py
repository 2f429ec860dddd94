"""Documents served from disk and exported on demand."""
import asyncio
from pathlib import Path

from fastapi import APIRouter, Depends

from app.api.deps import get_container
from app.main import Container
from app.utils import files

router = APIRouter(prefix="/documents")


@router.get("/terms")
async def terms(container: Container = Depends(get_container)) -> str:
    return (Path(container.settings.docs_dir) / "TERMS.md").read_text(encoding="utf-8")  # expect: sync-io-in-async


@router.get("/terms/sync")
def terms_sync(container: Container = Depends(get_container)) -> str:
    return (Path(container.settings.docs_dir) / "TERMS.md").read_text(encoding="utf-8")  # threadpool


@router.get("/terms/threaded")
async def terms_threaded(container: Container = Depends(get_container)) -> str:
    notes = Path(container.settings.docs_dir) / "TERMS.md"
    return await asyncio.to_thread(notes.read_text, encoding="utf-8")


@router.post("/{name}/export")
async def export(name: str, container: Container = Depends(get_container)) -> dict:
    target = files.write_report(Path(container.settings.docs_dir), name, ["a", "b"])
    return {"path": str(target)}


@router.post("/{name}/upload")
async def upload(name: str, body: bytes, container: Container = Depends(get_container)) -> dict:
    saved = files.save_upload(Path(container.settings.docs_dir) / name, body)  # expect: sync-io-in-async
    return {"path": str(saved)}


@router.post("/{name}/upload-threaded")
async def upload_threaded(name: str, body: bytes, container: Container = Depends(get_container)) -> dict:
    saved = await asyncio.to_thread(files.save_upload, Path(container.settings.docs_dir) / name, body)
    return {"path": str(saved)}

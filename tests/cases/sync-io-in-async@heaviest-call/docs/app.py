"""HTTP entry points of the document service."""
from fastapi import FastAPI

from .render import DocumentService

app = FastAPI()
service = DocumentService()


@app.post("/documents/{doc_id}/pdf")
async def to_pdf(doc_id: int, html: str) -> bytes:
    return await service.pdf(doc_id, html)


@app.post("/documents/{doc_id}/text")
async def to_text(doc_id: int, html: str) -> bytes:
    return await service.text(doc_id, html)

from fastapi import FastAPI, UploadFile

from intake.archive import LocalArchive
from intake.service import DocumentService

app = FastAPI()
service = DocumentService(LocalArchive("/var/lib/intake"))


@app.post("/documents")
async def upload(file: UploadFile) -> None:
    await service.ingest(file.filename or "document", await file.read())

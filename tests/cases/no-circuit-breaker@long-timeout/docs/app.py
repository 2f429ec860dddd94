from __future__ import annotations

from fastapi import FastAPI, UploadFile

from docs.ocr import OcrClient
from docs.thumbs import ThumbClient
from docs.translate import Translator

app = FastAPI()
ocr = OcrClient("https://ocr.example.com")
thumbs = ThumbClient("https://thumbs.example.com")
translator = Translator()


@app.on_event("startup")
async def start() -> None:
    await translator.start()


@app.post("/documents")
async def upload(file: UploadFile) -> dict:
    text = await ocr.extract(await file.read())
    return {"chars": len(text)}


@app.get("/documents/{doc_id}/thumb")
async def thumb(doc_id: int) -> bytes:
    return await thumbs.thumb(doc_id)


@app.post("/translate")
async def translate(text: str, to: str) -> dict:
    return {"text": await translator.translate(text, to)}

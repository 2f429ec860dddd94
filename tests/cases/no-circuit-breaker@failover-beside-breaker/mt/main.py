from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from mt.providers import BackupMT, Geocoder, PrimaryMT
from mt.service import PlaceService, TranslationService


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.mt = TranslationService(PrimaryMT("https://primary.example.com"), BackupMT("https://backup.example.com"))
    app.state.places = PlaceService(Geocoder("https://geo.example.com"))
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/translate/{target}")
async def translate(target: str, texts: list[str], request: Request) -> list[str]:
    return await request.app.state.mt.translate(texts, target)


@app.get("/places")
async def place(address: str, request: Request) -> dict:
    return await request.app.state.places.place(address)

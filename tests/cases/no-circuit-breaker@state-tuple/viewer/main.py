from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from viewer.clients import Renderer, Thumbnails
from viewer.pages import PageService


@asynccontextmanager
async def lifespan(app: FastAPI):
    state = app.state
    state.pages, state.thumbs = PageService(Renderer("http://renderer:8080")), Thumbnails("http://thumbs:8080")
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/docs/{doc}/pages/{page}")
async def page(doc: str, page: int, request: Request) -> Response:
    return Response(await request.app.state.pages.page(doc, page), media_type="image/png")


@app.get("/docs/{doc}/thumbnail")
async def thumbnail(doc: str, request: Request) -> Response:
    return Response(await request.app.state.thumbs.thumbnail(doc), media_type="image/png")

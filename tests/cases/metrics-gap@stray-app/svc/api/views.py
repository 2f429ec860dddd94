from fastapi import APIRouter

from .fake_stream import stream_text

router = APIRouter()


@router.get("/echo")
async def echo(text: str):
    return stream_text(text)

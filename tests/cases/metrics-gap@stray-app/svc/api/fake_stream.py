"""A streaming helper module that also creates an application object nobody serves."""
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


def stream_text(text: str) -> StreamingResponse:
    return StreamingResponse(iter([text]))

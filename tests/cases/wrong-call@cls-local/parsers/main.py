from fastapi import FastAPI

from parsers.source import Outline

app = FastAPI()


@app.post("/outline")
async def outline(body: bytes) -> dict:
    return {"classes": Outline.from_bytes(body).classes()}

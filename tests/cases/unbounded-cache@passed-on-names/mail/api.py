from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from mail.letters import Avatars, Letters

app = FastAPI()
letters = Letters(Path(__file__).parent / "templates")
avatars = Avatars(Path(__file__).parent / "avatars")


@app.post("/signup")
async def signup(email: str) -> dict:
    return {"body": letters.welcome(email), "avatar": avatars.tag(email)}


@app.post("/reset")
async def reset(email: str) -> dict:
    return {"body": letters.reset(email)}

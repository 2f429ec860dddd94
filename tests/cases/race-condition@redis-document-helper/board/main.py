"""Boards API."""
import redis.asyncio as redis
from fastapi import FastAPI

from board.boards import BoardStore

app = FastAPI()
store = BoardStore(redis.Redis())


@app.post("/boards/{board_id}/cards")
async def add_card(board_id: int, text: str) -> dict:
    return await store.add_card(board_id, text)


@app.post("/boards/{board_id}/reset")
async def reset(board_id: int, title: str = "") -> dict:
    return await store.reset(board_id, title)


@app.put("/boards/{board_id}/title")
async def rename(board_id: int, title: str) -> dict:
    return await store.rename(board_id, title)

"""Board API."""
import asyncio
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from board.hubs import BannerHub, BoardHub, DeskHub, TickerHub

boards = BoardHub()
banners = BannerHub()
desks = DeskHub()
ticker = TickerHub()


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis()
    task = asyncio.create_task(banners.listen(client))
    ticker_task = asyncio.create_task(ticker.listen(client))
    yield
    task.cancel()
    ticker_task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/boards/{board_id}/cards/{card_id}/move")
async def move_card(board_id: int, card_id: int, column: str) -> dict:
    boards.publish(board_id, {"card": card_id, "column": column})
    return {"ok": True}


@app.post("/desks/notice")
async def notice(text: str) -> dict:
    await desks.broadcast({"notice": text})
    return {"ok": True}


@app.websocket("/ws/boards/{board_id}")
async def board_socket(websocket: WebSocket, board_id: int) -> None:
    await websocket.accept()
    boards.join(board_id, websocket)
    desks.register(str(board_id), websocket)
    ticker.register(str(board_id), websocket)
    banners.join(board_id, websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        boards.leave(board_id, websocket)
        banners.leave(board_id, websocket)
        desks.unregister(str(board_id))
        ticker.unregister(str(board_id))

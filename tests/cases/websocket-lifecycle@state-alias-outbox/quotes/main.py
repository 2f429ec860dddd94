import asyncio

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from quotes.feeds import Batcher, TickerFeed, WatchList

app = FastAPI()
app.state.tickers = TickerFeed()
app.state.watchlist = WatchList()


@app.websocket("/quotes/{symbol}")
async def quotes(websocket: WebSocket, symbol: str) -> None:
    await websocket.accept()
    state = websocket.app.state
    feed = state.tickers
    outbox: asyncio.Queue = asyncio.Queue(maxsize=100)
    feed.add(symbol, outbox)  # expect: websocket-lifecycle
    try:
        while True:
            quote = await asyncio.wait_for(outbox.get(), timeout=15)
            await websocket.send_json(quote)
    except WebSocketDisconnect:
        feed.remove(symbol, outbox)


@app.websocket("/quotes/{symbol}/safe")
async def quotes_safe(websocket: WebSocket, symbol: str) -> None:
    await websocket.accept()
    feed = websocket.app.state.tickers
    outbox: asyncio.Queue = asyncio.Queue(maxsize=100)
    feed.add(symbol, outbox)
    batcher = Batcher()
    batcher.add(asyncio.Queue())
    try:
        while True:
            quote = await asyncio.wait_for(outbox.get(), timeout=15)
            await websocket.send_json(quote)
    except WebSocketDisconnect:
        pass
    finally:
        feed.remove(symbol, outbox)


@app.websocket("/watch")
async def watch(websocket: WebSocket) -> None:  # expect: websocket-lifecycle
    await websocket.accept()
    watchlist = websocket.app.state.watchlist
    watchlist.watch(websocket, ["ACME"])  # expect: websocket-lifecycle
    while True:
        message = await websocket.receive_json()  # expect: websocket-lifecycle
        if message.get("type") == "bye":
            watchlist.unwatch(websocket)
            await websocket.close()
            return
        watchlist.watch(websocket, message.get("symbols", []))

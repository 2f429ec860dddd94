from fastapi import FastAPI

from quotes.clients import book, depth, feed, tape

app = FastAPI()


@app.get("/book/{symbol}")
def get_book(symbol: str) -> dict:
    return book(symbol)


@app.get("/depth/{symbol}")
def get_depth(symbol: str) -> dict:
    return depth(symbol)


@app.get("/feed/{symbol}")
def get_feed(symbol: str) -> dict:
    return feed(symbol)


@app.get("/tape/{symbol}")
def get_tape(symbol: str) -> dict:
    return tape(symbol)

"""Ticket desk API: ValueError is answered 400 almost everywhere."""
from fastapi import FastAPI, HTTPException

app = FastAPI()


def parse(raw: str) -> int:
    return int(raw)


@app.get("/a0/{raw}")
async def route_0(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc  # expect: inconsistent-error-handling


@app.get("/a1/{raw}")
async def route_1(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@app.get("/a2/{raw}")
async def route_2(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@app.get("/a3/{raw}")
async def route_3(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@app.get("/a4/{raw}")
async def route_4(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@app.get("/a5/{raw}")
async def route_5(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@app.get("/a6/{raw}")
async def route_6(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


@app.get("/z/{raw}")
async def zlast(raw: str) -> int:
    try:
        return parse(raw)
    except ValueError as exc:
        raise HTTPException(status_code=404, detail="no such ticket") from exc

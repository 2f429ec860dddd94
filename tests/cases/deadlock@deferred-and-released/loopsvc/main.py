from __future__ import annotations

from fastapi import FastAPI

from .runner import LoopThread, WakeupBoard

app = FastAPI()
runner = LoopThread()
board = WakeupBoard()


@app.post("/calls")
def submit_call(once: bool = False) -> dict[str, bool]:
    runner.submit(lambda: None, once=once)
    return {"queued": True}


@app.post("/restart")
def restart() -> dict[str, bool]:
    runner.restart()
    return {"restarted": True}


@app.post("/pools/{pool}/bump")
async def bump(pool: str) -> dict[str, bool]:
    await board.bump(pool)
    return {"ok": True}


@app.get("/pools/{pool}/wait")
async def wait(pool: str, seen: int) -> dict[str, int]:
    return {"sequence": await board.wait_past(pool, seen)}


@app.get("/inbox")
async def inbox() -> dict[str, str]:
    return {"message": await board.next_message()}

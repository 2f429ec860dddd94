from fastapi import FastAPI

from lending.db import Gateway
from lending.loans import LoanDesk, add_fine

app = FastAPI()
desk = LoanDesk(Gateway())


@app.post("/shelves/{shelf_id}/loans")
async def check_out(shelf_id: int) -> dict:
    return {"on_loan": await desk.check_out(shelf_id)}


@app.post("/shelves/{shelf_id}/loans/locked")
async def check_out_locked(shelf_id: int) -> dict:
    return {"on_loan": await desk.check_out_locked(shelf_id)}


@app.get("/shelves/{shelf_id}/preview")
async def preview(shelf_id: int) -> dict:
    return {"on_loan": await desk.preview(shelf_id)}


@app.post("/members/{member_id}/fines")
async def fine(member_id: int, cents: int) -> None:
    await add_fine(member_id, cents)

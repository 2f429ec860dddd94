from fastapi import FastAPI

from claims.client import Formulary
from claims.service import Claims

app = FastAPI()
claims = Claims(Formulary())


@app.post("/claims/{drug}")
async def submit(drug: str, amount: int) -> dict:
    return await claims.submit(drug, amount)


@app.post("/claims/{drug}/again")
async def resubmit(drug: str, amount: int) -> dict | None:
    return await claims.resubmit(drug, amount)

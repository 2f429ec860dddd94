from fastapi import APIRouter, Request

from imports.ledger import Ledger, apply_statement

router = APIRouter()


@router.post("/adjustments")
async def adjust(request: Request) -> dict:
    ledger: Ledger = request.app.state.ledger
    body = await request.json()
    done = 0
    for item in body["items"]:
        try:
            cents = int(item["cents"])
        except (KeyError, ValueError):  # expect: swallowed-exception
            continue
        await ledger.credit(item.get("account", ""), cents)
        done += 1
    return {"done": done}


@router.post("/statements")
async def statement(request: Request) -> dict:
    lines = (await request.body()).decode().splitlines()
    return {"applied": await apply_statement(request.app.state.ledger, lines)}


@router.get("/limits")
async def limits(raw: str) -> dict:
    # look-alike: an optional value parsed with a fallback, nothing processed per item afterwards
    values = []
    for part in raw.split(","):
        try:
            values.append(int(part))
        except ValueError:
            continue
    return {"limits": values}

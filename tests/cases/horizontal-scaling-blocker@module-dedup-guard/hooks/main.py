from fastapi import FastAPI, Header

from hooks.ledger import apply_refund, rate_for

app = FastAPI()
db = object()
_delivered: set[str] = set()  # expect: horizontal-scaling-blocker
_warmed: set[str] = set()


@app.on_event("startup")
async def warm() -> None:
    for name in ("a", "b"):
        if name in _warmed:
            continue
        _warmed.add(name)


@app.post("/hooks/shipping")
async def shipping_hook(payload: dict, x_delivery: str = Header("")) -> dict:
    if x_delivery in _delivered:
        return {"status": "duplicate"}
    _delivered.add(x_delivery)
    return {"status": "accepted"}


@app.post("/hooks/refunds/{event_id}")
async def refund_hook(event_id: str, amount: int) -> dict:
    await apply_refund(event_id, amount, db)
    return {"rate": await rate_for("EUR", db)}

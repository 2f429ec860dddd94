"""Upload quota checks whose 'full' answer is remembered per process."""
from fastapi import FastAPI

app = FastAPI()
USAGE: dict[str, int] = {}  # expect: horizontal-scaling-blocker
LIMIT = 100
_full_buckets: set[str] = set()
_paid_invoices: set[str] = set()  # expect: horizontal-scaling-blocker


def bucket_full(bucket: str) -> bool:
    """look-alike: a computed yes remembered so it is not computed again (another process computes it too)."""
    if bucket in _full_buckets:
        return True
    full = USAGE.get(bucket, 0) >= LIMIT
    if full:
        _full_buckets.add(bucket)
    return full


@app.post("/buckets/{bucket}/files")
async def upload(bucket: str, size: int) -> dict:
    if bucket_full(bucket):
        return {"accepted": False}
    USAGE[bucket] = USAGE.get(bucket, 0) + size
    return {"accepted": True}


@app.post("/invoices/{invoice_id}/pay")
async def pay(invoice_id: str, amount: int) -> dict:
    if invoice_id in _paid_invoices:
        return {"status": "already paid"}
    charged = amount > 0
    if charged:
        _paid_invoices.add(invoice_id)
    return {"status": "paid" if charged else "nothing to pay"}

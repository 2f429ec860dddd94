from fastapi import FastAPI
from fastapi.responses import JSONResponse

from svc.clients import SurgeClient, TaxClient
from svc.pricing import PricingService

app = FastAPI()
pricing = PricingService(SurgeClient(), TaxClient())


@app.post("/quotes")
async def create_quote(branch: str, country: str, base_cents: int):
    try:
        return await pricing.quote(branch, country, base_cents)
    except Exception as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)

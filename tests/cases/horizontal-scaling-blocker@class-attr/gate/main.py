from fastapi import FastAPI

from gate.limits import ClientRateLimit, RequestTiming

app = FastAPI()
app.add_middleware(ClientRateLimit, limit_per_minute=120)
app.add_middleware(RequestTiming)


@app.get("/reports")
async def reports() -> dict[str, int]:
    return {"count": 0}

from fastapi import FastAPI

from beacon.events import record_event, report

app = FastAPI()


@app.post("/signup")
async def signup(email: str) -> dict:
    # look-alike: the default sends from a thread; the blocking branch is not taken here
    record_event("signup", {"email": email})
    return {"ok": True}


@app.get("/report/{kind}")
async def report_kind(kind: str) -> dict:
    # look-alike: `wait` left at False, the request is never made on this path
    return {"sent": report(kind)}


@app.get("/report/{kind}/now")
async def report_now(kind: str) -> dict:
    return {"sent": report(kind, True)}

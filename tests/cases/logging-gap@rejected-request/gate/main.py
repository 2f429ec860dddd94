"""Gateway with basic auth checked in a middleware."""
import base64
import hmac
import os

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()
EXPECTED = os.environ.get("GATE_AUTH", "user:secret")


@app.middleware("http")
async def basic_auth(request: Request, call_next):
    try:
        scheme, creds = request.headers["authorization"].split()
        decoded = base64.b64decode(creds).decode("utf-8")
    except Exception:
        # look-alike: a header it cannot read is answered 401; nothing of the server's failed
        return JSONResponse(status_code=401, content={"error": "unauthorized"})
    if scheme != "Basic" or not hmac.compare_digest(decoded, EXPECTED):
        return JSONResponse(status_code=401, content={"error": "unauthorized"})
    return await call_next(request)


@app.middleware("http")
async def quota(request: Request, call_next):
    try:
        async with httpx.AsyncClient(timeout=2) as client:
            left = (await client.get("http://quota/left", params={"key": request.client.host})).json()["left"]
    except Exception:  # expect: logging-gap
        return JSONResponse(status_code=429, content={"error": "quota unavailable"})
    if left <= 0:
        return JSONResponse(status_code=429, content={"error": "over quota"})
    return await call_next(request)


@app.get("/items")
async def items() -> list[dict]:
    return [{"id": 1}]

"""Gate API: OAuth callback and a health view."""
import logging

from fastapi import FastAPI, HTTPException, Request

logger = logging.getLogger(__name__)
app = FastAPI()


def check_state(request: Request, state: str) -> None:
    if request.cookies.get("oauth_state") != state:
        raise ValueError("state mismatch")


@app.get("/oauth/callback")
async def callback(request: Request, state: str) -> dict:
    try:
        check_state(request, state)
    except Exception as exc:
        logger.exception("Unable to validate oauth state: %s", exc)
        raise HTTPException(status_code=401, detail="Unauthorized")  # expect: exception-without-cause
    return {"ok": True}


@app.get("/oauth/refresh")
async def refresh(request: Request, state: str) -> dict:
    try:
        check_state(request, state)
    except Exception:
        raise HTTPException(status_code=401, detail="Unauthorized")  # expect: exception-without-cause
    return {"ok": True}

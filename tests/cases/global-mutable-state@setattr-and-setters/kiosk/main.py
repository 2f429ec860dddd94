from __future__ import annotations

from fastapi import FastAPI, Request

from kiosk.scope import locale, scope, tally, theme

app = FastAPI()


@app.middleware("http")
async def remember_caller(request: Request, call_next):
    scope.user = request.headers.get("x-user")
    locale.active = request.headers.get("accept-language", "en")
    return await call_next(request)


@app.post("/last")
async def set_last(label: str) -> dict:
    tally.last = label
    return {"ok": True}


@app.post("/theme")
async def set_theme(name: str) -> dict:
    theme.name = name
    return {"theme": name}

"""Appointments API: the lifespan and a busy gate move the phase between fixed values."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from .phase import current_phase, set_locale, set_phase

_in_flight = {"count": 0}


@asynccontextmanager
async def lifespan(app: FastAPI):
    set_phase("ready", why="startup")
    yield
    set_phase("draining", why="shutdown")


app = FastAPI(lifespan=lifespan)


def _busy_gate(waiting: int) -> None:
    if waiting > 50:
        set_phase("busy", why=f"waiting:{waiting}")


@app.post("/appointments")
async def book(body: dict) -> dict:
    _busy_gate(len(body.get("slots", [])))
    set_locale(body.get("locale", "en"))
    return {"phase": current_phase()}

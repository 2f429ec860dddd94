"""Webhooks: eval and unsafe deserialisation of request data, and safe look-alikes."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import yaml
from fastapi import APIRouter, Request

router = APIRouter()
SNAPSHOT = Path("state.pickle")


@router.post("/hooks/rules")
async def update_rules(request: Request) -> dict:
    expression = request.query_params.get("rule", "True")
    active = eval(expression)  # expect: unsafe-conversion
    return {"active": bool(active)}


@router.post("/hooks/config")
async def update_config(request: Request) -> dict:
    body = await request.body()
    config = yaml.load(body, Loader=yaml.Loader)  # expect: unsafe-conversion
    return {"keys": sorted(config)}


# ----- look-alikes ------------------------------------------------------------------------------
@router.post("/hooks/settings")
async def update_settings(request: Request) -> dict:
    body = await request.body()
    payload = json.loads(body)
    settings = yaml.load(body, Loader=yaml.SafeLoader)
    return {"payload": payload, "settings": settings, "total": eval("1 + 1")}


def load_snapshot() -> dict:
    with SNAPSHOT.open("rb") as handle:
        return pickle.load(handle)

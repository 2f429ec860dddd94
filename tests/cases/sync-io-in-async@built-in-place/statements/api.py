"""Webhook and statement endpoints."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, Request

from statements.files import load_config, load_webhook_secret, write_statement_pdf

router = APIRouter()


@router.post("/webhooks/card")
async def card_webhook(request: Request) -> dict[str, bool]:
    body = await request.body()
    secret = load_webhook_secret()
    return {"ok": bool(body) and bool(secret)}


@router.get("/config")
async def config() -> dict[str, str]:
    return {"config": await load_config()}


@router.post("/statements/{wallet_id}")
async def generate(wallet_id: int) -> dict[str, str]:
    path = Path("/var/statements") / f"{wallet_id}.pdf"
    write_statement_pdf(path, [f"wallet {wallet_id}"])  # expect: sync-io-in-async
    return {"path": str(path)}


@router.post("/statements/{wallet_id}/threaded")
async def generate_threaded(wallet_id: int) -> dict[str, str]:
    path = Path("/var/statements") / f"{wallet_id}-t.pdf"
    await asyncio.to_thread(write_statement_pdf, path, [f"wallet {wallet_id}"])
    return {"path": str(path)}

"""Nightly settlement (arq)."""
from __future__ import annotations

import logging
from typing import Any

import httpx
from arq.connections import RedisSettings

from .clients import Ledger, Transfers

log = logging.getLogger(__name__)


async def settle(ctx: dict[str, Any], balances: dict[str, int]) -> int:
    transfers = Transfers("https://pay.example")
    done = 0
    for account, cents in balances.items():
        try:
            await transfers.send(account, cents, f"settle-{account}")
        except httpx.HTTPError as exc:
            log.warning("transfer to %s failed: %s", account, exc)
            continue
        done += 1
    return done


async def record(ctx: dict[str, Any], balances: dict[str, int]) -> int:
    ledger = Ledger("https://ledger.example")
    done = 0
    for account, cents in balances.items():
        try:
            await ledger.append(account, cents)
        except httpx.HTTPError as exc:
            log.warning("ledger entry for %s failed: %s", account, exc)
            continue
        done += 1
    return done


class WorkerSettings:
    functions = [settle, record]
    redis_settings = RedisSettings()

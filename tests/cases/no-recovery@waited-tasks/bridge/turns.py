"""A command turn runs as a background task: it validates, runs the queued steps, then reports."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter

from .access import _client, still_allowed

log = logging.getLogger(__name__)
router = APIRouter()


async def run_queued_steps(host_id: str) -> int:
    done = 0
    while True:
        response = await _client.get(f"/hosts/{host_id}/steps/next")
        if response.status_code == 204:
            return done
        step = response.json()
        await _client.post(f"/hosts/{host_id}/steps/{step['id']}/run")
        done += 1


async def run_turn(host_id: str, command: str, user_id: str) -> dict:
    if not command.strip():
        return {"status": "empty"}
    if not await still_allowed(host_id):
        return {"status": "denied"}
    parts = command.split()
    program, arguments = parts[0], parts[1:]
    if program in ("rm", "shutdown", "reboot"):
        log.warning("refused %s for %s", program, user_id)
        return {"status": "refused"}
    payload = {
        "program": program,
        "arguments": arguments,
        "user": user_id,
    }
    response = await _client.post(f"/hosts/{host_id}/steps", json=payload)
    if response.status_code >= 400:
        return {"status": "failed", "code": response.status_code}
    queued = response.json().get("queued", 0)
    log.info("queued %d steps on %s", queued, host_id)
    done = await run_queued_steps(host_id)
    summary = {
        "status": "done",
        "queued": queued,
        "ran": done,
    }
    await _client.post(f"/hosts/{host_id}/turns", json=summary)
    log.info("turn on %s finished: %s", host_id, summary)
    return summary


@router.post("/hosts/{host_id}/turns")
async def start_turn(host_id: str, command: str, user_id: str) -> dict:
    asyncio.create_task(run_turn(host_id, command, user_id))
    return {"started": True}

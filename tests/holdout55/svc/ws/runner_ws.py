"""Runner control channel: auth, heartbeats, lease renewal, log lines, results, cancellation."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from svc.config import get_settings
from svc.db.engine import SessionFactory
from svc.repositories.jobs import JobRepository
from svc.repositories.misc import RunnerRepository
from svc.services.cache_service import render_key
from svc.services.runner_auth import authenticate
from svc.services.runner_registry import RunnerConnection
from svc.utils.common import utcnow

router = APIRouter()
logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 256 * 1024


async def _handle_message(websocket: WebSocket, conn: RunnerConnection, raw: str) -> None:
    app = websocket.app
    settings = get_settings()
    if len(raw) > MAX_MESSAGE_BYTES:
        await websocket.send_json({"type": "error", "error": "message too large"})
        return
    try:
        msg = json.loads(raw)
        kind = msg["type"]
    except:
        logger.debug("runner %s sent an unreadable frame", conn.runner_id)
        return

    if kind == "heartbeat":
        async with SessionFactory() as session:
            await RunnerRepository(session).touch(conn.runner_id)
            await session.commit()
        await websocket.send_json({"type": "heartbeat_ack"})
    elif kind == "lease_renew":
        job_id = int(msg["job_id"])
        until = utcnow() + timedelta(seconds=settings.lease_seconds)
        async with SessionFactory() as session:
            ok = await JobRepository(session).extend_lease(job_id, conn.runner_id, until)
            await session.commit()
        if ok:
            await app.state.lease_book.renew(job_id, settings.lease_seconds)
        await websocket.send_json({"type": "lease", "job_id": job_id, "ok": ok})
    elif kind == "log":
        job_id = int(msg["job_id"])
        if job_id not in conn.active_jobs:
            return
        await app.state.log_hub.publish(job_id, msg.get("lines", [])[:500], tuple(msg.get("mask", ())))
    elif kind == "finished":
        job_id = int(msg["job_id"])
        async with SessionFactory() as session:
            await app.state.builds.job_finished(session, job_id, msg.get("status", "error"), msg.get("exit_code"))
        app.state.registry.release_job(conn.runner_id, job_id)
        await app.state.lease_book.drop(job_id)
    elif kind == "cache_restore":
        async with SessionFactory() as session:
            key = render_key(msg["key"], msg.get("vars") or {})
            data = await app.state.caches.restore(session, int(msg["repo_id"]), key)
        await websocket.send_json({"type": "cache", "key": msg["key"], "hit": data is not None})
        if data is not None:
            await websocket.send_bytes(data)
    else:
        await websocket.send_json({"type": "error", "error": f"unknown message type {kind}"})


async def _cancel_listener(websocket: WebSocket, conn: RunnerConnection) -> None:
    pubsub = websocket.app.state.redis_pubsub.pubsub()
    await pubsub.subscribe("ci:cancel")
    try:
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            payload = json.loads(message["data"])
            for job_id, runner_id in payload["jobs"]:
                if runner_id == conn.runner_id and job_id in conn.active_jobs:
                    await websocket.app.state.registry.send(conn.runner_id, {"type": "cancel", "job_id": job_id})
    finally:
        await pubsub.aclose()


@router.websocket("/ws/runner")
async def runner_socket(websocket: WebSocket) -> None:
    credential = websocket.headers.get("authorization", "").removeprefix("Bearer ").strip()
    async with SessionFactory() as session:
        runner = await authenticate(session, credential)
        if runner is not None:
            await RunnerRepository(session).mark_online(runner.id)
            await session.commit()
    if runner is None:
        await websocket.close(code=4401)
        return

    await websocket.accept()
    settings = get_settings()
    registry = websocket.app.state.registry
    conn = RunnerConnection(
        runner_id=runner.id,
        org_id=runner.org_id,
        labels=frozenset(runner.labels),
        websocket=websocket,
        capacity=int(websocket.query_params.get("capacity", "1")),
    )
    await registry.attach(conn)
    cancel_task = asyncio.create_task(_cancel_listener(websocket, conn))
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.heartbeat_timeout)
            await _handle_message(websocket, conn, raw)
    except asyncio.TimeoutError:
        logger.warning("runner %s missed heartbeats for %ss; closing", runner.id, settings.heartbeat_timeout)
        await websocket.close(code=4408)
    except WebSocketDisconnect:
        logger.info("runner %s disconnected", runner.id)
    finally:
        cancel_task.cancel()
        orphaned = await registry.detach(runner.id, websocket)
        async with SessionFactory() as session:
            await RunnerRepository(session).mark_offline(runner.id)
            still_running = await JobRepository(session).list_running_for_runner(runner.id)
            await session.commit()
        if orphaned or still_running:
            logger.info("runner %s left with jobs %s; leases will expire",
                        runner.id, sorted(orphaned | {j.id for j in still_running}))

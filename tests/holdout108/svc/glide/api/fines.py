from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import claims, container, fine_service, rider_id
from glide.repositories.fines import FineRepository


async def my_fines(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        fines = await FineRepository(session).unpaid_for_rider(rid)
    return JSONResponse(
        [
            {"id": str(f.id), "kind": f.kind, "amount_cents": f.amount_cents, "due_at": f.due_at.isoformat()}
            for f in fines
        ]
    )


async def pay(request: Request) -> JSONResponse:
    c = container(request)
    await rider_id(request)
    fine_id = uuid.UUID(request.path_params["fine_id"])
    async with c.sessions() as session:
        remaining = await fine_service(c, session).pay_fine(fine_id)
    return JSONResponse({"balance_cents": remaining})


async def dispute(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        await fine_service(c, session).dispute(rid, uuid.UUID(request.path_params["fine_id"]))
    return JSONResponse({"status": "disputed"})


async def evidence(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    photo = await request.body()
    async with c.sessions() as session:
        key = await fine_service(c, session).attach_evidence(uuid.UUID(request.path_params["fine_id"]), photo)
    return JSONResponse({"key": key}, status_code=201)


async def waive(request: Request) -> JSONResponse:
    c = container(request)
    operator = await claims(request, "operator")
    body = await request.json()
    ids = [uuid.UUID(i) for i in body.get("fine_ids", [])][:500]
    async with c.sessions() as session:
        waived = await fine_service(c, session).waive(ids, operator["sub"])
    return JSONResponse({"waived": waived})


routes = [
    Route("/ops/fines/waive", waive, methods=["POST"]),
    Route("/fines", my_fines, methods=["GET"]),
    Route("/fines/{fine_id}/pay", pay, methods=["POST"]),
    Route("/fines/{fine_id}/dispute", dispute, methods=["POST"]),
    Route("/ops/fines/{fine_id}/evidence", evidence, methods=["POST"]),
]

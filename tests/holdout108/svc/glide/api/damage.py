from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import claims, container, rider_id
from glide.errors import Conflict
from glide.repositories.fines import FineRepository
from glide.services.damage import DamageService
from glide.services.photos import spool_original

MAX_PHOTO_BYTES = 8 * 1024 * 1024


async def report_damage(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    form = await request.form(max_files=1, max_fields=5)
    upload = form.get("photo")
    photo: bytes | None = None
    if upload is not None and not isinstance(upload, str):
        photo = await upload.read()
        if len(photo) > MAX_PHOTO_BYTES:
            raise Conflict("photo too large", code="too_large")
        spool_original(c.settings.photo_spool_dir, photo)
    async with c.sessions() as session:
        report = await DamageService(session, c.storage, c.maps, c.notifier).report(
            rid, uuid.UUID(str(form["vehicle_id"])), str(form.get("description", "")), photo
        )
    return JSONResponse({"id": str(report.id), "severity": report.severity}, status_code=201)


async def vehicle_reports(request: Request) -> JSONResponse:
    c = container(request)
    await claims(request, "operator")
    async with c.sessions() as session:
        reports = await FineRepository(session).damage_reports_for_vehicle(
            uuid.UUID(request.path_params["vehicle_id"])
        )
    return JSONResponse(
        [
            {
                "id": str(r.id),
                "severity": r.severity,
                "description": r.description,
                "photo": c.storage.public_url(r.photo_key) if r.photo_key else None,
                "thumbnail": c.storage.public_url(r.thumbnail_key) if r.thumbnail_key else None,
            }
            for r in reports
        ]
    )


async def triage(request: Request) -> JSONResponse:
    c = container(request)
    operator = await claims(request, "operator")
    body = await request.json()
    async with c.sessions() as session:
        report = await DamageService(session, c.storage, c.maps).triage(
            uuid.UUID(request.path_params["report_id"]), str(body.get("severity", "")), operator["sub"]
        )
    return JSONResponse({"id": str(report.id), "severity": report.severity})


routes = [
    Route("/ops/damage-reports/{report_id}/triage", triage, methods=["POST"]),
    Route("/damage-reports", report_damage, methods=["POST"]),
    Route("/ops/vehicles/{vehicle_id}/damage-reports", vehicle_reports, methods=["GET"]),
]

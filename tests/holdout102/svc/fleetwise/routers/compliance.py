from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, UploadFile

from fleetwise.deps import crew_service, emissions_service, ops_user
from fleetwise.domain.schemas import CrewAssignIn
from fleetwise.services.crew import CrewError, CrewService, parse_certificate_csv
from fleetwise.services.emissions import EmissionsService
from fleetwise.utils.timeutil import utcnow

router = APIRouter(tags=["compliance"])


@router.get("/vessels/{vessel_id}/crew")
async def roster(vessel_id: int, service: CrewService = Depends(crew_service), user: dict = Depends(ops_user)) -> list[dict]:
    return await service.roster(vessel_id, utcnow().date())


@router.post("/crew/assignments", status_code=204)
async def assign(body: CrewAssignIn, service: CrewService = Depends(crew_service), user: dict = Depends(ops_user)) -> None:
    try:
        await service.assign(body, actor=user["sub"])
    except CrewError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.post("/crew/{member_id}/sign-off", status_code=204)
async def sign_off(member_id: int, service: CrewService = Depends(crew_service), user: dict = Depends(ops_user)) -> None:
    try:
        await service.sign_off(member_id, actor=user["sub"])
    except CrewError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.post("/crew/certificates/import")
async def import_certificates(file: UploadFile, service: CrewService = Depends(crew_service),
                              user: dict = Depends(ops_user)) -> dict:
    text = (await file.read()).decode("utf-8-sig")
    rows = parse_certificate_csv(text)
    return {"imported": await service.import_certificates(rows)}


@router.get("/vessels/{vessel_id}/cii/{year}")
async def cii(vessel_id: int, year: int, service: EmissionsService = Depends(emissions_service),
              user: dict = Depends(ops_user)) -> dict:
    try:
        return await service.cii_year(vessel_id, year)
    except LookupError:
        raise HTTPException(404, "vessel not found") from None

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from ..deps import eligibility_service, patient_service
from ..errors import NotFound
from ..schemas import InsuranceIn, RegisterIn, TokenOut
from ..security import current_principal, login_attempt_guard, require_clinician
from ..services.eligibility import EligibilityService, resolve_payer_name
from ..services.patients import PatientService

router = APIRouter(prefix="/patients", tags=["patients"])
auth_router = APIRouter(prefix="/auth", tags=["auth"])


@router.get("/me")
async def me(principal: dict = Depends(current_principal), service: PatientService = Depends(patient_service)) -> dict:
    return await service.profile(principal["sub"])


@router.put("/me/insurance", status_code=204)
async def update_insurance(
    body: InsuranceIn,
    principal: dict = Depends(current_principal),
    service: PatientService = Depends(patient_service),
) -> None:
    await service.update_insurance(principal["sub"], body.payer_id, body.member_id)


@router.get("/me/coverage")
async def coverage(
    principal: dict = Depends(current_principal),
    patients: PatientService = Depends(patient_service),
    eligibility: EligibilityService = Depends(eligibility_service),
) -> dict:
    patient = await patients.repo.get(principal["sub"])
    if patient is None:
        raise NotFound("patient not found")
    summary = await eligibility.coverage_summary(patient)
    if patient.payer_id:
        summary["payer_name"] = await resolve_payer_name(patient.payer_id)
    return summary


@router.get("/search")
async def search(
    q: str = Query(min_length=2),
    _: dict = Depends(require_clinician),
    service: PatientService = Depends(patient_service),
) -> list[dict]:
    return await service.search(q)



@auth_router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(body: RegisterIn, service: PatientService = Depends(patient_service)) -> dict:
    patient = await service.register(**body.model_dump())
    return {"id": patient.id}


@auth_router.post("/token", response_model=TokenOut)
async def token(
    request: Request,
    form: OAuth2PasswordRequestForm = Depends(),
    service: PatientService = Depends(patient_service),
) -> TokenOut:
    await login_attempt_guard(request)
    access = await service.login(form.username, form.password)
    if access is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    return TokenOut(access_token=access)

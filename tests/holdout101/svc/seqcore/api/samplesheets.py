from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from seqcore.api.auth import Principal, require_principal
from seqcore.api.deps import samplesheet_service
from seqcore.errors import SampleSheetError
from seqcore.schemas import UploadResult
from seqcore.services.samplesheet import SampleSheetService, parse_sheet

router = APIRouter(prefix="/samplesheets", tags=["samplesheets"])

TEMPLATE_PATH = Path(__file__).resolve().parent.parent / "templates" / "samplesheet_v2.csv"


@router.get("/template", response_class=PlainTextResponse)
def download_template() -> PlainTextResponse:
    return PlainTextResponse(TEMPLATE_PATH.read_text(encoding="utf-8"), media_type="text/csv")


@router.post("/validate")
async def validate_sample_sheet(file: UploadFile = File(...),
                                principal: Principal = Depends(require_principal)) -> dict:
    data = await file.read()
    accepted, rejected = await run_in_threadpool(parse_sheet, data, file.filename or "sheet.csv")
    return {"accepted": len(accepted), "rejected": rejected}


@router.post("", response_model=UploadResult, status_code=201)
async def upload_sample_sheet(
    request: Request,
    file: UploadFile = File(...),
    principal: Principal = Depends(require_principal),
    service: SampleSheetService = Depends(samplesheet_service),
) -> UploadResult:
    request.app.state.upload_limiter.check(str(principal.lab_id))
    data = await file.read()
    try:
        return await service.ingest_upload(principal.lab_id, file.filename or "sheet.csv", data)
    except SampleSheetError:
        raise
    except Exception as exc:
        raise HTTPException(status_code=400, detail="could not read sample sheet") from exc

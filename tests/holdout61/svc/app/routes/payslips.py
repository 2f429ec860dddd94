from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import Principal, current_user, db_session, require_payroll_admin
from app.repositories.payruns import PayRunRepository
from app.services.payslip_service import PayslipService

router = APIRouter(tags=["payslips"])


def _service(request: Request, session: AsyncSession) -> PayslipService:
    return PayslipService(session, request.app.state.settings.payout_dir + "/payslips")


@router.get("/payslips")
async def my_payslips(
    request: Request,
    user: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
) -> list[dict]:
    return await _service(request, session).list_for_employee(user.user_id)


@router.get("/payslips/{payslip_id}")
async def payslip_meta(
    payslip_id: int,
    user: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
) -> dict:
    payslip = await PayRunRepository(session).payslip(payslip_id)
    if payslip is None or payslip.employee_id != user.user_id:
        return {"error": "payslip not found"}
    return {
        "id": payslip.id,
        "created_at": payslip.created_at.isoformat(),
        "archived": payslip.pdf_path is not None,
    }


@router.get("/payslips/{payslip_id}/pdf")
async def payslip_pdf(
    payslip_id: int,
    request: Request,
    user: Principal = Depends(current_user),
    session: AsyncSession = Depends(db_session),
) -> Response:
    try:
        pdf = await _service(request, session).pdf_for(payslip_id, user.user_id)
    except Exception:
        raise HTTPException(status_code=404, detail="payslip not available")
    return Response(
        content=pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="payslip-{payslip_id}.pdf"'},
    )


@router.get("/payruns/{run_id}/payslips.zip")
async def payslips_zip(
    run_id: int,
    request: Request,
    _: Principal = Depends(require_payroll_admin),
    session: AsyncSession = Depends(db_session),
) -> Response:
    try:
        archive = await _service(request, session).zip_for_run(run_id)
    except FileNotFoundError as exc:
        raise HTTPException(status_code=409, detail="payslips for this run are not archived yet") from exc
    return Response(
        content=archive,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="payslips-{run_id}.zip"'},
    )

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends

from homegrid.api.deps import current_principal, get_container, require_household
from homegrid.container import Container
from homegrid.services.reports import list_reports
from homegrid.models import EnergySummary, Report, ReportRequest
from homegrid.models import Principal

router = APIRouter(prefix="/v1/households/{household_id}/reports", tags=["reports"])


@router.post("", response_model=Report, status_code=202)
async def request_report(
    household_id: UUID,
    body: ReportRequest,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> Report:
    require_household(principal, household_id)
    return await container.reports.request(household_id, body.period, principal.user_id)


@router.get("/summary/{period}", response_model=EnergySummary)
async def energy_summary(
    household_id: UUID,
    period: str,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> EnergySummary:
    require_household(principal, household_id)
    return await container.reports.summary(household_id, period)


@router.get("/{report_id}/download")
async def download(
    household_id: UUID,
    report_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, str | None]:
    require_household(principal, household_id)
    url = await container.reports.download_url(household_id, report_id)
    return {"url": url}


@router.get("", response_model=list[Report])
async def list_reports_for_household(
    household_id: UUID,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> list[Report]:
    require_household(principal, household_id)
    return await list_reports(container.reports_repo, household_id)


@router.get("/breakdown/{period}")
async def device_breakdown(
    household_id: UUID,
    period: str,
    principal: Principal = Depends(current_principal),
    container: Container = Depends(get_container),
) -> dict[str, dict[str, float]]:
    require_household(principal, household_id)
    data = await container.reports.device_breakdown(household_id, period)
    return {serial: {"import_kwh": imp, "export_kwh": exp} for serial, (imp, exp) in data.items()}

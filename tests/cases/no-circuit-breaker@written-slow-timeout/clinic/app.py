from __future__ import annotations

from fastapi import FastAPI, Request

from clinic.insurer import EligibilityApi
from clinic.imaging import ImagingApi, PartnerFeed
from clinic.labs import send_result_copy
from clinic.pharmacy import Directory, in_formulary
from clinic.services import VisitService

app = FastAPI()
insurer = EligibilityApi("https://eligibility.example.com")
visits = VisitService(insurer)
directory = Directory()


@app.on_event("startup")
async def start() -> None:
    await insurer.open()


@app.post("/visits/{member_id}/procedures/{procedure}")
async def book(member_id: str, procedure: str) -> dict:
    return await visits.book_procedure(member_id, procedure)


@app.post("/samples/{sample_ref}/panels/{panel}")
async def order(sample_ref: str, panel: str) -> dict:
    return await visits.order_panel(sample_ref, panel)


@app.get("/drugs/{drug_code}")
async def drug(drug_code: str) -> dict:
    return {"listed": await in_formulary(drug_code)}


@app.get("/providers/{npi}")
async def provider(npi: str) -> dict:
    return await directory.provider(npi)


@app.post("/results/{result_id}/copy")
async def copy_result(result_id: int, callback_url: str) -> dict:
    return {"status": await send_result_copy(callback_url, {"id": result_id})}


def imaging(request: Request) -> ImagingApi:
    return request.app.state.imaging


@app.post("/scans/{scan_id}/read")
async def read_scan(scan_id: str, request: Request) -> dict:
    return await imaging(request).read_scan(scan_id)


@app.post("/scans/{scan_id}/copy")
async def copy_scan(scan_id: str, partner_url: str, request: Request) -> dict:
    feed: PartnerFeed = request.app.state.partners
    return {"status": await feed.push_copy(partner_url, scan_id)}

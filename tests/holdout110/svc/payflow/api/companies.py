from __future__ import annotations

import asyncio

import bcrypt
from fastapi import APIRouter, Depends, Request
from sqlalchemy.exc import IntegrityError

from payflow.api.deps import Repos, admin_user, repos
from payflow.errors import Conflict, InvalidState, NotFound
from payflow.models import ContractorInvoice, Employee, KioskDevice, User
from payflow.schemas import (
    CompanyOut,
    CompanySettingsIn,
    EmployeeCreate,
    EmployeeOut,
    EmployeeUpdate,
    InvoiceDecisionIn,
    InvoiceOut,
    KioskPinIn,
    KioskRegisterIn,
)
from payflow.services.contractor_service import ContractorService
from payflow.services.idempotency import IdempotencyStore
from payflow.utils.certs import fingerprint

router = APIRouter(prefix="/company", tags=["company"])

PIN_HASH_ROUNDS = 10


@router.get("", response_model=CompanyOut)
async def get_company(user: User = Depends(admin_user), r: Repos = Depends(repos)) -> CompanyOut:
    return CompanyOut.model_validate(await r.companies.get(user.company_id))


@router.patch("", response_model=CompanyOut)
async def update_company(body: CompanySettingsIn, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> CompanyOut:
    company = await r.companies.get(user.company_id)
    changes = body.model_dump(exclude_unset=True)
    for field, value in changes.items():
        setattr(company, field, value)
    await r.audit.record(company.id, user.id, "company.updated", "company", company.id, changes)
    return CompanyOut.model_validate(company)


@router.post("/employees", response_model=EmployeeOut, status_code=201)
async def create_employee(body: EmployeeCreate, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> EmployeeOut:
    if body.manager_id is not None:
        await r.employees.get(user.company_id, body.manager_id)
    employee = Employee(company_id=user.company_id, **body.model_dump())
    r.session.add(employee)
    try:
        await r.session.flush()
    except IntegrityError as exc:
        raise Conflict("an employee with this email already exists") from exc
    await r.audit.record(user.company_id, user.id, "employee.created", "employee", employee.id)
    return EmployeeOut.model_validate(employee)


@router.patch("/employees/{employee_id}", response_model=EmployeeOut)
async def update_employee(
    employee_id: int, body: EmployeeUpdate, user: User = Depends(admin_user), r: Repos = Depends(repos)
) -> EmployeeOut:
    employee = await r.employees.get_for_update(employee_id)
    if employee.company_id != user.company_id:
        raise NotFound(f"employee {employee_id} not found")
    changes = body.model_dump(exclude_unset=True)
    if changes.get("manager_id") == employee.id:
        raise InvalidState("an employee cannot manage themselves")
    before = {k: str(getattr(employee, k)) for k in changes}
    for field, value in changes.items():
        setattr(employee, field, value)
    await r.audit.record(
        user.company_id, user.id, "employee.updated", "employee", employee.id, {"before": before, "after": {k: str(v) for k, v in changes.items()}}
    )
    return EmployeeOut.model_validate(employee)


@router.put("/employees/{employee_id}/kiosk-pin", status_code=204)
async def set_kiosk_pin(employee_id: int, body: KioskPinIn, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> None:
    employee = await r.employees.get_for_update(employee_id)
    if employee.company_id != user.company_id:
        raise NotFound(f"employee {employee_id} not found")
    salt = bcrypt.gensalt(rounds=PIN_HASH_ROUNDS)
    hashed = await asyncio.to_thread(bcrypt.hashpw, body.pin.encode(), salt)
    employee.kiosk_pin_hash = hashed.decode()
    await r.audit.record(user.company_id, user.id, "employee.kiosk_pin_set", "employee", employee.id)


@router.post("/kiosks", status_code=201)
async def register_kiosk(body: KioskRegisterIn, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    existing = await r.companies.device_by_serial(body.serial)
    if existing is not None:
        raise Conflict("kiosk already registered")
    device = KioskDevice(
        company_id=user.company_id,
        serial=body.serial,
        label=body.label,
        cert_fingerprint=fingerprint(body.certificate_pem),
    )
    r.session.add(device)
    try:
        await r.session.flush()
    except IntegrityError as exc:
        raise Conflict("kiosk already registered") from exc
    await r.audit.record(user.company_id, user.id, "kiosk.registered", "kiosk", device.id, {"serial": body.serial})
    return {"id": device.id, "serial": device.serial}


@router.post("/kiosks/{device_id}/disable", status_code=204)
async def disable_kiosk(device_id: int, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> None:
    device = await r.session.get(KioskDevice, device_id)
    if device is None or device.company_id != user.company_id:
        raise NotFound("kiosk not found")
    device.enabled = False
    await r.audit.record(user.company_id, user.id, "kiosk.disabled", "kiosk", device.id)


def _contractors(request: Request, r: Repos) -> ContractorService:
    return ContractorService(
        r.contractors,
        request.app.state.redis,
        request.app.state.fx_client,
        request.app.state.payments,
        IdempotencyStore(request.app.state.redis, "contractor-payments"),
    )


@router.post("/invoices/{invoice_id}/decision", response_model=InvoiceOut)
async def decide_invoice(
    invoice_id: int, body: InvoiceDecisionIn, user: User = Depends(admin_user), r: Repos = Depends(repos)
) -> InvoiceOut:
    invoice = await r.session.get(ContractorInvoice, invoice_id, with_for_update=True)
    if invoice is None or invoice.company_id != user.company_id:
        raise NotFound("invoice not found")
    if invoice.status != "submitted":
        raise InvalidState(f"invoice is {invoice.status}")
    invoice.status = "approved" if body.approve else "rejected"
    await r.audit.record(
        user.company_id, user.id, f"invoice.{invoice.status}", "contractor_invoice", invoice.id, {"reason": body.reason}
    )
    return InvoiceOut.model_validate(invoice)


@router.post("/invoices/pay")
async def pay_approved_invoices(request: Request, user: User = Depends(admin_user), r: Repos = Depends(repos)) -> dict:
    company = await r.companies.get(user.company_id)
    contractors = {c.id: c for c in await r.contractors.list_for_company(company.id)}
    approved = await r.contractors.approved_invoices(company.id, limit=200)
    items = [(inv, contractors[inv.contractor_id]) for inv in approved if inv.contractor_id in contractors]
    results = await _contractors(request, r).pay_batch(company.id, company.currency, items)
    paid = [res for res in results if not isinstance(res, BaseException)]
    failed = [
        {"invoice_id": inv.id, "error": repr(res)}
        for (inv, _), res in zip(items, results)
        if isinstance(res, BaseException)
    ]
    return {"paid": len(paid), "failed": failed}

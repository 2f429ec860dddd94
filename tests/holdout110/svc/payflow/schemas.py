from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class ORM(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class LoginIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8, max_length=200)


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"


class EmployeeOut(ORM):
    id: int
    first_name: str
    last_name: str
    email: str
    status: str
    jurisdiction: str
    pay_type: str
    department_id: int | None


class EmployeeSummaryOut(BaseModel):
    employee: EmployeeOut
    ytd_gross: Decimal
    ytd_net: Decimal
    last_payslip_url: str | None
    display_currency: str
    display_ytd_net: Decimal | None


class ClockIn(BaseModel):
    kind: str = Field(pattern="^(in|out)$")
    occurred_at: datetime | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class KioskPunch(BaseModel):
    employee_id: int
    pin: str = Field(min_length=4, max_length=8)
    kind: str = Field(pattern="^(in|out)$")


class ClockEventOut(ORM):
    id: int
    employee_id: int
    kind: str
    source: str
    occurred_at: datetime
    jurisdiction: str | None


class TimesheetOut(ORM):
    id: int
    employee_id: int
    period_start: date
    period_end: date
    regular_hours: Decimal
    overtime_hours: Decimal
    status: str
    approvals_received: int
    approvals_required: int


class PendingTimesheetOut(BaseModel):
    timesheet: TimesheetOut
    employee_name: str


class ApprovalIn(BaseModel):
    decision: str = Field(pattern="^(approve|reject)$")
    comment: str | None = Field(default=None, max_length=500)


class PayRunCreate(BaseModel):
    period_start: date
    period_end: date
    pay_date: date


class PayRunOut(ORM):
    id: int
    company_id: int
    period_start: date
    period_end: date
    pay_date: date
    status: str
    gross_total: Decimal
    tax_total: Decimal
    net_total: Decimal


class AdvanceIn(BaseModel):
    amount: Decimal = Field(gt=0, max_digits=10, decimal_places=2)


class InvoiceIn(BaseModel):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    currency: str = Field(min_length=3, max_length=3)
    service_date: date


class InvoiceOut(ORM):
    id: int
    number: str
    amount: Decimal
    currency: str
    fee: Decimal
    status: str


class ErrorOut(BaseModel):
    code: str
    message: str
    details: dict = {}


class CompanySettingsIn(BaseModel):
    name: str | None = Field(default=None, max_length=200)
    pay_frequency: str | None = Field(default=None, pattern="^(weekly|biweekly|semimonthly|monthly)$")
    funding_account_id: str | None = Field(default=None, max_length=64)


class CompanyOut(ORM):
    id: int
    name: str
    legal_country: str
    default_jurisdiction: str
    currency: str
    pay_frequency: str


class EmployeeCreate(BaseModel):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: EmailStr
    jurisdiction: str = Field(min_length=2, max_length=16)
    pay_type: str = Field(pattern="^(hourly|salary)$")
    hourly_rate: Decimal = Field(default=Decimal("0"), ge=0, max_digits=12, decimal_places=4)
    annual_salary: Decimal = Field(default=Decimal("0"), ge=0, max_digits=14, decimal_places=2)
    department_id: int | None = None
    manager_id: int | None = None
    hire_date: date
    filing_status: str = Field(default="single", pattern="^(single|married|head)$")
    allowances: int = Field(default=0, ge=0, le=20)


class EmployeeUpdate(BaseModel):
    department_id: int | None = None
    manager_id: int | None = None
    hourly_rate: Decimal | None = Field(default=None, ge=0, max_digits=12, decimal_places=4)
    annual_salary: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    filing_status: str | None = Field(default=None, pattern="^(single|married|head)$")
    allowances: int | None = Field(default=None, ge=0, le=20)
    status: str | None = Field(default=None, pattern="^(active|leave|terminated)$")


class KioskPinIn(BaseModel):
    pin: str = Field(min_length=4, max_length=8, pattern="^[0-9]+$")


class KioskRegisterIn(BaseModel):
    serial: str = Field(min_length=6, max_length=64)
    label: str = Field(min_length=1, max_length=120)
    certificate_pem: str = Field(min_length=100, max_length=10_000)


class InvoiceDecisionIn(BaseModel):
    approve: bool
    reason: str | None = Field(default=None, max_length=300)

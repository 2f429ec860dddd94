from __future__ import annotations

import asyncio
import io
import logging
import os
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Employee, PayRun, PayRunItem, Payslip
from app.repositories.employees import EmployeeRepository
from app.repositories.payruns import PayRunRepository

log = logging.getLogger(__name__)

_PDF_CACHE: dict[int, bytes] = {}


class PayslipNotFound(LookupError):
    pass


@dataclass(frozen=True)
class PayslipView:
    employee_name: str
    employee_ref: str
    period_start: date
    period_end: date
    pay_date: date
    regular_hours: Decimal
    overtime_hours: Decimal
    double_time_hours: Decimal
    gross: Decimal
    tax_withheld: Decimal
    net: Decimal


def render_pdf(view: PayslipView) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    width, height = LETTER
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, height - 72, "Earnings Statement")
    pdf.setFont("Helvetica", 10)
    rows = [
        ("Employee", f"{view.employee_name} ({view.employee_ref})"),
        ("Pay period", f"{view.period_start:%b %d, %Y} - {view.period_end:%b %d, %Y}"),
        ("Pay date", f"{view.pay_date:%b %d, %Y}"),
        ("Regular hours", f"{view.regular_hours:.2f}"),
        ("Overtime hours", f"{view.overtime_hours:.2f}"),
        ("Double-time hours", f"{view.double_time_hours:.2f}"),
        ("Gross pay", f"${view.gross:,.2f}"),
        ("Tax withheld", f"${view.tax_withheld:,.2f}"),
        ("Net pay", f"${view.net:,.2f}"),
    ]
    y = height - 110
    for label, value in rows:
        pdf.drawString(72, y, label)
        pdf.drawRightString(width - 72, y, value)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def build_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _make_view(item: PayRunItem, run: PayRun, employee: Employee) -> PayslipView:
    return PayslipView(
        employee_name=employee.full_name,
        employee_ref=employee.external_id,
        period_start=run.period_start,
        period_end=run.period_end,
        pay_date=run.pay_date,
        regular_hours=item.regular_hours,
        overtime_hours=item.overtime_hours,
        double_time_hours=item.double_time_hours,
        gross=item.gross,
        tax_withheld=item.tax_withheld,
        net=item.net,
    )


class PayslipService:
    def __init__(self, session: AsyncSession, archive_dir: str) -> None:
        self._session = session
        self._archive_dir = archive_dir
        self._runs = PayRunRepository(session)
        self._employees = EmployeeRepository(session)

    async def _view(self, payslip: Payslip) -> PayslipView:
        item = await self._runs.item(payslip.pay_run_item_id)
        if item is None:
            raise PayslipNotFound(payslip.id)
        run = await self._runs.get(item.pay_run_id)
        employee = await self._employees.get(payslip.employee_id)
        if run is None or employee is None:
            raise PayslipNotFound(payslip.id)
        return _make_view(item, run, employee)

    async def pdf_for(self, payslip_id: int, employee_id: int) -> bytes:
        if payslip_id in _PDF_CACHE:
            return _PDF_CACHE[payslip_id]
        payslip = await self._runs.payslip(payslip_id)
        if payslip is None or payslip.employee_id != employee_id:
            raise PayslipNotFound(payslip_id)
        pdf = render_pdf(await self._view(payslip))
        _PDF_CACHE[payslip_id] = pdf
        return pdf

    async def list_for_employee(self, employee_id: int) -> list[dict]:
        payslips = await self._runs.payslips_for_employee(employee_id)
        result = []
        for payslip in payslips:
            line_item = await self._runs.item(payslip.pay_run_item_id)
            result.append(
                {
                    "id": payslip.id,
                    "created_at": payslip.created_at.isoformat(),
                    "gross": str(line_item.gross) if line_item else None,
                    "net": str(line_item.net) if line_item else None,
                }
            )
        return result

    async def archive_run(self, run_id: int) -> list[int]:
        """Called by the pay run worker once a run is computed: render and store every payslip."""
        run = await self._runs.get(run_id)
        if run is None:
            raise PayslipNotFound(run_id)
        items = await self._runs.items(run_id)
        employees = await self._employees.get_many(item.employee_id for item in items)
        created: list[int] = []
        await asyncio.to_thread(os.makedirs, self._archive_dir, exist_ok=True)
        for item in items:
            employee = employees.get(item.employee_id)
            if employee is None:
                log.warning("pay run %s item %s has no employee row", run_id, item.id)
                continue
            payslip = await self._runs.add_payslip(
                Payslip(pay_run_item_id=item.id, employee_id=item.employee_id)
            )
            view = _make_view(item, run, employee)
            pdf = await asyncio.to_thread(render_pdf, view)
            path = os.path.join(self._archive_dir, f"{run_id}-{payslip.id}.pdf")
            await asyncio.to_thread(_write_file, path, pdf)
            payslip.pdf_path = path
            created.append(payslip.employee_id)
        await self._session.commit()
        return created

    async def zip_for_run(self, run_id: int) -> bytes:
        payslips = await self._runs.payslips_for_run(run_id)
        if not payslips:
            raise FileNotFoundError(f"no archived payslips for run {run_id}")
        files: dict[str, bytes] = {}
        for payslip in payslips:
            files[os.path.basename(payslip.pdf_path)] = await asyncio.to_thread(_read_file, payslip.pdf_path)
        return await asyncio.to_thread(build_zip, files)


def _write_file(path: str, content: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(content)


def _read_file(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()

from __future__ import annotations

import asyncio
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import structlog

from payflow.clients.email_client import EmailClient
from payflow.clients.object_storage import ObjectStorage
from payflow.models import Employee, TaxForm
from payflow.repositories.document_repo import PayslipRepository, TaxFormRepository
from payflow.repositories.people_repo import CompanyRepository, EmployeeRepository
from payflow.services.pdf_render import render_tax_form

log = structlog.get_logger(__name__)
ZERO = Decimal("0")


def w2_boxes(employee: Employee, ytd: dict[str, Decimal]) -> dict[str, str]:
    return {
        "a Employee": f"{employee.first_name} {employee.last_name}",
        "1 Wages, tips, other compensation": f"{ytd.get('gross', ZERO):,.2f}",
        "2 Federal income tax withheld": f"{ytd.get('federal', ZERO):,.2f}",
        "4/6 Social security and Medicare withheld": f"{ytd.get('social', ZERO):,.2f}",
        "17 State income tax": f"{ytd.get('state', ZERO):,.2f}",
        "15 State": employee.jurisdiction,
    }


class TaxFormService:
    def __init__(
        self,
        employees: EmployeeRepository,
        companies: CompanyRepository,
        payslips: PayslipRepository,
        forms: TaxFormRepository,
        storage: ObjectStorage,
        email: EmailClient,
    ) -> None:
        self.employees = employees
        self.companies = companies
        self.payslips = payslips
        self.forms = forms
        self.storage = storage
        self.email = email

    async def build_w2s(self, company_id: int, tax_year: int) -> int:
        employees = await self.employees.list_active(company_id)
        totals = await self.payslips.ytd_for_company(company_id, tax_year)
        built = 0
        for emp in employees:
            ytd = totals.get(emp.id)
            if not ytd:
                continue
            data = {"tax_year": tax_year, "boxes": w2_boxes(emp, ytd)}
            pdf = await asyncio.to_thread(render_tax_form, "w2", data)
            key = await self.storage.put_bytes(f"tax-forms/{company_id}/{tax_year}/w2/{emp.id}.pdf", pdf)
            await self.forms.create(
                TaxForm(company_id=company_id, employee_id=emp.id, tax_year=tax_year, kind="w2", storage_key=key, status="ready")
            )
            built += 1
        return built

    async def year_end_summary(self, company_id: int, tax_year: int) -> list[dict]:
        employees = await self.employees.list_active(company_id)
        summary = []
        for emp in employees:
            gross, net = await self.payslips.ytd_for_employee(emp.id, tax_year)
            summary.append({"employee_id": emp.id, "name": f"{emp.first_name} {emp.last_name}", "gross": gross, "net": net})
        return summary

    async def bundle_for_filing(self, company_id: int, tax_year: int) -> str:
        forms = await self.forms.for_company_year(company_id, tax_year, "w2")
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for form in forms:
                if form.storage_key is None:
                    continue
                path = Path(tmp) / f"{form.id}.pdf"
                await asyncio.to_thread(self._download, form.storage_key, path)
                paths.append(str(path))
            merged = Path(tmp) / "bundle.pdf"
            subprocess.run(["qpdf", "--empty", "--pages", *paths, "--", str(merged)], check=True)
            data = await asyncio.to_thread(merged.read_bytes)
        return await self.storage.put_archive(f"tax-forms/{company_id}/{tax_year}/w2-bundle.pdf", data)

    def _download(self, key: str, path: Path) -> None:
        self.storage._s3.download_file(self.storage.bucket, key, str(path))

from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from datetime import date

import structlog

from payflow.services.payroll_calc import PayResult, WorkInput, compute_batch, compute_one, load_tables

log = structlog.get_logger(__name__)


class WithholdingService:
    """Runs payroll arithmetic. Large batches go to a process pool."""

    def __init__(self, executor: ProcessPoolExecutor) -> None:
        self.executor = executor
        self._preview_cache: dict[tuple[int, int, date], PayResult] = {}

    async def _tables(self, inputs: list[WorkInput], tax_year: int) -> dict[str, dict]:
        jurisdictions = {i.jurisdiction for i in inputs}
        return await asyncio.to_thread(load_tables, jurisdictions, tax_year)

    async def compute_run(self, inputs: list[WorkInput], tax_year: int) -> list[PayResult]:
        tables = await self._tables(inputs, tax_year)
        loop = asyncio.get_running_loop()
        results = await loop.run_in_executor(self.executor, compute_batch, inputs, tables)
        log.info("withholding_computed", employees=len(results))
        return results

    async def preview_employee(self, company_id: int, inp: WorkInput, pay_date: date) -> PayResult:
        key = (company_id, inp.employee_id, pay_date)
        cached = self._preview_cache.get(key)
        if cached is not None:
            return cached
        tables = await self._tables([inp], pay_date.year)
        result = compute_one(inp, tables)
        self._preview_cache[key] = result
        return result

    async def preview_company(self, inputs: list[WorkInput], pay_date: date) -> list[PayResult]:
        tables = await self._tables(inputs, pay_date.year)
        return compute_batch(inputs, tables)

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import structlog

from payflow.clients.accounting_client import QuickBooksClient, journal_line
from payflow.clients.xero_client import XeroClient
from payflow.errors import AccountingSyncError
from payflow.models import AccountingConnection, PayRun
from payflow.repositories.ops_repo import AccountingRepository
from payflow.repositories.payrun_repo import PayRunRepository
from payflow.repositories.people_repo import EmployeeRepository
from payflow.utils.common import utcnow

log = structlog.get_logger(__name__)
ZERO = Decimal("0")


class AccountingSyncService:
    def __init__(
        self,
        runs: PayRunRepository,
        employees: EmployeeRepository,
        accounting: AccountingRepository,
        quickbooks: QuickBooksClient,
        xero: XeroClient,
    ) -> None:
        self.runs = runs
        self.employees = employees
        self.accounting = accounting
        self.quickbooks = quickbooks
        self.xero = xero

    async def sync_run(self, run: PayRun) -> str:
        conn = await self.accounting.connection(run.company_id)
        if conn is None:
            raise AccountingSyncError(f"company {run.company_id} has no accounting connection")
        full = await self.runs.get_with_lines(run.id)
        if conn.provider == "xero":
            external_id = await self._sync_xero(conn, full)
        else:
            external_id = await self._sync_quickbooks(conn, full)
        await self.runs.mark_synced(run.id, utcnow())
        await self.accounting.log(run.company_id, run.id, "ok", external_id, None)
        return external_id

    async def _sync_quickbooks(self, conn: AccountingConnection, run: PayRun) -> str:
        employees = await self.employees.by_ids([line.employee_id for line in run.lines])
        wages_by_account: dict[str, Decimal] = defaultdict(lambda: ZERO)
        tax_total = ZERO
        net_total = ZERO
        for line in run.lines:
            employee = employees[line.employee_id]
            code = f"{conn.wages_account_code}-{employee.department_id or 0}"
            account = await self.quickbooks.get_account(conn.realm_id, conn.access_token, code)
            wages_by_account[account["Id"]] += line.gross
            tax_total += line.federal_tax + line.state_tax + line.social_tax
            net_total += line.net

        accounts = {a.get("AcctNum"): a["Id"] for a in await self.quickbooks.list_accounts(conn.realm_id, conn.access_token)}
        lines = [journal_line(acc, amount, "Debit", "Gross wages") for acc, amount in wages_by_account.items()]
        lines.append(journal_line(accounts[conn.tax_liability_account_code], tax_total, "Credit", "Payroll taxes"))
        lines.append(journal_line(accounts[conn.bank_account_code], net_total, "Credit", "Net pay"))
        return await self.quickbooks.create_journal_entry(
            conn.realm_id, conn.access_token, lines, f"Payflow pay run {run.id}", run.pay_date.isoformat()
        )

    async def _sync_xero(self, conn: AccountingConnection, run: PayRun) -> str:
        gross = sum((line.gross for line in run.lines), ZERO)
        taxes = sum((line.federal_tax + line.state_tax + line.social_tax for line in run.lines), ZERO)
        net = sum((line.net for line in run.lines), ZERO)
        journal = {
            "Narration": f"Payflow pay run {run.id}",
            "Date": run.pay_date.isoformat(),
            "JournalLines": [
                {"AccountCode": conn.wages_account_code, "LineAmount": float(gross)},
                {"AccountCode": conn.tax_liability_account_code, "LineAmount": -float(taxes)},
                {"AccountCode": conn.bank_account_code, "LineAmount": -float(net)},
            ],
        }
        return await self.xero.post_manual_journal(conn.realm_id, journal)

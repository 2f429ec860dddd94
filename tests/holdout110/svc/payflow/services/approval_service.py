from __future__ import annotations

import structlog

from payflow.clients.email_client import EmailClient
from payflow.errors import Forbidden, InvalidState
from payflow.models import Timesheet, TimesheetApproval, TimesheetStatus, User
from payflow.repositories.timesheet_repo import TimesheetRepository
from payflow.services.audit_service import AuditService
from payflow.utils.common import utcnow

log = structlog.get_logger(__name__)


class ApprovalService:
    """Multi-step approval chains: a sheet needs ``approvals_required`` distinct approvers."""

    def __init__(self, timesheets: TimesheetRepository, audit: AuditService, email: EmailClient) -> None:
        self.timesheets = timesheets
        self.audit = audit
        self.email = email

    def _check_approver(self, sheet: Timesheet, user: User) -> None:
        if user.company_id != sheet.company_id:
            raise Forbidden("not your company")
        if user.role not in ("manager", "admin", "payroll"):
            raise Forbidden("not an approver")
        if sheet.status != TimesheetStatus.SUBMITTED:
            raise InvalidState(f"timesheet is {sheet.status.value}")

    async def approve(self, sheet_id: int, user: User, comment: str | None) -> Timesheet:
        sheet = await self.timesheets.get(sheet_id)
        self._check_approver(sheet, user)
        step = sheet.approvals_received + 1
        await self.timesheets.add_approval(
            TimesheetApproval(
                timesheet_id=sheet.id,
                approver_id=user.id,
                step=step,
                decision="approve",
                decided_at=utcnow(),
                comment=comment,
            )
        )
        await self.audit.record(sheet.company_id, user.id, "timesheet.approved", "timesheet", sheet.id, {"step": step})
        sheet.approvals_received = sheet.approvals_received + 1
        if sheet.approvals_received >= sheet.approvals_required:
            sheet.status = TimesheetStatus.APPROVED
        else:
            await self._notify_next(sheet, user)
        return sheet

    async def approve_many(self, sheet_ids: list[int], user: User) -> list[int]:
        """Single-step approvals for a manager's whole team; each sheet is locked before it changes."""
        approved: list[int] = []
        for sheet_id in sorted(set(sheet_ids)):
            sheet = await self.timesheets.get_for_update(sheet_id)
            try:
                self._check_approver(sheet, user)
            except (Forbidden, InvalidState):
                continue
            if sheet.approvals_required - sheet.approvals_received != 1:
                continue
            await self.timesheets.add_approval(
                TimesheetApproval(
                    timesheet_id=sheet.id,
                    approver_id=user.id,
                    step=sheet.approvals_received + 1,
                    decision="approve",
                    decided_at=utcnow(),
                )
            )
            sheet.approvals_received += 1
            sheet.status = TimesheetStatus.APPROVED
            approved.append(sheet.id)
        if approved:
            await self.audit.record(user.company_id, user.id, "timesheets.bulk_approved", "timesheet", "bulk", {"ids": approved})
        return approved

    async def reject(self, sheet_id: int, user: User, comment: str | None) -> Timesheet:
        sheet = await self.timesheets.get_for_update(sheet_id)
        self._check_approver(sheet, user)
        await self.timesheets.add_approval(
            TimesheetApproval(
                timesheet_id=sheet.id,
                approver_id=user.id,
                step=sheet.approvals_received + 1,
                decision="reject",
                decided_at=utcnow(),
                comment=comment,
            )
        )
        sheet.status = TimesheetStatus.REJECTED
        sheet.approvals_received = 0
        await self.audit.record(sheet.company_id, user.id, "timesheet.rejected", "timesheet", sheet.id, {})
        return sheet

    async def _notify_next(self, sheet: Timesheet, user: User) -> None:
        try:
            await self.email.send(
                to=f"approvals+{sheet.company_id}@payflow.example.com",
                subject=f"Timesheet {sheet.id} awaits approval step {sheet.approvals_received + 1}",
                html=f"<p>Approved by {user.email}; next approver please review.</p>",
                tag="approval-chain",
            )
        except Exception:
            log.warning("approval_notice_failed", timesheet_id=sheet.id, exc_info=True)

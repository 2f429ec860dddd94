from payflow.models.contractor import Contractor, ContractorInvoice
from payflow.models.ops import AccountingConnection, AccountingSyncLog, AuditEntry, Reminder
from payflow.models.payout import Payout, PayoutStatus
from payflow.models.payrun import PayRun, PayRunLine, PayRunStatus
from payflow.models.payslip import Payslip, TaxForm
from payflow.models.people import Company, Employee, KioskDevice, User
from payflow.models.timesheet import ClockEvent, Timesheet, TimesheetApproval, TimesheetStatus

__all__ = [
    "AccountingConnection",
    "AccountingSyncLog",
    "AuditEntry",
    "ClockEvent",
    "Company",
    "Contractor",
    "ContractorInvoice",
    "Employee",
    "KioskDevice",
    "PayRun",
    "PayRunLine",
    "PayRunStatus",
    "Payout",
    "PayoutStatus",
    "Payslip",
    "Reminder",
    "TaxForm",
    "Timesheet",
    "TimesheetApproval",
    "TimesheetStatus",
    "User",
]

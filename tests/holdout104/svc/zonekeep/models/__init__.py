from zonekeep.models.account import Account, ApiToken
from zonekeep.models.base import Base
from zonekeep.models.certificate import AcmeOrder, Certificate
from zonekeep.models.domain import Domain, ReminderLog, TldPrice
from zonekeep.models.transfer import AbuseReport, Transfer
from zonekeep.models.zone import DnsKey, PushJob, Record, Zone

__all__ = [
    "AbuseReport", "Account", "AcmeOrder", "ApiToken", "Base", "Certificate", "DnsKey",
    "Domain", "PushJob", "Record", "ReminderLog", "TldPrice", "Transfer", "Zone",
]

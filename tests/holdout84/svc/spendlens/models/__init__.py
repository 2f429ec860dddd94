from .base import Base
from .budget import Budget, BudgetAlert
from .cost import CostLineItem, DailyCost
from .insights import Anomaly, Recommendation, TagPolicy, TagViolation
from .tenant import ApiKey, AuditEvent, CloudAccount, Tenant

__all__ = [
    "Anomaly",
    "ApiKey",
    "AuditEvent",
    "Base",
    "Budget",
    "BudgetAlert",
    "CloudAccount",
    "CostLineItem",
    "DailyCost",
    "Recommendation",
    "TagPolicy",
    "TagViolation",
    "Tenant",
]

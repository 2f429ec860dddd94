from .accounts import AccountRepository, AuditRepository
from .anomalies import AnomalyRepository
from .budgets import BudgetRepository
from .costs import CostRepository
from .insights import RecommendationRepository, TagRepository
from .jobs import JobRepository

__all__ = [
    "AccountRepository",
    "AnomalyRepository",
    "AuditRepository",
    "BudgetRepository",
    "CostRepository",
    "JobRepository",
    "RecommendationRepository",
    "TagRepository",
]

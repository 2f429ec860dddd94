from .base import Base
from .marketplace import Contract, Job, Milestone, Proposal, User
from .operations import Dispute, DisputeEvidence, Payout, PayoutAccount, ScreenshotBatch, TimeEntry

__all__ = [
    "Base",
    "Contract",
    "Dispute",
    "DisputeEvidence",
    "Job",
    "Milestone",
    "Payout",
    "PayoutAccount",
    "Proposal",
    "ScreenshotBatch",
    "TimeEntry",
    "User",
]

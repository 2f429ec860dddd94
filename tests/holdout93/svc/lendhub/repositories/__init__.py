from .applications import ApplicationRepository, BorrowerRepository
from .credit import CreditRepository
from .documents import DocumentRepository
from .locks import RateLockRepository
from .raw import AppraisalRepository, DeliveryRepository
from .workflow import ClosingRepository, ConditionRepository, DisclosureRepository

__all__ = [
    "ApplicationRepository",
    "BorrowerRepository",
    "CreditRepository",
    "DocumentRepository",
    "RateLockRepository",
    "AppraisalRepository",
    "ConditionRepository",
    "ClosingRepository",
    "DisclosureRepository",
    "DeliveryRepository",
]

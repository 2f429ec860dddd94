from .base import Base
from .loan import Application, Borrower, CreditReport, Document, Liability
from .workflow import Appraisal, Closing, Condition, DeliveryBatch, Disclosure, PriceQuote, RateLock

__all__ = [
    "Base",
    "Application",
    "Borrower",
    "CreditReport",
    "Liability",
    "Document",
    "PriceQuote",
    "RateLock",
    "Appraisal",
    "Closing",
    "Condition",
    "DeliveryBatch",
    "Disclosure",
]

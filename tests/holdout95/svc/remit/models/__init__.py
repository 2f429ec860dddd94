from .base import Base
from .core import KycTier, Quote, QuoteStatus, Recipient, Sender, Transfer, TransferStatus
from .operations import LedgerAccount, LedgerEntry, PayoutPartner, ReconFile, ScreeningCase, ScreeningHit

__all__ = [
    "Base", "KycTier", "Recipient", "Sender", "LedgerAccount", "LedgerEntry",
    "PayoutPartner", "ReconFile", "Quote", "QuoteStatus", "ScreeningCase", "ScreeningHit",
    "Transfer", "TransferStatus",
]

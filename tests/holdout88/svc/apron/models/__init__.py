from apron.models.base import Base
from apron.models.baggage import Bag, BagScan
from apron.models.billing import Invoice, InvoiceLine
from apron.models.flight import Flight
from apron.models.roster import Shift, Staff, SwapRequest
from apron.models.stand import Stand, StandAllocation
from apron.models.turnaround import TurnaroundTask

__all__ = [
    "Base", "Bag", "BagScan", "Flight", "Invoice", "InvoiceLine", "Shift", "Staff",
    "Stand", "StandAllocation", "SwapRequest", "TurnaroundTask",
]

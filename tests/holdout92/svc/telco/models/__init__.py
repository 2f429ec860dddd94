from telco.models.base import Base
from telco.models.billing import Bundle, BundlePurchase, Invoice, Tariff, ThresholdNotice
from telco.models.porting import PortRequest
from telco.models.roaming import RoamingPartner, SettlementFile
from telco.models.subscriber import Balance, Reservation, SimProfile, Subscriber
from telco.models.usage import UsageRecord

__all__ = [
    "Base", "Balance", "Bundle", "BundlePurchase", "Invoice", "PortRequest", "Reservation",
    "RoamingPartner", "SettlementFile", "SimProfile", "Subscriber", "Tariff", "ThresholdNotice", "UsageRecord",
]

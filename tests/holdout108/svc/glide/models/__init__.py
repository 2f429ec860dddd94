from glide.models.fine import DamageReport, Fine, FineStatus
from glide.models.rider import Rider, RiderStatus
from glide.models.ride import Ride, RideStatus, SettlementBatch, SettlementLine
from glide.models.task import RebalanceJob, SwapTask, TaskStatus
from glide.models.vehicle import TelemetryPoint, Vehicle, VehicleStatus, VehicleType
from glide.models.wallet import PaymentMethod, Promotion, PromotionRedemption, Wallet, WalletTransaction
from glide.models.zone import Zone, ZoneKind

__all__ = [
    "DamageReport",
    "Fine",
    "FineStatus",
    "PaymentMethod",
    "Promotion",
    "PromotionRedemption",
    "RebalanceJob",
    "Ride",
    "RideStatus",
    "Rider",
    "RiderStatus",
    "SettlementBatch",
    "SettlementLine",
    "SwapTask",
    "TelemetryPoint",
    "TaskStatus",
    "Vehicle",
    "VehicleStatus",
    "VehicleType",
    "Wallet",
    "WalletTransaction",
    "Zone",
    "ZoneKind",
]

from .customers import CustomerRepository
from .fleet import BranchRepository, MaintenanceRepository, VehicleRepository
from .inspections import InspectionRepository
from .reservations import ReservationRepository
from .telemetry import TelemetryRepository

__all__ = [
    "BranchRepository",
    "CustomerRepository",
    "InspectionRepository",
    "MaintenanceRepository",
    "ReservationRepository",
    "TelemetryRepository",
    "VehicleRepository",
]

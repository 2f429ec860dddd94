from .fleet import Branch, MaintenanceJob, Vehicle
from .rental import Customer, Inspection, InspectionPhoto, Reservation

__all__ = [
    "Branch",
    "Customer",
    "Inspection",
    "InspectionPhoto",
    "MaintenanceJob",
    "Reservation",
    "Vehicle",
]

from .assignments import AssignmentRepository
from .avl import AvlRepository
from .calls import CallRepository
from .hospitals import HospitalRepository
from .incidents import IncidentRepository
from .units import UnitRepository

__all__ = [
    "AssignmentRepository",
    "AvlRepository",
    "CallRepository",
    "HospitalRepository",
    "IncidentRepository",
    "UnitRepository",
]

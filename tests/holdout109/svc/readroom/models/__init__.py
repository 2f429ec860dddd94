from readroom.models.clinical import ImagingOrder, Patient, PriorFetchJob, ReadingAssignment, Study, WorklistEntry
from readroom.models.reporting import (
    CriticalAlert,
    DictationSegment,
    Distribution,
    Referrer,
    Report,
    ReportTemplate,
    TatDailyStat,
)
from readroom.models.user import User

__all__ = [
    "CriticalAlert",
    "DictationSegment",
    "Distribution",
    "ImagingOrder",
    "Patient",
    "PriorFetchJob",
    "ReadingAssignment",
    "Referrer",
    "Report",
    "ReportTemplate",
    "Study",
    "TatDailyStat",
    "User",
    "WorklistEntry",
]

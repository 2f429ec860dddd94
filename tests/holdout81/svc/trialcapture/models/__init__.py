from .clinical import FieldValue, FormSubmission, Visit
from .ops import AdverseEvent, AuditEvent, DataQuery, OutboxMessage, QueryReply
from .study import Investigator, Site, Study
from .subject import Randomisation, Subject

__all__ = [
    "AdverseEvent",
    "AuditEvent",
    "DataQuery",
    "FieldValue",
    "FormSubmission",
    "Investigator",
    "OutboxMessage",
    "QueryReply",
    "Randomisation",
    "Site",
    "Study",
    "Subject",
    "Visit",
]

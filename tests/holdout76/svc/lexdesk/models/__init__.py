from lexdesk.models.billing import Invoice, InvoiceLine, Rate, TimeEntry
from lexdesk.models.documents import Deadline, Document, Filing, Reminder
from lexdesk.models.matters import Client, Matter, Party, User

__all__ = [
    "Client", "Deadline", "Document", "Filing", "Invoice", "InvoiceLine",
    "Matter", "Party", "Rate", "Reminder", "TimeEntry", "User",
]

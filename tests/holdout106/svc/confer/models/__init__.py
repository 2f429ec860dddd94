from .base import Base
from .conference import ChatSession, Conference, Track
from .people import Authorship, PastCoauthorship, User
from .registration import EmailOutbox, ExportJob, Payment, Registration
from .review import Assignment, Bid, DiscussionPost, Review, ReviewStats
from .submission import Submission

__all__ = [
    "Base", "Conference", "Track", "ChatSession", "User", "Authorship", "PastCoauthorship",
    "Registration", "Payment", "EmailOutbox", "ExportJob", "Bid", "Assignment", "Review",
    "ReviewStats", "DiscussionPost", "Submission",
]

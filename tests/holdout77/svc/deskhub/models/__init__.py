from .access import AccessGrant, Visitor  # noqa: F401
from .base import Base  # noqa: F401
from .bookings import Booking  # noqa: F401
from .members import Invoice, InvoiceLine, Member, Plan, Subscription  # noqa: F401
from .spaces import Door, Location, Space  # noqa: F401

import enum
from dataclasses import dataclass


class RentalStatus(enum.Enum):
    ACTIVE = "active"
    PAID = "paid"
    PAYMENT_FAILED = "payment_failed"


class LinkStatus(enum.Enum):
    UP = "up"
    DOWN = "down"


@dataclass
class Rental:
    id: int
    status: RentalStatus = RentalStatus.ACTIVE


@dataclass
class LinkInfo:
    name: str
    status: LinkStatus = LinkStatus.UP

from dataclasses import dataclass
from enum import Enum


class OrderState(Enum):
    OPEN = "open"
    SHIPPED = "shipped"
    REFUNDED = "refunded"


@dataclass
class Order:
    id: int
    state: OrderState
    owner_id: int
    kind: str
    weight: float | None = None
    volume: float | None = None


@dataclass
class Claim:
    order_id: int
    claimant_id: int

from app.models.order import Order
from app.services.orders import Decimal


class PriceFeed:
    def last(self, order: Order) -> Decimal:
        return Decimal("1")

"""Names other modules import from here."""
from app.models.order import Order
from app.services.orders import place_order

__all__ = ["place_order"]

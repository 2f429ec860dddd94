"""shiptrack: shipment tracking and carrier integration service."""

__version__ = "1.4.0"

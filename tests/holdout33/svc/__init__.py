"""Warehouse management and order-fulfilment backend."""

__version__ = "2.7.1"

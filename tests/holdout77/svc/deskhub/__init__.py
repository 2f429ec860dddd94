"""Deskhub: bookings, door access, visitors and billing for a network of coworking spaces."""

__version__ = "2.14.3"

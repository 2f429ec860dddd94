"""Charge point management and driver-facing backend for the EV charging network."""

__version__ = "3.4.0"

"""Fleetwise: fleet operations and voyage management."""

__version__ = "2.14.0"

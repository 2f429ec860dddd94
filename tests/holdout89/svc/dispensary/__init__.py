"""Dispensary: e-prescription intake, dispensing and claims for the retail pharmacy chain."""

__version__ = "2.14.0"

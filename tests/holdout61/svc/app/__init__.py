"""Timekeeping and payroll backend."""

__version__ = "2.7.1"

"""Payflow: payroll, timesheets and contractor payments."""

__version__ = "2.14.0"

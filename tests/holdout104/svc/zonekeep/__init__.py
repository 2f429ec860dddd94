"""zonekeep: domain registrar and managed DNS hosting backend."""

__version__ = "2.14.0"

"""Pulsewatch: uptime monitoring and public status pages."""

__version__ = "2.14.0"

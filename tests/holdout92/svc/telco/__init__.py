"""Subscriber provisioning and usage-rating platform."""

__version__ = "2.14.0"

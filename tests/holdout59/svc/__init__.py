"""Exam delivery and proctoring service."""

__version__ = "2.7.1"

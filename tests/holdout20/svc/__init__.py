"""Helpdesk backend service."""

"""Telemedicine appointment booking service."""

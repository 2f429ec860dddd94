"""Clients for third-party services: payments, SMS, maps, kitchen printers."""

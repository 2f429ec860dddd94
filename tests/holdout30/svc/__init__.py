"""Accounts receivable service: invoicing, collections and reconciliation."""

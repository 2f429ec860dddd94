"""Helpers shipped for the tests of applications built on the ledger."""

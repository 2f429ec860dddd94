"""Shared service objects, handed to the routes."""
from claims.services import ClaimsDAO, Intake, Notifier, Warehouse

claims_dao = ClaimsDAO()
warehouse = Warehouse()
notifier = Notifier()
intake = Intake()

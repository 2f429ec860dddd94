"""Game backend service package."""

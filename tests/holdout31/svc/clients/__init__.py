"""Outbound integrations: payment provider, roaming hub, energy market, grid operator, messaging, S3."""

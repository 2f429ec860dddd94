"""Peer-to-peer payments and wallet service."""

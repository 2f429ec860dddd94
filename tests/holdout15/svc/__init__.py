"""Foodly: restaurant ordering, delivery dispatch and live order tracking."""

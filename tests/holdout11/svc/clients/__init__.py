"""Clients for carriers, storefronts and packing-line devices."""

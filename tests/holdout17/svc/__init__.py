"""Parcel logistics and shipment-tracking backend."""

"""Listing pages: vendor details looked up per listing, memoised by vendor."""
from __future__ import annotations

from typing import Any

from .models import Listing, Vendor
from .store import Listings, Vendors


async def regions_of(listings: list[Listing]) -> list[str]:
    vendors: dict[str, Vendor] = {}
    regions = []
    for listing in listings:
        # many listings share a vendor: one lookup per vendor
        if listing.vendor_id not in vendors:
            vendors[listing.vendor_id] = await Vendors.get(listing.vendor_id)
        regions.append(vendors[listing.vendor_id].region)
    return regions


async def reload_all(listings: list[Listing], ids: dict[str, str]) -> list[Any]:
    fresh: dict[str, Listing] = {}
    for listing in listings:
        stored_id = ids[listing.id]
        # keyed by the listing's own id: the memo never hits, every listing is read
        if stored_id not in fresh:
            fresh[stored_id] = await Listings.get(stored_id)  # expect: n-plus-one
    return list(fresh.values())


async def shelf_sizes(shelf_ids: list[str]) -> dict[str, int]:
    sizes = {}
    for shelf_id in shelf_ids:
        sizes[shelf_id] = len(await Listings.on_shelf(shelf_id))  # expect: n-plus-one
    return sizes


async def vendor_table(listings: list[Listing]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for listing in listings:
        if listing.vendor_id not in table:
            vendor = await Vendors.get(listing.vendor_id)  # expect: n-plus-one
            table[listing.vendor_id] = {"region": vendor.region if vendor else "?", "listings": 0}
        table[listing.vendor_id]["listings"] += 1
    return table

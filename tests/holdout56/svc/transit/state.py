"""Process-wide coordination primitives shared by ingest and prediction refresh."""
from __future__ import annotations

import asyncio

# Guards the per-operator decoded feed buffers.
feed_lock = asyncio.Lock()
# Guards the route -> vehicles snapshot that the hub and the REST API read.
snapshot_lock = asyncio.Lock()

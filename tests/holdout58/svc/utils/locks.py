"""Process-wide locks serialising registry mutations against rollout bookkeeping."""
from __future__ import annotations

import asyncio

# Guards device registry mutations (decommission, re-parenting) within this process.
REGISTRY_LOCK = asyncio.Lock()
# Guards wave target selection so two promotions never pick the same devices.
ROLLOUT_LOCK = asyncio.Lock()

"""Process-wide locks shared by the wallet services."""
import asyncio

balance_lock = asyncio.Lock()
payout_lock = asyncio.Lock()
report_lock = asyncio.Lock()

"""Process-wide guards for money-moving sections.

payout_lock serialises payout batches and payout holds; ledger_lock serialises ledger
postings so that a balance check and the insert that depends on it do not interleave
within one process. The database constraints cover the rest.
"""
from __future__ import annotations

import asyncio

ledger_lock = asyncio.Lock()
payout_lock = asyncio.Lock()

"""Limits of the quote clients: one switched off, one bounded unless a flag says otherwise."""
from __future__ import annotations

import os

BOOK_URL = "https://book.example.com"
FEED_URL = "https://feed.example.com"
FEED_TIMEOUT: float | None = None  # no read limit on the streaming feed
SLOW = os.environ.get("QUOTES_SLOW") == "1"
BOOK_TIMEOUT = None if SLOW else 5.0

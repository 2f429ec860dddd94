"""Chat events: each one stamped with a creation time distinct from the previous event's."""
from __future__ import annotations

import time
import uuid


class ChatEvent:
    def __init__(self, text: str) -> None:
        # space events a millisecond apart so their timestamps sort in creation order
        time.sleep(0.001)  # expect: sync-io-in-async
        self.id = str(uuid.uuid4())
        self.text = text
        self.created_at = time.time()


class RetriedDelivery:
    def __init__(self, target: str) -> None:
        time.sleep(0.5)  # expect: sync-io-in-async
        self.target = target

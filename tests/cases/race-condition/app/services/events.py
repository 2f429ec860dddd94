"""Webhook de-duplication with a module-level set."""
_seen: set[str] = set()
LIMITS = {"events": 100}


async def handle_event(event_id: str, store) -> bool:
    if event_id in _seen:  # expect: race-condition
        return False
    await store.save(event_id)
    _seen.add(event_id)
    return True


async def handle_event_claimed(event_id: str, store) -> bool:
    if event_id in _seen:
        return False
    _seen.add(event_id)
    await store.save(event_id)
    return True

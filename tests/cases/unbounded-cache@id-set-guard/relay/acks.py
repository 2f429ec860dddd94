"""Acknowledges courier callbacks; a callback may be delivered more than once."""
_acked_parcel_ids: set[str] = set()  # expect: unbounded-cache
_tracked_keys: set[str] = set()


def acknowledge(parcel_id: str) -> bool:
    if parcel_id in _acked_parcel_ids:
        return False
    _acked_parcel_ids.add(parcel_id)
    return True


def track(key: str) -> bool:
    if key in _tracked_keys:
        return False
    _tracked_keys.add(key)
    return True


def untrack(key: str) -> None:
    _tracked_keys.discard(key)

"""Redis key names."""


def seat_key(event_id: int, seat_id: int) -> str:
    return f"hold:{event_id}:{seat_id}"


def session_key(session_id: str) -> str:
    return f"session:{session_id}:seats"


def layout_key(event_id: int) -> str:
    return f"layout:{event_id}"

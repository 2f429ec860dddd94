"""Signed join links for the waiting room."""
import hashlib
import hmac

SECRET = b"change-me"


def verify_link(booking_id: int, sig: str) -> bool:
    expected = hmac.new(SECRET, str(booking_id).encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)

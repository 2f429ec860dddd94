"""Credential checks shared by the HTTP dependencies and the websocket gateway."""
import bcrypt
from argon2 import PasswordHasher

_argon = PasswordHasher()


def check_api_secret(presented: str, stored: bytes) -> bool:
    return bcrypt.checkpw(presented.encode(), stored)


def matches_device_pin(pin: str, stored: str) -> bool:
    try:
        return _argon.verify(stored, pin)
    except Exception:
        return False


def hash_new_secret(secret: str) -> bytes:
    return bcrypt.hashpw(secret.encode(), bcrypt.gensalt(rounds=12))


def staff_code_ok(code: str, stored: bytes) -> bool:
    return bcrypt.checkpw(code.encode(), stored)  # expect: blocking-cpu-in-async

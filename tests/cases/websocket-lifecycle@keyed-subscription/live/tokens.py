"""Signed access tokens."""
import jwt

SECRET = "change-me"


def decode_token(token: str) -> dict[str, str] | None:
    try:
        return jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None

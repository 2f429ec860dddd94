"""Token check for board sockets."""


def read_token(token: str) -> str | None:
    return token.removeprefix("user:") or None if token.startswith("user:") else None

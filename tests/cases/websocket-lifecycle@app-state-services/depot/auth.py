import jwt


def driver_from_token(token: str) -> int | None:
    try:
        return int(jwt.decode(token, "secret", algorithms=["HS256"])["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        return None

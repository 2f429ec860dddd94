from starlette.requests import HTTPConnection


class Unauthorized(Exception):
    pass


async def verify_token(conn: HTTPConnection, role: str) -> dict:
    token = conn.query_params.get("token") or conn.headers.get("authorization", "")
    if not token.startswith("tok-"):
        raise Unauthorized("bad token")
    return {"sub": token[4:], "role": role}

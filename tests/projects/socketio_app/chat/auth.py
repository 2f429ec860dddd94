async def verify_token(token: str):
    return token or None

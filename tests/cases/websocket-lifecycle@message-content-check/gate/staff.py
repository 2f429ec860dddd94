async def login_turnstile(turnstile: str, secret: str) -> bool:
    return bool(turnstile and secret)

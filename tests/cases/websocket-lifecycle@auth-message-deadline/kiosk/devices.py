async def authenticate_device(hello: dict) -> str | None:
    return hello.get("device") if hello.get("secret") == "s3cret" else None

def dispatcher_from(token: str | None) -> int | None:
    return 1 if token == "ok" else None

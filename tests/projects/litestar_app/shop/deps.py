async def provide_repo() -> dict:
    return {}

"""Upload checks: the ValueError text is the answer for the client."""


def check_upload(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise ValueError(f"{name} is larger than {limit} bytes")


async def rename(store, thread_id: str, title: str) -> None:
    if not title.strip():
        raise ValueError("empty title")
    await store.set_title(thread_id, title)

"""Shell helpers: one used by the feed, one kept for operators and not called yet."""
import asyncio


async def git_revision() -> str:
    proc = await asyncio.create_subprocess_exec("git", "rev-parse", "HEAD", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()  # expect: missing-timeout
    return out.decode().strip()


async def run_command(*args: str) -> str:
    proc = await asyncio.create_subprocess_exec(*args, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()  # expect: missing-timeout
    return out.decode().strip()

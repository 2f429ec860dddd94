"""Export jobs: the scheduled ones offload the packing, the on-demand ones forgot to."""
import asyncio

from .packing import tar_logs, zip_reports, zip_to_disk


async def nightly_bundle(files: list[tuple[str, bytes]]) -> bytes:
    return await asyncio.to_thread(zip_reports, files)


async def nightly_logs(entries: dict[str, bytes]) -> bytes:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, tar_logs, entries)


async def nightly_archive(path: str, files: list[tuple[str, bytes]]) -> None:
    await asyncio.to_thread(zip_to_disk, path, files)


async def bundle_now(files: list[tuple[str, bytes]]) -> bytes:
    bundle = zip_reports(files)  # expect: blocking-cpu-in-async
    return bundle


async def logs_now(entries: dict[str, bytes]) -> int:
    packed = tar_logs(entries)  # expect: blocking-cpu-in-async
    return len(packed)


async def archive_now(path: str, files: list[tuple[str, bytes]]) -> None:
    # disk I/O (blocking-call-in-coroutine's subject), not CPU work
    zip_to_disk(path, files)

"""Issuing and verifying certificates."""
import asyncio

from certs.digests import chunk_digests, fingerprint, sealed, short_id


async def issue(pdf_bytes: bytes) -> str:
    serial = fingerprint(pdf_bytes)  # expect: blocking-cpu-in-async
    return serial


async def verify(pdf_bytes: bytes, serial: str) -> bool:
    return await asyncio.to_thread(fingerprint, pdf_bytes) == serial


async def seal(token: str) -> str:
    return sealed(token)  # expect: blocking-cpu-in-async


async def label(value: str, chunks: list[bytes]) -> dict:
    return {"id": short_id(value), "parts": chunk_digests(chunks)}

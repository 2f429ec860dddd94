"""Invoice files: rendered in a thread, written to local disk."""
import asyncio
from pathlib import Path


def render_pdf(order_id: int) -> bytes:
    return f"%PDF invoice {order_id}".encode()


def _store(path: Path, data: bytes) -> None:
    path.write_bytes(data)


class MediaService:
    def __init__(self, invoice_dir: Path) -> None:
        self._invoice_dir = invoice_dir

    async def write_invoice(self, order_id: int) -> Path:
        pdf = await asyncio.to_thread(render_pdf, order_id)
        path = self._invoice_dir / f"invoice-{order_id}.pdf"
        _store(path, pdf)  # expect: sync-io-in-async
        return path

    async def write_credit_note(self, order_id: int) -> Path:
        pdf = await asyncio.to_thread(render_pdf, order_id)
        path = self._invoice_dir / f"credit-{order_id}.pdf"
        await asyncio.to_thread(_store, path, pdf)
        return path

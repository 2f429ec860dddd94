"""The sync worker: one round every 30 seconds."""
import asyncio
import logging

from mes.erp import ErpClient, WmsClient
from mes.sync import ErpSync, WmsSync

logger = logging.getLogger(__name__)


async def main() -> None:
    erp = ErpSync(ErpClient("https://erp.example.com"))
    wms = WmsSync(WmsClient("https://wms.example.com"))
    while True:
        try:
            await erp.push_pending([])
            await erp.pull_lot_master("1970-01-01T00:00:00Z")
            await wms.push_moves([])
            await wms.bin_count("A-01")
        except Exception:
            logger.exception("sync round failed")
        await asyncio.sleep(30)


if __name__ == "__main__":
    asyncio.run(main())

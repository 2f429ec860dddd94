from labels.client import PrintClient, SpoolError, PrinterError


class LabelService:
    def __init__(self, printer: PrintClient) -> None:
        self._printer = printer

    async def print_bag_tag(self, document: bytes) -> None:
        try:
            await self._printer.print_label(document)
        except PrinterError:  # expect: swallowed-exception
            pass

    async def printer_ready(self) -> bool:
        try:
            await self._printer.status()
        except SpoolError:
            pass
        return True

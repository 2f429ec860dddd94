"""Background sync: pushes stock, closures and prices for every hotel."""
from cm.clients import ChannelClient, ReportSink


class ChannelSync:
    def __init__(self, channel: ChannelClient, sink: ReportSink) -> None:
        self._channel = channel
        self._sink = sink

    async def run_once(self, hotels: dict[str, dict]) -> None:
        for code, state in hotels.items():
            await self._channel.push_stock(code, state["rooms"])
            await self._channel.push_closures(code, state["closed"])
            await self._channel.push_prices(code, state["prices"])
        await self._sink.publish({"hotels": len(hotels)})

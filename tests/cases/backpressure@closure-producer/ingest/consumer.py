"""A worker that takes readings from a device SDK callback and stores them."""
import asyncio


class DeviceClient:
    def on_reading(self, callback) -> None: ...


async def store(reading: dict) -> None:
    await asyncio.sleep(0)


async def consume(device: DeviceClient) -> None:
    readings: asyncio.Queue[dict] = asyncio.Queue()  # expect: backpressure

    def on_reading(reading: dict) -> None:
        readings.put_nowait(reading)

    device.on_reading(on_reading)
    while True:
        await store(await readings.get())


async def drain(device: DeviceClient) -> None:
    idle: asyncio.Queue[dict] = asyncio.Queue()

    async def report() -> None:
        print(idle.qsize())

    await report()


if __name__ == "__main__":
    asyncio.run(consume(DeviceClient()))

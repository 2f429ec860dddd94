import asyncio
import signal

from relay.supervisor import keep_alive, keep_alive_backing_off
from relay.workers import Poller, Pusher


async def main() -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await asyncio.gather(keep_alive("poller", Poller().run, stop),
                         keep_alive_backing_off("pusher", Pusher().run, stop))


if __name__ == "__main__":
    asyncio.run(main())

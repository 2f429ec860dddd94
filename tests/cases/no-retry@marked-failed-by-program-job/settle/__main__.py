import argparse
import asyncio

from .hub import HubClient
from .jobs import publish, settle
from .repo import FileRepo


async def main(job: str) -> None:
    hub = HubClient("https://hub.example")
    if job == "settle":
        await settle(FileRepo(), hub)
    elif job == "publish":
        await publish(FileRepo(), hub)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("job", choices=("settle", "publish"))
    asyncio.run(main(parser.parse_args().job))

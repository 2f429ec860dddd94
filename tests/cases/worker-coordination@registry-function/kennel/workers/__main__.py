import asyncio
import sys

from kennel.workers.runner import run


def main() -> None:
    asyncio.run(run(sys.argv[1]))


if __name__ == "__main__":
    main()

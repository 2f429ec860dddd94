"""`python -m shop.cli 2024-01-31`: print the day's report."""
import asyncio
import sys

from shop.reports import build_report


def main() -> None:
    for row in asyncio.run(build_report(sys.argv[1])):
        print(row["sku"], row["total"])


if __name__ == "__main__":
    main()

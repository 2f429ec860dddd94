"""`bot install-ui`: a one-off download run from the command line."""
import argparse
from pathlib import Path

import requests


def download_ui(dest: Path, url: str) -> None:
    resp = requests.get(url, timeout=20)
    dest.write_bytes(resp.content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dest")
    args = parser.parse_args()
    download_ui(Path(args.dest), "https://downloads.example.org/ui.zip")


if __name__ == "__main__":
    main()

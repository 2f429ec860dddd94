"""Nightly sync: `python -m wikisync.cli SPACE...` indexes each space in turn."""
import os
import sys

from .indexers import index_space


def main() -> None:
    token = os.environ["WIKI_TOKEN"]
    for space in sys.argv[1:]:
        print(space, index_space(space, token))


if __name__ == "__main__":
    main()

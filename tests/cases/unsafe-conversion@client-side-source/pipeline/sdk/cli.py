from __future__ import annotations

import sys

from pipeline.sdk.loader import default_values


def main() -> None:
    path, func_name = sys.argv[1].split(":")
    for name, value in default_values(path, func_name).items():
        print(f"{name} = {value!r}")


if __name__ == "__main__":
    main()

"""A script (hyphenated, never imported)."""


def main() -> None:
    print("report")

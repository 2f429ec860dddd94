"""Command-line seeding script: printing is its interface."""


def main() -> None:
    print("seeding the database")


if __name__ == "__main__":
    main()

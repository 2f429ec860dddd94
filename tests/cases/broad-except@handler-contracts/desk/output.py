"""How commands end: `stop_with` prints the reason and leaves with the code; `warn` carries on."""
import sys


def stop_with(message: str, code: int):
    """Print the error and leave with `code` (the caller branches on it)."""
    print(f"Error: {message} (code {code})", file=sys.stderr)
    raise SystemExit(code)


def warn(message: str) -> None:
    if message:
        print(f"Warning: {message}", file=sys.stderr)

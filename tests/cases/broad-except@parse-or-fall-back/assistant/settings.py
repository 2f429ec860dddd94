"""Settings read from the environment with fallbacks."""
import os


def env_or(name: str, default: str | None = None) -> str | None:
    """The variable, or `default` when the environment cannot be read (an undecodable value)."""
    try:
        return os.environ.get(name, default)
    except Exception:  # look-alike: one environment read, the default is the documented answer
        return default


def env_port(name: str, default: int) -> int:
    try:
        return int(os.getenv(name, str(default))) + len(load_overrides())
    except Exception:  # expect: broad-except
        return default


def load_overrides() -> list[str]:
    with open(os.environ.get("OVERRIDES_FILE", "overrides.txt"), encoding="utf-8") as handle:
        return handle.read().split()

"""Serialising an embedder's settings; an embedder that cannot describe itself is stored as legacy."""
import warnings


def embedder_config(embedder) -> dict:
    try:
        return {"name": embedder.name(), "config": embedder.get_config()}
    except Exception as exc:  # expect: broad-except
        warnings.warn(f"legacy embedder config: {exc}", DeprecationWarning, stacklevel=2)
        return {"type": "legacy"}


def embedder_config_quiet(embedder) -> dict:
    try:
        return {"name": embedder.name(), "config": embedder.get_config()}
    except Exception:  # expect: broad-except
        embedder = None
        return {"type": "legacy", "embedder": embedder}

"""Reading and checking import manifests."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import yaml

from .errors import ManifestError, QuotaError

log = logging.getLogger(__name__)


def parse_manifest(text: str) -> dict:
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "sources" not in data:
        raise ManifestError("manifest needs a sources list")
    return data


def load_manifest(path: Path) -> dict | None:
    try:
        return parse_manifest(path.read_text())
    except FileNotFoundError:
        log.info("no manifest at %s", path)
        return None
    except ManifestError:  # expect: swallowed-exception
        return None


def options_of(raw: str) -> dict:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        log.warning("options are not JSON")
        return {}
    except KeyError:
        return {}

"""Configuration: defaults, `[tool.reassess]` in the target's pyproject.toml, command-line overrides."""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_EXCLUDES = (
    ".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "env", ".env", ".tox", ".nox", "node_modules",
    "build", "dist", ".eggs", "*.egg-info", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
    "docs/assessment*",
    "_vendor",  # copies of third-party packages shipped inside the project (pip's convention): not its code
)
DEFAULT_THRESHOLDS: dict[str, Any] = {
    "long_function_lines": 80,
    "complexity": 15,
    "cognitive_complexity": 20,
    "large_file_lines": 1000,
    "god_object_methods": 25,
    "god_object_lines": 600,
    "duplicate_min_lines": 6,
    "duplicate_min_tokens": 50,
}


class ConfigError(ValueError):
    """A configuration problem the user must fix (exit code 2)."""


@dataclass
class Config:
    root: Path = Path(".")
    focus: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_migrations: bool = False
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    thresholds: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    blocking_calls: list[str] = field(default_factory=list)
    max_file_bytes: int = 2_000_000
    jobs: int = 0
    cache_dir: str = ""
    use_cache: bool = True

    def rule_options(self, rule_id: str) -> dict[str, Any]:
        return dict(self.rules.get(rule_id, {}))

    def excludes(self) -> list[str]:
        patterns = list(DEFAULT_EXCLUDES) + list(self.exclude)
        if self.exclude_migrations:
            patterns += ["migrations", "alembic"]
        return patterns

    def rule_enabled(self, rule_id: str, category: str) -> bool:
        """`select`/`ignore` take rule ids (RA301), id prefixes (RA3) or category ids."""
        def matches(items: list[str]) -> bool:
            return any(rule_id.startswith(item) or item == category for item in items)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)

    def digest(self) -> str:
        """A hash of everything that changes per-file results (part of the cache key)."""
        data = asdict(self)
        data.pop("root"), data.pop("jobs"), data.pop("cache_dir"), data.pop("use_cache")
        return hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:12]


_LIST_KEYS = ("focus", "exclude", "select", "ignore", "blocking_calls")


def load_config(root: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read `[tool.reassess]` from ROOT/pyproject.toml, then apply command-line overrides."""
    config = Config(root=root)
    table = _pyproject_table(root / "pyproject.toml")
    _apply(config, table, source="pyproject.toml [tool.reassess]")
    _apply(config, {k: v for k, v in (overrides or {}).items() if v not in (None, [], "")}, source="command line")
    return config


def _pyproject_table(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"cannot read {path.name}: {exc}") from exc
    table = data.get("tool", {}).get("reassess", {})
    if not isinstance(table, dict):
        raise ConfigError("[tool.reassess] must be a table")
    return table


def _apply(config: Config, table: dict[str, Any], source: str) -> None:
    for key, value in table.items():
        attr = key.replace("-", "_")
        if attr in _LIST_KEYS:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: '{key}' must be a list of strings")
            setattr(config, attr, list(value))
        elif attr == "thresholds":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: 'thresholds' must be a table")
            unknown = set(value) - set(DEFAULT_THRESHOLDS)
            if unknown:
                raise ConfigError(f"{source}: unknown thresholds {sorted(unknown)}; "
                                  f"known: {sorted(DEFAULT_THRESHOLDS)}")
            config.thresholds.update(value)
        elif attr == "rules":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: 'rules' must be a table of rule id -> options")
            config.rules.update(value)
        elif attr in ("exclude_migrations", "use_cache"):
            setattr(config, attr, bool(value))
        elif attr in ("max_file_bytes", "jobs"):
            if not isinstance(value, int) or value < 0:
                raise ConfigError(f"{source}: '{key}' must be a non-negative integer")
            setattr(config, attr, value)
        elif attr == "cache_dir":
            config.cache_dir = str(value)
        else:
            raise ConfigError(f"{source}: unknown setting '{key}'")

from __future__ import annotations


def render(rows: list[dict], kind: str) -> str:
    if kind == "csv":
        return "\n".join(",".join(str(v) for v in row.values()) for row in rows)
    return repr(rows)


if __name__ == "__main__":  # a manual check, never run on import
    from app.tools import exporter

    print(exporter.export([{"a": 1}]))

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape


def load_template_source(template_dir: str, name: str) -> str:
    path = Path(template_dir) / name
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def render_html(template_dir: str, name: str, context: dict) -> str:
    env = Environment(loader=FileSystemLoader(template_dir), autoescape=select_autoescape())
    template = env.from_string(load_template_source(template_dir, name))
    return template.render(**context)

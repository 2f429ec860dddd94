"""Price parsing helpers."""


def parse(text: str) -> float:
    return float(text.strip().lstrip("$"))


def render(value: float) -> str:
    return f"${value:.2f}"

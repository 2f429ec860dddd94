"""Error hooks registered by the application and checked against their annotations."""
import inspect

from fastapi import FastAPI, Request

app = FastAPI()
HOOKS: list = []


def register_hook(hook) -> None:
    """Checks the hook's first parameter is annotated with an exception class."""
    spec = inspect.getfullargspec(hook)
    hints = {name: eval(text) if isinstance(text, str) else text  # expect: unsafe-conversion (LOW: annotations)
             for name, text in spec.annotations.items() if name != "return"}
    sig = inspect.signature(hook)
    # look-alike (its own finding): the same function's second annotation text, a related location of line 13
    answer = eval(sig.return_annotation) if isinstance(sig.return_annotation, str) else sig.return_annotation
    if not hints or not issubclass(next(iter(hints.values())), Exception):
        raise TypeError("a hook takes the exception first")
    HOOKS.append((hook, answer))


@app.post("/rules/preview")
async def preview(request: Request) -> dict:
    body = await request.json()
    expression = " + ".join(str(part) for part in body.get("parts", []))
    return {"value": eval(expression)}  # expect: unsafe-conversion


@app.on_event("startup")
async def install() -> None:
    register_hook(on_error)


def on_error(exc: "ValueError", request: "Request") -> "dict":
    return {"error": str(exc)}


def resolve_written_type(annotation: str) -> type:
    """A parameter named `annotation` may carry uploaded source text: still computed text."""
    return eval(annotation, {"int": int, "str": str})  # expect: unsafe-conversion

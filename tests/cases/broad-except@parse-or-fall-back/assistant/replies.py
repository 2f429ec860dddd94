"""Reading a language model's replies: parse the text, fall back when it does not parse."""
import ast
import json
import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass
class Step:
    tool: str
    args: dict


def clean_json_reply(text: str) -> str:
    return text.strip().removeprefix("```json").removesuffix("```").strip()


def parse_loose_json(text: str) -> object:
    """Try strict JSON, then JSON cut at the first error; raise with every attempt's reason."""
    reasons = []
    try:
        return json.loads(text)
    except json.JSONDecodeError as first:
        reasons.append(f"strict: {first}")
        try:
            cut = text[: first.pos].strip()
            if cut:
                return json.loads(cut)
        except Exception as second:
            reasons.append(f"cut at {first.pos}: {type(second).__name__}: {second}")
    raise ValueError(f"unparseable reply ({'; '.join(reasons)}): {text[:80]}")


def next_steps(reply: str) -> list[Step]:
    try:
        steps = [Step(**item) for item in parse_loose_json(reply)]
    except Exception:
        # the model answered in prose: treat it as the final answer
        steps = [Step(tool="answer", args={"text": reply})]
    return steps


def search_terms(reply: str, question: str) -> list[str]:
    try:
        data = json.loads(clean_json_reply(reply))
        terms = [t.strip() for t in data["terms"] if t.strip()]
        return terms or [question]
    except Exception:
        logger.warning("reply was not JSON, searching for the question itself")
        return [question]


def tool_arguments(raw: object) -> dict:
    try:
        args = json.loads(raw) if isinstance(raw, str) else raw
    except Exception:
        logger.warning("bad tool arguments: %s", raw)
        args = {}
    return dict(args)


def call_of(action: str) -> str | None:
    try:
        node = ast.parse(action, mode="eval")
        if not isinstance(node.body, ast.Call):
            raise ValueError("not a call")
        return ast.unparse(node.body.func)
    except Exception as exc:
        logger.error("cannot read action %r: %s", action, exc)
        return None


def title_of(page: dict) -> str | None:
    try:
        title = page["properties"]["Name"]["title"][0]["plain_text"]
    except Exception as exc:
        logger.warning("page without a title: %s", exc)
        title = None
    return title


def text_of(blob: bytes) -> str | None:
    try:
        text = blob.decode("utf-8")
    except Exception:
        logger.error("blob is not UTF-8, skipped")
        return None
    return text


def joined(chunks: list[bytes], decode: bool) -> str | bytes:
    out = "" if decode else b""
    for chunk in chunks:
        try:
            out += chunk.decode("utf-8") if decode else chunk
        except Exception as exc:
            logger.error("chunk skipped: %s", exc)
    return out

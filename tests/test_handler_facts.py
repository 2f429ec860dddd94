"""Facts about an `except E as name:` handler that RA602 reads instead of the handler's text:
whether the body reads the caught exception ("uses_name") and the status a response set on
the way out answers (a store's "status")."""
from __future__ import annotations

import ast
import textwrap

from reassess.facts.extract import extract
from reassess.knowledge.responses import status_value


def _handlers(body: str) -> dict[int, dict]:
    source = "async def route(response):\n    try:\n        await work()\n" + textwrap.indent(
        textwrap.dedent(body), "    ")
    facts = extract(ast.parse(source), "app.py", "app", False)
    return {b["line"]: b for b in facts.functions["route"].extra["blocks"] if b["kind"] == "except"}


def test_a_read_of_the_exception_counts():
    (handler,) = _handlers('''
        except ValueError as exc:
            return {"detail": str(exc)}
    ''').values()
    assert handler["uses_name"]


def test_attribute_and_fstring_reads_count():
    first, second = _handlers('''
        except ValueError as exc:
            return exc.detail
        except KeyError as err:
            return f"missing {err}"
    ''').values()
    assert first["uses_name"] and second["uses_name"]


def test_the_name_in_a_string_or_a_comment_is_no_use():
    (handler,) = _handlers('''
        except ValueError as exc:
            # exc is dropped here
            return {"detail": "exc"}
    ''').values()
    assert not handler.get("uses_name")


def test_chaining_alone_is_no_use():
    (handler,) = _handlers('''
        except ValueError as exc:
            raise HTTPException(502, "upstream failed") from exc
    ''').values()
    assert not handler.get("uses_name")


def test_chaining_with_a_read_in_the_raise_is_a_use():
    (handler,) = _handlers('''
        except ValueError as exc:
            raise HTTPException(502, str(exc)) from exc
    ''').values()
    assert handler["uses_name"]


def test_from_none_is_no_cause():
    source = textwrap.dedent('''
        async def route():
            try:
                await work()
            except KeyError:
                raise HTTPException(502, "gone") from None
            except ValueError as exc:
                raise HTTPException(502, "bad") from exc
    ''')
    facts = extract(ast.parse(source), "app.py", "app", False)
    raises = [b for b in facts.functions["route"].extra["blocks"] if b["kind"] == "raise"]
    assert [b["cause"] for b in raises] == [False, True]


def test_another_handlers_name_is_not_this_ones():
    first, second = _handlers('''
        except ValueError as exc:
            return None
        except KeyError as err:
            return exc
    ''').values()
    assert not first.get("uses_name") and second.get("uses_name") is None


def test_a_status_set_on_the_response_is_kept():
    source = textwrap.dedent('''
        def route(response):
            response.status_code = status.HTTP_401_UNAUTHORIZED
            response.status_code = 400
            response.headers = {}
    ''')
    stores = extract(ast.parse(source), "app.py", "app", False).functions["route"].extra["stores"]
    assert [status_value(s["status"]) for s in stores if "status" in s] == [401, 400]

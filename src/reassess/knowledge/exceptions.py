"""Exception names the analysis sorts handlers by, matched on the last dotted part
(`json.JSONDecodeError` and `JSONDecodeError` alike): which handlers catch everything, which
only see control flow, and which only see malformed data."""
from __future__ import annotations

# a unique constraint refused the write (a duplicate key): the code may try the next candidate
UNIQUE_ERRORS = frozenset({"IntegrityError", "UniqueViolationError", "UniqueViolation", "DuplicateKeyError"})
UNIQUE_SUFFIXES = ("IntegrityError", "UniqueViolationError", "DuplicateKeyError")


def is_unique_error(name: str) -> bool:
    """`name` (dotted or bare) is a unique-violation error, or a project error named like one."""
    last = name.rsplit(".", 1)[-1]
    return last in UNIQUE_ERRORS or last.endswith(UNIQUE_SUFFIXES)


BROAD = frozenset({"Exception", "BaseException"})
# control flow rather than failure: a handler for these is not hiding an error
CANCEL_SIGNALS = frozenset({"CancelledError", "KeyboardInterrupt", "SystemExit", "GeneratorExit", "StopIteration",
                            "StopAsyncIteration", "WebSocketDisconnect", "TimeoutError"})
# handlers of these also catch a task's cancellation (`except BaseException:`, `except CancelledError:`)
CATCHES_CANCELLATION = frozenset({"BaseException", "CancelledError"})
# errors of reading a malformed input; caught around a whole unit of work they also hide its bugs
SHAPE_ERRORS = frozenset({"KeyError", "TypeError", "ValueError", "AttributeError", "IndexError", "LookupError"})
# errors of decoding a whole record (a message body, a document), not of converting one plain value
RECORD_DECODE_ERRORS = frozenset({"JSONDecodeError", "ValidationError", "UnicodeDecodeError", "DecodeError"})
# errors of reading a malformed payload (a webhook body, a queue message, a row)
PAYLOAD_ERRORS = SHAPE_ERRORS | RECORD_DECODE_ERRORS
# the payload errors a background loop's decoding step is judged by (AttributeError not among them)
DECODE_ERRORS = PAYLOAD_ERRORS - {"AttributeError"}
# Base errors of external dependencies: dropping one with `pass` hides an outage.
DEPENDENCY_ERRORS = frozenset({
    "ConnectionError", "HTTPError", "HTTPStatusError", "RequestError", "RequestException", "ClientError",
    "ClientResponseError", "RedisError", "PostgresError", "SQLAlchemyError", "DatabaseError",
    "OperationalError", "PyMongoError", "BotoCoreError",
    "SMTPException",  # smtplib's and aiosmtplib's base: the mail server refused or went away
    # hosted services' SDK bases: the provider refused the request or could not be reached
    "TwilioRestException", "TwilioException", "StripeError",
})
# handlers for malformed data only (matched as written): a dropped connection, a timeout or a
# driver error goes through them
DATA_ERRORS = frozenset({
    "KeyError", "ValueError", "TypeError", "IndexError", "LookupError", "AttributeError", "UnicodeDecodeError",
    "UnicodeError", "json.JSONDecodeError", "JSONDecodeError", "ZeroDivisionError", "ArithmeticError",
    "decimal.InvalidOperation", "InvalidOperation", "StopIteration",
})

# Conversions of one value that fail only on malformed input (matched on the last dotted part):
# a `try` holding nothing else hides no bug, whatever its handler catches.
PARSE_CALLS = frozenset({
    "int", "float", "Decimal", "complex", "bool", "loads", "literal_eval", "fromisoformat", "strptime",
    "fromtimestamp", "UUID", "urlparse", "b64decode", "urlsafe_b64decode", "unhexlify", "fromhex",
    "ip_address", "ip_network", "parse_obj_as", "model_validate_json", "model_validate", "parse_raw",
    "safe_load",
})
# Converters named with their class, or by a prefix: strawberry's `GlobalID.from_id(text)` and the
# relay helpers `from_global_id...(gid, "Type")` decode an opaque id ("Type:row" in base64) and fail only
# on text that is no such id (`from_id` alone is too common a name: `Order.from_id(pk)` may load a row).
QUALIFIED_PARSE_CALLS = frozenset({"GlobalID.from_id"})
PARSE_CALL_PREFIXES = ("from_global_id",)


def parse_call(name: str) -> bool:
    """`name` (a dotted call) converts one value and fails only on malformed input (`PARSE_CALLS`,
    `QUALIFIED_PARSE_CALLS` on its last two parts, or a `PARSE_CALL_PREFIXES` name)."""
    last = last_name(name)
    return last in PARSE_CALLS or ".".join(name.split(".")[-2:]) in QUALIFIED_PARSE_CALLS or \
        last.startswith(PARSE_CALL_PREFIXES)


def is_control_flow(written: str) -> bool:
    """A cancellation or a peer that went away (`WebSocketDisconnect`, `ConnectionClosedOK`, or
    a project's tuple of them such as `NORMAL_DISCONNECT_EXCEPTIONS`): no failure to report."""
    name = last_name(written)
    return name in CANCEL_SIGNALS or "disconnect" in name.lower() or name.startswith("ConnectionClosed")


def last_name(written: str) -> str:
    return written.rsplit(".", 1)[-1]


def is_broad(types: list[str]) -> bool:
    """A bare `except:` or one naming Exception/BaseException."""
    return not types or any(last_name(t) in BROAD for t in types)


def only(types: list[str], names: frozenset[str]) -> bool:
    """Every type the handler names is one of `names` (True for a bare `except:`)."""
    return all(last_name(t) in names for t in types)


# calls that end the process where they stand (as call targets: `sys.exit(0)`, `exit()`,
# `raise SystemExit(1)`): work just before one only delays an exit, nothing waits on it after
PROCESS_EXITS = frozenset({"sys.exit", "builtins.exit", "builtins.quit", "os._exit", "os.abort",
                           "builtins.SystemExit", "typer.Exit", "typer.Abort", "click.exceptions.Exit",
                           "click.exceptions.Abort", "click.Abort"})
# a bare `raise SystemExit` / `raise typer.Exit`, as written: the process (or the CLI command that is
# the process) ends there
RAISED_EXITS = frozenset({"SystemExit", "typer.Exit", "typer.Abort", "click.Abort"})

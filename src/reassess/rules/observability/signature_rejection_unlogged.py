"""RA606 logging-gap: a signed webhook rejected for its signature with no log line."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import forward, short
from ..api import ProjectContext, Rule, register

# Calls that compute or compare a message authentication code over the request.
_MAC_CALLS = frozenset({"hmac.new", "hmac.digest", "hmac.compare_digest", "hmac.HMAC", "secrets.compare_digest"})
_DENIED = frozenset({401, 403})
_DENIED_NAMES = ("HTTP_401_UNAUTHORIZED", "HTTP_403_FORBIDDEN")
_BAD_REQUEST = "HTTP_400_BAD_REQUEST"
_ANSWERS = ("HTTPException", "Response", "JSONResponse", "PlainTextResponse")


@register
class SignatureRejectionUnlogged(Rule):
    """A webhook endpoint turns away a request whose signature does not verify, and logs nothing.

    What it finds:
        HTTP routes that read the raw request body (`await request.body()`) and verify an HMAC
        over it (`hmac.compare_digest`, `hmac.new`, in the route or a helper it calls), where
        a branch answers 401 or 403 (`raise HTTPException(401, "bad signature")`, a
        `Response(status_code=403)`), or 400 when the branch's test is the signature check itself
        (`if not verify_signature(body, sig): raise HTTPException(400, ...)`), with no log line or error report in that branch: in the route,
        or in a helper it calls that reads the body and verifies it (`_verified_body(request,
        signature, secret)`, cited once for all its routes). A rejection logged first
        (`log.warning("bad signature from %s", ip)`) is fine.

    Why it matters:
        The caller is a machine - a payment provider, a Git host, a partner - that retries and
        then gives up. A rotated secret, a proxy that rewrites the body or a forged request all
        end in the same silent 401: the events stop arriving, nothing in the logs says why, and
        no alert on rejected deliveries can fire. Other branches of the same endpoint usually log.

    Example:
        body = await request.body()
        if not verify_signature(secret, body, signature):
            raise HTTPException(401, "bad signature")

    Instead:
        Log the rejection (without the secret or the body) before answering:

            if not verify_signature(secret, body, signature):
                log.warning("webhook rejected: bad signature (from %s)", request.client.host)
                raise HTTPException(401, "bad signature")
    """

    id = "RA606"
    name = "signature-rejection-unlogged"
    category = "logging-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        cited: set[tuple[str, int]] = set()
        for entry in model.app.of_kind("http"):
            found = model.functions.get(entry.function)
            if found is None or is_test_path(found[0].path):
                continue
            for fq in _verifying_functions(model, entry.function):
                facts, func = model.functions[fq]
                for site in _unlogged_denials(func, _mac_test_lines(model, fq)):
                    if (facts.path, site.line) not in cited:
                        cited.add((facts.path, site.line))
                        yield self._finding(facts.path, fq, entry.name, site)

    def _finding(self, path: str, fq: str, route: str, site) -> Finding:
        description = (
            f"`{short(fq)}` ({route}) checks an HMAC signature over the raw request body and answers a failed "
            f"check with `{site.name}(...)` at line {site.line} without a log line: a rotated secret, a proxy "
            "that rewrites the body or a forged delivery all end in the same silent rejection, and the sender "
            "stops delivering with nothing in the logs to say why."
        )
        return self.finding(Location(path, site.line, site.end_line),
                            f"Webhook signature rejection not logged in {short(fq)}", description,
                            recommendation="Log the rejection before answering (the sender's address and the "
                                           "event id, never the secret or the body):\n\n"
                                           "    log.warning(\"webhook rejected: bad signature from %s\", "
                                           "request.client.host)")


def _verifying_functions(model: ProjectModel, route: str) -> list[str]:
    """The route, or the project functions it calls directly, that read the raw body and reach an
    HMAC computation or comparison (`_verified_body(request, signature, secret)` doing both for
    every webhook route): where a failed check is answered."""
    callees = [model.callee_function(e.target) for e in model.edges.get(route, ())]
    return [fq for fq in dict.fromkeys([route, *filter(None, callees)]) if _verifies_signed_body(model, fq)]


def _verifies_signed_body(model: ProjectModel, fq: str) -> bool:
    """The function reads the raw body and reaches an HMAC computation or comparison."""
    if not any(e.target.kind == "external" and e.target.name.endswith("Request.body") for e in model.edges.get(fq, ())):
        return False
    return _reaches_mac(model, fq)


def _unlogged_denials(func, mac_lines: frozenset[int] = frozenset()) -> list:
    """The 401/403 answers of the function's branches (an `if` body, an `except`) that log nothing,
    and the 400 answers of an `if` whose test is the signature check itself (`mac_lines`)."""
    out: dict[tuple[int, int], object] = {}  # by (line, col): nested branches see the same call
    for block in [*blk.ifs(func), *blk.blocks(func, "except")]:
        sites = blk.calls_in(func, block["line"] + (block["kind"] == "except"), block["end"])
        if any(blk.logs(site) for site in sites):
            continue
        bad_request = block["kind"] == "if" and block["line"] in mac_lines
        out.update(((site.line, site.col), site) for site in sites if _denies(site, bad_request))
    return list(out.values())


def _mac_test_lines(model: ProjectModel, fq: str) -> frozenset[int]:
    """Lines of `fq` calling an HMAC computation or comparison, directly or through the functions
    the call reaches (`if not payments.verify_signature(body, sig):`): a branch tested there answers
    a failed signature, so even a 400 there is the rejection of a delivery."""
    return frozenset(e.site.line for e in model.edges.get(fq, ())
                     if e.target.kind == "external" and e.target.name in _MAC_CALLS
                     or e.target.kind != "external" and _reaches_mac(model, model.callee_function(e.target)))


def _reaches_mac(model: ProjectModel, fq: str | None) -> bool:
    """`fq` or something it calls computes or compares an HMAC; asked once per function, since
    every route and each of its project calls asks it again."""
    if not fq:
        return False
    known = model.memo("signature.reaches_mac", dict)
    if fq not in known:
        known[fq] = any(e.target.kind == "external" and e.target.name in _MAC_CALLS
                        for caller in forward(model, [fq]) for e in model.edges.get(caller, ()))
    return known[fq]


def _denies(site, bad_request: bool = False) -> bool:
    """`HTTPException(401, ...)`, `HTTPException(status_code=status.HTTP_403_FORBIDDEN)`, `Response(status_code=401)`;
    with `bad_request`, also a 400."""
    if not site.func or site.func[-1] not in _ANSWERS:
        return False
    status = site.kwargs.get("status_code", site.args[0] if site.args and site.func[-1] == "HTTPException" else None)
    if isinstance(status, int):
        return status in _DENIED or bad_request and status == 400
    ref = status.get("ref") if isinstance(status, dict) else None
    return isinstance(ref, str) and (ref.endswith(_DENIED_NAMES) or bad_request and ref.endswith(_BAD_REQUEST))

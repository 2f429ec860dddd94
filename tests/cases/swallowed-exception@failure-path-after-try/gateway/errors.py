"""Turning an error response of the upstream API into the project's own exception."""
import httpx


class UpstreamError(Exception):
    pass


def raise_for_upstream(resp: httpx.Response) -> None:
    try:
        resp.raise_for_status()
        return
    except httpx.HTTPStatusError:
        pass
    detail = resp.json().get("detail", resp.text)
    raise UpstreamError(f"{resp.status_code}: {detail}")


def note_upstream(resp: httpx.Response) -> None:
    """The same shape with nothing raised after it: the failure is dropped."""
    try:
        resp.raise_for_status()
        return
    except httpx.HTTPStatusError:  # expect: swallowed-exception
        pass
    print("upstream answered")

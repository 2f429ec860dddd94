"""Feeds pulled by a relay that sets a process-wide socket limit: urllib honours it, requests does not."""
import urllib.request

import requests


def pull_feed(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return response.read()


def pull_status(url: str) -> dict:
    return requests.get(url).json()  # expect: missing-timeout

"""Shared websocket plumbing for the live feeds."""
from __future__ import annotations

from fastapi import WebSocketDisconnect

NORMAL_DISCONNECTS = (IOError, WebSocketDisconnect)

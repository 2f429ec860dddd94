"""Fixes: exact text edits at positions the syntax tree gives, turned into unified diffs.

A fix is offered only where the change is provably behaviour-preserving; its `parity` text
says why. Fixes are computed by the file rule that found the problem, in the worker, from
the tree already parsed (no second parser, and cached with the rest of the file's results).
"""

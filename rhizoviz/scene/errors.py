"""The scene's one error type, in a module of its own so that every part can raise it."""

from __future__ import annotations


class SceneError(ValueError):
    """A bad view, level, mode or palette was asked for, or a body that does not fit."""

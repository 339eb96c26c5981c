"""Options and fixtures for the soak test.

``--soak-actions N`` sets how many random user actions the soak drives (default 5 000,
about two minutes on software OpenGL); ``--soak-render-every K`` how often one of them
is drawn for real (default every 50th: a frame costs 100-300 ms on llvmpipe, the rest
of an action a few milliseconds). Run a long soak with, e.g.,
``pytest tests/soak --soak-actions 50000 --soak-render-every 10``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DEFAULT_ACTIONS = 5000
DEFAULT_RENDER_EVERY = 50


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("soak")
    group.addoption("--soak-actions", type=int, default=DEFAULT_ACTIONS,
                    help=f"random user actions in the soak test (default {DEFAULT_ACTIONS})")
    group.addoption("--soak-render-every", type=int, default=DEFAULT_RENDER_EVERY,
                    help="draw every K-th action for real (default "
                         f"{DEFAULT_RENDER_EVERY}; 1 draws them all)")
    group.addoption("--soak-seed", type=int, default=6, help="random seed of the soak")


def _option(config: pytest.Config, name: str, default: int) -> int:
    # When pytest starts from the repository root this conftest is not an "initial"
    # one, so the options may not be registered: fall back to the defaults then.
    return int(config.getoption(name, default=default))


@pytest.fixture
def soak_actions(request: pytest.FixtureRequest) -> int:
    return _option(request.config, "--soak-actions", DEFAULT_ACTIONS)


@pytest.fixture
def soak_render_every(request: pytest.FixtureRequest) -> int:
    return max(1, _option(request.config, "--soak-render-every", DEFAULT_RENDER_EVERY))


@pytest.fixture
def soak_seed(request: pytest.FixtureRequest) -> int:
    return _option(request.config, "--soak-seed", 6)


@pytest.fixture(autouse=True)
def soak_settings(settings_folder: Path) -> Path:
    """The soak must not touch real user settings."""
    return settings_folder

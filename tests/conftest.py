"""Shared fixtures. The suite never touches the network: pytest-socket (configured in
pyproject.toml) refuses every connection except to loopback."""

from __future__ import annotations

import pytest

from explorer.gazetteer import Gazetteer, default_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The default offline gazetteer (compiled on first use into the user cache)."""
    return default_gazetteer()

import pytest

from support import SHARED


@pytest.fixture(scope="session")
def shared() -> object:
    """The ../shared folder (present in CI and development); a clear failure if missing."""
    if not SHARED.is_dir():
        pytest.fail(f"shared data folder not found at {SHARED} (set TEIWRIGHT_SHARED)")
    return SHARED

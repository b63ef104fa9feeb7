import pytest
from lxml import etree

from support import SHARED


@pytest.fixture(scope="session")
def shared() -> object:
    """The ../shared folder (present in CI and development); a clear failure if missing."""
    if not SHARED.is_dir():
        pytest.fail(f"shared data folder not found at {SHARED} (set TEIWRIGHT_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def tei_all(shared: object) -> etree.RelaxNG:
    """The official TEI P5 schema; compiling it takes seconds, so once per test run."""
    return etree.RelaxNG(etree.parse(str(SHARED / "schemas" / "tei_all.rng")))

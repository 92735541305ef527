"""kpiextract: council committee papers in, KPI spreadsheets out.

    from kpiextract import extract
    result = extract("paper.pdf")

`extract` and `Settings` are loaded on first use, so importing the package (as the command
line does for `--version`) costs nothing of the PDF stack or the layouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place the version is written: pyproject.toml reads it from here (hatch's dynamic
# version), so `kpiextract --version` needs no importlib.metadata lookup at start-up.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import Settings, extract

__all__ = ["Settings", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    if name in ("extract", "Settings"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kpiextract' has no attribute {name!r}")

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
    from .models import Benchmark, ExtractionResult, KPIRecord, PreviousValue, Provenance

__all__ = ["Benchmark", "ExtractionResult", "KPIRecord", "PreviousValue", "Provenance", "Settings", "__version__",
           "extract"]
_FROM = {"extract": "api", "Settings": "api", "KPIRecord": "models", "ExtractionResult": "models",
         "Benchmark": "models", "PreviousValue": "models", "Provenance": "models"}


def __getattr__(name: str) -> Any:
    if name in _FROM:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_FROM[name]}"), name)
    raise AttributeError(f"module 'kpiextract' has no attribute {name!r}")

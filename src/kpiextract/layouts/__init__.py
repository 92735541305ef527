"""Layouts: one module per way councils lay out KPIs, all with the same signature."""

from .base import Layout
from .registry import LAYOUTS, choose

__all__ = ["LAYOUTS", "Layout", "choose"]

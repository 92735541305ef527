"""Readers turn a file into the format-free Document model."""

from .document import Block, Document, Page
from .text import ReadError, parse_text, read_text

__all__ = ["Block", "Document", "Page", "ReadError", "parse_text", "read_text"]

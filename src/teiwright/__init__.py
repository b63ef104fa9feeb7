"""teiwright: plain-text historical documents → TEI P5, validated and published.

>>> from teiwright import convert_text
>>> tree = convert_text("1. Memorandum for the Record\\n\\nWashington, May 1, 1973.\\n")
"""

__version__ = "0.1.0"

from .core import Conversion, Converter, convert_file, convert_text

__all__ = ["Conversion", "Converter", "__version__", "convert_file", "convert_text"]

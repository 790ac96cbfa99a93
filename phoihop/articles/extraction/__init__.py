"""Rule-based extraction of coordination-program facts from Vietnamese news articles.

Pure Python: no network, no models, no database. See docs/extraction.md.
"""

from phoihop.articles.extraction.article import (
    extract_article,
    extract_article_docx,
    extract_article_html,
)
from phoihop.core.legacy import detect_legacy_encoding, to_unicode

__all__ = [
    "detect_legacy_encoding",
    "extract_article",
    "extract_article_docx",
    "extract_article_html",
    "to_unicode",
]

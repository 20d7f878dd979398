"""The PDF reader: glyph geometry in, text with tab-separated table rows and a DocumentLayout out."""

from orchestration.lib.ingest.pdf.document import pdf_to_text

__all__ = ["pdf_to_text"]

class IngestError(ValueError):
    """A landed file that cannot become filing text; the message is shown to the user as the reason."""

from orchestration.settings import REPO_ROOT

# The real filings sit beside the checkout (../shared), never inside it.
REAL_FILINGS = REPO_ROOT.parent / "shared" / "filings"
REAL_PDFS = REPO_ROOT.parent / "shared" / "pdfs"

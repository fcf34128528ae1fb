"""One module per fact kind (and ``common`` and ``clauses``, what they share): its extractor (a pure function from an analysed article to
facts), its RDF writer, its evaluation matcher and its ``FactKind`` entry, which
``kg.kinds`` registers and runs.

The dispatch extractor is loaded with the package: ``common.ref_of`` keys a bare 工作组
as the group the article reports sent, which needs the dispatches (see
``common.finds_dispatches``), whoever imports an extractor module first."""
from __future__ import annotations

from . import dispatch  # noqa: F401 - hands common its finder of dispatches

"""Type stubs of the compiled module `hegemony._native` (crates/hegemony-py/src).

Each function returns its tables as `Frame`s (Arrow C streams; `hegemony`
turns them into `pyarrow.Table`s) and, where the CLI would print messages on
stderr, a list of notes `(level, text)` with level `"warning"` or `"info"`.
The documented interface is the package `hegemony`; these are its parts.
"""

from typing import Any, Dict, List, Optional, Sequence, Tuple

__version__: str

Note = Tuple[str, str]

class Frame:
    """One table, exported once through the Arrow PyCapsule interface."""

    def __arrow_c_stream__(self, requested_schema: Optional[Any] = None) -> Any: ...
    def __len__(self) -> int: ...

def states(query: Optional[str] = None) -> Frame: ...
def agreement(
    dyads: Optional[str],
    dominant: Optional[str],
    with_: Optional[str],
    all: bool,
    by: str,
    years: Optional[Tuple[int, int]],
    window: int,
    issues: List[str],
    important: bool,
    votes: str,
    absent: str,
    weights: str,
    source: str,
    explain: bool,
    data_dir: Optional[str],
) -> Tuple[Frame, List[Note]]: ...
def ideal(
    model: str,
    kind: str,
    by: str,
    votes: str,
    range: Optional[Tuple[int, int]],
    bootstrap: int,
    seed: int,
    anchor: str,
    min_votes: int,
    bridging: str,
    evolution_var: float,
    data_dir: Optional[str],
) -> Tuple[Frame, List[Note]]: ...
def convergence(
    dominant: str,
    with_: str,
    on: str,
    years: Optional[Tuple[int, int]],
    group: bool,
    data_dir: Optional[str],
) -> Tuple[Frame, List[Note]]: ...
def profile(
    state: str,
    dominant: str,
    years: Tuple[int, int],
    settings: Optional[str],
    weights: Optional[str],
    without: List[str],
    assume: List[str],
    data_dir: Optional[str],
) -> Tuple[Dict[str, Any], Optional[Dict[str, Any]], Optional[Frame], str, List[Note]]: ...
def compare(
    dominant: str,
    states: Optional[str],
    year: Optional[int],
    years: Tuple[int, int],
    settings: Optional[str],
    weights: Optional[str],
    data_dir: Optional[str],
) -> Tuple[Frame, Frame, List[Note]]: ...
def facts(state: str, with_: str, year: Optional[int], kind: Optional[str]) -> Frame: ...
def timeline(state: str, with_: str) -> Frame: ...
def rsc(
    year: int, sector: str, hierarchy: bool, settings: Optional[str], data_dir: Optional[str]
) -> Tuple[Frame, str, List[Note]]: ...
class PanelStream:
    """The dyad-year panel, made block by block as it is read (once)."""

    def __arrow_c_stream__(self, requested_schema: Optional[Any] = None) -> Any: ...

def panel(
    years: Tuple[int, int],
    directed: bool,
    system: str,
    add: List[str],
    data_dir: Optional[str],
) -> Tuple[PanelStream, List[Note]]: ...
def panel_columns() -> List[Tuple[str, List[str], List[str], str, str]]: ...
def agreement_votes(votes: Any, period: str, weights: str, absent: str) -> Frame: ...
def ingest(files: Sequence[str], store: Optional[str], data_dir: Optional[str]) -> Frame: ...
def documents(store: Optional[str], data_dir: Optional[str]) -> Frame: ...
def candidates(
    doc: Optional[int],
    kind: Optional[str],
    status: Optional[str],
    limit: Optional[int],
    store: Optional[str],
    data_dir: Optional[str],
) -> Frame: ...
def search(
    query: str,
    actor: Optional[str],
    since: Optional[int],
    until: Optional[int],
    limit: int,
    store: Optional[str],
    data_dir: Optional[str],
) -> Frame: ...
def extract(documents: Any, id: str, text: str, links: bool) -> List[Frame]: ...

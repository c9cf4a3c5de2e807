"""hegemony.panel: the dyad-year panel."""

from __future__ import annotations

from typing import Optional, Sequence, Union

import pyarrow as pa

from . import PathLike, Years, _native, _notes, _path, _years

__all__ = ["panel", "panel_columns"]


def panel(
    years: Years = (1816, 2014),
    *,
    directed: bool = False,
    system: str = "cow",
    add: Union[str, Sequence[str]] = (),
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """The dyad-year panel researchers build with peacesciencer's
    ``create_dyadyears()`` and ``add_*()`` (``hegemony panel``).

    Rows: every pair of states both in the state system in a year —
    ``system="cow"`` (COW v2016: ``ccode1``, ``ccode2``, ``year``) or
    ``"gw"`` (Gleditsch–Ward: ``gwcode1``, ``gwcode2``, ``year``, and the
    COW codes ``ccode1``, ``ccode2`` the datasets are joined on); both
    orders with ``directed=True``, else the lower code first.

    ``add`` names column groups (see :func:`panel_columns` for their
    columns, datasets, coverage and joins): ``atop``, ``cow_alliance``,
    ``mids``, ``rivalries``, ``contiguity``, ``cinc``, ``majors``,
    ``trade``, ``igo``, ``unvotes``, ``idealpoints``, ``hierarchy``. A
    column is null outside its dataset's coverage, never 0. Codes, years
    and flags are ``int32``/``int8``, values ``float64``; the input files
    with their SHA-256 are in the schema's metadata (``hegemony.inputs``).

    The panel is made and handed over a year at a time (one Arrow batch per year) (the GIL is
    released while they are made).
    """
    span = _years(years)
    if span is None:
        raise ValueError("years: give the panel's years, e.g. (1816, 2014)")
    groups = [add] if isinstance(add, str) else list(add)
    stream, notes = _native.panel(span, directed, system, groups, _path(data_dir))
    _notes(notes)
    return pa.RecordBatchReader.from_stream(stream).read_all()


def panel_columns() -> pa.Table:
    """The panel's column groups: ``group``, ``columns``, ``files``,
    ``coverage`` and ``about`` (what they mean and how they are joined)."""
    rows = _native.panel_columns()
    return pa.table(
        {
            "group": [r[0] for r in rows],
            "columns": [list(r[1]) for r in rows],
            "files": [list(r[2]) for r in rows],
            "coverage": [r[3] for r in rows],
            "about": [r[4] for r in rows],
        }
    )

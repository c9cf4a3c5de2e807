"""hegemony: hierarchy between states, as Arrow tables.

The same engine and the same names as the ``hegemony`` command-line tool:
agreement scores and ideal points from UN General Assembly votes,
convergence towards a dominant state, the hierarchy profile of a relation
(security and economic hierarchy, institutionalisation, alignment, the
composite, phases and breaks), comparisons, the knowledge base's facts and
timelines, dyad-year panels, and candidate facts from documents.

Every table is a ``pyarrow.Table`` handed over through the Arrow C data
interface without copying; ``polars.from_arrow(t)`` and ``t.to_pandas()``
take it from there. Missing values are nulls, never 0 or NaN.

Data: every function that reads datasets takes ``data_dir=``; without it,
``HEGEMONY_DATA``, else the user data folder if it exists (where
``hegemony data fetch`` writes), else the data compiled into the package (an
extract for the hierarchy profiles: a :class:`DefaultDataWarning` says so).
A folder named but missing raises ``FileNotFoundError``.

Errors raise Python exceptions with the CLI's messages: ``ValueError`` for a
state, option or value the engine does not know (``unknown state 'Armnia';
did you mean Armenia (ARM)?``), ``FileNotFoundError`` for missing data,
``OSError`` for unreadable files, ``LookupError`` for a document or candidate
that is not in the evidence store. Long computations release the GIL.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from typing import Any, Iterable, Optional, Sequence, Tuple, Union

import pyarrow as pa

from . import _native
from ._native import __version__

__all__ = [
    "DefaultDataWarning",
    "HegemonyWarning",
    "Profile",
    "agreement",
    "compare",
    "convergence",
    "evidence",
    "facts",
    "ideal",
    "panel",
    "panel_columns",
    "profile",
    "rsc",
    "states",
    "timeline",
    "__version__",
]

_log = logging.getLogger("hegemony")

PathLike = Union[str, "os.PathLike[str]"]
Years = Union[None, int, str, Tuple[int, int]]
States = Union[str, Sequence[str]]


class HegemonyWarning(UserWarning):
    """Something the results rest on that a reader must know (a model that
    did not converge …)."""


class DefaultDataWarning(HegemonyWarning):
    """No data folder was given or found: the data compiled in was used (an
    extract covering the states of the comparison sets)."""


def _table(frame: Any) -> pa.Table:
    """An engine table as a pyarrow Table (its buffers taken over, not copied)."""
    return pa.RecordBatchReader.from_stream(frame).read_all()


def _notes(notes: Iterable[Tuple[str, str]]) -> None:
    """The messages the CLI prints on stderr: warnings warned, the rest logged."""
    for level, text in notes:
        if level == "warning":
            category = DefaultDataWarning if "compiled in" in text else HegemonyWarning
            warnings.warn(text, category, stacklevel=3)
        else:
            _log.info(text)


def _path(p: Optional[PathLike]) -> Optional[str]:
    return None if p is None else os.fspath(p)


def _years(years: Years, name: str = "years") -> Optional[Tuple[int, int]]:
    """``None``, one year, ``"1992-2019"`` or ``(1992, 2019)`` as an inclusive range."""
    if years is None:
        return None
    if isinstance(years, bool):
        raise TypeError(f"{name}: expected a year, 'FROM-TO' or (FROM, TO), not {years!r}")
    if isinstance(years, int):
        return (years, years)
    if isinstance(years, str):
        a, _, b = years.partition("-")
        try:
            lo, hi = int(a), int(b or a)
        except ValueError:
            raise ValueError(f"'{years}' is not a range like 1992-2019") from None
    else:
        try:
            lo, hi = (int(y) for y in years)
        except (TypeError, ValueError):
            raise TypeError(f"{name}: expected a year, 'FROM-TO' or (FROM, TO), not {years!r}") from None
    if lo > hi:
        raise ValueError(f"the range '{lo}-{hi}' ends before it starts")
    return (lo, hi)


def _states(states: States) -> str:
    """States as the CLI's comma-separated list (codes, names, groups such as ``post-soviet``)."""
    if isinstance(states, str):
        return states
    return ",".join(str(s) for s in states)


def _dyads(dyads: Union[str, Sequence[Union[str, Tuple[str, str]]]]) -> str:
    """``"RUS:ARM"``, ``["RUS:ARM", ("RUS", "BLR")]`` as the CLI's ``RUS:ARM,RUS:BLR``."""
    if isinstance(dyads, str):
        return dyads
    out = []
    for d in dyads:
        out.append(d if isinstance(d, str) else ":".join(str(s) for s in d))
    return ",".join(out)


def states(query: Optional[str] = None) -> pa.Table:
    """The state registry, or the states matching ``query`` (a code, name,
    capital or part of one): ``iso3``, ``ccode`` (COW), ``cow_abb``,
    ``gwcode``, ``name``, ``cow_system`` and ``un_member`` (spells
    ``start..end``), ``aliases``. A query matching nothing raises
    ``ValueError`` with did-you-mean hints.
    """
    return _table(_native.states(query))


def agreement(
    dyads: Union[None, str, Sequence[Union[str, Tuple[str, str]]]] = None,
    *,
    dominant: Optional[str] = None,
    with_: Optional[States] = None,
    by: str = "year",
    years: Years = None,
    window: int = 1,
    issues: Optional[Sequence[str]] = None,
    important: bool = False,
    votes: str = "all",
    absent: str = "exclude",
    weights: str = "quadratic",
    source: str = "auto",
    explain: bool = False,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Agreement scores in UN General Assembly votes, one row per dyad and
    period (``hegemony agreement``).

    Which dyads: ``dyads=["RUS:ARM", ("RUS", "BLR")]`` (ordered pairs),
    ``dominant="RUS", with_=["ARM", "BLR"]`` (or a group, ``"post-soviet"``),
    or ``dyads="all"`` (every dyad with a joint vote in every period).

    Columns: the period (``year`` = session + 1945, ``session`` or
    ``calendar_year`` by ``by``), ``window_start`` when ``window > 1``,
    ``iso3_1``, ``ccode1``, ``iso3_2``, ``ccode2``, ``roll_calls``, ``n``
    (joint votes), ``identical``, ``agree``, ``s_abs``, ``s_sq``, ``kappa``,
    ``pi``; with ``explain=True`` the nine joint-table cells ``yy`` … ``nn``
    (first state's vote first). A score undefined for a dyad-period is null.

    Options as the CLI's: ``years`` (``1992``, ``"1992-2019"`` or
    ``(1992, 2019)``), ``window`` (periods pooled), ``issues`` (``me``,
    ``nu``, ``di``, ``hr``, ``co``, ``ec``), ``important`` (US State
    Department's important votes), ``votes`` (``all``/``final``), ``absent``
    (``exclude``/``abstain``), ``weights`` of kappa and pi
    (``nominal``/``linear``/``quadratic``), ``source`` of the vote record
    (``auto``/``unvotes``/``voeten``/``undl``). The input files and their
    SHA-256 are in the schema's metadata (``hegemony.inputs``).
    """
    all_dyads = isinstance(dyads, str) and dyads.strip().lower() == "all"
    frame, notes = _native.agreement(
        None if dyads is None or all_dyads else _dyads(dyads),
        dominant,
        None if with_ is None else _states(with_),
        all_dyads,
        by,
        _years(years),
        window,
        list(issues or []),
        important,
        votes,
        absent,
        weights,
        source,
        explain,
        _path(data_dir),
    )
    _notes(notes)
    return _table(frame)


def ideal(
    *,
    model: str = "static",
    kind: str = "ordinal",
    by: str = "session",
    votes: str = "all",
    range: Years = None,
    bootstrap: int = 0,
    seed: int = 1,
    anchor: States = ("USA", "GBR"),
    min_votes: int = 10,
    bridging: str = "title",
    evolution_var: float = 0.1,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """One-dimensional ideal points from UN votes, one row per state and
    period (``hegemony ideal``): the period (``session`` or ``year``),
    ``iso3``, ``ccode``, ``theta``, ``lo``, ``hi``, ``n`` (counted votes).

    ``model="static"`` fits each period on its own scale; ``"dynamic"`` puts
    all periods on one scale (a random walk per state, recurring resolutions
    bridged by title). ``kind`` is ``ordinal`` (no < abstain < yes) or
    ``binary``; ``range`` limits the periods (sessions or years, as ``by``);
    ``bootstrap`` replicates give ``lo``/``hi``; ``anchor`` orients the scale
    (the first state present is positive).
    """
    frame, notes = _native.ideal(
        model,
        kind,
        by,
        votes,
        _years(range, "range"),
        bootstrap,
        seed,
        _states(anchor),
        min_votes,
        bridging,
        evolution_var,
        _path(data_dir),
    )
    _notes(notes)
    return _table(frame)


def convergence(
    dominant: str,
    with_: States,
    *,
    on: str = "kappa",
    years: Years = None,
    group: bool = False,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Convergence towards ``dominant`` in UN voting (``hegemony
    convergence``): one row per subordinate and year (``year``,
    ``dominant``, ``iso3``, ``ccode``, ``distance``, ``change``,
    ``sub_move``, ``dom_move``), or with ``group=True`` the group's
    ``year``, ``n``, ``delta``, ``sigma``, ``cv``, ``gamma``. ``on`` is the
    distance: ``kappa``, ``identical``, ``agree`` (1 − the score) or
    ``ideal`` (distance on the dynamic ideal-point scale).
    """
    frame, notes = _native.convergence(dominant, _states(with_), on, _years(years), group, _path(data_dir))
    _notes(notes)
    return _table(frame)


class Profile:
    """The hierarchy profile of a relation (``hegemony profile``).

    Tables: ``measures`` (long: ``subordinate``, ``dominant``, ``year``,
    ``measure``, ``value``, ``lo``, ``hi``, ``coverage``, ``basis``,
    ``source``, then ``parent``, ``unit``, ``weight``, ``missing``,
    ``sources``, ``note``, ``carried_from``), ``periods`` (the phases, with
    each measure's mean), ``breaks``, ``drivers`` (what moved each break),
    ``source_changes`` and ``ranks``. Also ``warnings``, ``comparison_set``,
    ``comparison_rule``, ``ranked``, ``needs`` (datasets that would fill
    uncovered measures) and ``report``: the CLI's ``--format json``.

    With a what-if (``without=``, ``assume=``), the profile is the what-if's,
    ``baseline`` the unchanged profile and ``differences`` the measure-years
    that changed; otherwise both are ``None``.
    """

    def __init__(self, parts: dict, baseline: Optional["Profile"], differences: Optional[pa.Table], report: str):
        self.subordinate: str = parts["subordinate"]
        self.dominant: str = parts["dominant"]
        self.years: Tuple[int, int] = tuple(parts["years"])  # type: ignore[assignment]
        self.measures: pa.Table = _table(parts["measures"])
        self.periods: pa.Table = _table(parts["periods"])
        self.breaks: pa.Table = _table(parts["breaks"])
        self.drivers: pa.Table = _table(parts["drivers"])
        self.source_changes: pa.Table = _table(parts["source_changes"])
        self.ranks: pa.Table = _table(parts["ranks"])
        self.warnings: list = list(parts["warnings"])
        self.comparison_set: list = list(parts["comparison_set"])
        self.comparison_rule: str = parts["comparison_rule"]
        self.ranked: bool = parts["ranked"]
        self.needs: list = [dict(zip(("measure", "files", "how"), n)) for n in parts["needs"]]
        self.baseline = baseline
        self.differences = differences
        self._report = report

    @property
    def report(self) -> dict:
        """The profile as ``hegemony profile --by year --format json`` writes it."""
        return json.loads(self._report)

    def wide(self, column: str = "value") -> pa.Table:
        """One row per year, one column per measure (``column`` of the long table)."""
        years = sorted(set(self.measures.column("year").to_pylist()))
        names: list = []
        cells: dict = {}
        for y, m, v in zip(
            self.measures.column("year").to_pylist(),
            self.measures.column("measure").to_pylist(),
            self.measures.column(column).to_pylist(),
        ):
            if m not in names:
                names.append(m)
            cells[(y, m)] = v
        data = {"year": years}
        for m in names:
            data[m] = [cells.get((y, m)) for y in years]
        return pa.table(data)

    def __repr__(self) -> str:
        return (
            f"<Profile {self.subordinate} under {self.dominant} {self.years[0]}-{self.years[1]}: "
            f"{self.measures.num_rows} measure-years, {self.periods.num_rows} phases, {self.breaks.num_rows} breaks>"
        )


def profile(
    state: str,
    dominant: str,
    *,
    years: Years = (1992, 2025),
    settings: Optional[PathLike] = None,
    weights: Optional[PathLike] = None,
    without: Sequence[str] = (),
    assume: Sequence[PathLike] = (),
    data_dir: Optional[PathLike] = None,
) -> Profile:
    """The hierarchy profile of ``state`` under ``dominant``, year by year
    (``hegemony profile STATE --dominant DOMINANT``): see :class:`Profile`.

    ``settings`` and ``weights`` are TOML files as the CLI's ``--settings``
    and ``--weights``; ``without`` leaves knowledge-base facts out (ids) and
    ``assume`` adds facts from knowledge-base TOML files (what-if).
    """
    span = _years(years)
    if span is None:
        raise ValueError("years: give the profile's years, e.g. (1992, 2025)")
    parts, base, diffs, report, notes = _native.profile(
        state,
        dominant,
        span,
        _path(settings),
        _path(weights),
        list(without),
        [os.fspath(p) for p in assume],
        _path(data_dir),
    )
    _notes(notes)
    baseline = None if base is None else Profile(base, None, None, report)
    return Profile(parts, baseline, None if diffs is None else _table(diffs), report)


def compare(
    dominant: str,
    states: Optional[States] = None,
    *,
    year: Optional[int] = None,
    years: Years = (1992, 2025),
    long: bool = False,
    settings: Optional[PathLike] = None,
    weights: Optional[PathLike] = None,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Subordinates of ``dominant`` side by side in ``year`` (default: the
    last of ``years``), as ``hegemony compare``: the states named, or with
    ``states=None`` every subordinate of the comparison set, in rank order.

    Columns: ``state``, ``name``, ``year``, ``rank`` (1 = most hierarchy),
    ``rank_best``, ``rank_worst`` (under random weights), ``of``, then for
    each compared measure its value and its basis (``composite``,
    ``composite_basis`` …). With ``long=True``, the measures of that year as
    :class:`Profile`'s long table instead.
    """
    span = _years(years)
    if span is None:
        raise ValueError("years: give the profiles' years, e.g. (1992, 2025)")
    wide, longt, notes = _native.compare(
        dominant,
        None if states is None else _states(states),
        year,
        span,
        _path(settings),
        _path(weights),
        _path(data_dir),
    )
    _notes(notes)
    return _table(longt if long else wide)


def facts(state: str, with_: str, *, year: Optional[int] = None, kind: Optional[str] = None) -> pa.Table:
    """Facts of the knowledge base about a relation (``hegemony facts STATE
    --with DOMINANT``): ``id``, ``kind``, ``start``, ``end``, ``status`` (in
    ``year`` if given, else today), ``title``, ``provisions``,
    ``confidence``, ``via`` (the organisation through which it concerns the
    relation), ``actors``, ``sources``. ``kind``: organisation, membership,
    agreement, presence, asset, dependence, event, claim.
    """
    return _table(_native.facts(state, with_, year, kind))


def timeline(state: str, with_: str) -> pa.Table:
    """The dated history of a relation (``hegemony kb timeline``): ``date``,
    ``kind``, ``text``, ``fact_id``, ``confidence``."""
    return _table(_native.timeline(state, with_))


class Complexes:
    """A year's regional security complexes (``hegemony rsc --year Y``).

    ``members``: one row per state — ``year``, ``state``, ``role``
    (``member``, ``insulator``, ``unstructured``), ``complex`` (its id, e.g.
    ``rsc-RUS``), ``complex_name``, ``centre``, ``subcomplex``,
    ``subcomplex_name``, ``polarity``, ``character``, ``between`` (an
    insulator's complexes with the share of its ties to each); null where a
    column does not apply. ``report``: the CLI's ``--format json`` (method,
    polarity shares, penetrating powers, blocs …).
    """

    def __init__(self, members: pa.Table, report: str):
        self.members = members
        self._report = report

    @property
    def report(self) -> dict:
        return json.loads(self._report)

    def __repr__(self) -> str:
        n = len(set(c for c in self.members.column("complex").to_pylist() if c))
        return f"<Complexes {self.report['year']}: {n} complexes, {self.members.num_rows} states>"


def rsc(
    year: int,
    *,
    sector: str = "military-political",
    hierarchy: bool = False,
    settings: Optional[PathLike] = None,
    data_dir: Optional[PathLike] = None,
) -> Complexes:
    """The regional security complexes of ``year`` (Buzan & Wæver, found in
    the data): see :class:`Complexes`. ``sector``: ``military-political`` or
    ``economic`` (trade; to 2014); ``hierarchy=True`` adds each centre's
    hierarchy over its members to the report (slower); ``settings`` a TOML
    file as the CLI's ``--settings``.
    """
    frame, report, notes = _native.rsc(int(year), sector, hierarchy, _path(settings), _path(data_dir))
    _notes(notes)
    return Complexes(_table(frame), report)


from . import evidence  # noqa: E402  (submodules using the helpers above)
from ._panel import panel, panel_columns  # noqa: E402

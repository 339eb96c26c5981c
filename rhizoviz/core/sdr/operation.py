"""The student's operation in progress: the exposure, what was tested, what is marked.

The trainer window holds one :class:`Operation` and keeps it in step with the app's
session: marking a rootlet turns the plan into partial cuts (:func:`plan.cut_set`),
and an undo, redo or reset made anywhere in the app brings the marks back in line
with the session's cuts (:meth:`Operation.follow`). Plain Python: the same object
drives the window, the tests and the benchmark.
"""

from __future__ import annotations

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.cuts import CutSet
from rhizoviz.core.sdr.approach import Approach, get_approach
from rhizoviz.core.sdr.emg import EmgTraces, emg_traces
from rhizoviz.core.sdr.patient import LEVELS, Patient, PatientError, Rootlet
from rhizoviz.core.sdr.plan import Plan, cut_set, make_plan


class Operation:
    """One child on the table: exposure first, then stimulation and marks."""

    def __init__(self, patient: Patient) -> None:
        self.patient = patient
        self.approach: Approach | None = None
        self.tested: set[Rootlet] = set()
        self.marked: set[Rootlet] = set()
        self.current: Rootlet | None = None
        # the marks that produced each set of cuts the session has held: undo and redo
        # bring back the very rootlets, not just as many of them
        self._marks_for: dict[CutSet, frozenset[Rootlet]] = {CutSet(): frozenset()}

    # -- the exposure --------------------------------------------------------
    def choose_approach(self, name: str) -> Approach:
        """Open the exposure ``name``; refused while a marked rootlet would fall outside it."""
        approach = get_approach(name)
        stranded = sorted(r.id for r in self.marked if not approach.reaches(r.level))
        if stranded:
            raise PatientError(
                f"{approach.label} cannot reach {', '.join(stranded[:3])}"
                f"{' ...' if len(stranded) > 3 else ''}: unmark them first"
            )
        self.approach = approach
        if self.current is not None and not approach.reaches(self.current.level):
            self.current = None
        return approach

    def reaches(self, rootlet: Rootlet) -> bool:
        return self.approach is not None and self.approach.reaches(rootlet.level)

    def _check_reach(self, rootlet: Rootlet) -> None:
        if self.approach is None:
            raise PatientError("choose the exposure first: the laminae are still closed")
        if not self.approach.reaches(rootlet.level):
            first, last = self.approach.reachable[0], self.approach.reachable[-1]
            raise PatientError(
                f"{rootlet.id} is out of reach of this exposure (it reaches {first}-{last})"
            )

    # -- stimulation and marks -----------------------------------------------
    def stimulate(self, rootlet: Rootlet) -> EmgTraces:
        """The EMG of a train on ``rootlet``, which becomes the current one and counts as tested."""
        self._check_reach(rootlet)
        self.tested.add(rootlet)
        self.current = rootlet
        return emg_traces(self.patient.seed, rootlet)

    def toggle_mark(self, rootlet: Rootlet) -> bool:
        """Mark ``rootlet`` for cutting, or unmark it; returns whether it is marked now."""
        self._check_reach(rootlet)
        if rootlet in self.marked:
            self.marked.discard(rootlet)
        else:
            self.marked.add(rootlet)
        self._marks_for[self.cuts()] = frozenset(self.marked)
        return rootlet in self.marked

    def plan(self) -> Plan:
        name = self.approach.name if self.approach is not None else "conus"
        return make_plan(self.patient, [r.id for r in self.marked], name)

    def cuts(self) -> CutSet:
        """The partial dorsal cuts the marks make: what the session should hold."""
        return cut_set(self.plan())

    def marked_in(self, level: str, side: str) -> int:
        return sum(1 for r in self.marked if (r.level, r.side) == (level, side))

    # -- keeping in step with the session ---------------------------------------
    def follow(self, cuts: CutSet) -> bool:
        """Make the marks match ``cuts`` (after an undo, redo or reset); True if they changed.

        Cuts these marks once made bring those marks back. Cuts the trainer never made
        (a scenario opened, a root cut elsewhere) are met as closely as marks can: per
        root, round(fraction × rootlets) marks, keeping the marks already there and
        adding the highest grades first; roots out of the exposure's reach stay unmarked.
        """
        if cuts == self.cuts():
            return False
        remembered = self._marks_for.get(cuts)
        if remembered is not None:
            marks = set(remembered)
        else:
            marks = set()
            for level in LEVELS:
                for side in SIDES:
                    marks |= self._derive(level, side, cuts.get((level, side), 0.0))
        if self.approach is not None:
            marks = {r for r in marks if self.approach.reaches(r.level)}
        changed = marks != self.marked
        self.marked = marks
        return changed

    def _derive(self, level: str, side: str, fraction: float) -> set[Rootlet]:
        root = self.patient.roots[(level, side)]
        want = round(fraction * len(root))
        kept = [r for r in root if r in self.marked]
        if len(kept) == want:
            return set(kept)
        ranked = sorted(root, key=lambda r: (r not in self.marked, -r.grade, r.index))
        return set(ranked[:want])

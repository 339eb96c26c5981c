"""Selective dorsal rhizotomy trainer: a simulated child, the exposure, EMG, the plan.

A teaching simulation, not a clinical tool. Every number a student sees here is
drawn from a seed by documented rules; the sources behind the rules are named in
each module, and the uncertain ones are marked ``[?]`` where they are shown.

* :mod:`.patient`  the child: dorsal roots L1–S2, their rootlets, grades, thresholds.
* :mod:`.approach` single-level (conus) or multilevel laminectomy: which roots are reachable.
* :mod:`.emg`      the EMG of one rootlet's 1 s 50 Hz train, eleven channels.
* :mod:`.plan`     marked rootlets → partial cuts, expected gain, risks, practice, debrief.
"""

TEACHING_CAVEAT = (
    "A teaching simulation, not a clinical tool: the child, grades and EMG are drawn "
    "from a seed by simple documented rules."
)

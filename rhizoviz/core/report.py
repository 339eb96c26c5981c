"""Plain-language reports of an outcome, for the terminal, the outcome panel and exports.

Only what changed is listed; a student reads "Left C6 dermatome: impaired (C5 and
C7 still overlap it)" rather than a table of sixty normal rows.
"""

from __future__ import annotations

from rhizoviz.core.atlas import SIDES, Atlas, load_atlas
from rhizoviz.core.cuts import GANGLION, VENTRAL, Cut, format_fraction
from rhizoviz.core.exam_report import examiner_sections
from rhizoviz.core.outcome import Outcome


def describe_cut(cut: Cut) -> str:
    if cut.root == GANGLION:
        return f"{cut.side.capitalize()} {cut.level} dorsal root ganglion: removed"
    if cut.fraction >= 1.0:
        amount = "fully cut"
    else:
        amount = f"{format_fraction(cut.fraction)} of rootlets cut"
    return f"{cut.side.capitalize()} {cut.level} {cut.root} root: {amount}"


def _spared_by(level: str, side: str, outcome: Outcome, atlas: Atlas) -> list[str]:
    """Neighbours still supplying an impaired dermatome (why it is not absent)."""
    if outcome.model != "overlap":
        return []
    cut_full = {
        (c.level, c.side) for c in outcome.cuts if c.fraction >= 1.0 and c.root != VENTRAL
    }
    return [n for n in atlas.neighbours(level) if (n, side) not in cut_full]


def outcome_sections(outcome: Outcome, atlas: Atlas | None = None) -> dict[str, list[str]]:
    """Section title -> lines, each a sentence-like line about one thing that changed."""
    atlas = atlas or load_atlas()
    sections: dict[str, list[str]] = {"Cuts": [describe_cut(c) for c in outcome.cuts]}
    for side in SIDES:
        lines = []
        for d in outcome.dermatomes:
            if d.side != side or d.status == "normal":
                continue
            line = f"{d.level}: {d.status}"
            spared = _spared_by(d.level, side, outcome, atlas)
            if d.status == "impaired" and spared:
                line += f" (still reached by {' and '.join(spared)})"
            lines.append(line)
        sections[f"{side.capitalize()} dermatomes"] = lines
    sections["Key sensory points"] = [
        f"{k.side.capitalize()} {k.level} ({k.landmark[0].lower()}{k.landmark[1:]}): {k.status}"
        for k in outcome.key_points
        if k.status != "normal"
    ]
    sections["Reflexes"] = [
        f"{r.side.capitalize()} {r.label} ({'-'.join((r.levels[0], r.levels[-1]))}): {r.status}"
        for r in outcome.reflexes
        if r.status != "normal"
    ]
    if outcome.body_surface:
        sections["Body surface"] = [
            f"{side.capitalize()}: {v['absent']:.1%} absent, {v['impaired']:.1%} impaired"
            for side, v in outcome.body_surface.items()
        ]
    sections.update(examiner_sections(outcome))
    return sections


def outcome_text(outcome: Outcome, atlas: Atlas | None = None) -> str:
    """A readable report of what changed, for a terminal or a saved text file."""
    model_line = {
        "overlap": "Model: overlap (each dermatome also supplied by its neighbours)",
        "textbook": "Model: textbook (one root, one dermatome)",
    }[outcome.model]
    out = [model_line, ""]
    for title, lines in outcome_sections(outcome, atlas).items():
        out.append(f"{title}:")
        out.extend(f"  {line}" for line in lines or ["none"])
        out.append("")
    return "\n".join(out).rstrip() + "\n"

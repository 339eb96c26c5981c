"""Every sentence rhizoviz says about cuts and the model, for the terminal, the app and figures.

One function per kind of sentence, so the outcome panel, the status bar, the caption of
a figure and ``rhizoviz simulate`` can never describe the same thing in different words.
Only what changed is listed; a student reads "Left C6 dermatome: impaired (C5 and C7
still overlap it)" rather than a table of sixty normal rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rhizoviz.core.atlas import LIGHT_TOUCH, PIN_PRICK, SIDES, Atlas, load_atlas
from rhizoviz.core.cuts import DORSAL, GANGLION, VENTRAL, Cut, CutSet, Root, format_fraction
from rhizoviz.core.exam_report import examiner_sections
from rhizoviz.core.outcome import KeyPointStatus, Outcome
from rhizoviz.core.session import State

TITLE_CHARS = 80  # a name in a title bar, a caption or a status line
SEPARATOR = "  \u00b7  "  # between the parts of a caption

# What each model says, and what that means for one cut root (facts.md §4).
MODEL_GIST: dict[str, str] = {
    "overlap": "each dermatome is also supplied by the roots just above and below it "
    "(Sherrington, Foerster), so cutting one root only dulls its skin",
    "textbook": "one root, one dermatome, so cutting one root leaves a numb band",
}


def elide(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (names in files may be long)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def model_sentence(model: str) -> str:
    """How ``model`` reads the cuts, in one sentence: 'Overlap model: each dermatome …'."""
    return f"{model.capitalize()} model: {MODEL_GIST[model]}."


def model_tag(model: str) -> str:
    """The model in two words, for captions and status lines: 'overlap model'."""
    return f"{model} model"


MODALITY_WORDS: dict[str, str] = {PIN_PRICK: "pin prick", LIGHT_TOUCH: "light touch"}


def modality_tag(modality: str) -> str:
    """What the skin shows, for a caption: 'skin: light touch' ('' for pin prick, the
    default every figure showed before touch could be shown)."""
    return "" if modality == PIN_PRICK else f"skin: {MODALITY_WORDS[modality]}"


def _with_modality(text: str, modality: str) -> str:
    tag = modality_tag(modality)
    return f"{text}{SEPARATOR}{tag}" if tag else text


def root_name(level: str, side: str, root: str = DORSAL) -> str:
    """'Left C6 dorsal root', 'Left L5 ventral root', 'Left C2 dorsal root ganglion'."""
    if root == GANGLION:
        return f"{side.capitalize()} {level} dorsal root ganglion"
    return f"{side.capitalize()} {level} {root} root"


def root_state(fraction: float) -> str:
    """What a cut did to one root: 'intact', 'fully cut' or '40% of rootlets cut'."""
    if fraction <= 0.0:
        return "intact"
    if fraction >= 1.0:
        return "fully cut"
    return f"{format_fraction(fraction)} of rootlets cut"


def describe_root(level: str, side: str, fraction: float, root: str = DORSAL) -> str:
    """'Left C6 dorsal root: 40% of rootlets cut', 'Left C2 dorsal root ganglion: removed'."""
    if root == GANGLION:
        return f"{root_name(level, side, root)}: {'removed' if fraction > 0 else 'intact'}"
    return f"{root_name(level, side, root)}: {root_state(fraction)}"


def describe_root_click(level: str, side: str, fraction: float, root: str = DORSAL) -> str:
    """What a root is and what a click on it does: 'Left L5 ventral root: intact (click
    to cut)', 'Left C2 dorsal root ganglion: removed (click to restore)'."""
    if fraction > 0:
        action = "click to restore"
    else:
        action = "click to remove" if root == GANGLION else "click to cut"
    return f"{describe_root(level, side, fraction, root)} ({action})"


def describe_cut(cut: Cut) -> str:
    """'Left C6 dorsal root: fully cut'."""
    return describe_root(cut.level, cut.side, cut.fraction, cut.root)


def count_cuts(n: int) -> str:
    """'no roots cut', '1 root cut', '3 roots cut'."""
    return "no roots cut" if n == 0 else f"{n} root{'s' if n != 1 else ''} cut"


def level_runs(levels: Iterable[str], atlas: Atlas) -> list[str]:
    """['C5', 'C6', 'C7', 'T2'] -> ['C5–C7', 'T2']."""
    runs: list[list[str]] = []
    for lv in sorted(levels, key=atlas.index):
        if runs and atlas.index(lv) == atlas.index(runs[-1][-1]) + 1:
            runs[-1].append(lv)
        else:
            runs.append([lv])
    return [r[0] if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs]


def _and(items: Sequence[str]) -> str:
    """['C5', 'C6', 'C7'] -> 'C5, C6 and C7'."""
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]


def cut_groups(cuts: CutSet | Sequence[Cut], atlas: Atlas | None = None
               ) -> list[tuple[str, list[str], str, float]]:
    """The cuts grouped for a sentence: (side or 'both', level runs, root kind, fraction),
    cranio-caudal; the same levels cut alike on both sides make one 'both' group."""
    atlas = atlas or load_atlas()
    cut_list = cuts.cuts() if isinstance(cuts, CutSet) else list(cuts)
    groups: dict[tuple[str, str, float], list[str]] = {}
    for cut in sorted(cut_list, key=lambda c: (atlas.index(c.level), c.side)):
        groups.setdefault((cut.root, cut.side, cut.fraction), []).append(cut.level)
    out: list[tuple[str, list[str], str, float]] = []
    for (root, side, fraction), levels in groups.items():
        twin = groups.get((root, "right" if side == "left" else "left", fraction))
        if twin is not None and sorted(twin, key=atlas.index) == levels:
            if side == "right":
                continue
            side = "both"
        out.append((side, level_runs(levels, atlas), root, fraction))
    out.sort(key=lambda g: (atlas.index(g[1][0].split("\u2013")[0]), g[0], g[2]))
    return out


def describe_cuts(cuts: CutSet | list[Cut], atlas: Atlas | None = None) -> str:
    """A short line naming the cuts, e.g. 'Cut: right C5–C7; both L2–S1 at 40%;
    left L5 ventral; left C2 ganglion'."""
    groups = cut_groups(cuts, atlas)
    if not groups:
        return "No roots cut"
    parts = []
    for side, runs, root, fraction in groups:
        text = f"{side} {', '.join(runs)}"
        if root != DORSAL:
            text += f" {root}"
        if fraction < 1.0:
            text += f" at {format_fraction(fraction)}"
        parts.append(text)
    return "Cut: " + "; ".join(parts)


def default_caption(state: State, atlas: Atlas | None = None,
                    modality: str = PIN_PRICK) -> str:
    """A slide's title line: the scenario's name, what is cut, which model, and the
    skin's modality when it is light touch."""
    cuts = describe_cuts(state.cuts, atlas)
    name = elide(state.name) if state.has_own_name else ""
    head = f"{name} \u2014 {cuts}" if name else cuts
    return _with_modality(f"{head}{SEPARATOR}{model_tag(state.model)}", modality)


def short_caption(state: State, modality: str = PIN_PRICK) -> str:
    """The title line where the cuts do not fit: the scenario's name, the model (and
    light touch, when the skin shows it)."""
    return _with_modality(f"{elide(state.name)}{SEPARATOR}{model_tag(state.model)}", modality)


def status_line(state: State, lesson: str = "") -> str:
    """The app's permanent status line: scenario, how many roots are cut, model, lesson."""
    parts = [
        f"Scenario: {elide(state.name)}",
        count_cuts(len(state.cuts.root_fractions())),
        model_tag(state.model),
    ]
    if lesson:
        parts.append(f"lesson: {lesson}")
    return " \u00b7 ".join(parts)


def describe_key_point(level: str, side: str, key_points: Iterable[KeyPointStatus]) -> str:
    """'Left C6 key sensory point, dorsal surface of the thumb: sensation impaired'."""
    status = next((k for k in key_points if (k.level, k.side) == (level, side)), None)
    if status is None:
        return f"{side.capitalize()} {level} key sensory point"
    return (
        f"{side.capitalize()} {level} key sensory point, {status.landmark}: "
        f"sensation {status.status}"
    )


def describe_skin(
    dermatome: str,
    side: str,
    status: str,
    roots: Sequence[Root],
    model: str,
    atlas: Atlas | None = None,
) -> str:
    """What supplies a point of skin: 'Left C6 dermatome, sensation impaired: supplied by
    the left C5, C6 and C7 dorsal roots (overlap model)'."""
    if not dermatome:
        return "No spinal root supplies this skin (the face is the trigeminal nerve's)."
    atlas = atlas or load_atlas()
    sides = {s for _lv, s in roots}
    levels = sorted({lv for lv, _s in roots}, key=atlas.index)
    whose = "both sides'" if len(sides) > 1 else f"the {next(iter(sides))}"
    plural = "s" if len(levels) > 1 else ""
    return (
        f"{side.capitalize()} {dermatome} dermatome, sensation {status}: supplied by "
        f"{whose} {_and(levels)} dorsal root{plural} ({model_tag(model)})"
    )


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
    out = [model_sentence(outcome.model), ""]
    for title, lines in outcome_sections(outcome, atlas).items():
        out.append(f"{title}:")
        out.extend(f"  {line}" for line in lines or ["none"])
        out.append("")
    return "\n".join(out).rstrip() + "\n"

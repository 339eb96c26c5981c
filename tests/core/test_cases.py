"""Clinical cases: the shipped files, the schema's one-line errors, the block and outcome model."""

import copy
import json
import os

import pytest

from rhizoviz.core.case_model import (
    Decision,
    block,
    case_json,
    case_report,
    expected_decision,
    outcome,
    save_case_report,
)
from rhizoviz.core.cases import (
    MAX_CASE_BYTES,
    STEPS,
    CaseError,
    cases_dir,
    load_case,
    load_case_file,
    load_cases,
)
from rhizoviz.core.cuts import Cut
from rhizoviz.core.findings import findings
from rhizoviz.core.lessons import load_lessons
from rhizoviz.core.quiz_explain import resolve_lesson_link

SHIPPED = ("occipital-neuralgia", "post-thoracotomy-pain", "sdr-spastic-diplegia",
           "failed-back-surgery", "misleading-block")


def status(data, key, level, side):
    field = "name" if key == "reflexes" else "level"
    return next(e["status"] for e in data[key] if e[field] == level and e["side"] == side)


def test_every_shipped_case_loads_with_seven_steps_and_its_sources():
    cases, problems = load_cases()
    assert problems == []
    assert set(SHIPPED) <= {c.name for c in cases}
    lessons = load_lessons()
    for case in cases:
        data = case_json(case)
        assert [s["step"] for s in data["steps"]] == list(STEPS)
        exam = data["steps"][1]
        assert exam["findings"] == findings(case.deficit, case.model)  # computed, not typed
        assert case.risks and case.sources and case.pain_map
        assert resolve_lesson_link(case.lesson, lessons) is not None, case.lesson
        # what the sources leave uncertain is said so in the case itself
        assert case.uncertain and all("uncertain" in u for u in case.uncertain)


def test_a_wrong_root_can_look_right_on_a_block():
    case = load_case("misleading-block")
    assert {(s.level, s.side) for s in case.generator} == {("L5", "right")}
    s1 = block(case, [("S1", "right")])
    assert s1.positive and s1.relief >= 0.5  # spread to L5 and a non-specific effect
    assert status(s1.numb, "dermatomes", "S1", "right") == "impaired"  # the transient cut
    assert block(case, [("L5", "right")]).relief > s1.relief
    cut_s1 = outcome(case, Decision(True, "dorsal-rhizotomy", (("S1", "right"),)))
    assert cut_s1.relief == 0.0  # S1 carries none of her pain
    assert status(cut_s1.findings, "reflexes", "achilles", "right") == "diminished"
    assert not all(cut_s1.agrees.values())


def test_thoracic_rhizotomy_needs_the_roots_above_and_below():
    case = load_case("post-thoracotomy-pain")
    alone = outcome(case, Decision(True, "dorsal-rhizotomy", (("T5", "right"),)))
    three = outcome(case, expected_decision(case))
    assert alone.relief < three.relief
    assert status(alone.findings, "dermatomes", "T5", "right") == "impaired"
    assert status(three.findings, "dermatomes", "T5", "right") == "absent"
    assert status(three.findings, "dermatomes", "T4", "right") == "impaired"
    assert all(three.agrees.values())


def test_c2_ganglionectomy_numbs_the_occiput_and_beats_a_rhizotomy():
    case = load_case("occipital-neuralgia")
    gang = outcome(case, expected_decision(case))
    rhiz = outcome(case, Decision(True, "dorsal-rhizotomy", (("C2", "right"),)))
    assert gang.relief > rhiz.relief > 0.5  # the ventral-root afferents stay after a rhizotomy
    assert status(gang.findings, "dermatomes", "C2", "right") == "absent"
    assert gang.long_term <= gang.relief


def test_sdr_more_cut_more_gain_and_a_caution_past_sixty_percent():
    case = load_case("sdr-spastic-diplegia")
    roots = case.expected.roots
    light = outcome(case, Decision(True, "selective-dorsal-rhizotomy", roots, 0.3))
    heavy = outcome(case, Decision(True, "selective-dorsal-rhizotomy", roots, 0.7))
    assert light.relief < heavy.relief
    assert light.cautions == () and any("Chambers" in c for c in heavy.cautions)
    skin = {d["status"] for d in light.findings["dermatomes"]}
    assert "absent" not in skin and "impaired" in skin  # partial cuts and overlap
    with_s2 = outcome(case, Decision(True, "selective-dorsal-rhizotomy",
                                     (*roots, ("S2", "left")), 0.55))
    assert any("S2" in c for c in with_s2.cautions)
    assert block_choices_empty(case)


def block_choices_empty(case):
    with pytest.raises(CaseError, match="at least one root"):
        block(case, [])
    return case.block_choices == ()


def test_lumbosacral_rhizotomy_fades_and_no_operation_is_advised():
    case = load_case("failed-back-surgery")
    cut = outcome(case, Decision(True, "dorsal-rhizotomy", (("L5", "left"),)))
    assert 0 < cut.long_term < cut.relief < 1 - case.unexplained_share + 1e-9
    assert outcome(case, expected_decision(case)).cuts == ()
    assert any("19 %" in r.text for r in case.risks)


def test_a_block_of_a_root_not_offered_is_refused():
    case = load_case("occipital-neuralgia")
    with pytest.raises(CaseError, match="not offered"):
        block(case, [("L5", "left")])
    with pytest.raises(CaseError, match="unknown operation"):
        Decision(True, "lobotomy")


def test_the_report_names_the_choices_and_is_saved_atomically(tmp_path):
    case = load_case("misleading-block")
    blocks = [block(case, [("S1", "right")])]
    decision = Decision(True, "dorsal-rhizotomy", (("S1", "right"),))
    text = case_report(case, blocks, decision)
    assert text.startswith(f"# {case.title}\n")
    assert "right S1: usual pain eased by 60% (positive)" in text
    assert "Dorsal rhizotomy on right S1" in text and "differs from" in text
    assert "## Uncertain" in text and "## Sources" in text
    out = tmp_path / "report.md"
    save_case_report(out, case, blocks, decision)
    assert out.read_text() == text and os.listdir(tmp_path) == ["report.md"]
    with pytest.raises(CaseError, match="cannot save"):
        save_case_report(tmp_path / "missing" / "r.md", case, blocks, decision)


# --------------------------------------------------------------------------- schema errors


def raw_case():
    return json.loads((cases_dir() / "occipital-neuralgia.json").read_text())


def drop(path):
    def change(d):
        *head, last = path
        for key in head:
            d = d[key]
        del d[last]
    return change


def put(path, value):
    def change(d):
        *head, last = path
        for key in head:
            d = d[key]
        d[last] = value
    return change


BROKEN = [
    (drop(["schema"]), "schema"),
    (put(["schema"], "rhizoviz-case/9"), "schema"),
    (drop(["title"]), "title"),
    (put(["title"], "two\nlines"), "title"),
    (put(["summary"], ""), "summary"),
    (put(["model"], "foerster"), "model"),
    (put(["goal"], "happiness"), "goal"),
    (put(["ventral_afferent_share"], 1.5), "ventral_afferent_share"),
    (put(["generator"], []), "generator"),
    (put(["generator", 0, "spec"], "right:X9"), "generator[0].spec"),
    (put(["generator", 0, "share"], "most"), "generator[0].share"),
    (put(["generator"], [{"spec": "right:C2", "share": 0.8}, {"spec": "right:C3", "share": 0.5}]),
     "generator"),
    (put(["surprise"], 1), "surprise"),
    (drop(["steps", "imaging"]), "steps.imaging"),
    (put(["steps", "presentation", "pain_map"], []), "steps.presentation.pain_map"),
    (put(["steps", "presentation", "pain_map", 0, "spec"], "C2@2"),
     "steps.presentation.pain_map[0].spec"),
    (drop(["steps", "presentation", "pain_map", 0, "label"]),
     "steps.presentation.pain_map[0].label"),
    (put(["steps", "examination", "deficit"], ["nowhere"]), "steps.examination.deficit[0]"),
    (put(["steps", "examination", "text"], 7), "steps.examination.text"),
    (put(["steps", "imaging", "text"], "[Try it](rhizoviz:cut?spec=Q9)"), "steps.imaging.text"),
    (put(["steps", "block", "choices"], "right:C2"), "steps.block.choices"),
    (put(["steps", "block", "spread"], -0.1), "steps.block.spread"),
    (put(["steps", "block", "nonspecific"], True), "steps.block.nonspecific"),
    (put(["steps", "block", "positive_at"], float("nan")), "steps.block.positive_at"),
    (put(["steps", "decision", "expected", "operation"], "lobotomy"),
     "steps.decision.expected.operation"),
    (put(["steps", "decision", "expected", "candidate"], "yes"),
     "steps.decision.expected.candidate"),
    (put(["steps", "decision", "expected", "roots"], []), "steps.decision.expected.roots"),
    (put(["steps", "decision", "expected", "fraction"], 0), "steps.decision.expected.fraction"),
    (put(["steps", "outcome", "risks"], []), "steps.outcome.risks"),
    (drop(["steps", "outcome", "risks", 0, "source"]), "steps.outcome.risks[0].source"),
    (put(["steps", "outcome", "long_term_factor"], 2), "steps.outcome.long_term_factor"),
    (put(["steps", "outcome", "cautions"], [{"fraction_over": 0.5}]),
     "steps.outcome.cautions[0].text"),
    (put(["steps", "discussion", "sources"], []), "steps.discussion.sources"),
    (put(["steps", "discussion", "uncertain"], None), "steps.discussion.uncertain"),
    (put(["steps", "discussion", "lesson"], "principle"), "steps.discussion.lesson"),
    (drop(["steps", "discussion", "rehabilitation"]), "steps.discussion.rehabilitation"),
]


@pytest.mark.parametrize("change, field", BROKEN, ids=[f for _, f in BROKEN])
def test_a_broken_case_gives_one_line_naming_file_and_field(tmp_path, change, field):
    data = copy.deepcopy(raw_case())
    change(data)
    path = tmp_path / "broken-case.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CaseError) as err:
        load_case_file(path)
    message = str(err.value)
    assert message.startswith(str(path)) and f"'{field}'" in message and "\n" not in message


@pytest.mark.parametrize(
    "content, token",
    [(b"{", "not JSON"), (b"\xff\xfe{}", "not UTF-8"), (b"[]", "top level"),
     (b"[" * 100_000, "nested too deeply")],
)
def test_files_that_are_not_cases(tmp_path, content, token):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(CaseError, match=token):
        load_case_file(path)


def test_only_bounded_regular_files_named_like_cases(tmp_path):
    (tmp_path / "big.json").write_bytes(b" " * (MAX_CASE_BYTES + 1))
    with pytest.raises(CaseError, match="at most"):
        load_case_file(tmp_path / "big.json")
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(CaseError, match="not a regular file"):
        load_case_file(tmp_path / "dir.json")
    with pytest.raises(CaseError, match="named like"):
        load_case_file(tmp_path / "Bad Name.json")


def test_one_broken_file_does_not_hide_the_others(tmp_path):
    (tmp_path / "good.json").write_text(json.dumps(raw_case()))
    (tmp_path / "bad.json").write_text("{}")
    cases, problems = load_cases(tmp_path)
    assert [c.name for c in cases] == ["good"]
    assert len(problems) == 1 and "bad.json" in problems[0]


def test_unknown_case_names_list_the_known_ones():
    with pytest.raises(CaseError) as err:
        load_case("no-such-case")
    assert "no-such-case" in str(err.value) and "misleading-block" in str(err.value)
    with pytest.raises(CaseError, match="unknown case"):
        load_case("../etc/passwd")


def test_deficit_cuts_are_in_the_examination():
    case = load_case("failed-back-surgery")
    assert case.deficit == (Cut("L5", "left", 0.5),)

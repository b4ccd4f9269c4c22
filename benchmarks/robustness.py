"""How often a harmless rewording changes a verdict, on statements the model never saw.

    python benchmarks/robustness.py [--limit 6000] [--refit-purpose [FILE]]

Takes the imperative statements of ``training/independent`` (written for
rolelens but not fitted into the shipped model: see its README), that is
those starting with a capitalised verb such as "Track..." or "Interview...",
and puts a lead-in in front of each, as job postings and role descriptions
do ("You will track...", "The project manager will track..."). For each
lead-in it prints how many verdicts changed and the accuracy against the
writers' labels before and after. The Hypothesis properties in the tests
cover case, surrounding whitespace, bullet markers and closing punctuation,
which must never change a verdict; these rewrites may, and this measures
how much.

A second table puts collaboration lead-ins in front of the product and
project statements only ("Collaborate with engineering and design to
track..."): LABELING.md counts collaboration as shared only when nothing says
what it is for, so each of these keeps its label.

A third table turns every statement into a requirement, as the requirements
section of a posting words it ("Strong experience in tracking..."): by
LABELING.md a requirement that names role-specific work keeps that work's
label; so does a statement of the role's scope ("The role involves
tracking...").

A fourth table words every statement as a resume line, its verb in the past
tense ("Tracked...", "Led..."), for all of them and for those whose verb is
irregular: a resume line keeps the label of the duty it reports.

``--refit-purpose`` also refits the model (as ``training/build_model.py``
fits it, with the shipped model's temperature and ``shared`` bias shift)
with *purpose variants* added: a tenth of the corpus' product, project and
shared imperative statements, each led by one of PURPOSE_WAYS x
PURPOSE_PARTIES below and keeping its label. It prints both tables for the
refit too, and both models' figures on FILE (default
../shared/data/dev.jsonl). About a minute more.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "training"))

import build_model  # noqa: E402
from _common import DEV_FILE, at_least, read_jsonl, report_header, report_row  # noqa: E402
from independent_corpus import independent_rows  # noqa: E402

from rolelens import Classifier, default_classifier, evaluate  # noqa: E402

#: Lead-ins put in front of an imperative statement (whose first letter is lowered).
LEAD_INS = (
    "You will ",
    "You'll ",
    "In this role you will ",
    "Day to day, you will ",
    "Working closely with engineering, you will ",
    "Key responsibility: ",
    "Typical tasks: ",
    "Help ",
    "Ability to ",
    "Proven ability to ",
    "Must be able to ",
    "Candidates should be able to ",
    "You are expected to ",
    "We need you to ",
    "We are looking for someone to ",
    "The product manager will ",
    "The project manager will ",
    "The delivery manager will ",
    # Titles and wordings the shipped model's title variants do not use
    # (training/build_model.py, TITLE_LEAD_INS): does what it learned carry over?
    "Our senior project manager will ",
    "The programme manager is responsible to ",
    "The product owner will ",
    "The scrum master will ",
)

#: Collaboration lead-ins that say what the collaboration is for, put in front of
#: product and project statements.
PURPOSE_LEAD_INS = (
    "Work closely with stakeholders to ",
    "Collaborate with engineering and design to ",
    "Communicate with stakeholders to ",
    # Ways of working with others, and parties, that --refit-purpose's variants do
    # not use (PURPOSE_WAYS and PURPOSE_PARTIES).
    "Liaise with internal teams and suppliers to ",
    "Team up with sales and marketing to ",
    "Facilitate sessions with business stakeholders to ",
    "Work alongside the engineering leads to ",
    "Sync with the platform squad to ",
    "Join forces with colleagues in customer success to ",
)
#: The purpose variants of --refit-purpose: "<way> <party> to <statement>".
PURPOSE_WAYS = (
    "Work closely with",
    "Collaborate with",
    "Communicate with",
    "Partner with",
    "Work with",
    "Engage",
    "Coordinate with",
    "Meet regularly with",
    "Align with",
    "Consult",
    "Hold regular sessions with",
    "Build relationships with",
)
PURPOSE_PARTIES = (
    "stakeholders",
    "engineering and design",
    "cross-functional teams",
    "the wider team",
    "other departments",
    "operations and support",
    "finance and legal",
    "senior leadership",
    "subject matter experts",
    "data and analytics teams",
    "regional teams",
    "partners and vendors",
)

#: Requirement leads put in front of an imperative statement whose verb becomes a
#: gerund ("Strong experience in " and "Track the plan" give "Strong experience in
#: tracking the plan"): LABELING.md gives such a requirement its duty's label. The
#: last has no link word, which the classifier needs to set a lead aside.
REQUIREMENT_LEAD_INS = (
    "Experience in ",
    "Strong experience in ",
    "Proven track record of ",
    "Skilled at ",
    "Demonstrable experience of ",
    "Hands-on experience with ",
    "Comfortable with ",
    "5+ years of experience in ",
    "At least 3 years' experience ",
    "Knowledge of ",
    "Understanding of ",
    "The role involves ",
    "Experience ",
)


#: Past forms of irregular verbs, for resume lines: more than rolelens itself
#: reads as their verb (it leaves out forms that are also common nouns), and those
#: unchanged in the past tense, which no row of the irregular table holds.
def _forms(pairs: str) -> dict[str, str]:
    """``{"lead": "led", ...}`` of ``"lead/led ..."``."""
    forms: dict[str, str] = {}
    for pair in pairs.split():
        verb, _, done = pair.partition("/")
        forms[verb] = done
    return forms


PAST_FORMS = _forms(
    """
    lead/led run/ran build/built drive/drove write/wrote make/made take/took
    keep/kept hold/held bring/brought seek/sought grow/grew choose/chose speak/spoke
    win/won begin/began oversee/oversaw undertake/undertook teach/taught meet/met
    spend/spent sell/sold understand/understood give/gave draw/drew send/sent
    tell/told stand/stood break/broke fight/fought withdraw/withdrew foresee/foresaw
    become/became come/came hear/heard rebuild/rebuilt rewrite/rewrote
    overcome/overcame think/thought find/found pay/paid see/saw leave/left feel/felt
    get/got go/went know/knew say/said buy/bought catch/caught feed/fed lay/laid
    do/did have/had mean/meant set/set put/put cut/cut forecast/forecast
    spread/spread split/split read/read shut/shut bid/bid upset/upset
    broadcast/broadcast let/let hit/hit cost/cost reset/reset offset/offset
"""
)
_VOWELS = "aeiou"
# Verbs of two syllables that double their last consonant all the same.
_DOUBLING = frozenset(["commit", "submit", "admit", "refer", "control", "patrol", "equip"])

Rows = list[tuple[str, str]]


def gerund(verb: str) -> str:
    """The "-ing" form of an English verb by the spelling rules, lower-cased: "plan"
    gives "planning", "scope" "scoping", "tie" "tying", "lead" "leading". Rough
    for irregular spellings, which only blur the measurement a little."""
    verb = verb.lower()
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    groups = sum(
        1 for i, c in enumerate(verb) if c in _VOWELS and (i == 0 or verb[i - 1] not in _VOWELS)
    )
    short = len(verb) <= 4 and groups == 1
    cvc = (
        len(verb) >= 3
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    )
    if cvc and (short or verb in _DOUBLING):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def past(verb: str) -> str:
    """The past tense of an English verb, lower-cased: irregular ones from
    PAST_FORMS, the rest by the spelling rules ("plan" gives "planned", "scope"
    "scoped", "identify" "identified", "set" "set")."""
    verb = verb.lower()
    if verb in PAST_FORMS:
        return PAST_FORMS[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    doubled = gerund(verb)[:-3]  # "plann" of "planning"; "-ing" forms double as "-ed" do
    if len(doubled) > len(verb):
        return doubled + "ed"
    return verb + "ed"


def in_past(_lead: str, text: str) -> str:
    """``text`` as a resume line: its first word in the past tense. "Plan the
    release" gives "Planned the release", "Lead the review" "Led the review"."""
    verb, _, rest = text.partition(" ")
    done = past(verb)
    return f"{done[:1].upper()}{done[1:]} {rest}"


def required(lead: str, text: str) -> str:
    """``text`` as a requirement: ``lead``, its first word as a gerund, the rest.
    "Skilled at " and "Plan the release" give "Skilled at planning the release"."""
    verb, _, rest = text.partition(" ")
    return f"{lead}{gerund(verb)} {rest}"


def purpose_variants(rows: Rows, share: float = 0.1) -> Rows:
    """For about ``share`` of the product, project and shared imperative statements
    of ``rows``, the statement led by a way of working with a party, with its label."""
    leads = tuple(f"{way} {party} to " for way in PURPOSE_WAYS for party in PURPOSE_PARTIES)
    sided = frozenset(["product", "project", "shared"])
    return build_model.lead_in_variants(rows, leads, share, labels=sided, salt=b"purpose:")


Rewrite = Callable[[str, str], str]


def _changes(
    model: Classifier, rows: Rows, before: list[str], lead: str, rewrite: Rewrite
) -> tuple[float, float]:
    """The share of verdicts ``lead`` changes, and the accuracy with it."""
    changed = correct = 0
    for (text, label), was in zip(rows, before, strict=True):
        now = model.classify(rewrite(lead, text)).label.value
        changed += now != was
        correct += now == label
    return changed / len(rows), correct / len(rows)


def _table(
    model: Classifier,
    rows: Rows,
    leads: tuple[str, ...],
    what: str,
    rewrite: Rewrite = build_model.led_by,
) -> None:
    if not rows:  # a small --limit may leave none (product and project ones, say)
        print(f"\nno {what}: nothing to measure")
        return
    before = [model.classify(text).label.value for text, _label in rows]
    right = sum(p == label for p, (_t, label) in zip(before, rows, strict=True))
    print(f"\n{len(rows)} {what} (accuracy as written: {right / len(rows):.3f})")
    print(f"{'lead-in':<54} {'changed':>8} {'accuracy':>9}")
    for lead in leads:
        changed, accuracy = _changes(model, rows, before, lead, rewrite)
        print(f"{lead!r:<54} {changed:>8.3f} {accuracy:>9.3f}")


def _tables(model: Classifier, rows: Rows) -> None:
    _table(model, rows, LEAD_INS, "imperative statements of training/independent")
    sided = [row for row in rows if row[1] in ("product", "project")]
    _table(model, sided, PURPOSE_LEAD_INS, "product and project statements among them")
    what = "imperative statements as requirements (or scopes), the verb a gerund"
    _table(model, rows, REQUIREMENT_LEAD_INS, what, required)
    resume = "imperative statements as resume lines"
    _table(model, rows, ("(the verb in the past tense)",), resume, in_past)
    verbs = [row[0].partition(" ")[0].lower() for row in rows]
    irregular = [
        row for row, verb in zip(rows, verbs, strict=True) if PAST_FORMS.get(verb, verb) != verb
    ]
    what = "of those with an irregular verb, as resume lines"
    _table(model, irregular, ("(the verb in the past tense)",), what, in_past)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--limit", type=at_least(1), default=6000, help="statements (default 6000)")
    parser.add_argument(
        "--refit-purpose",
        nargs="?",
        const=DEV_FILE,
        type=Path,
        metavar="FILE",
        help="also refit with purpose variants and measure both models on FILE",
    )
    args = parser.parse_args()
    # Read first: a mistyped FILE, or a bad line in it, is said before the minutes of
    # tables and refitting, not after them.
    examples = (
        None
        if args.refit_purpose is None
        else [(r["text"], r["label"]) for r in read_jsonl(args.refit_purpose)]
    )
    model = default_classifier()
    corpus = build_model.corpus()
    independent = independent_rows(corpus)
    rows = [(text, label) for text, label in independent if build_model.imperative(text)]
    rows = rows[: args.limit]
    print("shipped model")
    _tables(model, rows)
    if examples is None:
        return
    extra = purpose_variants(corpus)
    refit = build_model.refitter(model, corpus)(corpus + extra)
    print(f"\nrefit with {len(extra)} purpose variants added to the corpus")
    _tables(refit, rows)
    print(f"\n{args.refit_purpose} ({len(examples)} statements)")
    print(report_header())
    print(report_row("shipped model", evaluate(model, examples)))
    print(report_row("refit with purpose variants", evaluate(refit, examples)))


if __name__ == "__main__":
    main()

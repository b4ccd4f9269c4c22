"""Fitting a classifier to labeled statements, in pure Python.

Theory of operation
-------------------
The model is multinomial logistic regression over the classifier's cues
plus word unigrams and bigrams seen in at least ``min_count`` training
statements. Every weight starts from the classifier being fitted (the
built-in lexicon, or an earlier fit) and L2 regularisation pulls it back
toward that start, so a few dozen examples adjust the default rather than
replace it. Optimisation is stochastic gradient descent with per-feature
AdaGrad step sizes over a seeded shuffle, averaged over the later epochs;
the same seed and examples always give the same classifier.

Learned n-grams become ordinary cues (with no dimension), so every feature
that fires still shows in a verdict's evidence with its contribution.
Features whose learned weights stay negligible are pruned to keep the model
small and fast.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Callable, Iterable, Mapping

import attrs

from rolelens._checks import must_be, real_number, shown_int, type_name, whole_number
from rolelens.classifier import (
    MIX_KEYS,
    SKIP_REACH,
    START,
    STATEMENT_TAG,
    Classifier,
    _holds_colon,
    _label_end,
    opening,
)
from rolelens.errors import ArgumentError, FitError
from rolelens.examples import Example, as_examples
from rolelens.labels import LABELS
from rolelens.lexicon import RESERVED_WORDS, Cue, Lexicon
from rolelens.text import STOPWORDS, tokenize

__all__ = ["STOPWORDS", "calibrate", "fit"]


def _candidate_ngrams(text: str, tokens: list[tuple[str, int, int]]) -> dict[str, str]:
    """Unigram and bigram keys of a statement, each with a surface form that stems to it."""
    stems = [t[0] for t in tokens]
    words = [text[s:e].lower() for _k, s, e in tokens]
    grams: dict[str, str] = {key: key for key in MIX_KEYS}
    if stems:
        label = 0  # after a label ("Key duty: track..."), as classification reads it
        if _holds_colon(text):
            label = _label_end(text, [cut for _k, s, e in tokens for cut in (s, e)], len(stems))
        first = opening(stems, label)
        grams[f"{START} {stems[first]}"] = f"{START} {words[first]}"
    previous = -1
    for i, s in enumerate(stems):
        if s in RESERVED_WORDS:
            # A statement holding the word "xxstart" would give the n-gram "xxstart own",
            # the key of an opening-word feature: no n-gram starts with it.
            continue
        if s not in STOPWORDS:
            # Content words a few stopwords apart: "coach [the] organization".
            if previous >= 0 and 1 < i - previous <= SKIP_REACH:
                grams.setdefault(f"{stems[previous]} {s}", f"{words[previous]} {words[i]}")
            previous = i
        if s not in STOPWORDS and not s.isdigit():
            grams.setdefault(s, words[i])
        if i + 1 < len(stems):
            t = stems[i + 1]
            if not (s in STOPWORDS and t in STOPWORDS):
                grams.setdefault(f"{s} {t}", f"{words[i]} {words[i + 1]}")
    return grams


def _tags(gram: str) -> tuple[str, ...]:
    return (STATEMENT_TAG,) if gram in MIX_KEYS else ()


def _learned_cue(gram: str, form: str) -> Cue | None:
    """The cue learned for the n-gram ``gram``, shown as ``form``, words seen in training.

    Its key must be ``gram``, the n-gram counted and trained. A character that is
    one word in ``form`` but several stems ("½" reads as "1 2") keys ``form``
    otherwise ("plan ½" as "plan 1 2"): the cue is then shown as ``gram``'s stems,
    and an n-gram that neither reads back as is not learned.
    """
    for phrase in (form, gram):
        cue = Cue(phrase, (0.0, 0.0, 0.0, 0.0), tags=_tags(gram))
        if cue.key == gram:
            return cue
    return None


def _check_settings(
    *, epochs: object, min_count: object, learning_rate: object, l2: object, prune: object
) -> tuple[int, int, float, float, float]:
    """The settings as plain ints and floats: ``TypeError`` naming the first of the
    wrong type (a str, a bool, a float for a count), ``FitError`` naming the first
    whose value no fit can use."""
    # Checked before any work: a NaN rate or a negative pull would otherwise
    # surface, much later, as weights the lexicon refuses.
    counts: list[int] = []
    numbers: list[float] = []
    for name, count in (("epochs", epochs), ("min_count", min_count)):
        whole = whole_number(count, name)  # NumPy's ints too, as Classifier takes them
        if whole < 1:
            raise FitError(f"{name} must be a whole number of at least 1, got {shown_int(whole)}")
        counts.append(whole)
    for name, value, above_zero in (
        ("learning_rate", learning_rate, True),
        ("l2", l2, False),
        ("prune", prune, False),
    ):
        shown = None
        try:
            number = real_number(value, name)
        except ArgumentError:  # too large for a float (10**400): said so, not its 400 digits
            number = math.nan
            shown = "a number too large"
        ok = math.isfinite(number) and (number > 0 if above_zero else number >= 0)
        if not ok:
            bound = "above 0" if above_zero else "of at least 0"
            shown = shown or repr(value)
            raise FitError(f"{name} must be a finite number {bound}, got {shown}")
        numbers.append(number)
    return counts[0], counts[1], numbers[0], numbers[1], numbers[2]


#: The largest weight or bias a classifier holds (a Cue refuses any larger).
_MAX_WEIGHT = 1e6


def _check_converged(values: tuple[float, ...], *, learning_rate: float, l2: float) -> None:
    """FitError when learned ``values`` ran off past the largest weight (or to NaN).

    A large ``learning_rate``, or an ``l2`` pull so strong that each step overshoots
    it, makes the descent diverge; the lexicon then refused the weights with an
    ``ArgumentError`` about cue weights, naming neither the fit nor its settings.
    """
    if all(abs(v) <= _MAX_WEIGHT for v in values):  # False for NaN too
        return
    raise FitError(
        "training diverged: a learned weight grew past 1e6 in size "
        f"(learning_rate={learning_rate!r}, l2={l2!r}); use a smaller learning_rate or l2"
    )


def checked_seed(seed: object) -> int:
    """``seed`` as an int of at least 0: ``TypeError`` naming it when it is no int,
    ``FitError`` when it is negative."""
    # random.Random(None) seeds from the clock, and Random(-5) drops the sign:
    # either would quietly give another run's classifier than the seed says.
    whole = whole_number(seed, "seed")
    if whole < 0:
        shown = whole if whole > -(10**20) else "a large negative number"  # str() limits digits
        raise FitError(f"seed must be a whole number of at least 0, got {shown}")
    return whole


def _validate(examples: list[Example]) -> None:
    _validate_labels(bytearray(LABELS.index(e.label) for e in examples))


def _validate_labels(golds: bytearray) -> None:
    """FitError unless ``golds`` (label indexes, one per example) hold two labels or more."""
    if not golds:
        raise FitError("no examples to fit on")
    if golds.count(golds[0]) == len(golds):
        only = LABELS[golds[0]].value
        raise FitError(f"all examples have the label {only!r}; fitting needs at least two labels")


def fit(
    classifier: Classifier,
    examples: Iterable[Example | tuple[str, str] | list[str] | Mapping[str, str]],
    *,
    seed: int = 0,
    epochs: int = 6,
    learning_rate: float = 0.5,
    l2: float = 0.002,
    min_count: int = 2,
    prune: float = 0.05,
    fit_bias: bool = True,
    progress: Callable[[int, int], object] | None = None,
) -> Classifier:
    """Return a new classifier fitted to ``examples``, starting from ``classifier``.

    ``examples`` are :class:`~rolelens.examples.Example` values,
    ``(text, label)`` pairs (tuples or two-item lists) or mappings with
    ``text`` and ``label`` keys. ``l2`` is the pull toward the starting weights,
    ``min_count`` the number of statements an n-gram must appear in to
    become a feature, ``prune`` the smallest learned weight spread a new
    n-gram must reach to be kept; ``fit_bias=False`` keeps the starting
    bias, so every label must be earned by evidence. ``progress``, if given, is called with
    ``(0, epochs)`` once the examples are read into features and the first
    epoch begins, then with ``(epoch, epochs)`` after each epoch.

    Raises :class:`~rolelens.errors.FitError` naming the example when an
    example is not text, its text is empty (or only white space) or it has an
    unknown label, or when there are no examples or only one label; and naming
    the setting when ``epochs`` or
    ``min_count`` is less than 1, ``learning_rate`` not a finite number above
    0, ``l2`` or ``prune`` not a finite number of at least 0, or ``seed``
    negative; and when training diverges (a ``learning_rate`` or ``l2`` so
    large that a learned weight grows past 1e6 in size or to NaN). A setting
    of the wrong type raises ``TypeError`` naming it and the type: ``epochs``,
    ``min_count`` or ``seed`` that is no int (a str, a float, a bool),
    ``learning_rate``, ``l2`` or ``prune`` that is no number (a str, a bool),
    ``fit_bias`` that is no bool, ``progress`` neither callable nor ``None``,
    or a ``classifier`` that is not a :class:`~rolelens.classifier.Classifier`.
    """
    must_be(classifier, Classifier, "classifier")
    epochs, min_count, learning_rate, l2, prune = _check_settings(
        epochs=epochs, min_count=min_count, learning_rate=learning_rate, l2=l2, prune=prune
    )
    seed = checked_seed(seed)
    if not isinstance(fit_bias, bool):
        raise TypeError(f"fit_bias must be a bool, got {type_name(fit_bias, 'bool')}")
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable or None, got {type(progress).__name__}")
    # Each example is kept as its text and its label's index (a byte), no more: the
    # texts are read twice (for n-grams, then for features), the labels in every epoch.
    texts: list[str] = []
    golds = bytearray()
    for example in as_examples(examples):
        texts.append(example.text)
        golds.append(LABELS.index(example.label))
    _validate_labels(golds)

    # 1. Vocabulary: existing cues first (their order is kept), then new n-grams.
    # Every distinct n-gram seen is one dict entry (to an id) and two array slots: the
    # number of statements it is in, and the first of them, which gives its surface
    # form (the first seen) again when it is kept, without holding a form for each.
    gram_id: dict[str, int] = {}
    doc_freq = array("q")
    first_row = array("q")
    for row, text in enumerate(texts):
        for gram in _candidate_ngrams(text, tokenize(text)):
            f = gram_id.get(gram)
            if f is None:
                gram_id[gram] = len(doc_freq)
                doc_freq.append(1)
                first_row.append(row)
            else:
                doc_freq[f] += 1
    known = classifier.lexicon.by_key()
    learned = sorted(
        gram for gram, f in gram_id.items() if doc_freq[f] >= min_count and gram not in known
    )
    in_row: dict[int, list[str]] = {}
    for gram in learned:
        in_row.setdefault(first_row[gram_id[gram]], []).append(gram)
    del gram_id, doc_freq, first_row
    surface: dict[str, str] = {}
    for row, grams in in_row.items():
        forms = _candidate_ngrams(texts[row], tokenize(texts[row]))
        for gram in grams:
            surface[gram] = forms[gram]
    del in_row
    new_cues = [cue for gram in learned if (cue := _learned_cue(gram, surface[gram])) is not None]
    del learned, surface
    base_cues = list(known.values())
    all_cues = base_cues + new_cues
    work = Classifier(Lexicon(tuple(all_cues)), bias=classifier.bias)
    feature_id = {cue.key: i for i, cue in enumerate(all_cues)}

    # 2. Features per example, exactly as classification will see them: the ids of
    # all examples in one flat array, example r's from ends[r] to ends[r + 1].
    flat = array("i")
    ends = array("q", [0])
    for text in texts:
        flat.extend(
            [
                feature_id[entry[5]]
                for _i, _j, _kind, entry, negated in work._match(text, subjects=False)[0]
                if not negated
            ]
        )
        ends.append(len(flat))
    n_rows = len(texts)
    del texts, work, feature_id

    # 3. SGD with AdaGrad, L2 toward the prior, averaged over the second half.
    prior = [list(cue.weights) for cue in all_cues]
    weights = [list(w) for w in prior]
    bias = list(classifier.bias)
    grad_sq = [1.0] * len(all_cues)  # a floor keeps early steps bounded
    bias_sq = 1.0
    sums = [[0.0] * 4 for _ in all_cues]
    bias_sum = [0.0] * 4
    averaged = 0
    rng = random.Random(seed)
    order = array("q", range(n_rows))  # shuffled as a list of the same numbers would be
    exp = math.exp
    sqrt = math.sqrt
    if progress is not None:
        progress(0, epochs)  # the statements are read: the epochs begin
    for epoch in range(epochs):
        rng.shuffle(order)
        for r in order:
            feats = flat[ends[r] : ends[r + 1]].tolist()
            z = bias[:]
            for f in feats:
                w = weights[f]
                z[0] += w[0]
                z[1] += w[1]
                z[2] += w[2]
                z[3] += w[3]
            top = max(z)
            e = [exp(v - top) for v in z]
            total = e[0] + e[1] + e[2] + e[3]
            g = [e[0] / total, e[1] / total, e[2] / total, e[3] / total]
            g[golds[r]] -= 1.0
            g0, g1, g2, g3 = g
            gnorm = g0 * g0 + g1 * g1 + g2 * g2 + g3 * g3
            if fit_bias:
                bias_sq += gnorm
                step = learning_rate / sqrt(bias_sq)
                bias[0] -= step * g0
                bias[1] -= step * g1
                bias[2] -= step * g2
                bias[3] -= step * g3
            for f in feats:
                grad_sq[f] += gnorm
                step = learning_rate / sqrt(grad_sq[f])
                w = weights[f]
                p = prior[f]
                w[0] -= step * (g0 + l2 * (w[0] - p[0]))
                w[1] -= step * (g1 + l2 * (w[1] - p[1]))
                w[2] -= step * (g2 + l2 * (w[2] - p[2]))
                w[3] -= step * (g3 + l2 * (w[3] - p[3]))
        if epoch >= epochs // 2:
            averaged += 1
            for f, w in enumerate(weights):
                s = sums[f]
                s[0] += w[0]
                s[1] += w[1]
                s[2] += w[2]
                s[3] += w[3]
            for k in range(4):
                bias_sum[k] += bias[k]
        if progress is not None:
            progress(epoch + 1, epochs)
    del flat, ends, golds, order, prior, weights, grad_sq  # freed before the model is built

    # 4. Back to cues: keep every prior cue, prune negligible new n-grams.
    fitted: list[Cue] = []
    for f, cue in enumerate(all_cues):
        # Six decimals: a fitted model saves compactly, and float noise decides nothing.
        mean_w = tuple(round(v / averaged, 6) + 0.0 for v in sums[f])
        _check_converged(mean_w, learning_rate=learning_rate, l2=l2)
        if f >= len(base_cues) and max(mean_w) - min(mean_w) < prune:
            continue
        fitted.append(Cue(cue.phrase, mean_w, cue.dimension, cue.tags, cue.side))
    del sums, all_cues, new_cues
    mean_bias = tuple(round(v / averaged, 6) + 0.0 for v in bias_sum)
    _check_converged(mean_bias, learning_rate=learning_rate, l2=l2)
    return Classifier(
        Lexicon(tuple(fitted)),
        bias=mean_bias,
        min_evidence=classifier.min_evidence,
        shared_floor=classifier.shared_floor,
        temperature=classifier.temperature,
    )


def _check_candidates(candidates: Iterable[float]) -> list[float]:
    """The temperatures of ``calibrate(candidates=...)``: ``TypeError`` when they, or
    one of them, are of the wrong type, FitError naming a value out of range."""
    given: object = candidates
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise TypeError(
            f"candidates must be an iterable of temperatures to try, got {type(given).__name__}"
        )
    temperatures = []
    for value in given:
        try:
            number = real_number(value, "each of candidates")
        except ArgumentError as exc:
            raise FitError(f"{exc} ({value!r:.40})") from None
        if not 0.05 <= number <= 100.0:
            raise FitError(f"each of candidates must lie in [0.05, 100], got {value!r}")
        temperatures.append(number)
    if not temperatures:
        raise FitError("candidates is empty: give at least one temperature to try")
    return temperatures


def calibrate(
    classifier: Classifier,
    examples: Iterable[Example | tuple[str, str] | list[str] | Mapping[str, str]],
    *,
    candidates: Iterable[float] = (0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0),
) -> Classifier:
    """Return ``classifier`` with the temperature that minimises log loss on ``examples``.

    Use held-out examples (for instance cross-validation predictions), not the
    ones the classifier was fitted on, or the fit looks more certain than it is.
    ``candidates`` are the temperatures tried (each a number from 0.05 to 100);
    the one with the lowest loss is kept, the first of equal ones. Only the
    temperature changes: the cues, bias and thresholds are ``classifier``'s.

    Raises :class:`~rolelens.errors.FitError` when ``candidates`` is empty or
    holds a number out of that range, and, as :func:`fit` does, for
    examples that are not usable or hold fewer than two labels. ``candidates``
    that are no iterable of numbers (a str, ``1.5``, ``["1.0"]``), or a
    ``classifier`` that is not a :class:`~rolelens.classifier.Classifier`,
    raise ``TypeError``.
    """
    must_be(classifier, Classifier, "classifier")
    temperatures = _check_candidates(candidates)
    data = list(as_examples(examples))
    _validate(data)
    best, best_loss = classifier.temperature, math.inf
    for temperature in temperatures:
        model = attrs.evolve(classifier, temperature=temperature)  # compiles once per candidate
        loss = 0.0
        for example in data:
            p = model.classify(example.text).score(example.label)
            loss -= math.log(max(p, 1e-12))
        if loss < best_loss:
            best, best_loss = temperature, loss
    return attrs.evolve(classifier, temperature=best)

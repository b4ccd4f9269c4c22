/*
 * rolelens._speedups: the classifier's matching pass, in C, for statements
 * whose normalised text is ASCII.
 *
 * An optional accelerator. rolelens/classifier.py holds the reference
 * implementation (Classifier._match, _settle, _evidence) and uses it whenever
 * this module is missing, a statement's normalised text is not ASCII, or
 * ROLELENS_PURE_PYTHON is set. This file follows that code step by step and
 * must give the same verdicts to the last bit: the weights are summed in the
 * same order and the softmax uses the same libm exp(). tests/test_speedups.py
 * checks the two against each other on generated and hostile text.
 *
 * It also makes the Verdict and writes what is read from one without building
 * its evidence: the Evidence tuples, Verdict.explain(), the command line's JSON
 * line, and the posting report's JSON statements and HTML rows.
 *
 * And it reads plain text into statements (text_statements, at the end): the
 * line loop of rolelens/statements.py's _text_statements and its common case,
 * calling back into that module for the rest. Statements are tested the same way
 * in tests/test_speedups_statements.py.
 *
 * Everything is linear in the statement: one pass to tokenise, a few lookups in
 * the context's own hash tables per token, a sort of the hits that is linear for
 * them. Every Python object kept between calls is owned by the context capsule;
 * the only state that changes is caches filled while holding the GIL and never
 * held across a call into Python (each lower-case word's stem number, emptied
 * when it reaches 200,000 words; each cue's JSON and gloss in the context; the
 * repr of recently written floats in a static table; the scores tuples made
 * last, which verdicts with the same scores share), so threads may share a
 * classifier. Every index read from an argument is checked before use. The
 * posting report's writers may also hand what they have made so far to a
 * sink, a write() the caller passes (statements_json, statement_json_to): a
 * call into Python in the middle of theirs, with the statements being written
 * held.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A cache hint where the compiler has one (GCC, Clang); nothing elsewhere (MSVC,
   where the builtin is unknown and would fail the build, so the extension was
   never built there and rolelens silently ran the pure-Python reference). */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address, rw) __builtin_prefetch((address), (rw))
#else
#define PREFETCH(address, rw) ((void)0)
#endif

/* Slots of a context's table of recent scores tuples (see shared_scores). */
#define SCORES_SLOTS 1024

/* Letters and digits of ASCII: the characters of a token. */
static const unsigned char WORD_CHAR[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
    ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,
    ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
};

#define NGRAM 0
#define PAIR 1
#define OTHER 3

/* A row's Evidence tails: one per label, then the negated one, the means one (a
 * cue set aside because the statement gives the purpose of its collaboration) and
 * the subject one (a cue of the subject before "will"). A hit's aside field (0
 * counted, 1 negated, 2 means, 3 subject) picks the last three. */
#define N_TAILS 7
#define TAIL_OF(aside, best) ((aside) ? 3 + (aside) : (best))

/* One cue's numbers, copied out of its entry tuple into one contiguous array:
 * reading them through the tuple and its float objects chased six pointers per
 * cue found, and that was a fifth of the time. */
typedef struct {
    double weights[4];
    double centred[4];
    long side;
    /* Its Evidence tails (shown, label index, dimension, tags, contribution): one
     * per label, then the negated one and the means one (see N_TAILS); borrowed
     * from the context's entries. */
    PyObject *tails[N_TAILS];
    /* The Label object of each tail, borrowed from the context's labels. */
    PyObject *labels[N_TAILS];
    /* Each tail as JSON (see evidence_json), made on first use; owned. */
    PyObject *tail_json[N_TAILS];
    /* (dimension, Label) of the cue, or NULL if it speaks to no dimension; owned. */
    PyObject *dimension_cue;
    /* For explain(): each tail's contribution, whether it is a statement-level
     * feature (tagged "statement", rolelens.classifier.STATEMENT_TAG), and the
     * gloss of the cue's dimension for each verdict label, made on first use
     * (owned). */
    double contribution[N_TAILS];
    char statement_level[N_TAILS];
    PyObject *gloss[4];
    /* For highlight_into(): whether each tail is tagged "negated". For
     * statement_json(): each tail's three constant pieces, made on first use
     * (owned). */
    char negated_tag[N_TAILS];
    PyObject *pretty[N_TAILS];
} Row;

/* --- Owned hash tables -------------------------------------------------------
 *
 * The matcher used to look every token, pair and prefix up in Python dicts and
 * sets: a new str per token, a tuple hash per pair, some seven lookups per
 * token and two thirds of the pass. The context now numbers every stem the
 * lexicon and the word lists know (its "vocabulary"), and keeps in C:
 *   - vocab: stem (UTF-8) -> its number, fixed once built;
 *   - surface: lower-case word as written -> the number of its stem (0 when the
 *     stem is in no table), filled on first sight through rolelens.text.stem
 *     and cleared when full, like the Python stem cache;
 *   - seqs: a phrase's stem numbers -> its cue's row, and whether the sequence
 *     begins a longer phrase;
 * and, by stem number, the word lists' flags and the one-word and opening-word
 * cues. Tables are open-addressed (linear probing, at most half full). */

#define VOCAB_STOP 1
#define VOCAB_NEGATOR 2
#define VOCAB_RELEASE 4
#define VOCAB_CLAUSE 8
#define VOCAB_LEAD 16 /* leads a collaboration ("work", "partner") */
#define VOCAB_LINK 32 /* links it to its party ("with", "across") */
#define VOCAB_TO 64   /* may start its purpose ("to") */
#define VOCAB_PREAMBLE 128 /* may come before the duty ("to", "will"): not the opening word */
#define VOCAB_SUBJECT 256  /* a subject skipped before a preamble word ("you" will) */
#define VOCAB_PURPOSE_STOP 512 /* after "to", says it starts no purpose ("to the") */
#define VOCAB_MODAL 1024         /* ends a subject that opens a statement ("will") */
#define VOCAB_SUBJECT_BREAK 2048 /* in a subject, makes it the duty's own words ("how") */
#define VOCAB_PASSIVE 4096       /* after the modal, says there is no subject ("be") */
#define VOCAB_QUALIFIER 8192     /* may open a requirement's lead ("strong" experience in) */
#define VOCAB_REQUIREMENT 16384  /* heads it ("experience") */
#define VOCAB_REQUIREMENT_LINK 32768 /* ends it ("in") */
#define VOCAB_DURATION 65536 /* may open a requirement's duration ("5" years of) */
#define VOCAB_TIME_UNIT 131072 /* makes it one ("years") */
#define VOCAB_ABLE_MODAL 262144 /* before "be able to", ends a subject ("should") */
#define VOCAB_SCOPE 524288 /* may name the job before its scope verb ("the role") */
#define VOCAB_SCOPE_VERB 1048576 /* ends such a subject ("involves") */
#define VOCAB_ABLE 2097152 /* between "be" and "to" ends a subject ("able", "expected") */
#define VOCAB_BE 4194304 /* before such a word, without a modal ("is", "are") */
#define VOCAB_YOU 8388608 /* before "to", ends a subject ("We need you to") */
#define VOCAB_ASKER 16777216 /* opens such a subject ("we", "the") */
#define VOCAB_SCOPE_NOUN 33554432 /* names the job among VOCAB_SCOPE words ("role") */

/* As rolelens.classifier._LABEL_REACH: the words a label before a colon may have. */
#define LABEL_REACH 2

/* As rolelens.text._STEM_CACHE_LIMIT: bounds memory on endless vocabularies. */
#define SURFACE_LIMIT 200000

/* A key in a table: its hash, where its bytes lie in the table's pool, and what
 * it maps to. */
typedef struct {
    uint64_t hash;           /* never 0 in a used slot */
    uint32_t offset, length; /* the key: length items at byte offset in the pool */
    int32_t value;           /* a stem number, or a phrase's row (-1: only a prefix) */
    int32_t prefix;          /* for phrases: 1 if a longer phrase begins with it */
} Slot;

/* Keys of one item size: bytes (words and stems) or uint32 (stem numbers). */
typedef struct {
    Slot *slots;
    size_t mask; /* capacity - 1, a power of two */
    size_t count;
    char *pool;
    size_t pool_size, pool_capacity; /* in bytes */
} Table;

static inline uint64_t
hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h | 1;
}

static inline uint64_t
hash_ids(const uint32_t *ids, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ ids[i]) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    return h | 1;
}

/* The slot of the key (n items of item bytes), or NULL. */
static inline const Slot *
table_find(const Table *t, const void *key, size_t n, size_t item, uint64_t h)
{
    if (t->slots == NULL) {
        return NULL;
    }
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        const Slot *slot = &t->slots[i];
        if (slot->hash == 0) {
            return NULL;
        }
        if (slot->hash == h && slot->length == n &&
            memcmp(t->pool + slot->offset, key, n * item) == 0) {
            return slot;
        }
    }
}

/* Adds a key that is not in the table, growing the pool and, past half full,
 * the slots (rehashed); returns its slot (valid until the next add), or NULL
 * with MemoryError. */
static Slot *
table_add(Table *t, const void *key, size_t n, size_t item, uint64_t h, int32_t value)
{
    size_t bytes = n * item;
    if (t->pool_size + bytes > UINT32_MAX) {
        PyErr_NoMemory();
        return NULL;
    }
    if (t->pool_size + bytes > t->pool_capacity) {
        size_t capacity = t->pool_capacity ? t->pool_capacity : 4096;
        while (capacity < t->pool_size + bytes) {
            capacity *= 2;
        }
        char *pool = PyMem_Realloc(t->pool, capacity);
        if (pool == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        t->pool = pool;
        t->pool_capacity = capacity;
    }
    if (t->slots == NULL || 2 * (t->count + 1) > t->mask + 1) {
        size_t capacity = t->slots ? 2 * (t->mask + 1) : 256;
        Slot *slots = PyMem_Calloc(capacity, sizeof(Slot));
        if (slots == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        for (size_t k = 0; t->slots != NULL && k <= t->mask; k++) {
            if (t->slots[k].hash) {
                size_t i = t->slots[k].hash & (capacity - 1);
                while (slots[i].hash) {
                    i = (i + 1) & (capacity - 1);
                }
                slots[i] = t->slots[k];
            }
        }
        PyMem_Free(t->slots);
        t->slots = slots;
        t->mask = capacity - 1;
    }
    size_t i = h & t->mask;
    while (t->slots[i].hash) {
        i = (i + 1) & t->mask;
    }
    memcpy(t->pool + t->pool_size, key, bytes);
    t->slots[i] = (Slot){h, (uint32_t)t->pool_size, (uint32_t)n, value, 0};
    t->pool_size += bytes;
    t->count++;
    return &t->slots[i];
}

static inline const Slot *
str_find(const Table *t, const char *s, size_t n, uint64_t h)
{
    return table_find(t, s, n, 1, h);
}

static inline const Slot *
seq_find(const Table *t, const uint32_t *ids, size_t n)
{
    return table_find(t, ids, n, sizeof(uint32_t), hash_ids(ids, n));
}

/* The slot of the phrase ids, added (row -1, not a prefix) if missing; NULL on failure. */
static Slot *
seq_slot(Table *t, const uint32_t *ids, size_t n)
{
    const Slot *found = seq_find(t, ids, n);
    if (found != NULL) {
        return (Slot *)found;
    }
    return table_add(t, ids, n, sizeof(uint32_t), hash_ids(ids, n), -1);
}

static void
table_clear(Table *t)
{
    if (t->slots != NULL) {
        memset(t->slots, 0, (t->mask + 1) * sizeof(Slot));
    }
    t->count = 0;
    t->pool_size = 0;
}

static void
table_free(Table *t)
{
    PyMem_Free(t->slots);
    PyMem_Free(t->pool);
    memset(t, 0, sizeof *t);
}

/* What an Evidence item of a cue takes from its row when the cue is not negated,
 * in one cache line: the four tails of a row share their shown text, label,
 * dimension and tags and differ in the contribution. Building evidence reads one
 * of these per hit instead of the row, its tail tuple and the tuple's items one
 * after another, which left the caller of two worker processes waiting on memory
 * (it never scans, so none of it is in the cache). shown is NULL for a row whose
 * tails do not share them (the tails are read then). */
typedef struct {
    PyObject *shown, *label, *dimension, *tags; /* borrowed, as the tails */
    PyObject *contribution[4];
} Part;

_Static_assert(sizeof(Part) <= 64, "a Part fits one cache line");

/* Everything the matcher needs from a Classifier, kept alive by the capsule. */
/* How many characters beyond ASCII a PunctSet holds, at most. */
#define PUNCT_MORE 96

/* A set of punctuation characters: a table of the ASCII ones, and a list of
 * the others (the fullwidth, CJK, Arabic... marks of rolelens.classifier._MARK_OF). */
typedef struct {
    char ascii[128];
    Py_UCS4 more[PUNCT_MORE];
    int n_more;
} PunctSet;

typedef struct {
    PyObject *stem; /* callable: word -> stem (rolelens.text.stem) */
    Table vocab;   /* stem -> its number (1, 2, ...), fixed once built */
    Table surface; /* lower-case word -> its stem's number, or 0; a cache */
    Table seqs;    /* stem numbers of a phrase -> its row, prefix flag */
    uint32_t n_vocab;
    size_t vocab_capacity;
    uint32_t *flags;    /* by stem number: VOCAB_* bits */
    int32_t *word_row;  /* by stem number: the one-word cue's row, or -1 */
    int32_t *start_row; /* by stem number: the opening-word feature's row, or -1 */
    PyObject *mix;      /* tuple of 4: entry or None */
    PunctSet clause_punct;  /* characters that end a negation's scope */
    PunctSet purpose_break; /* ... and those that part a collaboration from "to" */
    PunctSet colons;        /* ... and those that may end a label */
    PunctSet commas;        /* ... and those that may end a frame ("Day to day,") */
    Py_ssize_t purpose_link_reach, purpose_reach;
    Py_ssize_t subject_reach; /* words a subject before a modal may have */
    Py_ssize_t requirement_reach; /* qualifiers a requirement's lead may have */
    Py_ssize_t duration_reach;    /* words its duration may have ("5+ years of") */
    Py_ssize_t scope_reach;       /* words naming the job before "involves" */
    Py_ssize_t frame_reach;       /* words a frame before ", you will" may have */
    uint32_t record, track, as; /* the stem numbers of "record", "track" and "as" */
    double bias[4];
    double temperature;
    double min_evidence;
    double shared_floor;
    Py_ssize_t max_cue_words;
    Py_ssize_t negation_reach;
    Row *rows; /* by the entry's position in the lexicon (entry[6]) */
    Py_ssize_t n_rows;
    Part *parts;       /* by the same position, 64-byte aligned, in parts_block */
    void *parts_block;
    PyObject *entries;       /* tuple: the compiled cues, which the rows point into */
    PyObject *labels;        /* tuple of the four Label members */
    char label_names[4][16]; /* their values, for jsonl_line */
    PyTypeObject *evidence;  /* the Evidence named tuple type */
    int evidence_plain;      /* laid out as a tuple: its items can be made directly */
    /* For verdict(), once bind_verdicts() has run: the Verdict class, its slots'
     * member descriptors and the unbuilt-evidence marker. */
    PyTypeObject *verdict;
    PyObject *verdict_slots[5];
    PyObject *unbuilt;
    PyObject *gloss; /* callable: (Label, dimension) -> str, for explain() */
    /* Recent scores tuples by their four values (see shared_scores): statements
     * with the same cues have the same scores, and a long posting repeats them. */
    PyObject *scores_seen[SCORES_SLOTS];
} Context;

typedef struct {
    Py_ssize_t first, last;
    int kind;
    int negated; /* set aside: 0 counted, 1 negated, 2 means, 3 subject (see N_TAILS) */
    const Row *row;
} Hit;

typedef struct {
    Hit *items;
    Py_ssize_t size, capacity;
} Hits;

static const char *CONTEXT_NAME = "rolelens._speedups.Context";

static void
context_clear(Context *ctx)
{
    Py_XDECREF(ctx->stem);
    table_free(&ctx->vocab);
    table_free(&ctx->surface);
    table_free(&ctx->seqs);
    PyMem_Free(ctx->flags);
    PyMem_Free(ctx->word_row);
    PyMem_Free(ctx->start_row);
    Py_XDECREF(ctx->mix);
    Py_XDECREF(ctx->entries);
    Py_XDECREF(ctx->labels);
    Py_XDECREF(ctx->evidence);
    Py_XDECREF(ctx->verdict);
    for (int k = 0; k < 5; k++) {
        Py_XDECREF(ctx->verdict_slots[k]);
    }
    Py_XDECREF(ctx->unbuilt);
    Py_XDECREF(ctx->gloss);
    for (int k = 0; k < SCORES_SLOTS; k++) {
        Py_XDECREF(ctx->scores_seen[k]);
    }
    for (Py_ssize_t k = 0; ctx->rows != NULL && k < ctx->n_rows; k++) {
        for (int t = 0; t < N_TAILS; t++) {
            Py_XDECREF(ctx->rows[k].tail_json[t]);
        }
        Py_XDECREF(ctx->rows[k].dimension_cue);
        for (int t = 0; t < 4; t++) {
            Py_XDECREF(ctx->rows[k].gloss[t]);
        }
        for (int t = 0; t < N_TAILS; t++) {
            Py_XDECREF(ctx->rows[k].pretty[t]);
        }
    }
    PyMem_Free(ctx->rows);
    PyMem_Free(ctx->parts_block);
    PyMem_Free(ctx);
}

static void
context_free(PyObject *capsule)
{
    Context *ctx = (Context *)PyCapsule_GetPointer(capsule, CONTEXT_NAME);
    if (ctx != NULL) {
        context_clear(ctx);
    }
}

/* Room for needed items of item_size bytes in the array data, whose capacity
 * doubles from initial: sets *moved to the (possibly moved) array and returns 0,
 * or returns -1 with MemoryError, data still valid. Every growing array here
 * (hits, characters, offsets) grows this way. */
static int
grow(void *data, Py_ssize_t *capacity, Py_ssize_t needed, size_t item_size,
     Py_ssize_t initial, void **moved)
{
    *moved = data;
    if (needed <= *capacity) {
        return 0;
    }
    Py_ssize_t size = *capacity ? *capacity : initial;
    while (size < needed) {
        size *= 2;
    }
    void *grown = PyMem_Realloc(data, (size_t)size * item_size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *moved = grown;
    *capacity = size;
    return 0;
}

/* callable(arg), which must return a str: a new reference, or NULL with an error. */
static PyObject *
call_for_str(PyObject *callable, PyObject *arg, const char *what)
{
    PyObject *result = PyObject_CallOneArg(callable, arg);
    if (result != NULL && !PyUnicode_Check(result)) {
        Py_DECREF(result);
        PyErr_Format(PyExc_TypeError, "%s must return a str", what);
        return NULL;
    }
    return result;
}

static int
read_doubles(PyObject *seq, double *out, Py_ssize_t n)
{
    if (!PyTuple_Check(seq) || PyTuple_GET_SIZE(seq) != n) {
        PyErr_SetString(PyExc_TypeError, "expected a tuple of 4 floats");
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        out[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(seq, k));
        if (out[k] == -1.0 && PyErr_Occurred()) {
            return -1;
        }
    }
    return 0;
}

static int
fill_rows(Context *ctx, PyObject *entries)
{
    Py_ssize_t n = PyTuple_GET_SIZE(entries);
    ctx->rows = PyMem_Calloc((size_t)n + 1, sizeof(Row));
    if (ctx->rows == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    ctx->n_rows = n;
    ctx->parts_block = PyMem_Calloc((size_t)n + 2, sizeof(Part));
    if (ctx->parts_block == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    ctx->parts = (Part *)(((uintptr_t)ctx->parts_block + 63) & ~(uintptr_t)63);
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *entry = PyTuple_GET_ITEM(entries, k);
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) < 8 ||
            PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 6)) != k) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "entries must be in lexicon order");
            }
            return -1;
        }
        Row *row = &ctx->rows[k];
        if (read_doubles(PyTuple_GET_ITEM(entry, 0), row->weights, 4) < 0 ||
            read_doubles(PyTuple_GET_ITEM(entry, 1), row->centred, 4) < 0) {
            return -1;
        }
        row->side = PyLong_AsLong(PyTuple_GET_ITEM(entry, 2));
        if (row->side == -1 && PyErr_Occurred()) {
            return -1;
        }
        PyObject *tails = PyTuple_GET_ITEM(entry, 7);
        if (!PyTuple_Check(tails) || PyTuple_GET_SIZE(tails) != N_TAILS) {
            PyErr_SetString(PyExc_ValueError, "an entry needs seven evidence tails");
            return -1;
        }
        for (int t = 0; t < N_TAILS; t++) {
            PyObject *tail = PyTuple_GET_ITEM(tails, t);
            if (!PyTuple_Check(tail) || PyTuple_GET_SIZE(tail) != 5) {
                PyErr_SetString(PyExc_ValueError, "an evidence tail has five items");
                return -1;
            }
            long label = PyLong_AsLong(PyTuple_GET_ITEM(tail, 1));
            if (label < 0 || label >= PyTuple_GET_SIZE(ctx->labels)) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_ValueError, "bad label index");
                }
                return -1;
            }
            row->tails[t] = tail;
            row->labels[t] = PyTuple_GET_ITEM(ctx->labels, label);
            row->contribution[t] = PyFloat_AsDouble(PyTuple_GET_ITEM(tail, 4));
            PyObject *tags = PyTuple_GET_ITEM(tail, 3);
            if ((row->contribution[t] == -1.0 && PyErr_Occurred()) || !PyTuple_Check(tags)) {
                if (!PyErr_Occurred()) {
                    PyErr_SetString(PyExc_ValueError, "evidence tags must be a tuple");
                }
                return -1;
            }
            for (Py_ssize_t g = 0; g < PyTuple_GET_SIZE(tags); g++) {
                PyObject *tag = PyTuple_GET_ITEM(tags, g);
                if (PyUnicode_Check(tag) && PyUnicode_CompareWithASCIIString(tag, "statement") == 0) {
                    row->statement_level[t] = 1;
                }
                if (PyUnicode_Check(tag) && PyUnicode_CompareWithASCIIString(tag, "negated") == 0) {
                    row->negated_tag[t] = 1;
                }
            }
        }
        PyObject *first = PyTuple_GET_ITEM(tails, 0);
        int shared = 1;
        for (int t = 1; t < 4; t++) {
            PyObject *tail = PyTuple_GET_ITEM(tails, t);
            shared &= row->labels[t] == row->labels[0];
            for (int i = 0; i < 4; i++) {
                shared &= i == 1 || PyTuple_GET_ITEM(tail, i) == PyTuple_GET_ITEM(first, i);
            }
        }
        if (shared) {
            Part *part = &ctx->parts[k];
            part->shown = PyTuple_GET_ITEM(first, 0);
            part->label = row->labels[0];
            part->dimension = PyTuple_GET_ITEM(first, 2);
            part->tags = PyTuple_GET_ITEM(first, 3);
            for (int t = 0; t < 4; t++) {
                part->contribution[t] = PyTuple_GET_ITEM(PyTuple_GET_ITEM(tails, t), 4);
            }
        }
        PyObject *dimension = PyTuple_GET_ITEM(first, 2);
        if (dimension != Py_None) {
            row->dimension_cue = PyTuple_Pack(2, dimension, row->labels[0]);
            if (row->dimension_cue == NULL) {
                return -1;
            }
        }
    }
    return 0;
}

/* Copies each Label's value (short ASCII words) into ctx->label_names. */
static int
read_label_names(Context *ctx)
{
    for (int k = 0; k < 4; k++) {
        PyObject *value = PyObject_GetAttrString(PyTuple_GET_ITEM(ctx->labels, k), "value");
        if (value == NULL) {
            return -1;
        }
        /* Written as they are into JSON and HTML: letters, digits and "_" only. */
        int ok = PyUnicode_Check(value) && PyUnicode_IS_ASCII(value) &&
                 PyUnicode_GET_LENGTH(value) < 16;
        for (Py_ssize_t c = 0; ok && c < PyUnicode_GET_LENGTH(value); c++) {
            Py_UCS1 ch = PyUnicode_1BYTE_DATA(value)[c];
            ok = WORD_CHAR[ch] || ch == '_';
        }
        if (ok) {
            memcpy(ctx->label_names[k], PyUnicode_1BYTE_DATA(value),
                   (size_t)PyUnicode_GET_LENGTH(value) + 1);
        }
        Py_DECREF(value);
        if (!ok) {
            PyErr_SetString(PyExc_ValueError, "label values must be short ASCII words");
            return -1;
        }
    }
    return 0;
}

/* The numbers of an entry found in one of the index's dictionaries. */
static inline Row *
row_of(Context *ctx, PyObject *entry)
{
    Py_ssize_t k = PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 6));
    if (k < 0 || k >= ctx->n_rows) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "cue outside the lexicon");
        }
        return NULL;
    }
    return &ctx->rows[k];
}

/* The number of stem (a str), numbering it if new: 1, 2, ... (0 on failure). */
static uint32_t
vocab_add(Context *ctx, PyObject *stem)
{
    if (!PyUnicode_Check(stem)) {
        PyErr_SetString(PyExc_TypeError, "matcher keys must be str");
        return 0;
    }
    Py_ssize_t size;
    const char *bytes = PyUnicode_AsUTF8AndSize(stem, &size);
    if (bytes == NULL) {
        return 0;
    }
    uint64_t h = hash_bytes(bytes, (size_t)size);
    const Slot *slot = str_find(&ctx->vocab, bytes, (size_t)size, h);
    if (slot != NULL) {
        return (uint32_t)slot->value;
    }
    uint32_t number = ctx->n_vocab + 1;
    if (number >= INT32_MAX) {
        PyErr_NoMemory();
        return 0;
    }
    if (number >= ctx->vocab_capacity) {
        size_t capacity = ctx->vocab_capacity ? 2 * ctx->vocab_capacity : 1024;
        uint32_t *flags = PyMem_Realloc(ctx->flags, capacity * sizeof(uint32_t));
        if (flags != NULL) {
            ctx->flags = flags;
        }
        int32_t *word_row = PyMem_Realloc(ctx->word_row, capacity * sizeof(int32_t));
        if (word_row != NULL) {
            ctx->word_row = word_row;
        }
        int32_t *start_row = PyMem_Realloc(ctx->start_row, capacity * sizeof(int32_t));
        if (start_row != NULL) {
            ctx->start_row = start_row;
        }
        if (flags == NULL || word_row == NULL || start_row == NULL) {
            PyErr_NoMemory();
            return 0;
        }
        for (size_t k = ctx->vocab_capacity; k < capacity; k++) {
            ctx->flags[k] = 0;
            ctx->word_row[k] = -1;
            ctx->start_row[k] = -1;
        }
        ctx->vocab_capacity = capacity;
    }
    if (table_add(&ctx->vocab, bytes, (size_t)size, 1, h, (int32_t)number) == NULL) {
        return 0;
    }
    ctx->n_vocab = number;
    return number;
}

/* Numbers every stem of a word list and sets bit in its flags. */
static int
vocab_flag(Context *ctx, PyObject *words, uint32_t bit)
{
    PyObject *iterator = PyObject_GetIter(words);
    if (iterator == NULL) {
        return -1;
    }
    PyObject *word;
    while ((word = PyIter_Next(iterator)) != NULL) {
        uint32_t number = vocab_add(ctx, word);
        Py_DECREF(word);
        if (number == 0) {
            Py_DECREF(iterator);
            return -1;
        }
        ctx->flags[number] |= bit;
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* The row of each one-word key of a dict of entries, by stem number. */
static int
vocab_rows(Context *ctx, PyObject *dict, int starts)
{
    PyObject *key, *entry;
    Py_ssize_t position = 0;
    while (PyDict_Next(dict, &position, &key, &entry)) {
        const Row *row = row_of(ctx, entry);
        uint32_t number = row == NULL ? 0 : vocab_add(ctx, key);
        if (number == 0) {
            return -1;
        }
        (starts ? ctx->start_row : ctx->word_row)[number] = (int32_t)(row - ctx->rows);
    }
    return 0;
}

/* The stem numbers of a tuple of stems (2 to 255 of them) into ids. */
static Py_ssize_t
vocab_sequence(Context *ctx, PyObject *key, uint32_t *ids)
{
    if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) < 2 || PyTuple_GET_SIZE(key) > 255) {
        PyErr_SetString(PyExc_ValueError, "phrase keys must be tuples of 2 to 255 stems");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(key); k++) {
        ids[k] = vocab_add(ctx, PyTuple_GET_ITEM(key, k));
        if (ids[k] == 0) {
            return -1;
        }
    }
    return PyTuple_GET_SIZE(key);
}

/* Fills the tables from the phrase dict (tuple -> entry) and the set of prefixes. */
static int
vocab_phrases(Context *ctx, PyObject *phrases, PyObject *longer)
{
    uint32_t ids[255];
    PyObject *key, *entry;
    Py_ssize_t position = 0;
    while (PyDict_Next(phrases, &position, &key, &entry)) {
        const Row *row = row_of(ctx, entry);
        Py_ssize_t n = row == NULL ? -1 : vocab_sequence(ctx, key, ids);
        Slot *slot = n < 0 ? NULL : seq_slot(&ctx->seqs, ids, (size_t)n);
        if (slot == NULL) {
            return -1;
        }
        slot->value = (int32_t)(row - ctx->rows);
    }
    PyObject *iterator = PyObject_GetIter(longer);
    if (iterator == NULL) {
        return -1;
    }
    while ((key = PyIter_Next(iterator)) != NULL) {
        Py_ssize_t n = vocab_sequence(ctx, key, ids);
        Py_DECREF(key);
        Slot *slot = n < 0 ? NULL : seq_slot(&ctx->seqs, ids, (size_t)n);
        if (slot == NULL) {
            Py_DECREF(iterator);
            return -1;
        }
        slot->prefix = 1;
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* The number of the stem of the lower-case word w (0 if no table knows the
 * stem), from the surface cache or, on first sight, through ctx->stem; -1 with
 * an error set on failure. The call into Python may let another thread run and
 * change the cache, so nothing inside it is held across the call. */
static int32_t
word_number(Context *ctx, const char *w, size_t size, uint64_t h)
{
    PyObject *word = PyUnicode_New((Py_ssize_t)size, 127);
    if (word == NULL) {
        return -1;
    }
    memcpy(PyUnicode_1BYTE_DATA(word), w, size);
    PyObject *key = call_for_str(ctx->stem, word, "stem()");
    Py_DECREF(word);
    if (key == NULL) {
        return -1;
    }
    Py_ssize_t length;
    const char *bytes = PyUnicode_AsUTF8AndSize(key, &length);
    if (bytes == NULL) {
        Py_DECREF(key);
        return -1;
    }
    const Slot *known = str_find(&ctx->vocab, bytes, (size_t)length,
                                    hash_bytes(bytes, (size_t)length));
    int32_t number = known == NULL ? 0 : known->value;
    Py_DECREF(key);
    if (str_find(&ctx->surface, w, size, h) == NULL) {
        if (ctx->surface.count >= SURFACE_LIMIT) {
            table_clear(&ctx->surface);
        }
        if (table_add(&ctx->surface, w, size, 1, h, number) == NULL) {
            return -1;
        }
    }
    return number;
}

/* Whether instances of type (a tuple subclass) are laid out exactly as tuples: no
 * __dict__, no weak references, no slots of its own, so that an instance made by
 * PyObject_GC_NewVar and filled item by item is what tp_alloc would have made. */
static int
plain_tuple_layout(PyTypeObject *type)
{
    return type->tp_basicsize == PyTuple_Type.tp_basicsize &&
           type->tp_itemsize == PyTuple_Type.tp_itemsize && type->tp_dictoffset == 0 &&
           type->tp_weaklistoffset == 0 && PyType_IS_GC(type);
}

/* Whether ch is one of set's characters. */
static int
punct_has(const PunctSet *set, Py_UCS4 ch)
{
    if (ch < 128) {
        return set->ascii[ch];
    }
    for (int k = 0; k < set->n_more; k++) {
        if (set->more[k] == ch) {
            return 1;
        }
    }
    return 0;
}

/* Fill set with the characters of the str chars; -1 with ValueError set when
 * it holds more than PUNCT_MORE beyond ASCII. */
static int
punct_fill(PunctSet *set, PyObject *chars)
{
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(chars, k);
        if (c < 128) {
            set->ascii[c] = 1;
        } else if (!punct_has(set, c)) {
            if (set->n_more >= PUNCT_MORE) {
                PyErr_SetString(PyExc_ValueError, "too many punctuation characters");
                return -1;
            }
            set->more[set->n_more++] = c;
        }
    }
    return 0;
}

/* context(stem, words, phrases, longer, stop, negators, release, clause_words,
 *         clause_punct, starts, mix, bias, temperature, min_evidence, shared_floor,
 *         max_cue_words, negation_reach, entries, labels, evidence_type,
 *         leads, links, tos, purpose_break, purpose_link_reach, purpose_reach,
 *         preamble, subjects, purpose_stop, modals, subject_breaks, passive,
 *         subject_reach, qualifiers, requirements, requirement_links, record,
 *         track, requirement_reach, durations, time_units, duration_reach,
 *         able_modals, able, colons, scope_words, scope_verbs, scope_reach,
 *         be_forms, yous, askers, as_word, commas, frame_reach, scope_nouns)
 *     -> capsule
 *
 * stem maps a lower-case word to its stem; words and starts map a stem to an
 * entry, phrases a tuple of stems; longer holds the tuples that begin longer
 * phrases; stop ... clause_words, leads ... tos, preamble, subjects,
 * purpose_stop, modals, subject_breaks, passive, qualifiers, requirements,
 * requirement_links, durations, time_units, able_modals, able, scope_words,
 * scope_verbs, be_forms, yous, askers and scope_nouns are frozensets of stems;
 * record, track and as_word are stems; colons and commas are strs of the
 * characters that may end a label and a frame. All are read once, into the
 * context's own tables. */
static PyObject *
make_context(PyObject *module, PyObject *args)
{
    PyObject *stem, *words, *phrases, *longer, *stop, *negators, *release;
    PyObject *clause_words, *clause_punct, *starts, *mix, *bias, *entries, *labels;
    PyObject *evidence_type, *leads, *links, *tos, *purpose_break, *preamble, *subjects;
    PyObject *purpose_stop, *modals, *subject_breaks, *passive;
    PyObject *qualifiers, *requirements, *requirement_links, *record, *track, *colons;
    PyObject *durations, *time_units, *able_modals, *able, *scope_words, *scope_verbs;
    PyObject *be_forms, *yous, *askers, *as_word, *commas, *scope_nouns;
    double temperature, min_evidence, shared_floor;
    Py_ssize_t max_cue_words, negation_reach, purpose_link_reach, purpose_reach, subject_reach;
    Py_ssize_t requirement_reach, duration_reach, scope_reach, frame_reach;
    if (!PyArg_ParseTuple(args, "OO!O!O!O!O!O!O!UO!O!O!dddnnO!O!O!O!O!O!UnnO!O!O!O!O!O!nO!O!O!UUnO!O!nO!O!UO!O!nO!O!O!UUnO!", &stem,
                          &PyDict_Type, &words, &PyDict_Type, &phrases, &PyFrozenSet_Type, &longer,
                          &PyFrozenSet_Type, &stop, &PyFrozenSet_Type, &negators,
                          &PyFrozenSet_Type, &release, &PyFrozenSet_Type, &clause_words,
                          &clause_punct, &PyDict_Type, &starts, &PyTuple_Type, &mix,
                          &PyTuple_Type, &bias, &temperature, &min_evidence, &shared_floor,
                          &max_cue_words, &negation_reach, &PyTuple_Type, &entries,
                          &PyTuple_Type, &labels, &PyType_Type, &evidence_type,
                          &PyFrozenSet_Type, &leads, &PyFrozenSet_Type, &links,
                          &PyFrozenSet_Type, &tos, &purpose_break, &purpose_link_reach,
                          &purpose_reach, &PyFrozenSet_Type, &preamble, &PyFrozenSet_Type,
                          &subjects, &PyFrozenSet_Type, &purpose_stop, &PyFrozenSet_Type,
                          &modals, &PyFrozenSet_Type, &subject_breaks, &PyFrozenSet_Type,
                          &passive, &subject_reach, &PyFrozenSet_Type, &qualifiers,
                          &PyFrozenSet_Type, &requirements, &PyFrozenSet_Type,
                          &requirement_links, &record, &track, &requirement_reach,
                          &PyFrozenSet_Type, &durations, &PyFrozenSet_Type, &time_units,
                          &duration_reach, &PyFrozenSet_Type, &able_modals,
                          &PyFrozenSet_Type, &able, &colons, &PyFrozenSet_Type, &scope_words,
                          &PyFrozenSet_Type, &scope_verbs, &scope_reach, &PyFrozenSet_Type,
                          &be_forms, &PyFrozenSet_Type, &yous, &PyFrozenSet_Type, &askers,
                          &as_word, &commas, &frame_reach, &PyFrozenSet_Type, &scope_nouns)) {
        return NULL;
    }
    if (PyTuple_GET_SIZE(mix) != 4 || temperature == 0.0 || max_cue_words < 2 ||
        purpose_link_reach < 0 || purpose_reach < 0 || subject_reach < 0 ||
        requirement_reach < 0 || duration_reach < 0 || scope_reach < 0 || frame_reach < 0 ||
        PyTuple_GET_SIZE(labels) != 4 || !PyCallable_Check(stem) ||
        !PyType_IsSubtype((PyTypeObject *)evidence_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_ValueError, "bad matcher context");
        return NULL;
    }
    Context *ctx = PyMem_Calloc(1, sizeof(Context));
    if (ctx == NULL) {
        return PyErr_NoMemory();
    }
    ctx->entries = Py_NewRef(entries);
    ctx->labels = Py_NewRef(labels);
    ctx->evidence = (PyTypeObject *)Py_NewRef(evidence_type);
    ctx->evidence_plain = plain_tuple_layout(ctx->evidence);
    ctx->stem = Py_NewRef(stem);
    ctx->mix = Py_NewRef(mix);
    if (read_doubles(bias, ctx->bias, 4) < 0 || fill_rows(ctx, entries) < 0 ||
        read_label_names(ctx) < 0 || vocab_flag(ctx, stop, VOCAB_STOP) < 0 ||
        vocab_flag(ctx, negators, VOCAB_NEGATOR) < 0 ||
        vocab_flag(ctx, release, VOCAB_RELEASE) < 0 ||
        vocab_flag(ctx, clause_words, VOCAB_CLAUSE) < 0 ||
        vocab_flag(ctx, leads, VOCAB_LEAD) < 0 || vocab_flag(ctx, links, VOCAB_LINK) < 0 ||
        vocab_flag(ctx, tos, VOCAB_TO) < 0 || vocab_flag(ctx, preamble, VOCAB_PREAMBLE) < 0 ||
        vocab_flag(ctx, subjects, VOCAB_SUBJECT) < 0 ||
        vocab_flag(ctx, purpose_stop, VOCAB_PURPOSE_STOP) < 0 ||
        vocab_flag(ctx, modals, VOCAB_MODAL) < 0 ||
        vocab_flag(ctx, subject_breaks, VOCAB_SUBJECT_BREAK) < 0 ||
        vocab_flag(ctx, passive, VOCAB_PASSIVE) < 0 ||
        vocab_flag(ctx, qualifiers, VOCAB_QUALIFIER) < 0 ||
        vocab_flag(ctx, requirements, VOCAB_REQUIREMENT) < 0 ||
        vocab_flag(ctx, requirement_links, VOCAB_REQUIREMENT_LINK) < 0 ||
        vocab_flag(ctx, durations, VOCAB_DURATION) < 0 ||
        vocab_flag(ctx, time_units, VOCAB_TIME_UNIT) < 0 ||
        vocab_flag(ctx, able_modals, VOCAB_ABLE_MODAL) < 0 ||
        vocab_flag(ctx, scope_words, VOCAB_SCOPE) < 0 ||
        vocab_flag(ctx, scope_verbs, VOCAB_SCOPE_VERB) < 0 ||
        vocab_flag(ctx, able, VOCAB_ABLE) < 0 || vocab_flag(ctx, be_forms, VOCAB_BE) < 0 ||
        vocab_flag(ctx, yous, VOCAB_YOU) < 0 || vocab_flag(ctx, askers, VOCAB_ASKER) < 0 ||
        vocab_flag(ctx, scope_nouns, VOCAB_SCOPE_NOUN) < 0 ||
        (ctx->record = vocab_add(ctx, record)) == 0 || (ctx->track = vocab_add(ctx, track)) == 0 ||
        (ctx->as = vocab_add(ctx, as_word)) == 0 ||
        vocab_rows(ctx, words, 0) < 0 ||
        vocab_rows(ctx, starts, 1) < 0 || vocab_phrases(ctx, phrases, longer) < 0) {
        context_clear(ctx);
        return NULL;
    }
    if (ctx->vocab_capacity == 0) { /* nothing numbered: number 0 must still be readable */
        ctx->flags = PyMem_Calloc(1, sizeof(uint32_t));
        ctx->word_row = PyMem_Malloc(sizeof(int32_t));
        ctx->start_row = PyMem_Malloc(sizeof(int32_t));
        if (ctx->flags == NULL || ctx->word_row == NULL || ctx->start_row == NULL) {
            context_clear(ctx);
            return PyErr_NoMemory();
        }
        ctx->word_row[0] = ctx->start_row[0] = -1;
        ctx->vocab_capacity = 1;
    }
    if (punct_fill(&ctx->clause_punct, clause_punct) < 0 ||
        punct_fill(&ctx->purpose_break, purpose_break) < 0 ||
        punct_fill(&ctx->colons, colons) < 0 || punct_fill(&ctx->commas, commas) < 0) {
        context_clear(ctx);
        return NULL;
    }
    ctx->purpose_link_reach = purpose_link_reach;
    ctx->purpose_reach = purpose_reach;
    ctx->subject_reach = subject_reach;
    ctx->requirement_reach = requirement_reach;
    ctx->duration_reach = duration_reach;
    ctx->scope_reach = scope_reach;
    ctx->frame_reach = frame_reach;
    ctx->temperature = temperature;
    ctx->min_evidence = min_evidence;
    ctx->shared_floor = shared_floor;
    ctx->max_cue_words = max_cue_words;
    ctx->negation_reach = negation_reach;
    PyObject *capsule = PyCapsule_New(ctx, CONTEXT_NAME, context_free);
    if (capsule == NULL) {
        context_clear(ctx);
    }
    return capsule;
}

static int
push_hit(Context *ctx, Hits *hits, Py_ssize_t first, Py_ssize_t last, int kind, int32_t row)
{
    void *items;
    if (grow(hits->items, &hits->capacity, hits->size + 1, sizeof(Hit), 32, &items) < 0) {
        return -1;
    }
    hits->items = items;
    Hit *hit = &hits->items[hits->size++];
    hit->first = first;
    hit->last = last;
    hit->kind = kind;
    hit->negated = 0;
    hit->row = &ctx->rows[row];
    return 0;
}

static int
compare_hits(const void *a, const void *b)
{
    const Hit *x = a, *y = b;
    if (x->first != y->first) {
        return x->first < y->first ? -1 : 1;
    }
    if (x->last != y->last) {
        return x->last < y->last ? -1 : 1;
    }
    return x->kind - y->kind;
}


static int
is_ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Whether a token starts at c: a letter or digit, or "&", a word of its own (see
 * tokenize). */
static inline int
starts_token(unsigned char c)
{
    return WORD_CHAR[c] || c == '&';
}

/* Where the tokens of an ASCII statement start once its numbering is set aside:
 * 0, or the index after the last of its leading markers ("1.", "12)", "b)",
 * "iv.", "(a)", "(iv)", "o"). rolelens.text._numbering_end is the reference: a
 * marker is a first token of 1-3 digits, one letter or a roman numeral of up to
 * four i, v and x, then "." or ")"; or of 1-3 digits or 1-4 letters between "("
 * and ")"; or a lone "o" bullet; then white space and more words. */
static Py_ssize_t
numbering_end(const unsigned char *data, Py_ssize_t length)
{
    Py_ssize_t masked = 0, k = 0;
    for (;;) {
        while (k < length && !starts_token(data[k])) {
            k++;
        }
        if (k < length && data[k] == '&') {
            return masked; /* "&" is a word (see tokenize), never a marker */
        }
        Py_ssize_t start = k;
        int digits = 1, letters = 1, roman = 1;
        while (k < length && WORD_CHAR[data[k]]) {
            unsigned char lower = data[k] | 0x20;
            if (data[k] <= '9') {
                letters = 0;
            }
            else {
                digits = 0;
            }
            roman = roman && (lower == 'i' || lower == 'v' || lower == 'x');
            k++;
        }
        Py_ssize_t size = k - start, gap;
        if (size == 0 || k >= length) {
            return masked;
        }
        int bullet = size == 1 && (data[start] | 0x20) == 'o' && is_ascii_space(data[k]);
        if (bullet) {
            gap = k; /* the "o" bullet: the space is its end */
        }
        else if (k + 1 < length && is_ascii_space(data[k + 1])) {
            gap = k + 1;
        }
        else {
            return masked;
        }
        int marker = bullet || ((data[k] == '.' || data[k] == ')') &&
                                ((digits && size <= 3) || (letters && size == 1) ||
                                 (roman && size <= 4)));
        marker = marker || (data[k] == ')' && start > 0 && data[start - 1] == '(' &&
                            ((digits && size <= 3) || (letters && size <= 4)));
        if (!marker) {
            return masked;
        }
        Py_ssize_t next = gap;
        while (next < length && !starts_token(data[next])) {
            next++;
        }
        if (next == length) {
            return masked; /* nothing after it: the marker is the statement */
        }
        masked = k = gap;
    }
}

/* Inline HTML markup tokens pass over: rolelens.text._MARKUP is the
 * reference, and its TAG_NAMES and ENTITY_NAMES hold these names. */
static const char *const MARKUP_TAGS[] = {
    "a",      "abbr", "b",    "bdi",  "bdo",   "big",  "blockquote", "br",   "cite", "code",
    "dd",     "del",  "dfn",  "div",  "dl",    "dt",   "em",         "font", "h1",   "h2",
    "h3",     "h4",   "h5",   "h6",   "hr",    "i",    "img",        "ins",  "kbd",  "li",
    "mark",   "ol",   "p",    "pre",  "q",     "s",    "samp",       "small", "span", "strike",
    "strong", "sub",  "sup",  "table", "tbody", "td",  "th",         "thead", "tr",  "tt",
    "u",      "ul",   "var",  "wbr",  NULL};
static const char *const MARKUP_ENTITIES[] = {
    "amp",   "apos",  "bull", "gt",    "hellip", "laquo", "ldquo", "lsquo", "lt",
    "mdash", "middot", "nbsp", "ndash", "quot",  "raquo", "rdquo", "rsquo", NULL};

static int
is_ascii_alnum(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c < 128 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Whether the ASCII letters and digits at data[from:to] (a str's kind and data)
 * spell one of names, in any case. */
static int
known_name(const char *const *names, int kind, const void *data, Py_ssize_t from, Py_ssize_t to)
{
    for (; *names != NULL; names++) {
        Py_ssize_t i = 0;
        while (from + i < to && (*names)[i] != '\0' &&
               (PyUnicode_READ(kind, data, from + i) | 0x20) == (Py_UCS4)(*names)[i]) {
            i++;
        }
        if (from + i == to && (*names)[i] == '\0') {
            return 1;
        }
    }
    return 0;
}

/* Where the markup that starts at character k ("<" or "&") of data[:length] (a
 * str's kind and data, or ASCII bytes as PyUnicode_1BYTE_KIND) ends: the index
 * after a tag of MARKUP_TAGS (to its first ">"), an entity of MARKUP_ENTITIES or
 * a character reference of one to seven digits; k when none starts there. *amp
 * says it is "&amp;", whose "&" stays a word. A scan stops at the next "<", so
 * no character is read by more than two of them. */
static Py_ssize_t
markup_end(int kind, const void *data, Py_ssize_t length, Py_ssize_t k, int *amp)
{
#define AT(i) PyUnicode_READ(kind, data, (i))
    static const char *const AMP[] = {"amp", NULL};
    Py_ssize_t at = k + 1, name;
    *amp = 0;
    if (AT(k) == '<') {
        if (at < length && AT(at) == '/') {
            at++;
        }
        name = at;
        if (at >= length || AT(at) >= 128 || (AT(at) | 0x20) < 'a' || (AT(at) | 0x20) > 'z') {
            return k;
        }
        while (at < length && is_ascii_alnum(AT(at))) {
            at++;
        }
        if (!known_name(MARKUP_TAGS, kind, data, name, at)) {
            return k;
        }
        if (at < length && (AT(at) == '/' || AT(at) == ' ' || (AT(at) >= '\t' && AT(at) <= '\r'))) {
            while (at < length && AT(at) != '<' && AT(at) != '>') {
                at++;
            }
        }
        return at < length && AT(at) == '>' ? at + 1 : k;
    }
    if (at < length && AT(at) == '#') {
        int hexadecimal = at + 1 < length && (AT(at + 1) | 0x20) == 'x';
        name = at = at + 1 + hexadecimal;
        int digits = 1;
        while (at < length && is_ascii_alnum(AT(at))) {
            Py_UCS4 c = AT(at) | 0x20;
            digits = digits && ((c >= '0' && c <= '9') || (hexadecimal && c >= 'a' && c <= 'f'));
            at++;
        }
        return digits && at > name && at - name <= 7 && at < length && AT(at) == ';' ? at + 1 : k;
    }
    name = at;
    while (at < length && is_ascii_alnum(AT(at))) {
        at++;
    }
    if (at == name || at >= length || AT(at) != ';' ||
        !known_name(MARKUP_ENTITIES, kind, data, name, at)) {
        return k;
    }
    *amp = known_name(AMP, kind, data, name, at);
    return at + 1;
#undef AT
}

/* Token boundaries of an ASCII text: [start0, end0, start1, end1, ...]; returns
 * the number of tokens, or -1 with an exception set (*cuts_out is then NULL or
 * to be freed all the same). One pass, the array doubling as it fills. Leading
 * numbering gives no token (numbering_end), as a bullet symbol gives none; an
 * ampersand is a token of its own, as in rolelens.text. */
static Py_ssize_t
tokenize(const unsigned char *data, Py_ssize_t length, Py_ssize_t **cuts_out)
{
    Py_ssize_t *cuts = NULL, capacity = 0, n = 0, k = numbering_end(data, length);
    *cuts_out = NULL;
    for (;;) {
        Py_ssize_t after = 0; /* past the "amp;" of an "&amp;" starting at k, else 0 */
        while (k < length) {
            int amp = 0;
            Py_ssize_t end = data[k] == '<' || data[k] == '&'
                                 ? markup_end(PyUnicode_1BYTE_KIND, data, length, k, &amp)
                                 : k;
            if (amp) {
                after = end; /* "&amp;": its "&" is the word "and" */
                break;
            }
            if (end > k) {
                k = end; /* markup is no word */
            }
            else if (starts_token(data[k])) {
                break;
            }
            else {
                k++;
            }
        }
        if (k == length) {
            break;
        }
        if (2 * n + 2 > capacity) {
            void *grown;
            if (grow(cuts, &capacity, 2 * n + 2, sizeof(Py_ssize_t), 64, &grown) < 0) {
                return -1;
            }
            cuts = *cuts_out = grown;
        }
        cuts[2 * n] = k;
        if (data[k] == '&') {
            /* a word of its own, whose stem is "and"'s; that of "&amp;" too */
            cuts[2 * n + 1] = k + 1;
            k = after > k ? after : k + 1;
        }
        else {
            while (k < length && WORD_CHAR[data[k]]) {
                k++;
            }
            cuts[2 * n + 1] = k;
        }
        n++;
    }
    return n;
}


/* The caller's original text and where each normalised character came from.
 * For ASCII text the normalised text is the text itself (offsets NULL: the
 * identity); otherwise rolelens.text.normalise() gave an ASCII normalised text
 * and, if some character grew or vanished, the offset map. */
typedef struct {
    PyObject *text;    /* or NULL: an ASCII text not made into a str, in raw */
    PyObject *offsets; /* list of int, one per normalised character, or NULL */
    const unsigned char *raw;
    Py_ssize_t raw_length;
} Source;

static inline Py_ssize_t
source_length(const Source *source)
{
    return source->text != NULL ? PyUnicode_GET_LENGTH(source->text) : source->raw_length;
}

/* Index in the original text of normalised character k; -1 with an error set
 * when the offset map no longer has it. The map is a list the caller passed and
 * checked once (read_source), but the Python code some writers call between
 * reads (a sink's write(), encode(), parts()) could shorten it: read past its
 * end, PyList_GET_ITEM reads freed or foreign memory. */
static inline Py_ssize_t
original_at(const Source *source, Py_ssize_t k)
{
    if (source->offsets == NULL) {
        return k;
    }
    if (k < 0 || k >= PyList_GET_SIZE(source->offsets)) {
        PyErr_SetString(PyExc_ValueError, "offsets do not fit the text");
        return -1;
    }
    return PyLong_AsSsize_t(PyList_GET_ITEM(source->offsets, k));
}

/* The invisible characters rolelens.text._CHAR_MAP drops (its _VANISHING_FORMAT). */
static inline int
vanishing_format(Py_UCS4 ch)
{
    return ch == 0x200B || ch == 0x200C || ch == 0x200D || ch == 0x2060 || ch == 0xFEFF ||
           ch == 0x00AD;
}

/* Index in the original text past normalised character e - 1 (the last of a word),
 * and past the combining accents written right after it, which normalise to nothing
 * ("cafe\u0301" is the word "café"): as the reference's rolelens.text._word_end().
 * Check PyErr_Occurred() after it. */
static Py_ssize_t
original_end(const Source *source, Py_ssize_t e)
{
    Py_ssize_t end = original_at(source, e - 1) + 1;
    if (source->offsets == NULL || source->text == NULL || PyErr_Occurred()) {
        return end;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(source->text);
    Py_ssize_t stop = e < PyList_GET_SIZE(source->offsets) ? original_at(source, e) : length;
    if (PyErr_Occurred()) {
        return -1;
    }
    if (stop > length) {
        stop = length;
    }
    int kind = PyUnicode_KIND(source->text);
    const void *data = PyUnicode_DATA(source->text);
    while (end >= 0 && end < stop && !vanishing_format(PyUnicode_READ(kind, data, end))) {
        end++;
    }
    return end;
}

/* Original span of token k, as rolelens.text.boundaries() maps it. */
static int
original_span(const Source *source, const Py_ssize_t *cuts, Py_ssize_t k, Py_ssize_t *start,
              Py_ssize_t *end)
{
    *start = original_at(source, cuts[2 * k]);
    *end = original_end(source, cuts[2 * k + 1]);
    if (PyErr_Occurred()) {
        return -1;
    }
    if (*start < 0 || *end < *start || *end > source_length(source)) {
        PyErr_SetString(PyExc_ValueError, "offsets do not fit the text");
        return -1;
    }
    return 0;
}

/* The first character of data[c:to] outside markup (see markup_end), or to. */
static Py_ssize_t
outside_markup(int kind, const void *data, Py_ssize_t to, Py_ssize_t c)
{
    int amp;
    while (c < to) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, c);
        Py_ssize_t end = ch == '<' || ch == '&' ? markup_end(kind, data, to, c, &amp) : c;
        if (end == c) {
            return c;
        }
        c = end;
    }
    return c;
}

/* Where the original text between tokens k - 1 and k starts and ends, and its
 * kind and data, for the gap readers below; -1 with an error set on failure. */
static int
gap_of(const Source *source, const Py_ssize_t *cuts, Py_ssize_t k, Py_ssize_t *from,
       Py_ssize_t *to, int *kind, const void **data)
{
    Py_ssize_t ignored;
    *from = 0;
    if ((k > 0 && original_span(source, cuts, k - 1, &ignored, from) < 0) ||
        original_span(source, cuts, k, to, &ignored) < 0) {
        return -1;
    }
    *kind = source->text == NULL ? PyUnicode_1BYTE_KIND : PyUnicode_KIND(source->text);
    *data = source->text == NULL ? (const void *)source->raw : PyUnicode_DATA(source->text);
    /* After the "&" of "&amp;", its "amp;" is markup too (see markup_end). */
    if (*from > 0 && *from + 4 <= *to && PyUnicode_READ(*kind, *data, *from - 1) == '&') {
        static const char *const AMP[] = {"amp", NULL};
        if (known_name(AMP, *kind, *data, *from, *from + 3) &&
            PyUnicode_READ(*kind, *data, *from + 3) == ';') {
            *from += 4;
        }
    }
    return 0;
}

/* The markup data[k:end] (see markup_end; amp as it set it) as the clause rules read
 * it, as the reference's _entity_mark(): "&" for "&amp;", the character of an entity
 * of _ENTITY_MARKS ("&mdash;") or of a character reference up to U+10FFFF, else (a
 * tag, another entity) a space. */
static Py_UCS4
entity_mark(int kind, const void *data, Py_ssize_t k, Py_ssize_t end, int amp)
{
    static const char *const MDASH[] = {"mdash", NULL}, *const NDASH[] = {"ndash", NULL},
                             *const BULL[] = {"bull", NULL}, *const MIDDOT[] = {"middot", NULL},
                             *const HELLIP[] = {"hellip", NULL};
    if (amp) {
        return '&';
    }
    if (PyUnicode_READ(kind, data, k) == '<') {
        return ' ';
    }
    if (PyUnicode_READ(kind, data, k + 1) == '#') {
        int hexadecimal = (PyUnicode_READ(kind, data, k + 2) | 0x20) == 'x';
        Py_UCS4 point = 0;
        for (Py_ssize_t at = k + 2 + hexadecimal; at < end - 1; at++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, at) | 0x20;
            point = point * (hexadecimal ? 16 : 10) + (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return point <= 0x10ffff ? point : ' ';
    }
    return known_name(MDASH, kind, data, k + 1, end - 1)    ? 0x2014
           : known_name(NDASH, kind, data, k + 1, end - 1)  ? 0x2013
           : known_name(BULL, kind, data, k + 1, end - 1)   ? 0x2022
           : known_name(MIDDOT, kind, data, k + 1, end - 1) ? 0x00b7
           : known_name(HELLIP, kind, data, k + 1, end - 1) ? 0x2026
                                                            : ' ';
}

/* As rolelens.classifier._job_named(): the end of the run of VOCAB_SCOPE words from
 * token from (before limit) when a VOCAB_SCOPE_NOUN word is among them, else from. */
static Py_ssize_t
job_named(const Context *ctx, const uint32_t *ids, Py_ssize_t from, Py_ssize_t limit)
{
    Py_ssize_t k = from;
    uint32_t seen = 0;
    while (k < limit && (ctx->flags[ids[k]] & VOCAB_SCOPE)) {
        seen |= ctx->flags[ids[k]];
        k++;
    }
    return (seen & VOCAB_SCOPE_NOUN) ? k : from;
}

/* The character of data[*at:to] at *at, a piece of markup there read as
 * entity_mark() reads it; *at moves past it. */
static Py_UCS4
gap_char(int kind, const void *data, Py_ssize_t to, Py_ssize_t *at)
{
    Py_ssize_t c = *at;
    Py_UCS4 ch = PyUnicode_READ(kind, data, c);
    int amp;
    Py_ssize_t end = ch == '<' || ch == '&' ? markup_end(kind, data, to, c, &amp) : c;
    if (end > c) {
        *at = end;
        return entity_mark(kind, data, c, end, amp);
    }
    *at = c + 1;
    return ch;
}

/* Whether the original text between tokens k - 1 and k holds a character of
 * punct (the context's clause_punct or purpose_break), markup read as entity_mark()
 * reads it, as the reference's _gap_marks() reads the gap. */
static int
gap_holds(const PunctSet *punct, const Source *source, const Py_ssize_t *cuts, Py_ssize_t k)
{
    Py_ssize_t from, to;
    int kind;
    const void *data;
    if (gap_of(source, cuts, k, &from, &to, &kind, &data) < 0) {
        return -1;
    }
    for (Py_ssize_t c = from; c < to;) {
        if (punct_has(punct, gap_char(kind, data, to, &c))) {
            return 1;
        }
    }
    return 0;
}

/* Whether the original text between tokens k - 1 and k, as the reference's
 * _gap_marks() reads it, holds a hyphen or an en dash and white space, or two of them
 * in a row, a dash between words ("budgets \u2013 owns", "budgets--owns"), as its
 * _spaced_dash() tells: markup reads as
 * entity_mark() reads it, and the "amp;" of an "&amp;" before the gap (gap_of passes
 * over it) as a space. The dashes are _SPACED_DASHES; -1 with an error set. */
static int
gap_spaced_dash(const Source *source, const Py_ssize_t *cuts, Py_ssize_t k)
{
    Py_ssize_t from, to;
    int kind;
    const void *data;
    if (gap_of(source, cuts, k, &from, &to, &kind, &data) < 0) {
        return -1;
    }
    int dash = 0, doubled = 0, space = from > 0 && PyUnicode_READ(kind, data, from - 1) == ';';
    int after_dash = 0; /* the character before (as read) was such a dash */
    for (Py_ssize_t c = from; c < to;) {
        Py_UCS4 ch = gap_char(kind, data, to, &c);
        space |= Py_UNICODE_ISSPACE(ch);
        int is_dash = ch == '-' || ch == 0x2013 || ch == 0xfe32 || ch == 0xfe63 || ch == 0xff0d;
        dash |= is_dash;
        doubled |= is_dash && after_dash;
        after_dash = is_dash;
    }
    return dash && (space || doubled);
}

/* The first colon of colons outside markup in the original text before token k
 * (after token k - 1, or from the start when k is 0), as the reference's
 * _label_end() reads it: 1 when it is no ':' ("\uff1a") or white space or markup
 * other than "&amp;" follows it there, 2 when something else does ("9:30",
 * "https://") or it is no ':' alone between two digits ("9\uff1a30"), 0 when there
 * is none; -1 with an error set on failure. */
static int
colon_gap(const PunctSet *colons, const Source *source, const Py_ssize_t *cuts, Py_ssize_t k)
{
    Py_ssize_t from, to;
    int kind, amp;
    const void *data;
    if (gap_of(source, cuts, k, &from, &to, &kind, &data) < 0) {
        return -1;
    }
    for (Py_ssize_t c = outside_markup(kind, data, to, from); c < to;
         c = outside_markup(kind, data, to, c + 1)) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, c);
        if (punct_has(colons, ch)) {
            if (ch != ':') {
                /* Alone between two digits, it is a time's ("9\uff1a30"). */
                int is_time = c == from && c + 1 == to && from > 0 &&
                           Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, from - 1)) &&
                           Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, to));
                return is_time ? 2 : 1;
            }
            if (c + 1 >= to) {
                return 2;
            }
            Py_UCS4 next = PyUnicode_READ(kind, data, c + 1);
            if ((next == '<' || next == '&') && markup_end(kind, data, to, c + 1, &amp) > c + 1) {
                return amp ? 2 : 1; /* markup reads as white space, but the "&" of "&amp;" */
            }
            return Py_UNICODE_ISSPACE(next) ? 1 : 2;
        }
    }
    return 0;
}

/* Whether the "t" of token k is a contraction's ("don't"), as the reference's
 * _negations() tells: one character after a word ending in "n" that is an
 * apostrophe or a backtick, or any one character after a head of _NT_HEADS; or,
 * after a word ending in "n", an apostrophe written as an HTML entity
 * (_APOSTROPHE_ENTITIES: "Don&#39;t"). */
static int
nt_contraction(const char *lowered, const Py_ssize_t *cuts, Py_ssize_t k)
{
    static const char *const heads[] = {"don",   "doesn",  "didn",    "isn",    "aren",
                                        "wasn",  "weren",  "hasn",    "haven",  "hadn",
                                        "couldn", "wouldn", "shouldn", "mustn",  "needn",
                                        "mightn", "ain",    "shan"};
    static const char *const entities[] = {"&#39;",  "&#039;",  "&#x27;",  "&apos;",
                                           "&rsquo;", "&#8217;", "&#x2019;"};
    if (k == 0) {
        return 0;
    }
    const char *head = lowered + cuts[2 * k - 2];
    size_t size = (size_t)(cuts[2 * k - 1] - cuts[2 * k - 2]);
    size_t gap_size = (size_t)(cuts[2 * k] - cuts[2 * k - 1]);
    if (gap_size > 1) {
        if (head[size - 1] != 'n') {
            return 0;
        }
        for (size_t e = 0; e < sizeof entities / sizeof *entities; e++) {
            if (strlen(entities[e]) == gap_size
                && memcmp(entities[e], lowered + cuts[2 * k - 1], gap_size) == 0) {
                return 1;
            }
        }
        return 0;
    }
    if (gap_size != 1) {
        return 0;
    }
    char gap = lowered[cuts[2 * k] - 1];
    if ((gap == '\'' || gap == '`') && head[size - 1] == 'n') {
        return 1;
    }
    for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
        if (strlen(heads[h]) == size && memcmp(heads[h], head, size) == 0) {
            return 1;
        }
    }
    return 0;
}

/* As the reference's _negations(), on the normalised (lowered) text: a token whose
 * stem is a negator's negates only when its word is one of _NEGATING_WORDS ("notes"
 * has the stem of "not"), a "t" only as the "t" of "n't" ("AT&T", "T-shirt": a
 * letter); is_negator becomes 0 for the others, and 2 for "non", a prefix that
 * denies only the word after it, and for "no" joined to the next word by a hyphen
 * ("no-code"), which is one too. */
static void
short_negators(const char *lowered, const Py_ssize_t *cuts, Py_ssize_t n, char *is_negator)
{
    static const char *const negating[] = {"not", "cannot",  "no",  "never", "without",
                                           "nor", "neither", "t",   "non",   "none"};
    for (Py_ssize_t k = 0; k < n; k++) {
        if (!is_negator[k]) {
            continue;
        }
        const char *word = lowered + cuts[2 * k];
        Py_ssize_t size = cuts[2 * k + 1] - cuts[2 * k];
        int listed = 0;
        for (size_t w = 0; !listed && w < sizeof negating / sizeof *negating; w++) {
            listed = strlen(negating[w]) == (size_t)size && memcmp(negating[w], word, (size_t)size) == 0;
        }
        if (!listed) {
            is_negator[k] = 0;
        }
        else if (size == 3 && memcmp(word, "non", 3) == 0) {
            is_negator[k] = 2;
        }
        else if (size == 2 && memcmp(word, "no", 2) == 0 && k + 1 < n &&
                 cuts[2 * k + 2] == cuts[2 * k + 1] + 1 && lowered[cuts[2 * k + 1]] == '-') {
            is_negator[k] = 2;
        }
        else if (size == 1 && word[0] == 't' && !nt_contraction(lowered, cuts, k)) {
            is_negator[k] = 0;
        }
    }
}

/* The scope of negations: inside[k] is 1 for tokens a negation covers. */
static int
mark_negated(Context *ctx, const Source *source, const Py_ssize_t *cuts, const uint32_t *ids,
             Py_ssize_t n, const char *is_negator, char *inside)
{
    for (Py_ssize_t at = 0; at < n; at++) {
        if (!is_negator[at] || at + 1 >= n || ctx->flags[ids[at + 1]] & VOCAB_RELEASE) {
            continue;
        }
        Py_ssize_t end = at + 1;
        /* "non" denies the one word it prefixes (see short_negators). */
        Py_ssize_t limit = is_negator[at] == 2 ? at + 2 : at + 1 + ctx->negation_reach;
        if (limit > n) {
            limit = n;
        }
        while (end < limit) {
            /* Punctuation right after the negation ends it too ("no. Own..."); a
             * clause word only from the second word on. */
            int stop_here = gap_holds(&ctx->clause_punct, source, cuts, end);
            if (stop_here == 0) {
                stop_here = gap_spaced_dash(source, cuts, end);
            }
            if (stop_here < 0) {
                return -1;
            }
            if (stop_here || (end > at + 1 && ctx->flags[ids[end]] & VOCAB_CLAUSE)) {
                break;
            }
            end++;
        }
        for (Py_ssize_t k = at; k < end; k++) {
            inside[k] = 1;
        }
    }
    return 0;
}

/* The weights of the counted (not negated) hits from each hit on, summed from the
 * last one back as the reference's _weights_from sums them (same order, same
 * bits): 4 * (size + 1) doubles, the last four zeros; NULL with an error set. */
static double *
weights_from(const Hits *hits)
{
    double *sums = PyMem_Calloc(4 * ((size_t)hits->size + 1), sizeof(double));
    if (sums == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t h = hits->size - 1; h >= 0; h--) {
        const Hit *hit = &hits->items[h];
        for (int j = 0; j < 4; j++) {
            sums[4 * h + j] = sums[4 * (h + 1) + j] + (hit->negated ? 0.0 : hit->row->weights[j]);
        }
    }
    return sums;
}

/* Sets aside (negated = 2) the hits of collaboration the statement gives the
 * purpose of, as the reference's _means_until does: a lead verb,
 * a link word within purpose_link_reach tokens, then "to" within purpose_reach
 * tokens before a word not in purpose_stop, no purpose_break punctuation
 * between, and a purpose after "to" that speaks for a side: a hand-written
 * product or project cue (not negated), or counted cues whose weights summed
 * (weights_from) favour product or project over both shared and other.
 * Hits from the verb up to "to" are set aside; *start_aside is 2 when a range
 * covers the opening word (token opening), else 0. */
static int
mark_means(Context *ctx, const Source *source, const Py_ssize_t *cuts, const uint32_t *ids,
           Py_ssize_t n, Py_ssize_t opening, Hits *hits, int *start_aside)
{
    Py_ssize_t *until = NULL; /* until[i]: the furthest "to" of a range led at or before i */
    double *sums = NULL;      /* sums[4 * h + label]: see weights_from, made when needed */
    *start_aside = 0;
    /* Most statements hold no lead verb: they never touch the hits' rows. */
    Py_ssize_t first_lead = 0;
    while (first_lead < n && !(ctx->flags[ids[first_lead]] & VOCAB_LEAD)) {
        first_lead++;
    }
    if (first_lead == n) {
        return 0;
    }
    /* The last token where such a cue starts, found once: per lead it would be
     * quadratic. */
    Py_ssize_t last_side = -1;
    for (Py_ssize_t h = 0; h < hits->size; h++) {
        const Hit *hit = &hits->items[h];
        if (!hit->negated && hit->row->side >= 0 && hit->first > last_side) {
            last_side = hit->first;
        }
    }
    for (Py_ssize_t at = first_lead; at < n; at++) {
        if (!(ctx->flags[ids[at]] & VOCAB_LEAD)) {
            continue;
        }
        int linked = 0;
        for (Py_ssize_t k = at + 1; k < n && k <= at + ctx->purpose_link_reach; k++) {
            linked |= (ctx->flags[ids[k]] & VOCAB_LINK) != 0;
        }
        if (!linked) {
            continue;
        }
        Py_ssize_t limit = at + 1 + ctx->purpose_reach;
        if (limit > n - 1) {
            limit = n - 1;
        }
        for (Py_ssize_t k = at + 2; k < limit; k++) {
            int parted = gap_holds(&ctx->purpose_break, source, cuts, k);
            if (parted < 0) {
                PyMem_Free(until);
                PyMem_Free(sums);
                return -1;
            }
            if (parted) {
                break;
            }
            if (!(ctx->flags[ids[k]] & VOCAB_TO)) {
                continue;
            }
            if (ctx->flags[ids[k + 1]] & VOCAB_PURPOSE_STOP) {
                break;
            }
            int sided = last_side > k;
            if (!sided) {
                if (sums == NULL && (sums = weights_from(hits)) == NULL) {
                    PyMem_Free(until);
                    return -1;
                }
                /* The first hit after "to": hits are in order of their first token. */
                Py_ssize_t lo = 0, hi = hits->size;
                while (lo < hi) {
                    Py_ssize_t mid = lo + (hi - lo) / 2;
                    if (hits->items[mid].first <= k) {
                        lo = mid + 1;
                    }
                    else {
                        hi = mid;
                    }
                }
                const double *z = sums + 4 * lo;
                sided = (z[0] > z[1] ? z[0] : z[1]) > (z[2] > z[3] ? z[2] : z[3]);
            }
            if (sided) {
                if (until == NULL && (until = PyMem_Calloc((size_t)n, sizeof *until)) == NULL) {
                    PyMem_Free(sums);
                    PyErr_NoMemory();
                    return -1;
                }
                if (until[at] < k) {
                    until[at] = k;
                }
            }
            break;
        }
    }
    PyMem_Free(sums);
    if (until == NULL) {
        return 0;
    }
    for (Py_ssize_t i = 1; i < n; i++) {
        if (until[i] < until[i - 1]) {
            until[i] = until[i - 1];
        }
    }
    for (Py_ssize_t h = 0; h < hits->size; h++) {
        Hit *hit = &hits->items[h];
        if (!hit->negated && hit->last < until[hit->first]) {
            hit->negated = 2;
        }
    }
    *start_aside = until[opening] > opening ? 2 : 0;
    PyMem_Free(until);
    return 0;
}

static inline void
add_weights(const Row *row, double *total)
{
    for (int k = 0; k < 4; k++) {
        total[k] += row->weights[k];
    }
}

/* Finds every cue; fills hits (mix and opening word first, then in text order).
 * ids holds each token's stem number (0: a stem no table knows, so in no cue). */
static int
find_hits(Context *ctx, const uint32_t *ids, Py_ssize_t n, Hits *hits, char *is_stop,
          char *is_negator, int *any_negator)
{
    const Table *seqs = &ctx->seqs;
    *any_negator = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint32_t flags = ctx->flags[ids[i]];
        is_stop[i] = (flags & VOCAB_STOP) != 0;
        is_negator[i] = (flags & VOCAB_NEGATOR) != 0;
        *any_negator |= is_negator[i];
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        uint32_t a = ids[i];
        if (a == 0) {
            continue; /* no cue holds it, nor begins with it */
        }
        if (ctx->word_row[a] >= 0 && push_hit(ctx, hits, i, i, NGRAM, ctx->word_row[a]) < 0) {
            return -1;
        }
        if (i + 1 >= n) {
            continue;
        }
        const Slot *adjacent = ids[i + 1] ? seq_find(seqs, ids + i, 2) : NULL;
        if (adjacent != NULL && adjacent->value >= 0 &&
            push_hit(ctx, hits, i, i + 1, NGRAM, adjacent->value) < 0) {
            return -1;
        }
        /* Content words a stopword or two apart pair up ("coach [the] team"). */
        if (i + 2 < n && !is_stop[i] && is_stop[i + 1]) {
            Py_ssize_t j = -1;
            if (!is_stop[i + 2]) {
                j = i + 2;
            }
            else if (i + 3 < n && !is_stop[i + 3]) {
                j = i + 3;
            }
            if (j >= 0 && ids[j]) {
                uint32_t pair[2] = {a, ids[j]};
                const Slot *slot = seq_find(seqs, pair, 2);
                if (slot != NULL && slot->value >= 0 &&
                    push_hit(ctx, hits, i, j, PAIR, slot->value) < 0) {
                    return -1;
                }
            }
        }
        /* Phrases of three words or more, where a word pair begins one. */
        int more = adjacent != NULL && adjacent->prefix;
        for (Py_ssize_t j = i + 2; more && j < n && j - i < ctx->max_cue_words; j++) {
            const Slot *slot = seq_find(seqs, ids + i, (size_t)(j - i + 1));
            if (slot == NULL) {
                break;
            }
            if (slot->value >= 0 && push_hit(ctx, hits, i, j, NGRAM, slot->value) < 0) {
                return -1;
            }
            more = slot->prefix;
        }
    }
    /* Hits arrive in order of their first token; only those sharing one (a few,
     * at most a cue's length) can be out of order, so insertion sort is linear. */
    Hit *items = hits->items;
    for (Py_ssize_t h = 1; h < hits->size; h++) {
        Hit hit = items[h];
        Py_ssize_t k = h;
        while (k > 0 && compare_hits(&items[k - 1], &hit) > 0) {
            items[k] = items[k - 1];
            k--;
        }
        items[k] = hit;
    }
    return 0;
}

/* Reads the optional (text, offsets) arguments that follow the normalised text. */
static int
read_source(PyObject *norm, PyObject *const *args, Py_ssize_t nargs, Source *source)
{
    source->text = norm;
    source->offsets = NULL;
    if (nargs == 0) {
        return 0;
    }
    if (nargs != 2 || !PyUnicode_Check(args[0]) ||
        (args[1] != Py_None && !PyList_Check(args[1]))) {
        PyErr_SetString(PyExc_TypeError, "expected text: str and offsets: list | None");
        return -1;
    }
    source->text = args[0];
    if (args[1] != Py_None) {
        if (PyList_GET_SIZE(args[1]) != PyUnicode_GET_LENGTH(norm)) {
            PyErr_SetString(PyExc_ValueError, "offsets do not fit the text");
            return -1;
        }
        source->offsets = args[1];
    }
    else if (PyUnicode_GET_LENGTH(source->text) != PyUnicode_GET_LENGTH(norm)) {
        PyErr_SetString(PyExc_ValueError, "offsets do not fit the text");
        return -1;
    }
    return 0;
}

/* Reads (norm, context, <extra arguments>, [text, offsets]), norm already checked
 * to be a str: 0 when ready, 1 if norm is not ASCII (the caller returns None, the
 * reference's case), -1 with an error set. */
static int
open_text(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t extra, Context **ctx,
          Source *source)
{
    *ctx = (Context *)PyCapsule_GetPointer(args[1], CONTEXT_NAME);
    if (*ctx == NULL) {
        return -1;
    }
    if (!PyUnicode_IS_ASCII(args[0])) {
        return 1;
    }
    return read_source(args[0], args + 2 + extra, nargs - 2 - extra, source);
}

/* What one scan found: the hits and the verdict's numbers, with the token
 * boundaries kept for the caller (jsonl_line maps them back to the text). */
typedef struct {
    Py_ssize_t *cuts;
    Py_ssize_t n; /* tokens */
    Hits hits;
    const Row *start, *mix; /* the opening-word and side-mix features, or NULL */
    Py_ssize_t opening;     /* the opening word's token: the first not in the preamble */
    int start_aside;        /* 2 when the opening word leads a means, else 0 */
    int best;
    double scores[4];
    double confidence;
} Scan;

static void
scan_release(Scan *found)
{
    PyMem_Free(found->cuts);
    PyMem_Free(found->hits.items);
    found->cuts = NULL;
    found->hits.items = NULL;
}

/* Finds the cues in the ASCII text and settles the verdict, as the reference's
 * _match and _settle do; fills found (release it with scan_release, also on
 * failure). Returns -1 with an error set on failure. */
static int
scan_raw(Context *ctx, const unsigned char *data, Py_ssize_t length, const Source *source,
         Scan *found)
{
    memset(found, 0, sizeof *found);
    int status = -1;
    uint32_t *ids = NULL;
    char *flags = NULL;
    char *lowered = NULL;

    Py_ssize_t *cuts = NULL;
    Py_ssize_t n = tokenize(data, length, &cuts);
    found->cuts = cuts;
    found->n = n < 0 ? 0 : n;
    if (n < 0) {
        goto done;
    }
    ids = PyMem_Malloc(((size_t)n + 1) * sizeof(uint32_t));
    flags = PyMem_Calloc((size_t)(3 * n + 1), 1);
    lowered = PyMem_Malloc((size_t)length + 1);
    if (ids == NULL || flags == NULL || lowered == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < length; k++) {
        unsigned char c = data[k];
        lowered[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        const char *w = lowered + cuts[2 * i];
        size_t size = (size_t)(cuts[2 * i + 1] - cuts[2 * i]);
        uint64_t h = hash_bytes(w, size);
        const Slot *slot = str_find(&ctx->surface, w, size, h);
        int32_t number = slot != NULL ? slot->value : word_number(ctx, w, size, h);
        if (number < 0) {
            goto done;
        }
        ids[i] = (uint32_t)number;
    }

    char *is_stop = flags, *is_negator = flags + n, *inside = flags + 2 * n;
    int any_negator = 0;
    if (n && find_hits(ctx, ids, n, &found->hits, is_stop, is_negator, &any_negator) < 0) {
        goto done;
    }
    if (any_negator) {
        short_negators(lowered, cuts, n, is_negator);
        if (mark_negated(ctx, source, cuts, ids, n, is_negator, inside) < 0) {
            goto done;
        }
        for (Py_ssize_t h = 0; h < found->hits.size; h++) {
            found->hits.items[h].negated = inside[found->hits.items[h].first];
        }
    }
    /* As the reference's _label_end(): the token after a label of at most
     * LABEL_REACH words ending in the statement's first colon, else 0. */
    Py_ssize_t label = 0;
    for (Py_ssize_t k = 0; k < n && k <= LABEL_REACH; k++) {
        int colon = colon_gap(&ctx->colons, source, cuts, k);
        if (colon < 0) {
            goto done;
        }
        if (colon) {
            label = colon == 1 ? k : 0;
            break;
        }
    }
    /* As the reference's opening(), from there: the first token neither in the
     * preamble nor a subject before one, else the label's end. */
    /* As the reference's _subject_end(): a subjects word before "to", or one to
     * subject_reach words from the label on, none a preamble word or a subject
     * break, then a modal, then a word not in passive: a subject, whose cues are
     * set aside (3). */
    Py_ssize_t subject = label;
    if (label + 2 < n && (ctx->flags[ids[label]] & VOCAB_SUBJECT) &&
        (ctx->flags[ids[label + 1]] & VOCAB_TO)) {
        subject = label + 1; /* "Ability to ...": "to" ends the subject */
    }
    else {
        /* A requirement's lead: a duration, qualifiers, a head, a link ("5+ years of
         * strong experience in"); after a duration, the link may be missing. */
        Py_ssize_t k = label, lead = label;
        uint32_t seen = 0;
        while (k < n && k < label + ctx->duration_reach &&
               (ctx->flags[ids[k]] & VOCAB_DURATION)) {
            seen |= ctx->flags[ids[k]];
            k++;
        }
        if (seen & VOCAB_TIME_UNIT) {
            lead = k;
        }
        k = lead;
        while (k < n && k < lead + ctx->requirement_reach &&
               (ctx->flags[ids[k]] & VOCAB_QUALIFIER)) {
            k++;
        }
        int track = k > label && ids[k - 1] == ctx->track; /* qualifies "record" alone */
        int head = k < n && (track ? ids[k] == ctx->record
                                   : (ctx->flags[ids[k]] & VOCAB_REQUIREMENT) != 0);
        if (head && k + 2 < n && (ctx->flags[ids[k + 1]] & VOCAB_REQUIREMENT_LINK)) {
            subject = k + 2;
        }
        else if (lead > label && k + 1 < n && (ctx->flags[ids[k]] & VOCAB_REQUIREMENT)) {
            subject = k + 1;
        }
        else {
            /* The job named, then its scope verb ("The role involves"): "involves" ends it. */
            Py_ssize_t limit = label + ctx->scope_reach < n ? label + ctx->scope_reach : n;
            k = job_named(ctx, ids, label, limit);
            if (k > label && k + 1 < n && (ctx->flags[ids[k]] & VOCAB_SCOPE_VERB)) {
                subject = k + 1;
            }
        }
    }
    for (Py_ssize_t k = label; subject == label && k < n - 1 && k <= label + ctx->subject_reach;
         k++) {
        uint32_t flags = ctx->flags[ids[k]];
        /* "Candidates must be able to", "You are expected to": "to" ends it. */
        Py_ssize_t be = (flags & VOCAB_ABLE_MODAL) && (ctx->flags[ids[k + 1]] & VOCAB_PASSIVE)
                            ? k + 1
                            : k;
        if ((be > k || ((flags & VOCAB_BE) && k > label)) && be + 3 < n &&
            (ctx->flags[ids[be + 1]] & VOCAB_ABLE) && (ctx->flags[ids[be + 2]] & VOCAB_TO)) {
            subject = be + 3;
            break;
        }
        if ((flags & VOCAB_YOU) && k > label && k + 2 < n && (ctx->flags[ids[k + 1]] & VOCAB_TO) &&
            (ctx->flags[ids[label]] & VOCAB_ASKER)) {
            subject = k + 2; /* "We need you to": "to" ends it */
            break;
        }
        if ((flags & VOCAB_MODAL) && k > label) {
            if (!(ctx->flags[ids[k + 1]] & VOCAB_PASSIVE)) {
                subject = k;
            }
            break;
        }
        if (flags & (VOCAB_PREAMBLE | VOCAB_SUBJECT_BREAK)) {
            break;
        }
    }
    /* As the reference's _framed_end(): up to frame_reach words, none a subject
     * break, the first neither "as" nor a preamble word and the others not one but
     * "to", then a comma, a subjects word, a modal and a word not in passive ("Day
     * to day, you will"): a subject to the modal. */
    if (subject == label && label < n && ids[label] != ctx->as) {
        for (Py_ssize_t k = label; k < n - 2 && k <= label + ctx->frame_reach; k++) {
            uint32_t flags = ctx->flags[ids[k]];
            if (((flags & VOCAB_PREAMBLE) && (k == label || !(flags & VOCAB_TO))) ||
                (flags & VOCAB_SUBJECT_BREAK)) {
                break;
            }
            if (k > label && (flags & VOCAB_SUBJECT) && (ctx->flags[ids[k + 1]] & VOCAB_MODAL) &&
                !(ctx->flags[ids[k + 2]] & VOCAB_PASSIVE)) {
                int comma = gap_holds(&ctx->commas, source, cuts, k);
                if (comma < 0) {
                    goto done;
                }
                if (comma) {
                    subject = k + 1;
                    break;
                }
            }
        }
    }
    /* A label of words that name the job ("Typical tasks:") is set aside with it. */
    Py_ssize_t named = label && job_named(ctx, ids, 0, label) == label ? 0 : label;
    for (Py_ssize_t h = 0; subject > named && h < found->hits.size; h++) {
        Hit *hit = &found->hits.items[h];
        if (!hit->negated && hit->first >= named && hit->last < subject) {
            hit->negated = 3;
        }
    }
    Py_ssize_t opening = subject;
    for (;;) {
        if (opening < n && (ctx->flags[ids[opening]] & VOCAB_PREAMBLE)) {
            opening++;
        }
        else if (opening + 1 < n && (ctx->flags[ids[opening]] & VOCAB_SUBJECT) &&
                 (ctx->flags[ids[opening + 1]] & VOCAB_PREAMBLE)) {
            opening += 2;
        }
        else {
            break;
        }
    }
    if (opening == n) {
        opening = subject;
    }
    int start_aside = 0;
    if (mark_means(ctx, source, cuts, ids, n, opening, &found->hits, &start_aside) < 0) {
        goto done;
    }

    /* The live cues in the order the reference sums them: hits in text order,
     * then the opening word, then the side mix. */
    double total[4] = {0.0, 0.0, 0.0, 0.0};
    int live = 0, product_side = 0, project_side = 0;
    for (Py_ssize_t h = 0; h < found->hits.size; h++) {
        Hit *hit = &found->hits.items[h];
        if (hit->negated) {
            continue;
        }
        live++;
        add_weights(hit->row, total);
        if (hit->kind == NGRAM) {
            product_side |= hit->row->side == 0;
            project_side |= hit->row->side == 1;
        }
    }
    const Row *start = NULL, *mix = NULL;
    if (n && ctx->start_row[ids[opening]] >= 0) {
        start = &ctx->rows[ctx->start_row[ids[opening]]];
    }
    if (start != NULL && !start_aside) {
        live++;
        add_weights(start, total);
    }
    if (live) {
        PyObject *entry = PyTuple_GET_ITEM(ctx->mix, product_side + 2 * project_side);
        if (entry != Py_None) {
            if ((mix = row_of(ctx, entry)) == NULL) {
                goto done;
            }
            add_weights(mix, total);
        }
    }

    int best = OTHER;
    double scores[4] = {0.0, 0.0, 0.0, 1.0};
    double confidence = 0.0;
    if (live) {
        double t = ctx->temperature;
        double z[4];
        for (int k = 0; k < 4; k++) {
            z[k] = (ctx->bias[k] + total[k]) / t;
        }
        double top = z[0];
        for (int k = 1; k < 4; k++) {
            if (z[k] > top) {
                top = z[k];
            }
        }
        double e[4];
        for (int k = 0; k < 4; k++) {
            e[k] = exp(z[k] - top);
        }
        double sum = e[0] + e[1] + e[2] + e[3];
        for (int k = 0; k < 4; k++) {
            scores[k] = e[k] / sum;
        }
        best = 0;
        for (int k = 1; k < 4; k++) {
            if (scores[k] > scores[best]) {
                best = k;
            }
        }
        if (best != OTHER) {
            double support = 0.0;
            for (Py_ssize_t h = 0; h < found->hits.size; h++) {
                if (!found->hits.items[h].negated && found->hits.items[h].row->centred[best] > support) {
                    support = found->hits.items[h].row->centred[best];
                }
            }
            const Row *extra[2] = {start_aside ? NULL : start, mix};
            for (int k = 0; k < 2; k++) {
                if (extra[k] != NULL && extra[k]->centred[best] > support) {
                    support = extra[k]->centred[best];
                }
            }
            if (support < ctx->min_evidence) {
                best = OTHER;
            }
            else if (best < 2 && fmin(scores[0], scores[1]) >= ctx->shared_floor) {
                best = 2;
            }
        }
        confidence = scores[best];
    }

    found->start = start;
    found->opening = opening;
    found->start_aside = start_aside;
    found->mix = mix;
    found->best = best;
    memcpy(found->scores, scores, sizeof scores);
    found->confidence = confidence;
    status = 0;

done:
    PyMem_Free(ids);
    PyMem_Free(flags);
    PyMem_Free(lowered);
    return status;
}

/* scan_raw() of an ASCII str. */
static int
scan_text(Context *ctx, PyObject *text, const Source *source, Scan *found)
{
    return scan_raw(ctx, PyUnicode_1BYTE_DATA(text), PyUnicode_GET_LENGTH(text), source, found);
}

/* One hit as scan() hands it over, packed (native int32s) in a bytes object:
 * one object per verdict instead of four ints per hit, and as cheap to read
 * back, or to send to another process. The span is in characters of the text
 * scanned, so that whoever builds the evidence (often another process) need
 * not tokenise the text again. */
typedef struct {
    int32_t start, end; /* characters of the normalised text, end excluded */
    int32_t position;   /* the cue's row */
    int32_t negated;    /* set aside, as Hit.negated: 0, 1 negated, 2 means, 3 subject */
} FlatHit;

/* Whether the spans of found fit FlatHit's int32s; else -1 with an error set. */
static int
flat_fits(const Scan *found)
{
    if (found->n > 0 && found->cuts[2 * found->n - 1] > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "statement too long");
        return -1;
    }
    return 0;
}

/* Writes the FlatHits of a scan, in the order of the verdict's evidence, to out,
 * which has room for all of them (hits, plus the opening-word and mix features). */
static void
write_flat(Context *ctx, const Scan *found, FlatHit *out)
{
    const Hit *items = found->hits.items;
    const Py_ssize_t *cuts = found->cuts;
    /* The side mix spans the statement, the opening word its own token: in text
     * order, after the hits on a lead-in ("To deliver"), before the others. */
    if (found->mix != NULL) {
        *out++ = (FlatHit){(int32_t)cuts[0], (int32_t)cuts[2 * found->n - 1],
                           (int32_t)(found->mix - ctx->rows), 0};
    }
    Py_ssize_t h = 0;
    if (found->start != NULL) {
        for (; h < found->hits.size && items[h].first < found->opening; h++) {
            *out++ = (FlatHit){(int32_t)cuts[2 * items[h].first],
                               (int32_t)cuts[2 * items[h].last + 1],
                               (int32_t)(items[h].row - ctx->rows), items[h].negated};
        }
        *out++ = (FlatHit){(int32_t)cuts[2 * found->opening], (int32_t)cuts[2 * found->opening + 1],
                           (int32_t)(found->start - ctx->rows), found->start_aside};
    }
    for (; h < found->hits.size; h++) {
        *out++ = (FlatHit){(int32_t)cuts[2 * items[h].first], (int32_t)cuts[2 * items[h].last + 1],
                           (int32_t)(items[h].row - ctx->rows), items[h].negated};
    }
}

/* scan(norm, context[, text, offsets]) -> (best, scores, confidence, flat), or None
 * if norm is not ASCII.
 *
 * norm is the statement, or for a statement that is not ASCII the normalised
 * text rolelens.text.normalise() made of it, with the original text and the
 * offset map. flat is a bytes object of FlatHit, one per hit, in the order of
 * the verdict's evidence. */
/* The hits of a scan as scan() hands them over: a new bytes object of FlatHit. */
static PyObject *
flat_of(Context *ctx, const Scan *found)
{
    if (flat_fits(found) < 0) {
        return NULL;
    }
    Py_ssize_t count = found->hits.size + (found->start != NULL) + (found->mix != NULL);
    PyObject *flat = PyBytes_FromStringAndSize(NULL, count * (Py_ssize_t)sizeof(FlatHit));
    if (flat == NULL) {
        return NULL;
    }
    write_flat(ctx, found, (FlatHit *)PyBytes_AS_STRING(flat));
    return flat;
}

static PyObject *
scan(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "scan(norm: str, context[, text, offsets])");
        return NULL;
    }
    Context *ctx;
    Source source;
    int opened = open_text(args, nargs, 0, &ctx, &source);
    if (opened != 0) {
        return opened > 0 ? Py_NewRef(Py_None) : NULL;
    }
    Scan found;
    PyObject *result = NULL;
    if (scan_text(ctx, args[0], &source, &found) == 0) {
        PyObject *flat = flat_of(ctx, &found);
        if (flat != NULL) {
            result = Py_BuildValue("i(dddd)dN", found.best, found.scores[0], found.scores[1],
                                   found.scores[2], found.scores[3], found.confidence, flat);
        }
    }
    scan_release(&found);
    return result;
}

/* Leave an object this module made out of the cyclic garbage collector's lists.
 *
 * Safe only for objects that can never be part of a reference cycle: verdicts,
 * their score and found tuples, Evidence items and the tuple holding them refer
 * only to str, int, float, labels, the classifier's cue tuples and the context,
 * none of which refers back to them. Their memory is still freed by reference
 * counting. Worth it: a verdict carries a dozen Evidence tuples, and a program
 * that keeps a few hundred thousand verdicts otherwise has the collector walk
 * them all again and again (reading their evidence became four times slower). */
static void
untrack_acyclic(PyObject *op)
{
    if (op != NULL && PyObject_GC_IsTracked(op)) {
        PyObject_GC_UnTrack(op);
    }
}

/* Fills the first n slots of an object made here (a Verdict, a Statement): each
 * member descriptor in slots gets values[k], as setattr would, without the
 * attribute lookup. -1 with an error set. */
static int
set_slots(PyObject *made, PyObject *const *slots, PyObject *const *values, int n)
{
    for (int k = 0; k < n; k++) {
        if (Py_TYPE(slots[k])->tp_descr_set(slots[k], made, values[k]) < 0) {
            return -1;
        }
    }
    return 0;
}

/* A Verdict with its five slots (text, label, scores, confidence, evidence) set
 * to values, which it does not steal; NULL with an error set on failure. */
static PyObject *
make_verdict(Context *ctx, PyObject *const values[5])
{
    PyObject *made = ctx->verdict->tp_alloc(ctx->verdict, 0);
    if (made == NULL) {
        return NULL;
    }
    if (set_slots(made, ctx->verdict_slots, values, 5) < 0) {
        Py_DECREF(made);
        return NULL;
    }
    /* No reference cycle can run through a verdict made here (see untrack_acyclic). */
    untrack_acyclic(values[2]);
    untrack_acyclic(values[4]);
    untrack_acyclic(made);
    return made;
}

/* A tuple of the four scores, as floats: a new reference, or NULL with an error
 * set. The tuple made last for the same four values (bit for bit) is handed out
 * again where the context's table still holds it: a tuple and four floats are
 * most of a verdict's memory, and the verdicts of a long posting share a few
 * thousand score vectors (those of statements with the same cues; every
 * statement without one has the same). Tuples and floats are immutable, so
 * sharing them changes nothing a caller can see but identity. */
static PyObject *
shared_scores(Context *ctx, const double scores[4])
{
    uint64_t bits[4];
    memcpy(bits, scores, sizeof bits);
    uint64_t h = bits[0];
    for (int k = 1; k < 4; k++) {
        h = (h ^ bits[k]) * UINT64_C(0x9E3779B97F4A7C15);
    }
    PyObject **slot = &ctx->scores_seen[(size_t)(h >> 40) % SCORES_SLOTS];
    if (*slot != NULL) {
        int same = 1;
        for (int k = 0; same && k < 4; k++) {
            double seen = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(*slot, k));
            same = memcmp(&seen, &scores[k], sizeof seen) == 0;
        }
        if (same) {
            return Py_NewRef(*slot);
        }
    }
    PyObject *made = PyTuple_New(4);
    for (int k = 0; made != NULL && k < 4; k++) {
        PyObject *score = PyFloat_FromDouble(scores[k]);
        if (score == NULL) {
            Py_CLEAR(made);
            break;
        }
        PyTuple_SET_ITEM(made, k, score);
    }
    if (made != NULL) {
        /* No reference cycle can run through it (see untrack_acyclic). */
        untrack_acyclic(made);
        Py_XSETREF(*slot, Py_NewRef(made));
    }
    return made;
}

/* The Verdict of text: label best, these scores and confidence, and the evidence
 * settled but not built, (_UNBUILT, None, None, best, flat, cues, core), or ()
 * when found is 0 (no cue: flat is then NULL). flat is stolen; if found is not 0
 * and flat is NULL, its allocation failed and the error is set. Built by hand
 * rather than with Py_BuildValue, which parses its format on every call: this
 * runs once per statement. NULL with an error set on failure. */
static PyObject *
verdict_from(Context *ctx, PyObject *text, PyObject *core, int best, const double scores[4],
             double confidence, int found, PyObject *flat)
{
    PyObject *values[5] = {text, PyTuple_GET_ITEM(ctx->labels, best),
                           shared_scores(ctx, scores), NULL, NULL};
    if (values[2] != NULL) {
        /* The confidence is the chosen label's score: share that float. */
        PyObject *same = PyTuple_GET_ITEM(values[2], best);
        values[3] = PyFloat_AS_DOUBLE(same) == confidence ? Py_NewRef(same)
                                                           : PyFloat_FromDouble(confidence);
    }
    if (!found) {
        values[4] = PyTuple_New(0);
    }
    else if (flat != NULL) {
        PyObject *settled = PyTuple_New(7);
        PyObject *best_of = PyLong_FromLong(best);
        if (settled == NULL || best_of == NULL) {
            Py_XDECREF(settled);
            Py_XDECREF(best_of);
            Py_DECREF(flat);
        }
        else {
            PyTuple_SET_ITEM(settled, 0, Py_NewRef(ctx->unbuilt));
            PyTuple_SET_ITEM(settled, 1, Py_NewRef(Py_None));
            PyTuple_SET_ITEM(settled, 2, Py_NewRef(Py_None));
            PyTuple_SET_ITEM(settled, 3, best_of);
            PyTuple_SET_ITEM(settled, 4, flat);
            PyTuple_SET_ITEM(settled, 5, Py_NewRef(ctx->entries));
            PyTuple_SET_ITEM(settled, 6, Py_NewRef(core));
            values[4] = settled;
        }
    }
    PyObject *made = NULL;
    if (values[2] != NULL && values[3] != NULL && values[4] != NULL) {
        made = make_verdict(ctx, values);
    }
    Py_XDECREF(values[2]);
    Py_XDECREF(values[3]);
    Py_XDECREF(values[4]);
    return made;
}

/* verdict(norm, context[, text, offsets]) -> Verdict, or None if norm is not ASCII
 *
 * What Classifier.classify returns for a text the C pass reads (arguments as
 * for scan()), made here: the scan,
 * then the Verdict with its slots filled as classifier._verdict fills them and
 * its evidence settled but not built, (_UNBUILT, None, None, best, flat, cues,
 * context), or () when no cue was found. Saves the tuple scan() returns and
 * two Python calls per statement. */
static PyObject *
verdict(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if ((nargs != 2 && nargs != 4) || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "verdict(norm: str, context[, text, offsets])");
        return NULL;
    }
    Context *ctx;
    Source source;
    int opened = open_text(args, nargs, 0, &ctx, &source);
    if (opened != 0) {
        return opened > 0 ? Py_NewRef(Py_None) : NULL;
    }
    if (ctx->verdict == NULL) {
        PyErr_SetString(PyExc_ValueError, "this context makes no verdicts");
        return NULL;
    }
    Scan found;
    if (scan_text(ctx, args[0], &source, &found) < 0) {
        scan_release(&found);
        return NULL;
    }
    int count = found.hits.size + (found.start != NULL) + (found.mix != NULL) > 0;
    /* The caller's text, not its normalised form. */
    PyObject *result = verdict_from(ctx, source.text, args[1], count ? found.best : OTHER,
                                    found.scores, count ? found.confidence : 0.0, count,
                                    count ? flat_of(ctx, &found) : NULL);
    scan_release(&found);
    return result;
}

/* bind_verdicts(context, verdict_type, slots, unbuilt, gloss) -> None
 *
 * Lets verdict() make verdicts: the Verdict class, the member descriptors of its
 * five slots (text, label, scores, confidence, evidence) and the marker of
 * unbuilt evidence; and explain() explain them: gloss(label, dimension) is
 * rolelens.classifier._gloss. */
static PyObject *
bind_verdicts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 || !PyType_Check(args[1]) || !PyTuple_Check(args[2]) ||
        PyTuple_GET_SIZE(args[2]) != 5 || !PyCallable_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "bind_verdicts(context, type, slots, unbuilt, gloss)");
        return NULL;
    }
    Context *ctx = (Context *)PyCapsule_GetPointer(args[0], CONTEXT_NAME);
    if (ctx == NULL) {
        return NULL;
    }
    for (int k = 0; k < 5; k++) {
        PyObject *slot = PyTuple_GET_ITEM(args[2], k);
        if (Py_TYPE(slot)->tp_descr_set == NULL) {
            PyErr_SetString(PyExc_TypeError, "slots must be settable descriptors");
            return NULL;
        }
    }
    if (ctx->verdict != NULL) {
        PyErr_SetString(PyExc_ValueError, "verdicts are bound already");
        return NULL;
    }
    ctx->verdict = (PyTypeObject *)Py_NewRef(args[1]);
    for (int k = 0; k < 5; k++) {
        ctx->verdict_slots[k] = Py_NewRef(PyTuple_GET_ITEM(args[2], k));
    }
    ctx->unbuilt = Py_NewRef(args[3]);
    ctx->gloss = Py_NewRef(args[4]);
    Py_RETURN_NONE;
}

/* One statement's record in the blob scan_chunk() makes: the verdict's numbers
 * as scan() returns them, and how many FlatHits follow it (-1: none, the
 * statement was left to the caller). */
typedef struct {
    int32_t best;
    int32_t count;
    double scores[4];
    double confidence;
} Packed;

_Static_assert(sizeof(Packed) % 8 == 0 && sizeof(FlatHit) % 8 == 0,
               "scan_chunk() writes FlatHits in place after each record");

/* A blob of Packed records and their FlatHits, as scan_chunk() and scan_buffer()
 * make it, growing. */
typedef struct {
    char *data;
    Py_ssize_t used, capacity;
} Records;

/* Appends the record of one statement: what scan found, or (found NULL) a
 * statement left to the caller. -1 with an error set. */
static int
records_add(Context *ctx, Records *records, const Scan *found)
{
    Packed record = {OTHER, -1, {0.0, 0.0, 0.0, 1.0}, 0.0};
    if (found != NULL) {
        if (flat_fits(found) < 0) {
            return -1;
        }
        record.best = found->best;
        record.count = (int32_t)(found->hits.size + (found->start != NULL) + (found->mix != NULL));
        memcpy(record.scores, found->scores, sizeof record.scores);
        record.confidence = found->confidence;
    }
    Py_ssize_t hits_size = record.count > 0 ? record.count * (Py_ssize_t)sizeof(FlatHit) : 0;
    Py_ssize_t needed = records->used + (Py_ssize_t)sizeof record + hits_size;
    void *moved;
    if (grow(records->data, &records->capacity, needed, 1, 4096, &moved) < 0) {
        return -1;
    }
    records->data = moved;
    memcpy(records->data + records->used, &record, sizeof record);
    records->used += (Py_ssize_t)sizeof record;
    if (hits_size) { /* records and hits are multiples of 8 bytes: aligned */
        write_flat(ctx, found, (FlatHit *)(records->data + records->used));
        records->used += hits_size;
    }
    return 0;
}

/* (blob, others) from the records made, freeing them; NULL on failure. */
static PyObject *
records_finish(Records *records, PyObject *others)
{
    PyObject *blob = PyBytes_FromStringAndSize(records->data, records->used);
    PyMem_Free(records->data);
    records->data = NULL;
    if (blob == NULL) {
        Py_DECREF(others);
        return NULL;
    }
    return Py_BuildValue("(NN)", blob, others);
}

/* Appends i to others. -1 with an error set. */
static int
others_add(PyObject *others, Py_ssize_t i)
{
    PyObject *index = PyLong_FromSsize_t(i);
    if (index == NULL || PyList_Append(others, index) < 0) {
        Py_XDECREF(index);
        return -1;
    }
    Py_DECREF(index);
    return 0;
}

/* scan_chunk(texts, context) -> (blob, others)
 *
 * scan() over a list of statements in one call, for a worker process to send
 * home: blob is one bytes object holding, for each statement in order, a Packed
 * record followed by its FlatHits. Statements that are not ASCII str (for which
 * scan() needs the normalised text, or which are not str at all) are left to
 * the caller: their record has count -1 and others lists their indices. */
static PyObject *
scan_chunk(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "scan_chunk(texts: list, context)");
        return NULL;
    }
    Context *ctx = (Context *)PyCapsule_GetPointer(args[1], CONTEXT_NAME);
    if (ctx == NULL) {
        return NULL;
    }
    PyObject *texts = args[0];
    PyObject *others = PyList_New(0);
    if (others == NULL) {
        return NULL;
    }
    Records records = {NULL, 0, 0};
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(texts); i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(text) || !PyUnicode_IS_ASCII(text)) {
            if (others_add(others, i) < 0 || records_add(ctx, &records, NULL) < 0) {
                goto fail;
            }
            continue;
        }
        Scan found;
        Py_INCREF(text); /* the stemmer runs Python code, which could touch the list */
        Source source = {text, NULL, NULL, 0};
        int failed = scan_text(ctx, text, &source, &found) < 0 ||
                     records_add(ctx, &records, &found) < 0;
        Py_DECREF(text);
        scan_release(&found);
        if (failed) {
            goto fail;
        }
    }
    return records_finish(&records, others);
fail:
    PyMem_Free(records.data);
    Py_DECREF(others);
    return NULL;
}

/* scan_buffer(buffer, count, context) -> (blob, others)
 *
 * scan_chunk() of count statements written into buffer as rolelens._crew writes
 * them: count native uint32 byte lengths, then the statements' UTF-8, one after
 * the other. An ASCII statement is scanned where it lies, never made into a
 * str; the others (their indices in others) are left to the caller. */
static PyObject *
scan_buffer(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "scan_buffer(buffer, count: int, context)");
        return NULL;
    }
    Py_ssize_t count = PyLong_AsSsize_t(args[1]);
    if (count == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Context *ctx = (Context *)PyCapsule_GetPointer(args[2], CONTEXT_NAME);
    if (ctx == NULL) {
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    const unsigned char *bytes = view.buf;
    Py_ssize_t size = view.len;
    if (count < 0 || count > size / 4) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "scan_buffer() needs what _crew wrote");
        return NULL;
    }
    PyObject *others = PyList_New(0);
    if (others == NULL) {
        PyBuffer_Release(&view);
        return NULL;
    }
    Records records = {NULL, 0, 0};
    Py_ssize_t at = 4 * count;
    for (Py_ssize_t i = 0; i < count; i++) {
        uint32_t length;
        memcpy(&length, bytes + 4 * i, sizeof length);
        if ((Py_ssize_t)length > size - at) {
            PyErr_SetString(PyExc_ValueError, "scan_buffer() needs what _crew wrote");
            goto fail;
        }
        const unsigned char *text = bytes + at;
        at += length;
        int ascii = 1;
        for (uint32_t k = 0; k < length; k++) {
            if (text[k] >= 128) {
                ascii = 0;
                break;
            }
        }
        if (!ascii) {
            if (others_add(others, i) < 0 || records_add(ctx, &records, NULL) < 0) {
                goto fail;
            }
            continue;
        }
        Scan found;
        Source source = {NULL, NULL, text, (Py_ssize_t)length};
        int failed = scan_raw(ctx, text, (Py_ssize_t)length, &source, &found) < 0 ||
                     records_add(ctx, &records, &found) < 0;
        scan_release(&found);
        if (failed) {
            goto fail;
        }
    }
    PyBuffer_Release(&view);
    return records_finish(&records, others);
fail:
    PyBuffer_Release(&view);
    PyMem_Free(records.data);
    Py_DECREF(others);
    return NULL;
}

/* write_texts(buffer, texts) -> int or None
 *
 * Writes texts into buffer as scan_buffer() reads them (their byte lengths, then
 * their UTF-8, lone surrogates passed through) and returns the bytes written;
 * None if they do not fit or are not all str (the caller then classifies them
 * itself). */
static PyObject *
write_texts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "write_texts(buffer, texts: list)");
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_WRITABLE) < 0) {
        return NULL;
    }
    PyObject *texts = args[1];
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *result = NULL;
    unsigned char *out = view.buf;
    Py_ssize_t at = 4 * count;
    if (count > UINT32_MAX || at > view.len) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(text)) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        PyObject *encoded = NULL;
        const char *data;
        Py_ssize_t length;
        if (PyUnicode_IS_ASCII(text)) {
            data = (const char *)PyUnicode_1BYTE_DATA(text);
            length = PyUnicode_GET_LENGTH(text);
        }
        else {
            encoded = PyUnicode_AsEncodedString(text, "utf-8", "surrogatepass");
            if (encoded == NULL) {
                goto done;
            }
            data = PyBytes_AS_STRING(encoded);
            length = PyBytes_GET_SIZE(encoded);
        }
        if (length > UINT32_MAX || length > view.len - at) {
            Py_XDECREF(encoded);
            result = Py_NewRef(Py_None);
            goto done;
        }
        uint32_t stored = (uint32_t)length;
        memcpy(out + 4 * i, &stored, sizeof stored);
        memcpy(out + at, data, (size_t)length);
        at += length;
        Py_XDECREF(encoded);
    }
    result = PyLong_FromSsize_t(at);
done:
    PyBuffer_Release(&view);
    return result;
}

/* chunk_verdicts(blob, texts, context, first, at, count) -> (verdicts, at)
 *
 * The verdicts of texts[first:first + count], which scan_chunk() scanned (all of
 * texts) in another process into blob, their records starting at byte at; and
 * the byte where the next statement's record starts. Made as verdict() makes
 * them (the same slots, the same unbuilt evidence), with the parent's texts:
 * one call for many statements instead of one per statement. Where scan_chunk()
 * left a statement to the caller the list holds None. The parent asks for a few
 * dozen at a time, not a whole chunk: those verdicts are then read, and their
 * evidence built, while their objects are still in the processor's cache. */
static PyObject *
chunk_verdicts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6 || !PyBytes_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "chunk_verdicts(blob: bytes, texts: list, context, first, at, count)");
        return NULL;
    }
    Context *ctx = (Context *)PyCapsule_GetPointer(args[2], CONTEXT_NAME);
    if (ctx == NULL) {
        return NULL;
    }
    if (ctx->verdict == NULL) {
        PyErr_SetString(PyExc_ValueError, "this context makes no verdicts");
        return NULL;
    }
    Py_ssize_t first = PyLong_AsSsize_t(args[3]);
    Py_ssize_t at = first == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[4]);
    Py_ssize_t size = at == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(args[5]);
    if (size == -1 && PyErr_Occurred()) {
        return NULL;
    }
    const char *data = PyBytes_AS_STRING(args[0]);
    Py_ssize_t length = PyBytes_GET_SIZE(args[0]);
    PyObject *texts = args[1];
    Py_ssize_t n_texts = PyList_GET_SIZE(texts);
    if (first < 0 || size < 0 || at < 0 || at > length || first > n_texts ||
        size > n_texts - first) {
        PyErr_SetString(PyExc_ValueError, "chunk_verdicts() needs what scan_chunk() returned");
        return NULL;
    }
    PyObject *out = PyList_New(size);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        Packed record;
        if (length - at < (Py_ssize_t)sizeof record) {
            goto malformed;
        }
        memcpy(&record, data + at, sizeof record);
        at += (Py_ssize_t)sizeof record;
        if (record.count < 0) {
            PyList_SET_ITEM(out, i, Py_NewRef(Py_None));
            continue;
        }
        Py_ssize_t hits_size = record.count * (Py_ssize_t)sizeof(FlatHit);
        PyObject *text = PyList_GET_ITEM(texts, first + i);
        if (record.best < 0 || record.best > 3 || length - at < hits_size ||
            !PyUnicode_Check(text)) {
            goto malformed;
        }
        const FlatHit *hits = (const FlatHit *)(data + at);
        for (int32_t h = 0; h < record.count; h++) {
            FlatHit hit;
            memcpy(&hit, hits + h, sizeof hit);
            if (hit.position < 0 || hit.position >= ctx->n_rows) {
                goto malformed;
            }
        }
        int best = record.count ? record.best : OTHER;
        PyObject *made = verdict_from(
            ctx, text, args[2], best, record.scores, record.count ? record.confidence : 0.0,
            record.count != 0,
            record.count ? PyBytes_FromStringAndSize(data + at, hits_size) : NULL);
        at += hits_size;
        if (made == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, made);
    }
    if (first + size < n_texts || at == length) { /* the last statement ends the blob */
        return Py_BuildValue("(Nn)", out, at);
    }
malformed:
    PyErr_SetString(PyExc_ValueError, "chunk_verdicts() needs what scan_chunk() returned");
    Py_DECREF(out);
    return NULL;
}

/* A verdict's hits as scan() returned them, with the text they index. */
typedef struct {
    Context *ctx;
    Source source;
    PyObject *flat;
    long best;
    Py_ssize_t length; /* of the normalised text, which the hits' spans index */
} Found;

/* Reads (norm, flat, best, context, <extra args>, [text, offsets]) for a function
 * called name; extra is how many arguments sit between context and text. */
static int
open_found(const char *name, PyObject *const *args, Py_ssize_t nargs, Py_ssize_t extra,
           Found *found)
{
    if (nargs < 4 + extra || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "%s(norm, flat, best, context, ...)", name);
        return -1;
    }
    found->flat = args[1];
    found->ctx = (Context *)PyCapsule_GetPointer(args[3], CONTEXT_NAME);
    if (found->ctx == NULL) {
        return -1;
    }
    found->best = PyLong_AsLong(args[2]);
    if (found->best == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (!PyUnicode_IS_ASCII(args[0]) || found->best < 0 || found->best > 3 ||
        PyBytes_GET_SIZE(found->flat) % (Py_ssize_t)sizeof(FlatHit)) {
        PyErr_Format(PyExc_ValueError, "%s() needs what scan() returned", name);
        return -1;
    }
    found->length = PyUnicode_GET_LENGTH(args[0]);
    return read_source(args[0], args + 4 + extra, nargs - 4 - extra, &found->source);
}

/* Hit h: the row of its cue, which of the row's tails applies (the verdict's
 * label, or 4 when negated) and its span in the original text. */
static int
read_hit(const char *name, Found *found, Py_ssize_t h, Row **row, int *which,
         Py_ssize_t *start, Py_ssize_t *end)
{
    const FlatHit *hit = (const FlatHit *)PyBytes_AS_STRING(found->flat) + h;
    Py_ssize_t first = hit->start, last = hit->end, position = hit->position;
    int aside = hit->negated;
    if (first < 0 || last <= first || last > found->length || position < 0 ||
        position >= found->ctx->n_rows || aside < 0 || aside >= N_TAILS - 3) {
        PyErr_Format(PyExc_ValueError, "%s() needs what scan() returned", name);
        return -1;
    }
    *row = &found->ctx->rows[position];
    *which = TAIL_OF(aside, (int)found->best);
    /* As original_span() maps a token: its first character and past its last. */
    *start = original_at(&found->source, first);
    *end = original_end(&found->source, last);
    if (PyErr_Occurred()) {
        return -1;
    }
    if (*start < 0 || *end < *start || *end > source_length(&found->source)) {
        PyErr_SetString(PyExc_ValueError, "offsets do not fit the text");
        return -1;
    }
    return 0;
}

/* The Evidence tuples of found's hits (found as open_found() opened it), or NULL
 * with an error set. */
static PyObject *
evidence_items(Found *found)
{
    Py_ssize_t count = PyBytes_GET_SIZE(found->flat) / (Py_ssize_t)sizeof(FlatHit);
    Context *ctx = found->ctx;
    PyTypeObject *type = ctx->evidence;
    PyObject *out = NULL;
    /* Each item increfs objects of its cue that lie all over the heap: one cache
     * miss after another when taken in turn. The hits are read first and their
     * Parts fetched ahead, then the objects, so the misses overlap. */
    typedef struct {
        const Row *row;
        int which;
        Py_ssize_t start, end;
        PyObject *values[5]; /* shown, label, dimension, tags, contribution */
    } Item;
    Item local[64];
    Item *items = count <= 64 ? local : PyMem_Malloc((size_t)count * sizeof(Item));
    if (items == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t h = 0; h < count; h++) {
        Row *row;
        if (read_hit("evidence", found, h, &row, &items[h].which, &items[h].start,
                     &items[h].end) < 0) {
            goto fail;
        }
        items[h].row = row;
        PREFETCH(&ctx->parts[row - ctx->rows], 0);
    }
    for (Py_ssize_t h = 0; h < count; h++) {
        Item *item = &items[h];
        const Part *part = &ctx->parts[item->row - ctx->rows];
        if (item->which < 4 && part->shown != NULL) {
            item->values[0] = part->shown;
            item->values[1] = part->label;
            item->values[2] = part->dimension;
            item->values[3] = part->tags;
            item->values[4] = part->contribution[item->which];
        }
        else { /* negated, or tails that share nothing: read the tail itself */
            PyObject *tail = item->row->tails[item->which];
            item->values[0] = PyTuple_GET_ITEM(tail, 0);
            item->values[1] = item->row->labels[item->which];
            item->values[2] = PyTuple_GET_ITEM(tail, 2);
            item->values[3] = PyTuple_GET_ITEM(tail, 3);
            item->values[4] = PyTuple_GET_ITEM(tail, 4);
        }
        PREFETCH(item->values[0], 1);
        PREFETCH(item->values[4], 1);
    }
    out = PyTuple_New(count);
    if (out == NULL) {
        goto fail;
    }
    for (Py_ssize_t h = 0; h < count; h++) {
        const Item *hit = &items[h];
        PyObject *values[3] = {PyLong_FromSsize_t(hit->start), PyLong_FromSsize_t(hit->end),
                               PyUnicode_Substring(found->source.text, hit->start, hit->end)};
        PyObject *item = NULL;
        if (values[0] != NULL && values[1] != NULL && values[2] != NULL) {
            /* A plain tuple layout needs no zeroing (every slot is set below) and,
             * made untracked, is never tracked only to be untracked again. */
            item = ctx->evidence_plain ? (PyObject *)PyObject_GC_NewVar(PyTupleObject, type, 8)
                                       : type->tp_alloc(type, 8);
        }
        if (item == NULL) {
            for (int v = 0; v < 3; v++) {
                Py_XDECREF(values[v]);
            }
            goto fail;
        }
        for (int v = 0; v < 3; v++) {
            PyTuple_SET_ITEM(item, v, values[v]);
        }
        for (int v = 0; v < 5; v++) {
            PyTuple_SET_ITEM(item, 3 + v, Py_NewRef(hit->values[v]));
        }
        untrack_acyclic(item);
        PyTuple_SET_ITEM(out, h, item);
    }
    untrack_acyclic(out);
    if (items != local) {
        PyMem_Free(items);
    }
    return out;
fail:
    if (items != local) {
        PyMem_Free(items);
    }
    Py_XDECREF(out);
    return NULL;
}

/* evidence(norm, flat, best, context[, text, offsets]) -> tuple of Evidence
 *
 * The Evidence tuples of a verdict scan() found, from the same text arguments. */
static PyObject *
evidence(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Found found;
    return open_found("evidence", args, nargs, 0, &found) < 0 ? NULL : evidence_items(&found);
}

/* What verdict_evidence() reads, set once by bind_evidence(): the Verdict class,
 * where its text and evidence slots lie in an instance, the marker of evidence
 * not built yet, and the function that builds what the C pass cannot
 * (rolelens.classifier._build). */
static struct {
    PyTypeObject *verdict;
    Py_ssize_t text_at, evidence_at;
    PyObject *unbuilt, *fallback;
} bound;

/* The offset of the object slot that the member descriptor slot stands for, or
 * -1 with an error set. */
static Py_ssize_t
slot_offset(PyObject *slot)
{
    if (!PyObject_TypeCheck(slot, &PyMemberDescr_Type) ||
        ((PyMemberDescrObject *)slot)->d_member->type != T_OBJECT_EX) {
        PyErr_SetString(PyExc_TypeError, "expected the member descriptor of a slot");
        return -1;
    }
    return ((PyMemberDescrObject *)slot)->d_member->offset;
}

/* The dealloc that tuple_dealloc() gives a tuple subclass: tuple's own, in
 * effect. Python gives every class it makes subtype_dealloc, which checks for
 * a __dict__, weak references, __slots__ and finalizers the class cannot have
 * (its layout was checked) and then calls tuple's dealloc, each with its own
 * untracking and trashcan. For Evidence, of which a verdict carries a dozen
 * and more, that was a sixth of the caller's time when worker processes
 * classify. Subclasses keep subtype_dealloc, which calls this one in the end;
 * a finalizer added to the class later still runs. */
static void
plain_tuple_dealloc(PyObject *op)
{
    PyTypeObject *type = Py_TYPE(op);
    if (type->tp_finalize != NULL && type->tp_dealloc == plain_tuple_dealloc) {
        if (!PyObject_GC_IsTracked(op)) {
            PyObject_GC_Track(op); /* as subtype_dealloc: found again if resurrected */
        }
        if (PyObject_CallFinalizerFromDealloc(op) < 0) {
            return; /* resurrected */
        }
    }
    PyObject_GC_UnTrack(op);
    Py_TRASHCAN_BEGIN(op, plain_tuple_dealloc)
    for (Py_ssize_t k = Py_SIZE(op); --k >= 0;) {
        Py_XDECREF(PyTuple_GET_ITEM(op, k));
    }
    type->tp_free(op);
    Py_DECREF(type); /* each instance of a heap type holds its type */
    Py_TRASHCAN_END
}

/* tuple_dealloc(type) -> None
 *
 * Gives type, a class made in Python directly from tuple with nothing added to
 * its layout (a NamedTuple), plain_tuple_dealloc. TypeError for any other. */
static PyObject *
tuple_dealloc(PyObject *module, PyObject *arg)
{
    PyTypeObject *type = (PyTypeObject *)arg;
    if (!PyType_Check(arg) || !(type->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
        type->tp_base != &PyTuple_Type || !plain_tuple_layout(type) ||
        type->tp_free != PyTuple_Type.tp_free || type->tp_del != NULL ||
        type->tp_finalize != NULL) {
        PyErr_SetString(PyExc_TypeError,
                        "tuple_dealloc() needs a class made directly from tuple, "
                        "with no __slots__, __dict__ or finalizer");
        return NULL;
    }
    type->tp_dealloc = plain_tuple_dealloc;
    Py_RETURN_NONE;
}

/* bind_evidence(verdict_type, text_slot, evidence_slot, unbuilt, fallback) -> None */
static PyObject *
bind_evidence(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 || !PyType_Check(args[0]) || !PyCallable_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "bind_evidence(verdict_type, text_slot, evidence_slot, unbuilt, "
                        "fallback)");
        return NULL;
    }
    Py_ssize_t text_at = slot_offset(args[1]), evidence_at = slot_offset(args[2]);
    if (text_at < 0 || evidence_at < 0) {
        return NULL;
    }
    Py_XSETREF(bound.verdict, (PyTypeObject *)Py_NewRef(args[0]));
    Py_XSETREF(bound.unbuilt, Py_NewRef(args[3]));
    Py_XSETREF(bound.fallback, Py_NewRef(args[4]));
    bound.text_at = text_at;
    bound.evidence_at = evidence_at;
    Py_RETURN_NONE;
}

/* verdict_evidence(verdict) -> tuple of Evidence
 *
 * Verdict.evidence: the tuple, built on first read and then kept in the
 * verdict. The property's getter itself, so that reading evidence runs no
 * Python frame where the C pass found it (nearly always). */
static PyObject *
verdict_evidence(PyObject *module, PyObject *verdict)
{
    if (bound.verdict == NULL || !PyObject_TypeCheck(verdict, bound.verdict)) {
        PyErr_SetString(PyExc_TypeError, "verdict_evidence() needs a bound Verdict");
        return NULL;
    }
    PyObject **at = (PyObject **)((char *)verdict + bound.evidence_at);
    PyObject *text = *(PyObject **)((char *)verdict + bound.text_at);
    PyObject *found = *at;
    if (found == NULL || text == NULL) {
        PyErr_SetString(PyExc_AttributeError, "verdict is not initialised");
        return NULL;
    }
    if (!PyTuple_CheckExact(found) || PyTuple_GET_SIZE(found) == 0 ||
        PyTuple_GET_ITEM(found, 0) != bound.unbuilt) {
        return Py_NewRef(found);
    }
    /* Held while building: the fallback runs Python, which may replace them. */
    Py_INCREF(found);
    Py_INCREF(text);
    PyObject *built = NULL;
    Context *ctx = NULL;
    if (PyTuple_GET_SIZE(found) == 7 && PyTuple_GET_ITEM(found, 1) == Py_None &&
        PyTuple_GET_ITEM(found, 2) == Py_None && PyUnicode_Check(text) &&
        PyUnicode_IS_ASCII(text) && PyCapsule_IsValid(PyTuple_GET_ITEM(found, 6), CONTEXT_NAME)) {
        ctx = (Context *)PyCapsule_GetPointer(PyTuple_GET_ITEM(found, 6), CONTEXT_NAME);
    }
    if (ctx != NULL) {
        PyObject *args[4] = {text, PyTuple_GET_ITEM(found, 4), PyTuple_GET_ITEM(found, 3),
                             PyTuple_GET_ITEM(found, 6)};
        built = evidence(module, args, 4);
    }
    else {
        built = PyObject_CallFunctionObjArgs(bound.fallback, found, text, NULL);
    }
    Py_DECREF(found);
    Py_DECREF(text);
    if (built == NULL) {
        return NULL;
    }
    /* Another thread may have built it meanwhile; it built an equal tuple. */
    Py_XSETREF(*at, Py_NewRef(built));
    return built;
}

/* A growing buffer for building one str: one byte per character while
 * everything written is ASCII (nearly always: a 10 MB statement's evidence
 * makes some 400 MB of JSON), four once anything wider arrives. */
typedef struct {
    void *data;
    Py_ssize_t size, capacity;
    int wide;       /* data holds Py_UCS4, else Py_UCS1 (ASCII only) */
    PyObject *sink; /* NULL, or write(str) for what it holds past SPILL_AT (buffer_spill) */
} Buffer;

/* How much a buffer with a sink holds before buffer_spill() hands it over. */
#define SPILL_AT ((Py_ssize_t)1 << 20)

static int
buffer_reserve(Buffer *buffer, Py_ssize_t more)
{
    void *data;
    size_t item = buffer->wide ? sizeof(Py_UCS4) : 1;
    if (grow(buffer->data, &buffer->capacity, buffer->size + more, item, 256, &data) < 0) {
        return -1;
    }
    buffer->data = data;
    return 0;
}

/* Switches the buffer to four bytes per character, keeping what it holds. */
static int
buffer_widen(Buffer *buffer)
{
    Py_ssize_t capacity = buffer->size + 256;
    Py_UCS4 *wide = PyMem_Malloc((size_t)capacity * sizeof(Py_UCS4));
    if (wide == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    const Py_UCS1 *narrow = buffer->data;
    for (Py_ssize_t k = 0; k < buffer->size; k++) {
        wide[k] = narrow[k];
    }
    PyMem_Free(buffer->data);
    buffer->data = wide;
    buffer->capacity = capacity;
    buffer->wide = 1;
    return 0;
}

static int
buffer_ascii(Buffer *buffer, const char *text)
{
    Py_ssize_t n = (Py_ssize_t)strlen(text);
    if (buffer_reserve(buffer, n) < 0) {
        return -1;
    }
    if (buffer->wide) {
        Py_UCS4 *out = (Py_UCS4 *)buffer->data + buffer->size;
        for (Py_ssize_t k = 0; k < n; k++) {
            out[k] = (Py_UCS4)(unsigned char)text[k];
        }
    }
    else {
        memcpy((Py_UCS1 *)buffer->data + buffer->size, text, (size_t)n);
    }
    buffer->size += n;
    return 0;
}

static int
buffer_number(Buffer *buffer, Py_ssize_t value)
{
    char digits[32];
    char *at = digits + sizeof digits - 1;
    *at = '\0';
    size_t magnitude = value < 0 ? (size_t)0 - (size_t)value : (size_t)value;
    do {
        *--at = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) {
        *--at = '-';
    }
    return buffer_ascii(buffer, at);
}

/* The shortest repr of a double (David Gay's algorithm, behind float.__repr__)
 * was a quarter of jsonl_line's time; the same few thousand score values come
 * back again and again (every statement with the same cues has the same
 * scores), so the text of recent ones is kept in a small direct-mapped table.
 * Only touched while holding the GIL. */
#define FLOAT_SLOTS 4096
static struct {
    uint64_t bits;
    char text[32]; /* "" while the slot is empty */
} float_reprs[FLOAT_SLOTS];

/* value as float.__repr__ writes it (and so as json writes a finite float). */
static int
buffer_float(Buffer *buffer, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    size_t slot = (size_t)((bits * UINT64_C(0x9E3779B97F4A7C15)) >> 52) % FLOAT_SLOTS;
    if (float_reprs[slot].text[0] != '\0' && float_reprs[slot].bits == bits) {
        return buffer_ascii(buffer, float_reprs[slot].text);
    }
    char *digits = PyOS_double_to_string(value, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (digits == NULL) {
        return -1;
    }
    size_t size = strlen(digits);
    if (size < sizeof float_reprs[slot].text) {
        float_reprs[slot].bits = bits;
        memcpy(float_reprs[slot].text, digits, size + 1);
    }
    int status = buffer_ascii(buffer, digits);
    PyMem_Free(digits);
    return status;
}

static int
buffer_str(Buffer *buffer, PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (!buffer->wide && !PyUnicode_IS_ASCII(text) && buffer_widen(buffer) < 0) {
        return -1;
    }
    if (buffer_reserve(buffer, n) < 0) {
        return -1;
    }
    if (!buffer->wide) {
        memcpy((Py_UCS1 *)buffer->data + buffer->size, PyUnicode_1BYTE_DATA(text), (size_t)n);
        buffer->size += n;
        return 0;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 *out = (Py_UCS4 *)buffer->data + buffer->size;
    for (Py_ssize_t k = 0; k < n; k++) {
        out[k] = PyUnicode_READ(kind, data, k);
    }
    buffer->size += n;
    return 0;
}

/* Writes c as JSON string content, escaped exactly as
 * json.encoder.encode_basestring (the ensure_ascii=False encoder) does: quote,
 * backslash and control characters. Returns the advanced pointer. */
#define JSON_CHAR(T, out, c)                                                              \
    do {                                                                                  \
        if ((c) >= 0x20 && (c) != '"' && (c) != '\\') {                                  \
            *out++ = (T)(c);                                                              \
            break;                                                                        \
        }                                                                                 \
        *out++ = '\\';                                                                    \
        switch (c) {                                                                      \
        case '"': *out++ = '"'; break;                                                    \
        case '\\': *out++ = '\\'; break;                                                  \
        case '\b': *out++ = 'b'; break;                                                   \
        case '\f': *out++ = 'f'; break;                                                   \
        case '\n': *out++ = 'n'; break;                                                   \
        case '\r': *out++ = 'r'; break;                                                   \
        case '\t': *out++ = 't'; break;                                                   \
        default:                                                                          \
            *out++ = 'u';                                                                 \
            *out++ = '0';                                                                 \
            *out++ = '0';                                                                 \
            *out++ = (T)"0123456789abcdef"[((c) >> 4) & 0xf];                             \
            *out++ = (T)"0123456789abcdef"[(c)&0xf];                                      \
        }                                                                                 \
    } while (0)

/* text[start:end] as a JSON string (quotes included). */
static int
buffer_json_string(Buffer *buffer, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    if (!buffer->wide && !PyUnicode_IS_ASCII(text) && buffer_widen(buffer) < 0) {
        return -1;
    }
    if (buffer_reserve(buffer, 6 * (end - start) + 2) < 0) {
        return -1;
    }
    if (!buffer->wide) {
        const Py_UCS1 *data = PyUnicode_1BYTE_DATA(text);
        Py_UCS1 *out = (Py_UCS1 *)buffer->data + buffer->size;
        *out++ = '"';
        for (Py_ssize_t k = start; k < end; k++) {
            Py_UCS1 c = data[k];
            JSON_CHAR(Py_UCS1, out, c);
        }
        *out++ = '"';
        buffer->size = out - (Py_UCS1 *)buffer->data;
        return 0;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 *out = (Py_UCS4 *)buffer->data + buffer->size;
    *out++ = '"';
    for (Py_ssize_t k = start; k < end; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        JSON_CHAR(Py_UCS4, out, c);
    }
    *out++ = '"';
    buffer->size = out - (Py_UCS4 *)buffer->data;
    return 0;
}
#undef JSON_CHAR

/* The buffer's text as a new str; frees the buffer either way. */
static PyObject *
buffer_finish(Buffer *buffer)
{
    PyObject *result;
    if (buffer->wide) {
        result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer->data, buffer->size);
    }
    else if ((result = PyUnicode_New(buffer->size, 127)) != NULL && buffer->size > 0) {
        /* An empty buffer may have no data at all, and memcpy's source must not be NULL. */
        memcpy(PyUnicode_1BYTE_DATA(result), buffer->data, (size_t)buffer->size);
    }
    PyMem_Free(buffer->data);
    buffer->data = NULL;
    return result;
}

/* Where the buffer has a sink and holds SPILL_AT characters or more, passes
 * what it holds to sink(str) and empties it; else does nothing. Called between
 * the evidence objects of one statement, where the pieces of one enormous
 * statement (a 30 MB line of cues makes gigabytes of JSON) would otherwise be
 * held whole, then copied whole. 0, or -1 with an error set. */
static int
buffer_spill_from(Buffer *buffer, Py_ssize_t least)
{
    if (buffer->sink == NULL || buffer->size < least || buffer->size == 0) {
        return 0;
    }
    PyObject *piece;
    if (buffer->wide) {
        piece = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer->data, buffer->size);
    }
    else if ((piece = PyUnicode_New(buffer->size, 127)) != NULL) {
        memcpy(PyUnicode_1BYTE_DATA(piece), buffer->data, (size_t)buffer->size);
    }
    if (piece == NULL) {
        return -1;
    }
    PyObject *written = PyObject_CallOneArg(buffer->sink, piece);
    Py_DECREF(piece);
    if (written == NULL) {
        return -1;
    }
    Py_DECREF(written);
    buffer->size = 0;
    return 0;
}

static int
buffer_spill(Buffer *buffer)
{
    return buffer_spill_from(buffer, SPILL_AT);
}

/* Appends one evidence object, '{"start":S,"end":E,"matched":"...",TAIL', where
 * TAIL (cue, label, dimension, tags, contribution and the closing brace) is
 * encode(tail, label) for the row's tail `which`, made once per cue and kept. */
static int
buffer_evidence(Buffer *buffer, const Source *source, Row *row, int which, Py_ssize_t start,
                Py_ssize_t end, PyObject *encode, int first)
{
    if (row->tail_json[which] == NULL) {
        PyObject *tail = PyObject_CallFunctionObjArgs(encode, row->tails[which],
                                                      row->labels[which], NULL);
        if (tail == NULL) {
            return -1;
        }
        if (!PyUnicode_Check(tail)) {
            Py_DECREF(tail);
            PyErr_SetString(PyExc_TypeError, "encode() must return a str");
            return -1;
        }
        if (row->tail_json[which] == NULL) { /* another thread may have been first */
            row->tail_json[which] = tail;
        }
        else {
            Py_DECREF(tail);
        }
    }
    if (buffer_ascii(buffer, first ? "{\"start\":" : ",{\"start\":") < 0 ||
        buffer_number(buffer, start) < 0 || buffer_ascii(buffer, ",\"end\":") < 0 ||
        buffer_number(buffer, end) < 0 || buffer_ascii(buffer, ",\"matched\":") < 0 ||
        buffer_json_string(buffer, source->text, start, end) < 0 ||
        buffer_ascii(buffer, ",") < 0 || buffer_str(buffer, row->tail_json[which]) < 0) {
        return -1;
    }
    return 0;
}

/* buffer_evidence for the row found on tokens first..last of the scan: their span in
 * the original text, and *first cleared once something is written. */
static int
buffer_tokens_evidence(Buffer *buffer, const Source *source, const Scan *found,
                       Py_ssize_t first_token, Py_ssize_t last_token, const Row *row, int which,
                       PyObject *encode, int *first)
{
    Py_ssize_t start, end, ignored;
    if (original_span(source, found->cuts, first_token, &start, &ignored) < 0 ||
        original_span(source, found->cuts, last_token, &ignored, &end) < 0 ||
        buffer_evidence(buffer, source, (Row *)row, which, start, end, encode, *first) < 0) {
        return -1;
    }
    *first = 0;
    return 0;
}

/* Appends text[start:end) as it is. */
static int
buffer_slice(Buffer *buffer, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    if (!PyUnicode_IS_ASCII(text)) {
        PyObject *piece = PyUnicode_Substring(text, start, end);
        int status = piece == NULL ? -1 : buffer_str(buffer, piece);
        Py_XDECREF(piece);
        return status;
    }
    if (buffer_reserve(buffer, end - start) < 0) {
        return -1;
    }
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(text) + start;
    if (buffer->wide) {
        Py_UCS4 *out = (Py_UCS4 *)buffer->data + buffer->size;
        for (Py_ssize_t k = 0; k < end - start; k++) {
            out[k] = data[k];
        }
    }
    else {
        memcpy((Py_UCS1 *)buffer->data + buffer->size, data, (size_t)(end - start));
    }
    buffer->size += end - start;
    return 0;
}

/* Appends text[start:end) with its white space runs made one space each, as
 * " ".join(text[start:end].split()) makes it (Verdict.explain()'s one line). */
static int
buffer_slice_one_line(Buffer *buffer, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int plain = 1;
    for (Py_ssize_t k = start; plain && k < end; k++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, k);
        if (Py_UNICODE_ISSPACE(ch)) {
            plain = ch == ' ' && k > start && k + 1 < end &&
                    !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k + 1));
        }
    }
    if (plain) {
        return buffer_slice(buffer, text, start, end);
    }
    PyObject *piece = PyUnicode_Substring(text, start, end);
    PyObject *parts = piece == NULL ? NULL : PyUnicode_Split(piece, NULL, -1);
    PyObject *space = parts == NULL ? NULL : PyUnicode_FromOrdinal(' ');
    PyObject *joined = space == NULL ? NULL : PyUnicode_Join(space, parts);
    int status = joined == NULL ? -1 : buffer_str(buffer, joined);
    Py_XDECREF(piece);
    Py_XDECREF(parts);
    Py_XDECREF(space);
    Py_XDECREF(joined);
    return status;
}

/* gloss(verdict label, the tail's dimension), kept on the row for the usual
 * case (a live cue: its tail is the verdict label's); a new reference. */
static PyObject *
gloss_of(Context *ctx, Row *row, int which, int best)
{
    if (which == best && row->gloss[best] != NULL) {
        return Py_NewRef(row->gloss[best]);
    }
    PyObject *gloss = PyObject_CallFunctionObjArgs(ctx->gloss, PyTuple_GET_ITEM(ctx->labels, best),
                                                   PyTuple_GET_ITEM(row->tails[which], 2), NULL);
    if (gloss != NULL && !PyUnicode_Check(gloss)) {
        Py_DECREF(gloss);
        PyErr_SetString(PyExc_TypeError, "gloss() must return a str");
        return NULL;
    }
    if (gloss != NULL && which == best && row->gloss[best] == NULL) {
        row->gloss[best] = Py_NewRef(gloss);
    }
    return gloss;
}

/* A cue that supports the verdict, for explain(). */
typedef struct {
    double contribution;
    Py_ssize_t h, start, end;
    Row *row;
    int which;
} Support;

/* Strongest first; in evidence order among equals (Python's stable sort). */
static int
compare_support(const void *a, const void *b)
{
    const Support *x = a, *y = b;
    if (x->contribution != y->contribution) {
        return x->contribution > y->contribution ? -1 : 1;
    }
    return (x->h > y->h) - (x->h < y->h);
}

/* In text order. */
static int
compare_shown(const void *a, const void *b)
{
    const Support *x = a, *y = b;
    if (x->start != y->start) {
        return (x->start > y->start) - (x->start < y->start);
    }
    return (x->end > y->end) - (x->end < y->end);
}

/* explain(norm, flat, best, context, limit[, text, offsets]) -> str
 *
 * Verdict.explain(limit=limit) of a verdict scan() found, without building its
 * evidence: the label, then the strongest cues that support it (positive
 * contribution, not a statement-level feature), skipping words a stronger one
 * covers, at most limit of them (limit <= 0: no limit), in text order, each
 * '"matched"' with ' (gloss)' when its dimension has one. */
/* Writes the explanation of found (see explain()) to buffer. */
static int
explain_into(Buffer *buffer, Found *found, Py_ssize_t limit)
{
    Py_ssize_t count = PyBytes_GET_SIZE(found->flat) / (Py_ssize_t)sizeof(FlatHit);
    Support *support = PyMem_Malloc(((size_t)count + 1) * sizeof(Support));
    int status = -1;
    if (support == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t h = 0; h < count; h++) {
        Support *item = &support[n];
        if (read_hit("explain", found, h, &item->row, &item->which, &item->start,
                     &item->end) < 0) {
            goto done;
        }
        item->contribution = item->row->contribution[item->which];
        item->h = h;
        n += item->contribution > 0 && !item->row->statement_level[item->which];
    }
    int best = (int)found->best;
    if (buffer_ascii(buffer, found->ctx->label_names[best]) < 0) {
        goto done;
    }
    if (n == 0) {
        status = buffer_ascii(buffer, ": no evidence");
        goto done;
    }
    qsort(support, (size_t)n, sizeof(Support), compare_support);
    /* Chosen ones are moved to the front, in the order chosen. */
    Py_ssize_t chosen = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const Support *item = &support[k];
        int free = 1;
        for (Py_ssize_t c = 0; free && c < chosen; c++) {
            free = item->end <= support[c].start || item->start >= support[c].end;
        }
        if (free) {
            support[chosen++] = *item;
            if (chosen == limit) {
                break;
            }
        }
    }
    qsort(support, (size_t)chosen, sizeof(Support), compare_shown);
    if (buffer_ascii(buffer, ": ") < 0) {
        goto done;
    }
    for (Py_ssize_t c = 0; c < chosen; c++) {
        const Support *item = &support[c];
        if ((c && buffer_ascii(buffer, ", ") < 0) || buffer_ascii(buffer, "\"") < 0 ||
            buffer_slice_one_line(buffer, found->source.text, item->start, item->end) < 0 ||
            buffer_ascii(buffer, "\"") < 0) {
            goto done;
        }
        PyObject *gloss = gloss_of(found->ctx, item->row, item->which, best);
        if (gloss == NULL) {
            goto done;
        }
        int wrote = 0;
        if (PyUnicode_GET_LENGTH(gloss)) {
            wrote = buffer_ascii(buffer, " (") < 0 || buffer_str(buffer, gloss) < 0 ||
                            buffer_ascii(buffer, ")") < 0
                        ? -1
                        : 0;
        }
        Py_DECREF(gloss);
        if (wrote < 0) {
            goto done;
        }
    }
    status = 0;
done:
    PyMem_Free(support);
    return status;
}

static PyObject *
explain(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Found found;
    if (open_found("explain", args, nargs, 1, &found) < 0) {
        return NULL;
    }
    Py_ssize_t limit = PyLong_AsSsize_t(args[4]);
    Buffer buffer = {NULL, 0, 0, 0};
    PyObject *result = NULL;
    if (!(limit == -1 && PyErr_Occurred()) && explain_into(&buffer, &found, limit) == 0) {
        result = buffer_finish(&buffer);
    }
    PyMem_Free(buffer.data);
    return result;
}

/* The explanation of found (see explain(), limit 4) as a new str, or NULL with an
 * error set. */
static PyObject *
explanation_of(Found *found)
{
    Buffer words = {NULL, 0, 0, 0};
    PyObject *made = explain_into(&words, found, 4) < 0 ? NULL : buffer_finish(&words);
    PyMem_Free(words.data);
    return made;
}

/* Appends text[start:end) escaped as html.escape(quote=True) escapes it. */
static int
buffer_html(Buffer *buffer, PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    if (!buffer->wide && !PyUnicode_IS_ASCII(text) && buffer_widen(buffer) < 0) {
        return -1;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t from = start;
    for (Py_ssize_t k = start; k <= end; k++) {
        const char *entity = NULL;
        if (k < end) {
            switch (PyUnicode_READ(kind, data, k)) {
            case '&':
                entity = "&amp;";
                break;
            case '<':
                entity = "&lt;";
                break;
            case '>':
                entity = "&gt;";
                break;
            case '"':
                entity = "&quot;";
                break;
            case '\'':
                entity = "&#x27;";
                break;
            default:
                continue;
            }
        }
        if (k > from && buffer_slice(buffer, text, from, k) < 0) {
            return -1;
        }
        if (entity != NULL && buffer_ascii(buffer, entity) < 0) {
            return -1;
        }
        from = k + 1;
    }
    return 0;
}

/* html_escape(text) -> str: html.escape(text, quote=True), in one pass. */
static PyObject *
html_escape(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 1 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "html_escape(text: str)");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_FindChar(text, '&', 0, length, 1) == -1 &&
        PyUnicode_FindChar(text, '<', 0, length, 1) == -1 &&
        PyUnicode_FindChar(text, '>', 0, length, 1) == -1 &&
        PyUnicode_FindChar(text, '"', 0, length, 1) == -1 &&
        PyUnicode_FindChar(text, '\'', 0, length, 1) == -1) {
        return Py_NewRef(text); /* nothing to escape: the usual piece of text */
    }
    Buffer buffer = {NULL, 0, 0, 0};
    PyObject *result = NULL;
    if (buffer_html(&buffer, text, 0, length) == 0) {
        result = buffer_finish(&buffer);
    }
    PyMem_Free(buffer.data);
    return result;
}

typedef struct {
    Py_ssize_t start, end;
} Span;

static int
compare_spans(const void *a, const void *b)
{
    const Span *x = a, *y = b;
    if (x->start != y->start) {
        return (x->start > y->start) - (x->start < y->start);
    }
    return (x->end > y->end) - (x->end < y->end);
}

/* Writes the verdict's text, HTML-escaped, with the spans of its evidence (all
 * but items tagged "negated") in <mark>, overlapping spans merged: what
 * rolelens.posting_report._highlighted writes, without building the evidence. */
static int
highlight_into(Buffer *buffer, Found *found)
{
    PyObject *text = found->source.text;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t count = PyBytes_GET_SIZE(found->flat) / (Py_ssize_t)sizeof(FlatHit);
    Span *spans = PyMem_Malloc(((size_t)count + 1) * sizeof(Span));
    int status = -1;
    if (spans == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t h = 0; h < count; h++) {
        Row *row;
        int which;
        if (read_hit("highlight", found, h, &row, &which, &spans[n].start, &spans[n].end) < 0) {
            goto done;
        }
        n += !row->negated_tag[which] && spans[n].start < spans[n].end &&
             spans[n].end <= length;
    }
    qsort(spans, (size_t)n, sizeof(Span), compare_spans);
    Py_ssize_t merged = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (merged && spans[k].start <= spans[merged - 1].end) {
            if (spans[k].end > spans[merged - 1].end) {
                spans[merged - 1].end = spans[k].end;
            }
        }
        else {
            spans[merged++] = spans[k];
        }
    }
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < merged; k++) {
        if (buffer_html(buffer, text, at, spans[k].start) < 0 ||
            buffer_ascii(buffer, "<mark>") < 0 ||
            buffer_html(buffer, text, spans[k].start, spans[k].end) < 0 ||
            buffer_ascii(buffer, "</mark>") < 0) {
            goto done;
        }
        at = spans[k].end;
    }
    status = buffer_html(buffer, text, at, length);
done:
    PyMem_Free(spans);
    return status;
}

/* Writes the verdict's evidence as the JSON array the posting report writes
 * (indent 2, keys sorted, three levels deep): rolelens.posting_report.
 * _evidence_json's, without building it. parts(tail, label) gives the three constant
 * pieces of an item around its end, matched text and start; they are made once
 * per cue and kept, so parts must be the same function on every call. */
static int
pretty_into(Buffer *buffer, Found *found, PyObject *parts)
{
    Py_ssize_t count = PyBytes_GET_SIZE(found->flat) / (Py_ssize_t)sizeof(FlatHit);
    if (buffer_ascii(buffer, count ? "[\n" : "[]") < 0) {
        return -1;
    }
    for (Py_ssize_t h = 0; h < count; h++) {
        Row *row;
        int which;
        Py_ssize_t start, end;
        if (read_hit("statement_json", found, h, &row, &which, &start, &end) < 0) {
            return -1;
        }
        if (row->pretty[which] == NULL) {
            PyObject *made = PyObject_CallFunctionObjArgs(parts, row->tails[which],
                                                          row->labels[which], NULL);
            if (made == NULL) {
                return -1;
            }
            if (!PyTuple_Check(made) || PyTuple_GET_SIZE(made) != 3 ||
                !PyUnicode_Check(PyTuple_GET_ITEM(made, 0)) ||
                !PyUnicode_Check(PyTuple_GET_ITEM(made, 1)) ||
                !PyUnicode_Check(PyTuple_GET_ITEM(made, 2))) {
                Py_DECREF(made);
                PyErr_SetString(PyExc_TypeError, "parts() must return three str");
                return -1;
            }
            if (row->pretty[which] == NULL) { /* another thread may have been first */
                row->pretty[which] = made;
            }
            else {
                Py_DECREF(made);
            }
        }
        PyObject *pieces = row->pretty[which];
        if ((h && buffer_ascii(buffer, ",\n") < 0) ||
            buffer_str(buffer, PyTuple_GET_ITEM(pieces, 0)) < 0 ||
            buffer_number(buffer, end) < 0 ||
            buffer_str(buffer, PyTuple_GET_ITEM(pieces, 1)) < 0 ||
            buffer_json_string(buffer, found->source.text, start, end) < 0 ||
            buffer_ascii(buffer, ",\n          \"start\": ") < 0 ||
            buffer_number(buffer, start) < 0 ||
            buffer_str(buffer, PyTuple_GET_ITEM(pieces, 2)) < 0 || buffer_spill(buffer) < 0) {
            return -1;
        }
    }
    return count && buffer_ascii(buffer, "\n      ]") < 0 ? -1 : 0;
}


/* repr(round(x, 4)) for a finite |x| <= 1 (a score), exactly, without dtoa:
 * k = x * 10**4 rounded half to even, computed on x's exact binary value in
 * 128-bit integers; round() returns the double nearest k / 10**4, which IEEE
 * division gives, and whose shortest repr is k's four decimals with trailing
 * zeros dropped (nothing shorter is that close). */
static void
round4_digits(double x, char digits[16])
{
    int exponent;
    double fraction = frexp(fabs(x), &exponent); /* |x| = fraction * 2**exponent */
    uint64_t mantissa = (uint64_t)ldexp(fraction, 53);  /* exact: 53 bits */
    int shift = 53 - exponent; /* |x| = mantissa / 2**shift, and shift >= 52 */
    uint64_t k = 0;
    if (mantissa && shift < 120) { /* else |x| < 2**-66: k is 0 */
        unsigned __int128 scaled = (unsigned __int128)mantissa * 10000u;
        unsigned __int128 unit = (unsigned __int128)1 << shift;
        unsigned __int128 rest = scaled & (unit - 1), half = unit >> 1;
        k = (uint64_t)(scaled >> shift);
        if (rest > half || (rest == half && (k & 1))) {
            k++;
        }
    }
    /* "[-]I.DDDD" with the decimals' trailing zeros dropped, "I.0" if none is left
     * (written by hand: snprintf stood out in a profile of the JSON report). */
    char *out = digits;
    if (signbit(x)) {
        *out++ = '-';
    }
    *out++ = (char)('0' + k / 10000); /* k <= 10000: the integer part is 0 or 1 */
    *out++ = '.';
    unsigned decimals = (unsigned)(k % 10000);
    int places = 4;
    while (places > 1 && decimals % 10 == 0) {
        decimals /= 10;
        places--;
    }
    for (int p = places - 1; p >= 0; p--) {
        out[p] = (char)('0' + decimals % 10);
        decimals /= 10;
    }
    out[places] = '\0';
}

static PyObject *
round4_repr(double x)
{
    char digits[16];
    round4_digits(x, digits);
    return PyUnicode_FromString(digits);
}

/* round_reprs(values, ndigits) -> tuple of str, or None
 *
 * repr(round(x, ndigits)) for each float x of the tuple values (what the posting
 * report writes for scores), or None if one is not finite (the caller's part).
 * round() is correctly rounded decimal digits read back, as here. */
static PyObject *
round_reprs(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyTuple_Check(args[0]) || !PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "round_reprs(values: tuple, ndigits: int)");
        return NULL;
    }
    long ndigits = PyLong_AsLong(args[1]);
    if ((ndigits == -1 && PyErr_Occurred()) || ndigits < 0 || ndigits > 17) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "ndigits must be 0 to 17");
        }
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args[0]);
    PyObject *out = PyTuple_New(n);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PyTuple_GET_ITEM(args[0], k);
        double x = PyFloat_Check(item) ? PyFloat_AS_DOUBLE(item) : NAN;
        if (!isfinite(x)) {
            Py_DECREF(out);
            Py_RETURN_NONE;
        }
        PyObject *text = ndigits == 4 && fabs(x) <= 1.0 ? round4_repr(x) : NULL;
        if (text == NULL && !PyErr_Occurred()) {
            char *digits = PyOS_double_to_string(x, 'f', (int)ndigits, 0, NULL);
            if (digits == NULL) {
                Py_DECREF(out);
                return NULL;
            }
            double rounded = PyOS_string_to_double(digits, NULL, NULL);
            PyMem_Free(digits);
            Buffer buffer = {NULL, 0, 0, 0};
            if ((rounded != -1.0 || !PyErr_Occurred()) && buffer_float(&buffer, rounded) == 0) {
                text = buffer_finish(&buffer);
            }
            PyMem_Free(buffer.data);
        }
        if (text == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, k, text);
    }
    return out;
}

/* Appends the JSON of an optional str (null for None). */
static int
buffer_json_or_null(Buffer *buffer, PyObject *value)
{
    if (value == Py_None) {
        return buffer_ascii(buffer, "null");
    }
    return buffer_json_string(buffer, value, 0, PyUnicode_GET_LENGTH(value));
}

/* Appends repr(round(x, 4)) of a score (a finite float within [-1, 1]). */
static int
buffer_round4(Buffer *buffer, double x)
{
    char digits[16];
    round4_digits(x, digits);
    return buffer_ascii(buffer, digits);
}

/* Appends the report's JSON object of one statement (see statement_json())
 * whose fields are field[0..8]: index, start, end, kind, section, heading,
 * statement text, scores, confidence. Returns 0, 1 when the numbers are not
 * finite floats within [-1, 1] (nothing written: the caller's part), or -1
 * with an error set. */
static int
statement_json_into(Buffer *buffer, Found *found, PyObject *parts, PyObject *const *field)
{
    if (!PyLong_Check(field[0]) || !PyLong_Check(field[1]) || !PyLong_Check(field[2]) ||
        !PyUnicode_Check(field[3]) || (field[4] != Py_None && !PyUnicode_Check(field[4])) ||
        (field[5] != Py_None && !PyUnicode_Check(field[5])) || !PyUnicode_Check(field[6]) ||
        !PyTuple_Check(field[7]) || PyTuple_GET_SIZE(field[7]) != 4) {
        PyErr_SetString(PyExc_TypeError, "statement_json() got a field of the wrong type");
        return -1;
    }
    double numbers[5]; /* the four scores, then the confidence */
    for (int k = 0; k < 5; k++) {
        PyObject *number = k < 4 ? PyTuple_GET_ITEM(field[7], k) : field[8];
        numbers[k] = PyFloat_Check(number) ? PyFloat_AS_DOUBLE(number) : NAN;
        if (!(fabs(numbers[k]) <= 1.0)) {
            return 1;
        }
    }
    Py_ssize_t index = PyLong_AsSsize_t(field[0]), start = PyLong_AsSsize_t(field[1]),
               end = PyLong_AsSsize_t(field[2]);
    PyObject *explanation = NULL;
    int status = -1;
    if (PyErr_Occurred() || (explanation = explanation_of(found)) == NULL) {
        goto done;
    }
    if (buffer_ascii(buffer, "    {\n      \"confidence\": ") < 0 ||
        buffer_round4(buffer, numbers[4]) < 0 ||
        buffer_ascii(buffer, ",\n      \"end\": ") < 0 || buffer_number(buffer, end) < 0 ||
        buffer_ascii(buffer, ",\n      \"evidence\": ") < 0 ||
        pretty_into(buffer, found, parts) < 0 ||
        buffer_ascii(buffer, ",\n      \"explanation\": ") < 0 ||
        buffer_json_or_null(buffer, explanation) < 0 ||
        buffer_ascii(buffer, ",\n      \"heading\": ") < 0 ||
        buffer_json_or_null(buffer, field[5]) < 0 ||
        buffer_ascii(buffer, ",\n      \"index\": ") < 0 || buffer_number(buffer, index) < 0 ||
        buffer_ascii(buffer, ",\n      \"kind\": ") < 0 ||
        buffer_json_or_null(buffer, field[3]) < 0 ||
        buffer_ascii(buffer, ",\n      \"label\": \"") < 0 ||
        buffer_ascii(buffer, found->ctx->label_names[found->best]) < 0 ||
        buffer_ascii(buffer, "\",\n      \"scores\": {\n        \"other\": ") < 0 ||
        buffer_round4(buffer, numbers[3]) < 0 ||
        buffer_ascii(buffer, ",\n        \"product\": ") < 0 ||
        buffer_round4(buffer, numbers[0]) < 0 ||
        buffer_ascii(buffer, ",\n        \"project\": ") < 0 ||
        buffer_round4(buffer, numbers[1]) < 0 ||
        buffer_ascii(buffer, ",\n        \"shared\": ") < 0 ||
        buffer_round4(buffer, numbers[2]) < 0 ||
        buffer_ascii(buffer, "\n      },\n      \"section\": ") < 0 ||
        buffer_json_or_null(buffer, field[4]) < 0 ||
        buffer_ascii(buffer, ",\n      \"start\": ") < 0 || buffer_number(buffer, start) < 0 ||
        buffer_ascii(buffer, ",\n      \"text\": ") < 0 ||
        buffer_json_or_null(buffer, field[6]) < 0 || buffer_ascii(buffer, "\n    }") < 0) {
        goto done;
    }
    status = 0;
done:
    Py_XDECREF(explanation);
    return status;
}

/* statement_json(norm, flat, best, context, parts, index, start, end, kind, section,
 *                heading, statement_text, scores, confidence[, text, offsets])
 *     -> str, or None
 *
 * One statement of the posting report's JSON document, as
 * rolelens.posting_report._statement_json writes it (json.dumps(indent=2,
 * sort_keys=True) two levels deep), for a verdict whose hits scan() found:
 * the explanation and evidence come from the hits (see explain() and
 * pretty_into()); the rest from the statement's fields. None when the
 * scores or confidence are not finite floats within [-1, 1] (never so for a
 * verdict; the caller then writes it). */
static PyObject *
statement_json_with(PyObject *sink, const char *name, PyObject *const *args, Py_ssize_t nargs)
{
    Found found;
    if (open_found(name, args, nargs, 10, &found) < 0) {
        return NULL;
    }
    Buffer buffer = {NULL, 0, 0, 0, sink};
    PyObject *result = NULL;
    int status = statement_json_into(&buffer, &found, args[4], args + 5);
    if (status == 0) {
        result = buffer_finish(&buffer);
    }
    else if (status == 1) {
        result = Py_NewRef(Py_None);
    }
    PyMem_Free(buffer.data);
    return result;
}

static PyObject *
statement_json(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    return statement_json_with(NULL, "statement_json", args, nargs);
}

/* statement_json_to(sink, norm, flat, ...) -> str, or None
 *
 * statement_json(norm, flat, ...), its text going to sink, a write(str)
 * callable, a megabyte or more at a time as it is made (see buffer_spill):
 * returns what is left, to be written after sink's pieces. None as
 * statement_json() returns it, before anything went to sink. */
static PyObject *
statement_json_to(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || !PyCallable_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError,
                        "statement_json_to(sink, norm, flat, best, context, ...)");
        return NULL;
    }
    return statement_json_with(args[0], "statement_json_to", args + 1, nargs - 1);
}

/* The verdict behind found as the C pass left it (evidence unbuilt, ASCII
 * text): fills found and returns 1; 0 when the verdict is something else (the
 * caller's part); -1 with an error set. On 1, keep[0] holds a new reference to
 * the tuple that owns found's hits and keep[1] one to the text, for the caller
 * to release when it is done with found: the verdict alone does not keep them,
 * since building its evidence (from any Python code a sink's write() runs, or
 * another thread) replaces that tuple, and code that sets the verdict's slots
 * anyway (object.__setattr__, __setstate__) replaces its text. */
static int
found_of(PyObject *verdict, Found *found, PyObject *keep[2])
{
    static PyObject *text_name = NULL;
    if (text_name == NULL && (text_name = PyUnicode_InternFromString("text")) == NULL) {
        return -1;
    }
    if (bound.verdict == NULL || !PyObject_TypeCheck(verdict, bound.verdict)) {
        return 0; /* a stand-in classifier's verdict, say */
    }
    PyObject *text = PyObject_GetAttr(verdict, text_name);
    /* The slot itself, as verdict_evidence() reads it: the attribute _evidence
     * builds the evidence (the Python code reads the slot as Verdict._found). */
    PyObject *settled =
        text == NULL ? NULL : Py_XNewRef(*(PyObject **)((char *)verdict + bound.evidence_at));
    int status = -1;
    if (settled == NULL) {
        if (text != NULL) {
            PyErr_SetString(PyExc_AttributeError, "verdict is not initialised");
        }
        goto done;
    }
    status = 0;
    if (!PyUnicode_Check(text) || !PyUnicode_IS_ASCII(text) || !PyTuple_Check(settled) ||
        PyTuple_GET_SIZE(settled) != 7 || PyTuple_GET_ITEM(settled, 1) != Py_None ||
        PyTuple_GET_ITEM(settled, 2) != Py_None ||
        !PyCapsule_IsValid(PyTuple_GET_ITEM(settled, 6), CONTEXT_NAME)) {
        goto done;
    }
    found->ctx = (Context *)PyCapsule_GetPointer(PyTuple_GET_ITEM(settled, 6), CONTEXT_NAME);
    found->flat = PyTuple_GET_ITEM(settled, 4);
    found->best = PyLong_AsLong(PyTuple_GET_ITEM(settled, 3));
    if (PyTuple_GET_ITEM(settled, 0) != found->ctx->unbuilt || !PyBytes_Check(found->flat) ||
        PyBytes_GET_SIZE(found->flat) % (Py_ssize_t)sizeof(FlatHit) || found->best < 0 ||
        found->best > 3) {
        PyErr_Clear(); /* a best that is no int: not ours either */
        goto done;
    }
    found->source.text = text;
    found->source.offsets = NULL;
    found->length = PyUnicode_GET_LENGTH(text);
    keep[0] = settled; /* owns flat and the context capsule; the caller releases it */
    keep[1] = text;
    settled = NULL;
    text = NULL;
    status = 1;
done:
    Py_XDECREF(text);
    Py_XDECREF(settled);
    return status;
}

/* statements_json(items, first_index, parts, fallback[, sink]) -> str
 *
 * The JSON objects of items (a tuple of AnalyzedStatement), numbered from
 * first_index, joined by ",\n": each as statement_json() writes it where the
 * C pass found the verdict's hits and left them unbuilt, else as
 * fallback(index, item) writes it. One call per block of statements instead
 * of a Python call and a C call per statement. With sink, a write(str)
 * callable, the text goes to sink a megabyte or more at a time as it is made
 * (see buffer_spill) and only what is left is returned: the caller writes
 * sink's pieces and then the result, in that order. */
static PyObject *
statements_json(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    static PyObject *names[10] = {NULL};
    static const char *spelled[10] = {"statement", "verdict", "start", "end", "kind",
                                      "section", "heading", "text", "scores", "confidence"};
    if ((nargs != 4 && nargs != 5) || !PyTuple_Check(args[0]) || !PyLong_Check(args[1]) ||
        !PyCallable_Check(args[3]) || (nargs == 5 && !PyCallable_Check(args[4]))) {
        PyErr_SetString(PyExc_TypeError,
                        "statements_json(items, first_index, parts, fallback[, sink])");
        return NULL;
    }
    for (int k = 0; k < 10; k++) {
        if (names[k] == NULL && (names[k] = PyUnicode_InternFromString(spelled[k])) == NULL) {
            return NULL;
        }
    }
    Py_ssize_t first = PyLong_AsSsize_t(args[1]);
    if (first == -1 && PyErr_Occurred()) {
        return NULL;
    }
    Buffer buffer = {NULL, 0, 0, 0, nargs == 5 ? args[4] : NULL};
    PyObject *result = NULL;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args[0]); i++) {
        PyObject *item = PyTuple_GET_ITEM(args[0], i);
        if (i && (buffer_ascii(&buffer, ",\n") < 0 || buffer_spill(&buffer) < 0)) {
            goto done;
        }
        PyObject *statement = PyObject_GetAttr(item, names[0]);
        PyObject *verdict = statement == NULL ? NULL : PyObject_GetAttr(item, names[1]);
        PyObject *field[9] = {NULL};
        Found found;
        PyObject *keep[2] = {NULL, NULL};
        int ours = verdict == NULL ? -1 : found_of(verdict, &found, keep);
        int status = ours < 0 ? -1 : 0, wrote = 0;
        if (ours == 1) {
            field[0] = PyLong_FromSsize_t(first + i);
            for (int k = 1; k < 7; k++) {
                field[k] = field[k - 1] == NULL ? NULL : PyObject_GetAttr(statement, names[k + 1]);
            }
            field[7] = field[6] == NULL ? NULL : PyObject_GetAttr(verdict, names[8]);
            field[8] = field[7] == NULL ? NULL : PyObject_GetAttr(verdict, names[9]);
            int made = field[8] == NULL ? -1 : statement_json_into(&buffer, &found, args[2], field);
            status = made < 0 ? -1 : 0;
            wrote = made == 0; /* 1: numbers left to the fallback, nothing written */
            for (int k = 0; k < 9; k++) {
                Py_XDECREF(field[k]);
            }
        }
        Py_XDECREF(keep[0]);
        Py_XDECREF(keep[1]);
        if (status == 0 && !wrote) { /* not the C pass's verdict, or odd numbers */
            /* With a sink, the fallback may write to it too: what comes before first. */
            PyObject *made = buffer_spill_from(&buffer, 0) < 0
                                 ? NULL
                                 : PyObject_CallFunction(args[3], "nO", first + i, item);
            status = made == NULL ? -1 : PyUnicode_Check(made) ? 0 : -2;
            if (status == 0 && buffer.sink != NULL && PyUnicode_GET_LENGTH(made) >= SPILL_AT) {
                /* Written as it is, after what the buffer holds: not copied again. */
                PyObject *written = NULL;
                status = buffer_spill_from(&buffer, 0) < 0 ||
                                 (written = PyObject_CallOneArg(buffer.sink, made)) == NULL
                             ? -1
                             : 0;
                Py_XDECREF(written);
            }
            else if (status == 0) {
                status = buffer_str(&buffer, made);
            }
            if (status == -2) {
                PyErr_SetString(PyExc_TypeError, "fallback() must return a str");
                status = -1;
            }
            Py_XDECREF(made);
        }
        Py_XDECREF(statement);
        Py_XDECREF(verdict);
        if (status < 0) {
            goto done;
        }
    }
    result = buffer_finish(&buffer);
done:
    PyMem_Free(buffer.data);
    return result;
}

/* statement_html(norm, flat, best, context, index, driver, section, confidence[, text,
 *                offsets]) -> str, or None
 *
 * One row of the posting report's HTML statement table, as
 * rolelens.posting_report.posting_to_html writes it, for a verdict whose hits
 * scan() found: index, section, label badge, confidence to two decimals, the
 * highlighted statement (see highlight_into()) and its explanation (see explain()),
 * every piece escaped. None when confidence is not a finite float (never so
 * for a verdict; the caller then writes the row). */
static PyObject *
statement_html(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Found found;
    if (open_found("statement_html", args, nargs, 4, &found) < 0) {
        return NULL;
    }
    PyObject *result = NULL, *explanation = NULL;
    Buffer buffer = {NULL, 0, 0, 0};
    char *digits = NULL;
    PyObject *section = args[6];
    if (!PyLong_Check(args[4]) || (section != Py_None && !PyUnicode_Check(section))) {
        PyErr_SetString(PyExc_TypeError, "statement_html() got a field of the wrong type");
        goto done;
    }
    double confidence = PyFloat_Check(args[7]) ? PyFloat_AS_DOUBLE(args[7]) : NAN;
    if (!isfinite(confidence)) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    Py_ssize_t index = PyLong_AsSsize_t(args[4]);
    int driver = PyObject_IsTrue(args[5]);
    const char *label = found.ctx->label_names[found.best];
    if (PyErr_Occurred() || driver < 0 ||
        (digits = PyOS_double_to_string(confidence, 'f', 2, 0, NULL)) == NULL ||
        (explanation = explanation_of(&found)) == NULL) {
        goto done;
    }
    if (buffer_ascii(&buffer, driver ? "<tr class=\"driver\"><td class=\"num\">" :
                                       "<tr><td class=\"num\">") < 0 ||
        buffer_number(&buffer, index) < 0 || buffer_ascii(&buffer, "</td><td>") < 0 ||
        (section != Py_None &&
         buffer_html(&buffer, section, 0, PyUnicode_GET_LENGTH(section)) < 0) ||
        buffer_ascii(&buffer, "</td><td><span class=\"badge ") < 0 ||
        buffer_ascii(&buffer, label) < 0 || buffer_ascii(&buffer, "\">") < 0 ||
        buffer_ascii(&buffer, label) < 0 ||
        buffer_ascii(&buffer, "</span></td><td class=\"num\">") < 0 ||
        buffer_ascii(&buffer, digits) < 0 || buffer_ascii(&buffer, "</td><td dir=\"auto\">") < 0 ||
        highlight_into(&buffer, &found) < 0 ||
        buffer_ascii(&buffer, "<div class=\"why\" dir=\"ltr\">") < 0 ||
        buffer_html(&buffer, explanation, 0, PyUnicode_GET_LENGTH(explanation)) < 0 ||
        buffer_ascii(&buffer, "</div></td></tr>") < 0) {
        goto done;
    }
    result = buffer_finish(&buffer);
done:
    PyMem_Free(digits);
    Py_XDECREF(explanation);
    PyMem_Free(buffer.data);
    return result;
}

/* evidence_json(norm, flat, best, context, encode[, text, offsets]) -> str
 *
 * The verdict's evidence as the JSON array the command line writes, without
 * making the Evidence tuples: '[' + buffer_evidence() of each hit + ']'. */
static PyObject *
evidence_json(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Found found;
    PyObject *result = NULL;
    Buffer buffer = {NULL, 0, 0, 0};
    if (open_found("evidence_json", args, nargs, 1, &found) < 0) {
        goto done;
    }
    PyObject *encode = args[4];
    if (!PyCallable_Check(encode)) {
        PyErr_SetString(PyExc_TypeError, "evidence_json(): encode must be callable");
        goto done;
    }
    if (buffer_ascii(&buffer, "[") < 0) {
        goto done;
    }
    Py_ssize_t count = PyBytes_GET_SIZE(found.flat) / (Py_ssize_t)sizeof(FlatHit);
    for (Py_ssize_t h = 0; h < count; h++) {
        Row *row;
        int which;
        Py_ssize_t start, end;
        if (read_hit("evidence_json", &found, h, &row, &which, &start, &end) < 0 ||
            buffer_evidence(&buffer, &found.source, row, which, start, end, encode, h == 0) <
                0) {
            goto done;
        }
    }
    if (buffer_ascii(&buffer, "]") < 0) {
        goto done;
    }
    result = buffer_finish(&buffer);
done:
    PyMem_Free(buffer.data);
    return result;
}

/* jsonl_line(norm, context, encode, line[, text, offsets]) -> str, or None if
 * norm is not ASCII
 *
 * Classifies the statement as scan() does and returns the line the command
 * line writes for it, exactly as rolelens.cli.classify._jsonl would from the
 * verdict: '{"line":N,' (or '{' when line is None), the text, label,
 * confidence, scores and evidence (see evidence_json), '}' and a newline. */
static PyObject *
jsonl_line(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 4 || !PyUnicode_Check(args[0]) || !PyCallable_Check(args[2]) ||
        (args[3] != Py_None && !PyLong_Check(args[3]))) {
        PyErr_SetString(PyExc_TypeError,
                        "jsonl_line(norm: str, context, encode, line: int | None[, text, "
                        "offsets])");
        return NULL;
    }
    PyObject *norm = args[0], *encode = args[2];
    Context *ctx;
    Source source;
    int opened = open_text(args, nargs, 2, &ctx, &source);
    if (opened != 0) {
        return opened > 0 ? Py_NewRef(Py_None) : NULL;
    }
    Buffer buffer = {NULL, 0, 0, 0};
    PyObject *result = NULL;
    Scan found;
    if (scan_text(ctx, norm, &source, &found) < 0) {
        goto done;
    }
    if (args[3] != Py_None) {
        Py_ssize_t line = PyLong_AsSsize_t(args[3]);
        if ((line == -1 && PyErr_Occurred()) || buffer_ascii(&buffer, "{\"line\":") < 0 ||
            buffer_number(&buffer, line) < 0 || buffer_ascii(&buffer, ",\"text\":") < 0) {
            goto done;
        }
    }
    else if (buffer_ascii(&buffer, "{\"text\":") < 0) {
        goto done;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(source.text);
    if (buffer_json_string(&buffer, source.text, 0, length) < 0 ||
        buffer_ascii(&buffer, ",\"label\":\"") < 0 ||
        buffer_ascii(&buffer, ctx->label_names[found.best]) < 0 ||
        buffer_ascii(&buffer, "\",\"confidence\":") < 0 ||
        buffer_float(&buffer, found.confidence) < 0) {
        goto done;
    }
    for (int k = 0; k < 4; k++) {
        if (buffer_ascii(&buffer, k ? ",\"" : ",\"scores\":{\"") < 0 ||
            buffer_ascii(&buffer, ctx->label_names[k]) < 0 || buffer_ascii(&buffer, "\":") < 0 ||
            buffer_float(&buffer, found.scores[k]) < 0) {
            goto done;
        }
    }
    if (buffer_ascii(&buffer, "},\"evidence\":[") < 0) {
        goto done;
    }
    /* In the order scan() flattens them (write_flat): side mix, the hits on a
     * lead-in, opening word, then the other hits. */
    int first = 1;
    const Scan *f = &found;
    const Hit *items = found.hits.items;
    Py_ssize_t h = 0;
    if (found.mix != NULL &&
        buffer_tokens_evidence(&buffer, &source, f, 0, found.n - 1, found.mix,
                               TAIL_OF(0, found.best), encode, &first) < 0) {
        goto done;
    }
    if (found.start != NULL) {
        for (; h < found.hits.size && items[h].first < found.opening; h++) {
            if (buffer_tokens_evidence(&buffer, &source, f, items[h].first, items[h].last,
                                       items[h].row, TAIL_OF(items[h].negated, found.best),
                                       encode, &first) < 0) {
                goto done;
            }
        }
        if (buffer_tokens_evidence(&buffer, &source, f, found.opening, found.opening,
                                   found.start, TAIL_OF(found.start_aside, found.best), encode,
                                   &first) < 0) {
            goto done;
        }
    }
    for (; h < found.hits.size; h++) {
        if (buffer_tokens_evidence(&buffer, &source, f, items[h].first, items[h].last,
                                   items[h].row, TAIL_OF(items[h].negated, found.best), encode,
                                   &first) < 0) {
            goto done;
        }
    }
    if (buffer_ascii(&buffer, "]}\n") < 0) {
        goto done;
    }
    result = buffer_finish(&buffer);
done:
    PyMem_Free(buffer.data);
    scan_release(&found);
    return result;
}

/* dimension_cues(flat, context) -> list of (dimension, Label)
 *
 * For each cue scan() found that is not negated and speaks to a dimension:
 * what posting analysis counts, without building the evidence. */
static PyObject *
dimension_cues(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyBytes_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "dimension_cues(flat, context)");
        return NULL;
    }
    PyObject *flat = args[0];
    Context *ctx = (Context *)PyCapsule_GetPointer(args[1], CONTEXT_NAME);
    if (ctx == NULL) {
        return NULL;
    }
    if (PyBytes_GET_SIZE(flat) % (Py_ssize_t)sizeof(FlatHit)) {
        PyErr_SetString(PyExc_ValueError, "dimension_cues() needs what scan() returned");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    const FlatHit *hits = (const FlatHit *)PyBytes_AS_STRING(flat);
    for (Py_ssize_t h = 0; h < PyBytes_GET_SIZE(flat) / (Py_ssize_t)sizeof(FlatHit); h++) {
        Py_ssize_t position = hits[h].position;
        int negated = hits[h].negated != 0;
        if (position < 0 || position >= ctx->n_rows) {
            PyErr_SetString(PyExc_ValueError, "dimension_cues() needs what scan() returned");
            Py_DECREF(out);
            return NULL;
        }
        PyObject *cue = ctx->rows[position].dimension_cue;
        if (!negated && cue != NULL && PyList_Append(out, cue) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

/* The mapped form of each distinct non-ASCII character met in one normalise()
 * call: an open-addressing table from code point to an owned str. */
typedef struct {
    Py_UCS4 code;
    PyObject *mapped; /* NULL: empty slot */
} CharSlot;

typedef struct {
    CharSlot *slots;
    size_t mask, used;
} CharMap;

static void
charmap_free(CharMap *map)
{
    for (size_t k = 0; map->slots != NULL && k <= map->mask; k++) {
        Py_XDECREF(map->slots[k].mapped);
    }
    PyMem_Free(map->slots);
}

static CharSlot *
charmap_slot(CharMap *map, Py_UCS4 code)
{
    size_t k = (code * 2654435761u) & map->mask;
    while (map->slots[k].mapped != NULL && map->slots[k].code != code) {
        k = (k + 1) & map->mask;
    }
    return &map->slots[k];
}

/* The mapped form of code, looked up in known (a dict filled by mapped_of, or
 * NULL) or else asked of mapped_of(chr(code)), the first time. Borrowed. */
static PyObject *
charmap_get(CharMap *map, Py_UCS4 code, PyObject *mapped_of, PyObject *known)
{
    CharSlot *slot = charmap_slot(map, code);
    if (slot->mapped != NULL) {
        return slot->mapped;
    }
    if (2 * (map->used + 1) > map->mask + 1) { /* keep it at most half full */
        CharMap bigger = {PyMem_Calloc(2 * (map->mask + 1), sizeof(CharSlot)),
                          2 * map->mask + 1, map->used};
        if (bigger.slots == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        for (size_t k = 0; k <= map->mask; k++) {
            if (map->slots[k].mapped != NULL) {
                *charmap_slot(&bigger, map->slots[k].code) = map->slots[k];
            }
        }
        PyMem_Free(map->slots);
        *map = bigger;
        slot = charmap_slot(map, code);
    }
    PyObject *character = PyUnicode_FromOrdinal((int)code);
    if (character == NULL) {
        return NULL;
    }
    PyObject *mapped = known == NULL ? NULL : PyDict_GetItemWithError(known, character);
    if (mapped != NULL && PyUnicode_Check(mapped)) {
        Py_INCREF(mapped);
    }
    else if (!PyErr_Occurred()) {
        mapped = call_for_str(mapped_of, character, "mapped_of()");
    }
    else {
        mapped = NULL;
    }
    Py_DECREF(character);
    if (mapped == NULL) {
        return NULL;
    }
    slot->code = code;
    slot->mapped = mapped;
    map->used++;
    return mapped;
}

/* normalise(text, mapped_of[, known]) -> (norm, offsets or None)
 *
 * What rolelens.text.normalise() does for text that is not ASCII: ASCII letters
 * lowered, every other character replaced by its mapped form (looked up in the
 * dict known, which mapped_of fills, or else asked of mapped_of(character): once
 * per distinct character per call), and the offset map (one original index per
 * normalised character) if some character grew or vanished. */
static PyObject *
normalise(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 2 || nargs > 3 || !PyUnicode_Check(args[0]) || !PyCallable_Check(args[1]) ||
        (nargs == 3 && !PyDict_Check(args[2]))) {
        PyErr_SetString(PyExc_TypeError, "normalise(text: str, mapped_of[, known: dict])");
        return NULL;
    }
    PyObject *text = args[0], *mapped_of = args[1], *known = nargs == 3 ? args[2] : NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *result = NULL, *norm = NULL;
    Buffer out = {NULL, 0, 0, 1}; /* wide: the mapped forms may be any character */
    Py_ssize_t *offsets = NULL, offsets_capacity = 0;
    int resized = 0;
    CharMap map = {PyMem_Calloc(64, sizeof(CharSlot)), 63, 0};
    if (map.slots == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        PyObject *mapped = NULL;
        Py_ssize_t size = 1;
        if (c >= 128) {
            mapped = charmap_get(&map, c, mapped_of, known);
            if (mapped == NULL) {
                goto done;
            }
            size = PyUnicode_GET_LENGTH(mapped);
            resized |= size != 1;
        }
        if (buffer_reserve(&out, size) < 0) {
            goto done;
        }
        void *grown;
        if (grow(offsets, &offsets_capacity, out.size + size, sizeof(Py_ssize_t), 256, &grown) <
            0) {
            goto done;
        }
        offsets = grown;
        if (mapped == NULL) {
            offsets[out.size] = i;
            ((Py_UCS4 *)out.data)[out.size++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
            continue;
        }
        int mapped_kind = PyUnicode_KIND(mapped);
        const void *mapped_data = PyUnicode_DATA(mapped);
        for (Py_ssize_t k = 0; k < size; k++) {
            offsets[out.size] = i;
            ((Py_UCS4 *)out.data)[out.size++] = PyUnicode_READ(mapped_kind, mapped_data, k);
        }
    }
    norm = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out.data, out.size);
    if (norm == NULL) {
        goto done;
    }
    if (!resized) {
        result = PyTuple_Pack(2, norm, Py_None);
        goto done;
    }
    PyObject *list = PyList_New(out.size);
    if (list == NULL) {
        goto done;
    }
    for (Py_ssize_t k = 0; k < out.size; k++) {
        PyObject *index = PyLong_FromSsize_t(offsets[k]);
        if (index == NULL) {
            Py_DECREF(list);
            goto done;
        }
        PyList_SET_ITEM(list, k, index);
    }
    result = PyTuple_Pack(2, norm, list);
    Py_DECREF(list);
done:
    Py_XDECREF(norm);
    charmap_free(&map);
    PyMem_Free(out.data);
    PyMem_Free(offsets);
    return result;
}

/* --- Plain-text statements ---------------------------------------------------
 *
 * text_statements() is rolelens.statements._text_statements in C: the loop over
 * physical lines that gathers logical lines, and the common case of
 * _Splitter.single (one line, no heading, one sentence, not wrapped in a pair of
 * emphasis marks, which that method takes off), which makes one
 * Statement per line of a plain-text posting. Every other case goes back to the
 * Python the reference calls, with the same arguments: _heading_of when a line
 * may be a heading, _chrome_text when it may be an element of page chrome,
 * _Splitter.single for a line with a heading, in emphasis or of more
 * than one sentence, _Splitter.line for a logical line of several physical lines. So only
 * the common path is written twice, and each helper below says which Python it
 * follows. Characters are classified with the same Py_UNICODE_IS* macros that
 * str's methods and the re module use, so any code point (lone surrogates too)
 * gets the answer Python gives. tests/test_speedups_statements.py checks the
 * two paths against each other. */

/* A character of _MARKER's first alternative, the bullet glyphs. */
static int
is_bullet_glyph(Py_UCS4 c)
{
    switch (c) {
    case 0x2022: case 0x00b7: case 0x25cf: case 0x25cb: case 0x25e6: case 0x25aa: case 0x25ab:
    case 0x25a0: case 0x25a1: case 0x25ba: case 0x25b8: case 0x25b6: case 0x27a2: case 0x27a4:
    case 0x2713: case 0x2714: case 0x2717: case 0x2192: case 0x2043: case 0x2219:
    case 0x2705: case 0x2611: case 0x27a1: case 0x2605: case 0x2b50: case 0x1f539:
    case 0x1f538: case 0x1f537: case 0x1f536: case 0x1f449: case 0x1f4cc:
    case 0x2023: case 0x25c6: case 0x25c7: case 0x25fe: case 0x25fd: case 0x25b9: case 0x25bb:
    case 0x29bf: case 0x2b9a: case 0x21d2:
    /* Symbol and Wingdings bullets as Word pastes them, in the private use area */
    case 0xf06e: case 0xf076: case 0xf0a7: case 0xf0a8: case 0xf0b7: case 0xf0d8:
    case 0xf0e0: case 0xf0fc:
        return 1;
    default:
        /* any emoji or dingbat */
        return (c >= 0x2600 && c <= 0x27bf) || (c >= 0x1f300 && c <= 0x1faff);
    }
}

static inline int
is_ascii_letter(Py_UCS4 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

#define CHAR_AT(i) PyUnicode_READ(kind, data, (i))

/* The index after the "." or ")" that ends a Roman numeral of _ROMAN at text[pos:end]
 * (ii iii iv vi vii viii ix xi xii, all lower case, or all upper case when upper), or
 * -1. */
static Py_ssize_t
roman_end(int kind, const void *data, Py_ssize_t pos, Py_ssize_t end, int upper)
{
    static const char *const numerals[] = {"ii", "iii", "iv", "vi", "vii", "viii", "ix",
                                           "xi", "xii"};
    char run[5];
    Py_ssize_t k = pos;
    while (k < end && k - pos < 5) {
        Py_UCS4 c = CHAR_AT(k);
        if (upper) {
            c = c == 'I' ? 'i' : c == 'V' ? 'v' : c == 'X' ? 'x' : 0;
        }
        else if (c != 'i' && c != 'v' && c != 'x') {
            c = 0;
        }
        if (!c) {
            break;
        }
        run[k - pos] = (char)c;
        k++;
    }
    if (k - pos < 2 || k - pos > 4 || k >= end || (CHAR_AT(k) != '.' && CHAR_AT(k) != ')')) {
        return -1;
    }
    run[k - pos] = 0;
    for (size_t m = 0; m < sizeof numerals / sizeof numerals[0]; m++) {
        if (strcmp(run, numerals[m]) == 0) {
            return k + 1;
        }
    }
    return -1;
}

/* End of _MARKER.match(text, pos, end), or -1 when it does not match. The
 * alternatives start with different characters, so at most one can match and
 * backtracking never picks another. */
static Py_ssize_t
marker_end(int kind, const void *data, Py_ssize_t pos, Py_ssize_t end)
{
    Py_UCS4 c = CHAR_AT(pos);
    Py_ssize_t j = -1, k = pos + 1;
    if (is_bullet_glyph(c)) { /* a glyph, then [\ufe0f\u200d]*\s* */
        while (k < end && (CHAR_AT(k) == 0xfe0f || CHAR_AT(k) == 0x200d)) {
            k++;
        }
        while (k < end && Py_UNICODE_ISSPACE(CHAR_AT(k))) {
            k++;
        }
        return k;
    }
    if (c == '-' || c == '*' || c == '+' || c == '>' || c == 0x2013 || c == 0x2014 ||
        (c >= 0x2010 && c <= 0x2012) || c == 0x2212 || c == 0x00bb) {
        j = k;
    }
    else if (c == '\\') { /* an escaped "-", "*" or "+": "\- Own it" */
        if (k < end && (CHAR_AT(k) == '-' || CHAR_AT(k) == '*' || CHAR_AT(k) == '+')) {
            j = k + 1;
        }
    }
    else if (Py_UNICODE_ISDECIMAL(c)) {
        /* \d{1,3}, then (?:\.\d{1,3}){0,5}[.)] or (?:\.\d{1,3}){2,5} or
         * \.\d{1,3}(?=\s+[A-Z]): a number of up to six levels. Only the longest
         * reading can be followed by white space, so it alone is tried. */
        int levels = 1;
        while (k < end && k - pos < 3 && Py_UNICODE_ISDECIMAL(CHAR_AT(k))) {
            k++;
        }
        while (levels < 6 && k + 1 < end && CHAR_AT(k) == '.' &&
               Py_UNICODE_ISDECIMAL(CHAR_AT(k + 1))) {
            Py_ssize_t d = k + 1;
            while (d < end && d - k <= 3 && Py_UNICODE_ISDECIMAL(CHAR_AT(d))) {
                d++;
            }
            k = d;
            levels++;
        }
        if (k < end && (CHAR_AT(k) == '.' || CHAR_AT(k) == ')')) {
            j = k + 1;
        }
        else if (levels == 1 && k + 1 < end && CHAR_AT(k) == '\\' && CHAR_AT(k + 1) == '.') {
            j = k + 2; /* a number, then an escaped dot: "1\. Own it" */
        }
        else if (levels >= 3) {
            j = k;
        }
        else if (levels == 2) {
            Py_ssize_t m = k;
            while (m < end && Py_UNICODE_ISSPACE(CHAR_AT(m))) {
                m++;
            }
            if (m > k && m < end && CHAR_AT(m) >= 'A' && CHAR_AT(m) <= 'Z') {
                j = k;
            }
        }
    }
    else if (c == '(') { /* \(\d{1,3}\) or \([A-Za-z]{1,4}\) */
        if (k < end && Py_UNICODE_ISDECIMAL(CHAR_AT(k))) {
            while (k < end && k - pos <= 3 && Py_UNICODE_ISDECIMAL(CHAR_AT(k))) {
                k++;
            }
        }
        else {
            while (k < end && k - pos <= 4 && is_ascii_letter(CHAR_AT(k))) {
                k++;
            }
        }
        if (k > pos + 1 && k < end && CHAR_AT(k) == ')') {
            j = k + 1;
        }
    }
    else if (c >= 'a' && c <= 'z') { /* [a-z][.)] or a Roman numeral and [.)] */
        if (k < end && (CHAR_AT(k) == '.' || CHAR_AT(k) == ')')) {
            j = k + 1;
        }
        else {
            j = roman_end(kind, data, pos, end, 0);
        }
    }
    else if (c >= 'A' && c <= 'Z') { /* [A-Z]\) or a Roman numeral and [.)] */
        if (k < end && CHAR_AT(k) == ')') {
            j = k + 1;
        }
        else {
            j = roman_end(kind, data, pos, end, 1);
        }
    }
    else if (c == '[') { /* \[[ xX]\] */
        if (k + 1 < end && (CHAR_AT(k) == ' ' || CHAR_AT(k) == 'x' || CHAR_AT(k) == 'X') &&
            CHAR_AT(k + 1) == ']') {
            j = k + 2;
        }
    }
    if (c == '-' && k < end && CHAR_AT(k) >= 'A' && CHAR_AT(k) <= 'Z') {
        return k; /* -(?=[A-Z]): "-Own the roadmap" */
    }
    if (j < 0 || j >= end || !Py_UNICODE_ISSPACE(CHAR_AT(j))) { /* then \s+ */
        return -1;
    }
    while (j < end && Py_UNICODE_ISSPACE(CHAR_AT(j))) {
        j++;
    }
    return j;
}

/* _strip_markers(text, start, end): the index after any list markers, keeping at
 * least one character. */
static Py_ssize_t
strip_markers(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    for (;;) {
        Py_UCS4 letter = CHAR_AT(start), next = start + 1 < end ? CHAR_AT(start + 1) : 0;
        if (Py_UNICODE_ISALPHA(letter) &&
            (start + 1 == end ||
             (next != '.' && next != ')' &&
              !((letter == 'i' || letter == 'v' || letter == 'x') &&
                (next == 'i' || next == 'v' || next == 'x')) &&
              !((letter == 'I' || letter == 'V' || letter == 'X') &&
                (next == 'I' || next == 'V' || next == 'X'))))) {
            return start;
        }
        Py_ssize_t after = marker_end(kind, data, start, end);
        if (after < 0 || after >= end) {
            return start;
        }
        start = after;
    }
}

/* _loose_marker(text, start, end): the index after the "o" or U+00A7 bullet opening
 * text[start:end] (the mark, white space, then a letter, or after "o" a letter or
 * digit), or 0 when it opens with none. */
static Py_ssize_t
loose_marker(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 mark = CHAR_AT(start);
    if (mark != 'o' && mark != 0x00a7) {
        return 0;
    }
    Py_ssize_t k = start + 1;
    if (k >= end || !Py_UNICODE_ISSPACE(CHAR_AT(k))) {
        return 0;
    }
    while (k < end && Py_UNICODE_ISSPACE(CHAR_AT(k))) {
        k++;
    }
    if (k >= end) {
        return 0;
    }
    Py_UCS4 c = CHAR_AT(k);
    return Py_UNICODE_ISALPHA(c) || (mark == 'o' && Py_UNICODE_ISALNUM(c)) ? k : 0;
}

/* _bullet_follows(text, start): the physical line at text[start:], trimmed, is a
 * list item (markers come off it, or it opens with an "o" or U+00A7 bullet). */
static int
bullet_follows(int kind, const void *data, Py_ssize_t n, Py_ssize_t start)
{
    Py_ssize_t a = start, b = start;
    while (b < n && CHAR_AT(b) != '\n' && CHAR_AT(b) != '\r') {
        b++;
    }
    while (a < b && Py_UNICODE_ISSPACE(CHAR_AT(a))) {
        a++;
    }
    while (b > a && Py_UNICODE_ISSPACE(CHAR_AT(b - 1))) {
        b--;
    }
    return a < b && (strip_markers(kind, data, a, b) > a || loose_marker(kind, data, a, b) > 0);
}

/* _open_end(text, end): the line ending at text[end - 1] stops at "," or "&", or
 * after a word of _OPEN_WORDS (lower-case ASCII, white space or the text's start
 * before it), looking back twelve characters at most. */
static int
open_end(int kind, const void *data, Py_ssize_t end)
{
    static const char *const words[] = {"a", "an", "the", "and", "or", "nor", "but", "of",
                                        "our", "your", "their", "its", "including", "via"};
    Py_UCS4 last = CHAR_AT(end - 1);
    if (last == ',' || last == '&') {
        return 1;
    }
    Py_ssize_t start = end;
    while (start > 0 && end - start < 12 && CHAR_AT(start - 1) >= 'a' && CHAR_AT(start - 1) <= 'z') {
        start--;
    }
    if (start == end || (start > 0 && !Py_UNICODE_ISSPACE(CHAR_AT(start - 1)))) {
        return 0;
    }
    char word[13];
    for (Py_ssize_t i = start; i < end; i++) {
        word[i - start] = (char)CHAR_AT(i);
    }
    word[end - start] = 0;
    for (size_t m = 0; m < sizeof words / sizeof words[0]; m++) {
        if (strcmp(word, words[m]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* _has_alnum(text[a:b]): some character is a letter or digit. */
static int
has_alnum(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    for (Py_ssize_t i = a; i < b; i++) {
        if (Py_UNICODE_ISALNUM(CHAR_AT(i))) {
            return 1;
        }
    }
    return 0;
}

/* text[a:b].isupper() for a and b at least one apart, as str.isupper() reads it. */
static int
is_upper(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    if (b - a == 1) {
        return Py_UNICODE_ISUPPER(CHAR_AT(a)) != 0;
    }
    int cased = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = CHAR_AT(i);
        if (Py_UNICODE_ISLOWER(c) || Py_UNICODE_ISTITLE(c)) {
            return 0;
        }
        cased |= Py_UNICODE_ISUPPER(c) != 0;
    }
    return cased;
}

/* _could_be_section(text[a:b]) for b - a <= 60: 1 when the first run of letters
 * and digits, lower-cased, is in first_words (a frozenset), or is not ASCII (its
 * lower case is left to Python); 0 when not; -1 with an error set. */
static int
could_be_section(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, PyObject *first_words)
{
    char word[64];
    Py_ssize_t i = a, n = 0;
    while (i < b && !Py_UNICODE_ISALNUM(CHAR_AT(i))) {
        i++;
    }
    for (; i < b && Py_UNICODE_ISALNUM(CHAR_AT(i)); i++) {
        Py_UCS4 c = CHAR_AT(i);
        if (c >= 128) {
            return 1;
        }
        word[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c); /* n <= b - a <= 60 */
    }
    if (n == 0) {
        return 0;
    }
    PyObject *lowered = PyUnicode_FromStringAndSize(word, n);
    if (lowered == NULL) {
        return -1;
    }
    int found = PySet_Contains(first_words, lowered);
    Py_DECREF(lowered);
    return found;
}

/* 1 when text[a:b] (trimmed, not empty) may be wrapped in a pair of emphasis
 * marks, "**", "__", "*" or "_" (_emphasis_bounds may not be None): a heading in
 * bold or in words that are a heading, or a statement that _Splitter.line gives
 * without the pair; 0 when surely not. A pair opens and closes with the same
 * character; which pairs count is left to the Python. */
static int
may_be_emphasised(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    Py_UCS4 first = CHAR_AT(a);
    return (first == '*' || first == '_') && b - a > 2 && CHAR_AT(b - 1) == first;
}

/* 1 when text[a:b] (trimmed, not empty) may be one element of page chrome, bare
 * or in emphasis marks around all of it ("**<svg/>**"), for the caller to ask
 * _chrome_text: after any "*", "_" and white space (what the marks of a pair and
 * the space inside a bold one can be) it opens with "<" and an ASCII letter, as
 * every tag name _chrome_line accepts does; 0 when surely not. */
static int
may_be_chrome(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    if (may_be_emphasised(kind, data, a, b)) {
        Py_UCS4 c = CHAR_AT(a);
        while (a < b && (c == '*' || c == '_' || Py_UNICODE_ISSPACE(c))) {
            a++;
            c = a < b ? CHAR_AT(a) : 0;
        }
    }
    if (b - a > 2 && ((CHAR_AT(a) == '!' && CHAR_AT(a + 1) == '[') ||
                      (CHAR_AT(a) == '[' && CHAR_AT(a + 1) == '!'))) {
        return 1; /* may be a Markdown image alone: "![logo](logo.png)" */
    }
    return b - a > 2 && CHAR_AT(a) == '<' && is_ascii_letter(CHAR_AT(a + 1));
}

/* 0 when _heading_of(text[a:b]) (trimmed, not empty) is surely None; 1 when it
 * may not be, for the caller to ask _heading_of; -1 with an error set. Follows
 * _heading_of's tests in order, answering 1 wherever one might pass. */
static int
may_be_heading(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, PyObject *first_words)
{
    Py_ssize_t length = b - a;
    Py_UCS4 first = CHAR_AT(a), last = CHAR_AT(b - 1);
    if (first == '#') {
        return 1;
    }
    if (may_be_emphasised(kind, data, a, b)) {
        return 1;
    }
    if (first >= 'A' && first <= 'Z' && length > 3 && CHAR_AT(a + 1) == '.' &&
        (CHAR_AT(a + 2) == ' ' || CHAR_AT(a + 2) == '\t')) {
        return 1; /* "A. Responsibilities", "I. Requirements" */
    }
    if (length > 300) {
        return 0;
    }
    if (last == ':' || is_upper(kind, data, a, b)) {
        return 1;
    }
    return length <= 60 ? could_be_section(kind, data, a, b, first_words) : 0;
}

/* 1 when text[a:b] (trimmed, not empty) may open with a known section heading and a
 * colon ("Duties: own it", _section_label), for _Splitter.single to read: a ":"
 * within its first 60 characters (_LABEL_REACH), the words before it opening as a
 * section phrase may (could_be_section); 0 when surely not; -1 with an error set. */
static int
may_be_labelled(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, PyObject *first_words)
{
    Py_ssize_t limit = b - a > 60 ? a + 60 : b;
    for (Py_ssize_t i = a; i < limit; i++) {
        Py_UCS4 c = CHAR_AT(i);
        /* ":" or one of another width or script (rolelens.statements._ANY_COLON). */
        if (c == ':' || c == 0xff1a || c == 0xfe55 || c == 0xfe13 || c == 0x1365) {
            return i > a ? could_be_section(kind, data, a, i, first_words) : 0;
        }
    }
    return 0;
}

/* The full stops, "!" and "?" of other widths and scripts, as
 * rolelens.statements._WIDE_STOPS lists them (tests/test_speedups_statements.py
 * keeps the two in step). */
static const Py_UCS4 WIDE_STOPS[] = {
    0xff0e, 0xfe52, 0x2024, 0x2025, 0xfe30, 0x2026, 0xfe19, 0x3002, 0xff61,
    0xfe12, 0x06d4, 0x0964, 0x0965, 0x0589, 0x1362, 0xff01, 0xfe57, 0xfe15,
    0x203c, 0xff1f, 0xfe56, 0xfe16, 0x2047, 0x2048, 0x2049, 0x061f};

/* _BOUNDARY.search(text, a, b) is not None: one of . ! ? then any closing quotes
 * or brackets, then white space; or one of WIDE_STOPS, which needs none. */
static int
has_boundary(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = CHAR_AT(i);
        if (c >= 0x0589) {
            for (size_t w = 0; w < sizeof WIDE_STOPS / sizeof WIDE_STOPS[0]; w++) {
                if (c == WIDE_STOPS[w]) {
                    return 1;
                }
            }
            continue;
        }
        if (c != '.' && c != '!' && c != '?') {
            continue;
        }
        Py_ssize_t j = i + 1;
        for (; j < b; j++) {
            c = CHAR_AT(j);
            if (c != '"' && c != '\'' && c != 0x201d && c != 0x2019 && c != ')' && c != ']') {
                break;
            }
        }
        if (j < b && Py_UNICODE_ISSPACE(CHAR_AT(j))) {
            return 1;
        }
    }
    return 0;
}

/* _INLINE_BULLET.search(text, a, b) is not None: white space, one of U+2022 U+25CF
 * U+25AA U+F0B7, white space. */
static int
has_inline_bullet(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    for (Py_ssize_t i = a + 1; i + 1 < b; i++) {
        Py_UCS4 c = CHAR_AT(i);
        if ((c == 0x2022 || c == 0x25cf || c == 0x25aa || c == 0xf0b7) &&
            Py_UNICODE_ISSPACE(CHAR_AT(i - 1)) && Py_UNICODE_ISSPACE(CHAR_AT(i + 1))) {
            return 1;
        }
    }
    return 0;
}

/* _tab_columns(text, a, b): two runs of spaces and tabs, each with a tab, in the
 * trimmed text[a:b] (three columns of a table pasted as text). */
static int
has_tab_columns(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    Py_ssize_t i = a;
    while (i < b && CHAR_AT(i) != '\t') {
        i++;
    }
    if (i >= b) {
        return 0;
    }
    for (i++; i < b && (CHAR_AT(i) == ' ' || CHAR_AT(i) == '\t'); i++) {
    }
    for (; i < b; i++) {
        if (CHAR_AT(i) == '\t') {
            return 1;
        }
    }
    return 0;
}

/* What one text_statements() call works with. */
typedef struct {
    PyObject *text;
    int kind;
    const void *data;
    PyObject *splitter, *out;
    PyObject *new, *type, *slots[6], *heading_of, *first_words, *chrome_text;
    PyObject *section, *heading; /* the splitter's, owned, read again after each call */
    /* The logical line being read: text[p_start:p_end] when it is one physical line
     * (p_end > p_start), p_segments (owned) once a second line continues it. */
    Py_ssize_t p_start, p_end, p_first;
    PyObject *p_heading; /* what _heading_of said of a marker-less line; owned, or NULL */
    PyObject *p_segments;
} Split;

static PyObject *name_section, *name_heading, *name_out, *name_line,
    *name_bullet_kw, *kind_bullet, *kind_sentence, *one_space;

static int
split_names(void)
{
    if (one_space != NULL) {
        return 0;
    }
    name_section = PyUnicode_InternFromString("section");
    name_heading = name_section ? PyUnicode_InternFromString("heading") : NULL;
    name_out = name_heading ? PyUnicode_InternFromString("out") : NULL;
    name_line = name_out ? PyUnicode_InternFromString("line") : NULL;
    PyObject *bullet = name_line ? PyUnicode_InternFromString("bullet") : NULL;
    name_bullet_kw = bullet ? PyTuple_Pack(1, bullet) : NULL;
    kind_bullet = bullet;
    kind_sentence = name_bullet_kw ? PyUnicode_InternFromString("sentence") : NULL;
    one_space = kind_sentence ? PyUnicode_InternFromString(" ") : NULL;
    return one_space == NULL ? -1 : 0;
}

/* Reads the splitter's section and heading (a Python method may have set them). */
static int
split_refresh(Split *s)
{
    Py_CLEAR(s->section);
    Py_CLEAR(s->heading);
    s->section = PyObject_GetAttr(s->splitter, name_section);
    s->heading = s->section == NULL ? NULL : PyObject_GetAttr(s->splitter, name_heading);
    return s->heading == NULL ? -1 : 0;
}

/* _valid_statement(...): a Statement made by object.__new__ and its slots' setters. */
static PyObject *
split_statement(Split *s, Py_ssize_t start, Py_ssize_t end, PyObject *kind_name)
{
    PyObject *values[6] = {PyUnicode_Substring(s->text, start, end), PyLong_FromSsize_t(start),
                           PyLong_FromSsize_t(end), Py_NewRef(s->section),
                           Py_NewRef(s->heading), Py_NewRef(kind_name)};
    PyObject *statement = NULL;
    if (values[0] != NULL && values[1] != NULL && values[2] != NULL) {
        statement = PyObject_CallOneArg(s->new, s->type);
    }
    if (statement != NULL && set_slots(statement, s->slots, values, 6) < 0) {
        Py_CLEAR(statement);
    }
    for (int k = 0; k < 6; k++) {
        Py_XDECREF(values[k]);
    }
    return statement;
}

/* Calls splitter.single(text[start:end], start, first, heading). */
static int
split_defer_single(Split *s, Py_ssize_t start, Py_ssize_t end, Py_ssize_t first,
                   PyObject *heading)
{
    PyObject *content = PyUnicode_Substring(s->text, start, end);
    PyObject *done = content == NULL ? NULL :
                     PyObject_CallMethod(s->splitter, "single", "OnnO", content, start, first,
                                         heading == NULL ? Py_None : heading);
    Py_XDECREF(content);
    if (done == NULL) {
        return -1;
    }
    Py_DECREF(done);
    return split_refresh(s);
}

/* _Splitter.single for the pending one-line logical line: its common case here,
 * the rest by the Python method. */
static int
split_single(Split *s)
{
    int kind = s->kind;
    const void *data = s->data;
    Py_ssize_t a = s->p_start + s->p_first, b = s->p_end;
    if (s->p_heading != NULL) {
        return split_defer_single(s, s->p_start, b, s->p_first, s->p_heading);
    }
    if (s->p_first) {
        int maybe = may_be_heading(kind, data, a, b, s->first_words);
        if (maybe != 0) {
            return maybe < 0 ? -1 : split_defer_single(s, s->p_start, b, s->p_first, NULL);
        }
    }
    int labelled = may_be_labelled(kind, data, a, b, s->first_words);
    if (labelled != 0) {
        return labelled < 0 ? -1 : split_defer_single(s, s->p_start, b, s->p_first, NULL);
    }
    if (may_be_emphasised(kind, data, a, b) || has_boundary(kind, data, a, b) ||
        has_inline_bullet(kind, data, a, b) || has_tab_columns(kind, data, a, b)) {
        return split_defer_single(s, s->p_start, b, s->p_first, NULL);
    }
    if (!has_alnum(kind, data, a, b)) {
        return 0;
    }
    PyObject *statement = split_statement(s, a, b, s->p_first ? kind_bullet : kind_sentence);
    int status = statement == NULL ? -1 : PyList_Append(s->out, statement);
    Py_XDECREF(statement);
    return status;
}

/* Calls splitter.setext(pending line, its start, text[a:b]) for the underline
 * text[a:b]: 1 when it took the pending line for a heading, 0 when not, -1 with an
 * error set. */
static int
split_setext(Split *s, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *content = PyUnicode_Substring(s->text, s->p_start, s->p_end);
    PyObject *underline = content == NULL ? NULL : PyUnicode_Substring(s->text, a, b);
    PyObject *done = underline == NULL ? NULL :
                     PyObject_CallMethod(s->splitter, "setext", "OnO", content, s->p_start,
                                         underline);
    Py_XDECREF(content);
    Py_XDECREF(underline);
    if (done == NULL) {
        return -1;
    }
    int took = PyObject_IsTrue(done);
    Py_DECREF(done);
    if (took > 0 && split_refresh(s) < 0) {
        return -1;
    }
    return took;
}

/* Calls splitter.table_row(text[a:b], a). */
static int
split_table_row(Split *s, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *content = PyUnicode_Substring(s->text, a, b);
    PyObject *done = content == NULL ? NULL :
                     PyObject_CallMethod(s->splitter, "table_row", "On", content, a);
    Py_XDECREF(content);
    if (done == NULL) {
        return -1;
    }
    Py_DECREF(done);
    return split_refresh(s);
}

/* Hands the pending logical line on (splitter.line or split_single) and clears it. */
static int
split_flush(Split *s)
{
    int status = 0;
    if (s->p_segments != NULL) {
        /* splitter.line(segments, bullet=...) */
        PyObject *args[3] = {s->splitter, s->p_segments, s->p_first ? Py_True : Py_False};
        PyObject *done = PyObject_VectorcallMethod(name_line, args, 2, name_bullet_kw);
        status = done == NULL ? -1 : split_refresh(s);
        Py_XDECREF(done);
    }
    else if (s->p_end > s->p_start) {
        status = split_single(s);
    }
    Py_CLEAR(s->p_segments);
    Py_CLEAR(s->p_heading);
    s->p_end = s->p_start;
    return status;
}

/* Appends (text[start:end] or piece, start, end, exact) to the pending segments. */
static int
split_segment(Split *s, PyObject *piece, Py_ssize_t start, Py_ssize_t end, int exact)
{
    PyObject *text = piece != NULL ? Py_NewRef(piece) : PyUnicode_Substring(s->text, start, end);
    PyObject *segment = text == NULL ? NULL :
                        Py_BuildValue("(OnnO)", text, start, end, exact ? Py_True : Py_False);
    Py_XDECREF(text);
    int status = segment == NULL ? -1 : PyList_Append(s->p_segments, segment);
    Py_XDECREF(segment);
    return status;
}

/* _comment_end(text, start, memo, none): where the HTML comment opening at
 * text[start] ("<!--") ends, after its "-->", when nothing but white space follows
 * that on its line; else none. memo[0] is where the last search for a "-->" began,
 * memo[1] what it found (-1: nothing after it, -2: no search yet). */
static Py_ssize_t
comment_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t start, Py_ssize_t *memo,
            Py_ssize_t none)
{
    Py_ssize_t at = start + 4;
    if (memo[1] == -1 && memo[0] <= at) {
        return none;
    }
    if (memo[1] < at) {
        memo[0] = at;
        memo[1] = -1;
        for (Py_ssize_t i = at; i + 2 < n; i++) {
            if (CHAR_AT(i) == '-' && CHAR_AT(i + 1) == '-' && CHAR_AT(i + 2) == '>') {
                memo[1] = i;
                break;
            }
        }
        if (memo[1] < 0) {
            return none;
        }
    }
    Py_ssize_t end = memo[1] + 3;
    for (Py_ssize_t j = end; j < n && CHAR_AT(j) != '\n' && CHAR_AT(j) != '\r'; j++) {
        if (!Py_UNICODE_ISSPACE(CHAR_AT(j))) {
            return none;
        }
    }
    return end;
}

/* The loop of _text_statements over text[begin:], for Split s. */
static int
split_lines(Split *s, Py_ssize_t begin)
{
    int kind = s->kind;
    const void *data = s->data;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s->text), pos = begin, last_end = 0;
    Py_ssize_t comment = -1, memo[2] = {0, -2};
    Py_UCS4 last_char = 0;
    int p_open = 0;
    /* whether the pending line opens a paragraph (p_para in _text_statements) */
    int p_para = 0, after_break = 1;
    for (;;) {
        Py_ssize_t line_end = pos;
        while (line_end < n && CHAR_AT(line_end) != '\n' && CHAR_AT(line_end) != '\r') {
            line_end++;
        }
        Py_ssize_t a = pos, b = line_end;
        while (a < b && Py_UNICODE_ISSPACE(CHAR_AT(a))) {
            a++;
        }
        while (b > a && Py_UNICODE_ISSPACE(CHAR_AT(b - 1))) {
            b--;
        }
        /* an HTML comment of whole lines: a separator, as a blank line is */
        if (pos < comment ||
            (b - a >= 4 && CHAR_AT(a) == '<' && CHAR_AT(a + 1) == '!' && CHAR_AT(a + 2) == '-' &&
             CHAR_AT(a + 3) == '-' &&
             (comment = comment_end(kind, data, n, a, memo, comment)) > pos)) {
            b = a;
        }
        PyObject *heading = NULL;
        Py_ssize_t first = a < b ? strip_markers(kind, data, a, b) - a : 0;
        if (!first && b - a > 2 && (CHAR_AT(a) == 'o' || CHAR_AT(a) == 0x00a7)) {
            /* an "o" or U+00A7 bullet: a list item unless the line may go on from an
             * open line that is no list item, with no list item after it either */
            Py_ssize_t loose = loose_marker(kind, data, a, b);
            Py_ssize_t next = line_end >= n ? n + 1 :
                              line_end + (CHAR_AT(line_end) == '\r' && line_end + 1 < n &&
                                                  CHAR_AT(line_end + 1) == '\n' ?
                                              2 :
                                              1);
            if (loose &&
                (CHAR_AT(a) != 'o' || !p_open || last_char == '.' || last_char == '!' ||
                 last_char == '?' || last_char == ':' || last_char == ';' || s->p_first ||
                 bullet_follows(kind, data, n, next))) {
                first = strip_markers(kind, data, loose, b) - a;
            }
        }
        if (a < b && !first && !has_alnum(kind, data, a, b)) {
            /* a rule such as --- or ***: a separator, like a blank line; a rule of = or
             * - right under a pending line of its own may make it a setext heading */
            Py_UCS4 mark = CHAR_AT(a);
            if ((mark == '=' || mark == '-') && s->p_end > s->p_start && s->p_segments == NULL &&
                !s->p_first) {
                int took = split_setext(s, a, b);
                if (took < 0) {
                    return -1;
                }
                if (took) {
                    Py_CLEAR(s->p_heading);
                    s->p_end = s->p_start;
                }
            }
            b = a;
        }
        else if (a < b && may_be_chrome(kind, data, a + first, b)) {
            /* an element of page chrome after any list markers, bare or in
             * emphasis (_chrome_text): a separator too */
            PyObject *content = PyUnicode_Substring(s->text, a + first, b);
            PyObject *chrome = content == NULL ? NULL :
                               PyObject_CallOneArg(s->chrome_text, content);
            Py_XDECREF(content);
            int is_chrome = chrome == NULL ? -1 : PyObject_IsTrue(chrome);
            Py_XDECREF(chrome);
            if (is_chrome < 0) {
                return -1;
            }
            if (is_chrome) {
                b = a;
            }
        }
        if (a < b && !first && CHAR_AT(a) == '|') {
            /* a Markdown table row: each cell a line of its own (splitter.table_row),
             * then, as after a separator, nothing pending */
            Py_ssize_t bar = a + 1;
            while (bar < b && CHAR_AT(bar) != '|') {
                bar++;
            }
            if (bar < b) {
                if (split_flush(s) < 0 || split_table_row(s, a, b) < 0) {
                    return -1;
                }
                b = a;
            }
        }
        if (a < b && !first) {
            int maybe = may_be_heading(kind, data, a, b, s->first_words);
            PyObject *content = maybe > 0 ? PyUnicode_Substring(s->text, a, b) : NULL;
            if (maybe < 0 || (maybe > 0 && content == NULL)) {
                return -1;
            }
            heading = content == NULL ? NULL : PyObject_CallOneArg(s->heading_of, content);
            Py_XDECREF(content);
            if (content != NULL && heading == NULL) {
                return -1;
            }
            if (heading == Py_None) {
                Py_CLEAR(heading);
            }
        }
        /* _words_going_on: a heading that goes on an open line all the same, a line of
         * at most 60 characters opening with a lower-case letter and ending with ":",
         * whose first word opens no section phrase ("doing:" under "What you'll be") */
        int going_on = 0;
        if (heading != NULL && p_open && p_para && b - a <= 60 && CHAR_AT(b - 1) == ':' &&
            Py_UNICODE_ISLOWER(CHAR_AT(a))) {
            int section = could_be_section(kind, data, a, b, s->first_words);
            if (section < 0) {
                Py_DECREF(heading);
                return -1;
            }
            going_on = !section;
        }
        if (a == b) {
            if (split_flush(s) < 0) {
                return -1;
            }
            p_open = 0;
            after_break = 1;
        }
        else if (p_open && !first && (heading == NULL || going_on) && last_char != '.' &&
                 last_char != '!' && last_char != '?' && last_char != ':' && last_char != ';' &&
                 (Py_UNICODE_ISLOWER(CHAR_AT(a)) ||
                  /* indented by white space, not by a hidden span (_hide_inline) */
                  (s->p_first && a > pos && CHAR_AT(pos) != 0x1f) ||
                  open_end(kind, data, last_end))) {
            Py_CLEAR(heading);
            /* from after the list markers only where splitter.line would not strip
             * them again (an "o" or U+00A7 bullet): it sees an emoji before a heading */
            Py_ssize_t kept = s->p_first == 0 || strip_markers(kind, data, s->p_start, s->p_end) -
                                                         s->p_start ==
                                                     s->p_first ?
                                  0 :
                                  s->p_first;
            if (s->p_segments == NULL &&
                ((s->p_segments = PyList_New(0)) == NULL ||
                 split_segment(s, NULL, s->p_start + kept, s->p_end, 1) < 0)) {
                return -1;
            }
            /* a word cut at a hyphen ("cross-" then "functional") joins without a
             * space; the letter before it may be before a hidden span (_letter_before) */
            Py_ssize_t before = last_end - 2;
            while (last_char == '-' && before > 0 && CHAR_AT(before) == 0x1f) {
                before--;
            }
            int hyphen = last_char == '-' && last_end >= 2 &&
                         Py_UNICODE_ISALPHA(CHAR_AT(before)) &&
                         Py_UNICODE_ISLOWER(CHAR_AT(a));
            if ((!hyphen && split_segment(s, one_space, last_end, a, 0) < 0) ||
                split_segment(s, NULL, a, b, 1) < 0) {
                return -1;
            }
        }
        else {
            /* a line opened by an emoji (not a check mark or an arrow: _item) right
             * under a heading line opens a paragraph too ("Benefits", then "🛠 Our
             * tech" and "stack:") */
            Py_UCS4 mark = first ? CHAR_AT(a) : 0;
            int under_heading = first && s->p_heading != NULL && s->p_segments == NULL &&
                                s->p_end > s->p_start &&
                                ((mark >= 0x1f300 && mark <= 0x1faff) ||
                                 (mark >= 0x2600 && mark <= 0x27bf) || mark == 0x2b50) &&
                                mark != 0x2713 && mark != 0x2714 && mark != 0x2717 &&
                                mark != 0x27a2 && mark != 0x27a4;
            if (split_flush(s) < 0) {
                Py_XDECREF(heading);
                return -1;
            }
            s->p_start = a;
            s->p_end = b;
            s->p_first = first;
            s->p_heading = heading;
            p_open = heading == NULL;
            p_para = after_break || under_heading;
        }
        if (a < b) {
            last_char = CHAR_AT(b - 1);
            last_end = b;
            after_break = 0;
        }
        if (line_end >= n) {
            return split_flush(s);
        }
        pos = line_end + (CHAR_AT(line_end) == '\r' && line_end + 1 < n &&
                                  CHAR_AT(line_end + 1) == '\n' ?
                              2 :
                              1);
    }
}

#undef CHAR_AT

/* text_statements(text, begin, splitter, kit) -> None
 *
 * rolelens.statements._text_statements(text, splitter) for text whose front
 * matter ends at begin, with kit = (object.__new__, Statement, the descriptors
 * of Statement's six slots in field order, _heading_of, _first_words(),
 * _chrome_text). */
static PyObject *
text_statements(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyUnicode_Check(args[0]) || !PyLong_Check(args[1]) ||
        !PyTuple_Check(args[3]) || PyTuple_GET_SIZE(args[3]) != 6 ||
        !PyTuple_Check(PyTuple_GET_ITEM(args[3], 2)) ||
        PyTuple_GET_SIZE(PyTuple_GET_ITEM(args[3], 2)) != 6 ||
        !PyAnySet_Check(PyTuple_GET_ITEM(args[3], 4))) {
        PyErr_SetString(PyExc_TypeError,
                        "text_statements(text: str, begin: int, splitter, kit: (new, type, "
                        "slots, heading_of, first_words, chrome_text))");
        return NULL;
    }
    if (split_names() < 0) {
        return NULL;
    }
    Py_ssize_t begin = PyLong_AsSsize_t(args[1]);
    if (begin == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (begin < 0 || begin > PyUnicode_GET_LENGTH(args[0])) {
        PyErr_SetString(PyExc_ValueError, "text_statements(): begin out of range");
        return NULL;
    }
    PyObject *kit = args[3];
    Split s = {args[0], PyUnicode_KIND(args[0]), PyUnicode_DATA(args[0]), args[2], NULL,
               PyTuple_GET_ITEM(kit, 0), PyTuple_GET_ITEM(kit, 1), {NULL},
               PyTuple_GET_ITEM(kit, 3), PyTuple_GET_ITEM(kit, 4), PyTuple_GET_ITEM(kit, 5),
               NULL, NULL,
               begin, begin, 0, NULL, NULL};
    for (int k = 0; k < 6; k++) {
        s.slots[k] = PyTuple_GET_ITEM(PyTuple_GET_ITEM(kit, 2), k);
        if (Py_TYPE(s.slots[k])->tp_descr_set == NULL) {
            PyErr_SetString(PyExc_TypeError, "text_statements(): a slot is no descriptor");
            return NULL;
        }
    }
    PyObject *result = NULL;
    s.out = PyObject_GetAttr(s.splitter, name_out);
    if (s.out == NULL || !PyList_Check(s.out)) {
        if (s.out != NULL) {
            PyErr_SetString(PyExc_TypeError, "text_statements(): splitter.out must be a list");
        }
        goto done;
    }
    if (split_refresh(&s) < 0 || split_lines(&s, begin) < 0) {
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(s.out);
    Py_XDECREF(s.section);
    Py_XDECREF(s.heading);
    Py_XDECREF(s.p_heading);
    Py_XDECREF(s.p_segments);
    return result;
}

static PyMethodDef methods[] = {
    {"context", make_context, METH_VARARGS, "Compile a classifier's tables for scan()."},
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL,
     "scan(norm, context[, text, offsets]) -> (best, scores, confidence, flat) or None."},
    {"verdict", (PyCFunction)(void (*)(void))verdict, METH_FASTCALL,
     "verdict(norm, context[, text, offsets]) -> Verdict or None."},
    {"bind_verdicts", (PyCFunction)(void (*)(void))bind_verdicts, METH_FASTCALL,
     "bind_verdicts(context, verdict_type, slots, unbuilt, gloss) -> None."},
    {"scan_chunk", (PyCFunction)(void (*)(void))scan_chunk, METH_FASTCALL,
     "scan_chunk(texts, context) -> (blob, others): scan() of a list, packed in bytes."},
    {"scan_buffer", (PyCFunction)(void (*)(void))scan_buffer, METH_FASTCALL,
     "scan_buffer(buffer, count, context) -> (blob, others): scan_chunk() of texts "
     "write_texts() wrote."},
    {"write_texts", (PyCFunction)(void (*)(void))write_texts, METH_FASTCALL,
     "write_texts(buffer, texts) -> bytes written, or None if they do not fit or are "
     "not all str."},
    {"chunk_verdicts", (PyCFunction)(void (*)(void))chunk_verdicts, METH_FASTCALL,
     "chunk_verdicts(blob, texts, context, first, at, count) -> (list of Verdict or None, "
     "at)."},
    {"html_escape", (PyCFunction)(void (*)(void))html_escape, METH_FASTCALL,
     "html_escape(text) -> str, as html.escape(text, quote=True)."},
    {"statement_html", (PyCFunction)(void (*)(void))statement_html, METH_FASTCALL,
     "statement_html(norm, flat, best, context, index, driver, section, confidence[, text, "
     "offsets]) -> str or None."},
    {"statements_json", (PyCFunction)(void (*)(void))statements_json, METH_FASTCALL,
     "statements_json(items, first_index, parts, fallback[, sink]) -> str."},
    {"statement_json_to", (PyCFunction)(void (*)(void))statement_json_to, METH_FASTCALL,
     "statement_json_to(sink, norm, flat, best, context, ...) -> str or None."},
    {"statement_json", (PyCFunction)(void (*)(void))statement_json, METH_FASTCALL,
     "statement_json(norm, flat, best, context, parts, index, start, end, kind, section, "
     "heading, statement_text, scores, confidence[, text, offsets]) -> str or None."},
    {"round_reprs", (PyCFunction)(void (*)(void))round_reprs, METH_FASTCALL,
     "round_reprs(values, ndigits) -> tuple of str, or None."},
    {"explain", (PyCFunction)(void (*)(void))explain, METH_FASTCALL,
     "explain(norm, flat, best, context, limit[, text, offsets]) -> str."},
    {"evidence", (PyCFunction)(void (*)(void))evidence, METH_FASTCALL,
     "evidence(norm, flat, best, context[, text, offsets]) -> tuple of Evidence."},
    {"bind_evidence", (PyCFunction)(void (*)(void))bind_evidence, METH_FASTCALL,
     "bind_evidence(verdict_type, text_slot, evidence_slot, unbuilt, fallback) -> None."},
    {"tuple_dealloc", tuple_dealloc, METH_O,
     "tuple_dealloc(type) -> None: tuple's dealloc for a NamedTuple class."},
    {"verdict_evidence", verdict_evidence, METH_O,
     "verdict_evidence(verdict) -> tuple of Evidence: Verdict.evidence."},
    {"dimension_cues", (PyCFunction)(void (*)(void))dimension_cues, METH_FASTCALL,
     "dimension_cues(flat, context) -> list of (dimension, Label)."},
    {"normalise", (PyCFunction)(void (*)(void))normalise, METH_FASTCALL,
     "normalise(text, mapped_of[, known]) -> (norm, offsets or None), for text that is not "
     "ASCII."},
    {"evidence_json", (PyCFunction)(void (*)(void))evidence_json, METH_FASTCALL,
     "evidence_json(norm, flat, best, context, encode[, text, offsets]) -> str."},
    {"jsonl_line", (PyCFunction)(void (*)(void))jsonl_line, METH_FASTCALL,
     "jsonl_line(norm, context, encode, line[, text, offsets]) -> str or None."},
    {"text_statements", (PyCFunction)(void (*)(void))text_statements, METH_FASTCALL,
     "text_statements(text, begin, splitter, kit) -> None, as "
     "rolelens.statements._text_statements."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "rolelens._speedups",
    "The classifier's matching pass for ASCII statements, in C (optional).", -1, methods,
};

/* setup.py defines ROLELENS_SOURCE_SHA256 as the SHA-256 of this file, a bare
 * token: rolelens/_native.py compares it with the file beside the module and
 * leaves a build of another version of it unused. */
#define ROLELENS_STRING_(token) #token
#define ROLELENS_STRING(token) ROLELENS_STRING_(token)

PyMODINIT_FUNC
PyInit__speedups(void)
{
    PyObject *m = PyModule_Create(&module);
#ifdef ROLELENS_SOURCE_SHA256
    if (m != NULL &&
        PyModule_AddStringConstant(m, "source_sha256",
                                   ROLELENS_STRING(ROLELENS_SOURCE_SHA256)) < 0) {
        Py_DECREF(m);
        return NULL;
    }
#endif
    return m;
}

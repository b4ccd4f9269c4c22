"""The SHA-256 of the built-in model's file, ``data/model.json``, byte for byte.

Written by ``training/build_model.py`` with the file (``--check`` compares
both). :func:`rolelens.default_classifier` takes its fast path only for a file
whose bytes have this digest; any other file is loaded with every check
(:func:`rolelens.persistence.from_json`). Imported only on that first use.
"""

MODEL_SHA256 = "28ede16f98b95c2ffad9562c5150bc37d79c4683db83a0a1b8a2f3cac1cd7417"

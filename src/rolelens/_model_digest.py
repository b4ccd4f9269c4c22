"""The SHA-256 of the built-in model's file, ``data/model.json``, byte for byte.

Written by ``training/build_model.py`` with the file (``--check`` compares
both). :func:`rolelens.default_classifier` takes its fast path only for a file
whose bytes have this digest; any other file is loaded with every check
(:func:`rolelens.persistence.from_json`). Imported only on that first use.
"""

MODEL_SHA256 = "527b86c3b90fcd10c1e2b43f86954536de31a033a3a8abc12374e52eaca26bfc"

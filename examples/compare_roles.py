"""Compare the roles with rolelens: the built-in catalog, then a catalog of your own.

Run it with ``python examples/compare_roles.py``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import rolelens
from rolelens.comparisons import comparison, to_csv, to_markdown

HERE = Path(__file__).resolve().parent


def main() -> None:
    """Print the built-in comparison, one lookup, and a comparison with a Product Owner."""
    catalog = rolelens.default_catalog()
    for role in catalog.roles:
        print(f"{role.name} asks: {role.question}")
    print()
    print(to_markdown(comparison()))

    trait = catalog.trait("product_manager", "user_involvement")
    print(f"Product Manager, user involvement: {trait.summary} (level {trait.level})")
    print()

    # A user catalog is a plain TOML file; copy the shipped example somewhere
    # else to show that any path works, then compare just two dimensions.
    source = (HERE / "product_owner_catalog.toml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "my_catalog.toml"
        path.write_text(source, encoding="utf-8")
        mine = rolelens.load_catalog(path)
    table = comparison(
        ["product_owner", "product_manager", "project_manager"],
        ["primary_responsibility", "user_involvement"],
        catalog=mine,
    )
    print(to_csv(table))

    # Mistakes in a catalog are reported with the file, the entry and the field.
    with tempfile.TemporaryDirectory() as tmp:
        broken = Path(tmp) / "broken.toml"
        broken.write_text(source.replace('dimension = "decision_making"', 'dimension = "vision"'))
        try:
            rolelens.load_catalog(broken)
        except rolelens.CatalogError as exc:
            print(
                f"as expected, a broken catalog is refused: {exc.entry}.{exc.field}: {exc.problem}"
            )


if __name__ == "__main__":
    main()

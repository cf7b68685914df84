"""Run every benchmark module in turn: ``python -m bench [name ...]``."""

from __future__ import annotations

import importlib
import sys

# Add new benchmark modules here; each must expose ``main() -> None``.
MODULES = [
    "bench.updates_bench",
    "bench.scale_bench",
    "bench.intents_bench",
    "bench.checkins_bench",
    "bench.console_bench",
    "bench.instances_bench",
    "bench.district_bench",
]


def main(argv: list[str] | None = None) -> int:
    """Run the named benchmark modules, or all of them."""
    wanted = list(sys.argv[1:] if argv is None else argv)
    for name in MODULES:
        if wanted and name.rsplit(".", 1)[-1] not in wanted and name not in wanted:
            continue
        print(f"== {name}")
        importlib.import_module(name).main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Fails when a Swift module imports a module it must not (Docs/ARCHITECTURE.md, "Modules").

The allowed directions: ObsCollector is pure Swift and imports no ObsBridge module; ObsViewer reads
and presents over ObsCollector; only ObsBridge sees the C ABI (CObsBridge), and nothing re-exports
a C module; the demo sees its own C module; tests use the Swift API. Usage: scripts/check-module-imports.py
"""
import pathlib
import re
import sys

SYSTEM = {"Foundation", "Dispatch", "Synchronization", "Glibc", "Musl", "Darwin"}
TESTING = {"Testing", "XCTest"}
ALLOWED = {
    "Sources/ObsCollector": SYSTEM,
    "Sources/ObsViewer": SYSTEM | {"ObsCollector"},
    "Sources/ObsBridge": SYSTEM | {"CObsBridge", "ObsCollector"},
    "Sources/ObsTestKit": SYSTEM | {"ObsCollector"},
    "Sources/ObsDemo": SYSTEM | {"CObsDemo", "ObsBridge", "ObsCollector"},
    # ObsTestKit: the bench feeds a collector 100,000 names through the in-memory source.
    "Sources/ObsBridgeCLI": SYSTEM | {"CAllocationCounter", "ObsBridge", "ObsCollector", "ObsViewer", "ObsDemo", "ObsTestKit"},
    "Tests/ObsTestSupport": SYSTEM | {"ObsCollector", "ObsTestKit"},
    "Tests/ObsCollectorTests": SYSTEM | TESTING | {"ObsCollector", "ObsTestKit", "ObsTestSupport"},
    "Tests/ObsViewerTests": SYSTEM | TESTING | {"ObsCollector", "ObsViewer", "ObsTestKit", "ObsTestSupport"},
    # CObsDemo plays the part of a user's own library's C module (it includes obsbridge.h).
    "Tests/ObsBridgeTests": SYSTEM | TESTING
    | {"ObsBridge", "ObsCollector", "ObsDemo", "CObsDemo", "ObsViewer", "ObsTestKit", "ObsTestSupport"},
    "Tests/ObsBridgeCLITests": SYSTEM | TESTING | {"ObsCollector", "ObsViewer", "ObsTestKit", "ObsTestSupport"},
}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:\w+\s+)?([A-Za-z_][\w]*)")
REEXPORT_OF_C = re.compile(r"^\s*@_exported\s+(?:public\s+)?import\s+C\w+", re.M)


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    problems = []
    seen = set()
    for folder, allowed in ALLOWED.items():
        directory = root / folder
        if not directory.is_dir():
            problems.append(f"{folder}: the folder is missing (update this script with the modules)")
            continue
        for path in sorted(directory.rglob("*.swift")):
            seen.add(path)
            text = path.read_text(encoding="utf-8")
            if REEXPORT_OF_C.search(text):
                problems.append(f"{path.relative_to(root)}: re-exports a C module")
            in_string = False  # inside a multi-line string literal (a template's text, not code)
            for number, line in enumerate(text.splitlines(), 1):
                was_in_string = in_string
                if line.count('"""') % 2 == 1:
                    in_string = not in_string
                if was_in_string:
                    continue
                match = IMPORT.match(line)
                if match and match.group(1) not in allowed:
                    problems.append(
                        f"{path.relative_to(root)}:{number}: imports {match.group(1)}, "
                        f"which {folder} may not (allowed: {', '.join(sorted(allowed - SYSTEM - TESTING))})")
    for top in ("Sources", "Tests"):
        for path in sorted((root / top).rglob("*.swift")):
            if path not in seen:
                problems.append(f"{path.relative_to(root)}: in no module this script knows; add its folder")
    for problem in problems:
        print(f"check-module-imports: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-module-imports: {len(seen)} files, every import in an allowed direction")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The guide cannot drift: compiles or runs every code block of README.md and Docs/GUIDE.md.

Convention. Every fenced block's info string is `LANG TAG [ID]`; a block without a TAG fails.

  compile  swift  Each block is a file of a scratch Swift package (a library target depending on
                  this checkout's ObsBridge and ObsViewer products, by path). Its `import` lines go
                  to the file's top; everything else becomes the body of one
                  `func ...() async throws`, so statements, local types, `try` and `await` work.
                  A block that declares an extension or a protocol at its top level (which a
                  function cannot hold) is compiled at file scope as it is, so it holds
                  declarations only.
                  Every file also imports ObsBridge, as the reader's does.
                  Hidden prelude: scripts/doc-check/Prelude.swift, only names the blocks assume
                  from an earlier step or the reader's program (`bridge`, `mylib`, `data`, `log`,
                  ...), and the C modules CMyLib (mylib.h) and CImageLib (imagelib.h) there.
           rust   Each block is `mod block_N` of a scratch crate depending on rust/obsbridge, after
                  `use crate::prelude::*;` (scripts/doc-check/prelude.rs: the reader's
                  `existing_parser`); checked with `cargo check`. A block of items (use, fn,
                  static, struct, impl, ...) is compiled as it is; a block with statements at the
                  top level gets its `use` lines kept as items and the rest wrapped in
                  `fn ...() -> Result<(), Box<dyn std::error::Error>>`, ending in `Ok(())`.
           c      `cc -fsyntax-only -I rust/include` (or clang, the Swift toolchain's).
           toml   Parsed (tomllib).
  run      sh     Run with `bash -euo pipefail` in a scratch directory that holds `rec.jsonl` (a
                  one-second `obsbridge demo --otlp rec.jsonl --otlp-spans all` recording, with
                  its `.metrics`/`.logs` siblings) and `rec.jsonl.gz`, with the built `obsbridge`
                  first on PATH; each block within 120 s; a non-zero exit fails. Only cheap, safe
                  commands (no network, nothing outside the scratch directory).
  illustrative    Not checked. The block needs an ID listed in scripts/doc-check/illustrative.txt
                  with its reason; an unlisted ID, or a listed ID that no block uses, fails.

Usage: scripts/check-docs.py [--tags-only | --self-test] [--obsbridge PATH] [FILE ...]
  --tags-only   check the tags and the illustrative list only (no builds; seconds)
  --self-test   check that the checker reports every block of scripts/doc-check/fixtures/ by place
  FILE          the Markdown files (default: README.md Docs/GUIDE.md)
The scratch package and crate live in $TMPDIR/obsbridge-doc-check-<hash of this checkout>, kept
between runs so a second run builds incrementally.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), ".."))
PRELUDE = os.path.join(ROOT, "scripts", "doc-check")
TAGS = {"compile", "run", "illustrative"}
CHECKED = {("swift", "compile"), ("rust", "compile"), ("c", "compile"), ("toml", "compile"), ("sh", "run")}
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


class Block:
    def __init__(self, path, line, info, text):
        self.path, self.line, self.text = path, line, text
        words = info.split()
        self.lang = words[0] if words else ""
        self.tag = words[1] if len(words) > 1 else ""
        self.ident = words[2] if len(words) > 2 else ""

    @property
    def where(self):
        return f"{os.path.relpath(self.path, ROOT)}:{self.line}"

    @property
    def symbol(self):
        stem = re.sub(r"[^A-Za-z0-9]", "_", os.path.splitext(os.path.basename(self.path))[0]).lower()
        return f"{stem}_{self.line}"


def blocks_of(path):
    """Every fenced block of a Markdown file, with the line of its opening fence."""
    found, lines, index = [], open(path, encoding="utf-8").read().split("\n"), 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence, info = match.groups()
        body, end = [], index + 1
        while end < len(lines):
            closing = FENCE.match(lines[end])
            if closing and closing.group(2)[0] == fence[0] and len(closing.group(2)) >= len(fence) \
                    and not closing.group(3).strip():
                break
            body.append(lines[end][len(indent):] if lines[end].startswith(indent) else lines[end])
            end += 1
        if end == len(lines):
            raise SystemExit(f"{os.path.relpath(path, ROOT)}:{index + 1}: a code block is never closed")
        found.append(Block(path, index + 1, info.strip(), "\n".join(body) + "\n"))
        index = end + 1
    return found


def illustrative_list():
    listed = {}
    for number, raw in enumerate(open(os.path.join(PRELUDE, "illustrative.txt"), encoding="utf-8"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        ident, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"scripts/doc-check/illustrative.txt:{number}: `{ident}` has no reason")
        listed[ident] = reason.strip()
    return listed


def check_tags(blocks, every_file):
    """Problems with the tags, as messages; `every_file`: also list unused illustrative ids."""
    problems, listed, used = [], illustrative_list(), set()
    for block in blocks:
        if block.tag not in TAGS:
            problems.append(
                f"{block.where}: the block `{block.lang or '(no language)'} {block.tag}` has no tag: its fence "
                f"must say `LANG compile`, `LANG run` or `LANG illustrative ID` (scripts/check-docs.py)")
        elif block.tag == "illustrative":
            if block.ident not in listed:
                problems.append(
                    f"{block.where}: illustrative block `{block.ident or '(no id)'}` is not listed with a reason "
                    f"in scripts/doc-check/illustrative.txt")
            elif block.ident in used:
                problems.append(f"{block.where}: illustrative id `{block.ident}` is used twice")
            used.add(block.ident)
        elif (block.lang, block.tag) not in CHECKED:
            problems.append(
                f"{block.where}: `{block.lang} {block.tag}` cannot be checked; checked are "
                + ", ".join(f"{lang} {tag}" for lang, tag in sorted(CHECKED)))
    for ident in sorted(set(listed) - used) if every_file else []:
        problems.append(f"scripts/doc-check/illustrative.txt: `{ident}` is listed but no block uses it")
    return problems


def run(command, cwd, timeout, env=None):
    """Runs a command; returns (ok, output)."""
    try:
        done = subprocess.run(command, cwd=cwd, env=env, timeout=timeout, capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout} s: {' '.join(command)}"
    return done.returncode == 0, done.stdout + done.stderr


def scratch_directory():
    digest = hashlib.sha256(ROOT.encode()).hexdigest()[:12]
    path = os.path.join(tempfile.gettempdir(), f"obsbridge-doc-check-{digest}")
    os.makedirs(path, exist_ok=True)
    return path


def write(path, text):
    """Writes only when the content changed, so incremental builds stay incremental."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path) and open(path, encoding="utf-8").read() == text:
        return
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def reset(directory, keep):
    """Removes files of `directory` not in `keep` (blocks that were removed or moved)."""
    if os.path.isdir(directory):
        for name in os.listdir(directory):
            if name not in keep:
                os.remove(os.path.join(directory, name))


FILE_SCOPE = re.compile(r"^(public |package |internal |fileprivate |private )?(extension|protocol) ")


def check_swift(blocks, scratch, jobs):
    package = os.path.join(scratch, "swift")
    write(os.path.join(package, "Package.swift"), f"""// swift-tools-version: 6.1
// Generated by scripts/check-docs.py: the guide's `swift compile` blocks, one file each.
import PackageDescription

let package = Package(
    name: "DocBlocks",
    dependencies: [.package(name: "ObsBridge", path: {json.dumps(ROOT)})],
    targets: [
        .target(name: "CMyLib", dependencies: [.product(name: "ObsBridge", package: "ObsBridge")]),
        .target(name: "CImageLib", dependencies: [.product(name: "ObsBridge", package: "ObsBridge")]),
        .target(
            name: "DocBlocks",
            dependencies: [
                "CMyLib", "CImageLib", .product(name: "ObsBridge", package: "ObsBridge"),
                .product(name: "ObsViewer", package: "ObsBridge"),
            ]),
    ]
)
""")
    for module, header in (("CMyLib", "mylib.h"), ("CImageLib", "imagelib.h")):
        text = open(os.path.join(PRELUDE, header), encoding="utf-8").read()
        write(os.path.join(package, "Sources", module, "include", header), text)
        write(os.path.join(package, "Sources", module, "shim.c"), f'#include "{header}"\n')
    sources = os.path.join(package, "Sources", "DocBlocks")
    names = {"Prelude.swift"}
    write(os.path.join(sources, "Prelude.swift"), open(os.path.join(PRELUDE, "Prelude.swift"), encoding="utf-8").read())
    origin = {}
    for block in blocks:
        imports = [line for line in block.text.split("\n") if re.match(r"^\s*(@\w+\s+)?import\s", line)]
        body = [line for line in block.text.split("\n") if line not in imports]
        name = f"Block_{block.symbol}.swift"
        names.add(name)
        origin[name] = block
        if any(FILE_SCOPE.match(line) for line in body):
            text = "\n".join(body)
        else:
            text = f"func block_{block.symbol}() async throws {{\n" \
                + "\n".join("    " + line if line else "" for line in body) + "}\n"
        write(os.path.join(sources, name), f"// {block.where}\nimport ObsBridge\n" + "\n".join(imports) + "\n\n" + text)
    reset(sources, names)
    ok, output = run(["swift", "build", "-j", str(jobs)], package, 1800)
    if ok:
        return []
    problems = []
    for line in output.split("\n"):
        match = re.search(r"Block_(\w+?)\.swift:(\d+):\d+: error: (.*)", line)
        if match:
            block = origin.get(f"Block_{match.group(1)}.swift")
            problem = f"{block.where if block else match.group(1)}: swift: {match.group(3)}"
            if problem not in problems:
                problems.append(problem)
    return problems or ["swift compile blocks: the scratch package did not build:\n" + output[-4000:]]


ITEM = re.compile(r"^(use |pub |static |const |fn |struct |enum |impl|mod |type |trait |extern |unsafe |#|//|}|\s|$)")


def check_rust(blocks, scratch, jobs):
    crate = os.path.join(scratch, "rust")
    write(os.path.join(crate, "Cargo.toml"), f"""# Generated by scripts/check-docs.py: the guide's `rust compile` blocks, one module each.
[workspace]

[package]
name = "doc_blocks"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
obsbridge = {{ path = "{os.path.join(ROOT, 'rust', 'obsbridge')}" }}
""")
    modules, origin = [], {}
    for block in blocks:
        lines = block.text.rstrip("\n").split("\n")
        if all(ITEM.match(line) for line in lines):
            body = block.text
        else:
            uses = [line for line in lines if line.startswith("use ")]
            rest = [line for line in lines if not line.startswith("use ")]
            body = "\n".join(uses) + f"\n\nfn block() -> Result<(), Box<dyn std::error::Error>> {{\n" + \
                "\n".join("    " + line for line in rest) + "\n    #[allow(unreachable_code)]\n    Ok(())\n}\n"
        name = f"block_{block.symbol}"
        origin[name] = block
        modules.append(
            f"// {block.where}\n#[allow(unused_imports, dead_code, clippy::all)]\nmod {name} {{\n"
            f"use crate::prelude::*;\n{body}}}\n")
    write(os.path.join(crate, "src", "prelude.rs"), open(os.path.join(PRELUDE, "prelude.rs"), encoding="utf-8").read())
    header = "//! Generated by scripts/check-docs.py.\nmod prelude;\n\n"
    starts, line = [], header.count("\n") + 1
    for name, module in zip(origin, modules):
        starts.append((line, origin[name]))
        line += module.count("\n") + 1
    write(os.path.join(crate, "src", "lib.rs"), header + "\n".join(modules))
    ok, output = run(["cargo", "check", "--quiet", "-j", str(jobs)], crate, 900,
                     dict(os.environ, CARGO_TARGET_DIR=os.path.join(crate, "target")))
    if ok:
        return []
    problems = []
    for match in re.finditer(r"^(error[^\n]*)\n\s*--> src/lib\.rs:(\d+)", output, re.M):
        block = [block for start, block in starts if start <= int(match.group(2))][-1:]
        problem = f"{block[0].where if block else 'src/lib.rs'}: rust: {match.group(1)}"
        if problem not in problems:
            problems.append(problem)
    return (problems or ["rust compile blocks: the scratch crate did not compile"]) + [output[-4000:]]


def check_c(blocks, scratch):
    problems = []
    for block in blocks:
        path = os.path.join(scratch, "c", f"{block.symbol}.h")
        write(path, block.text)
        compiler = shutil.which("cc") or shutil.which("clang") or "cc"
        ok, output = run([compiler, "-fsyntax-only", "-Wall", "-I", os.path.join(ROOT, "rust", "include"), "-x", "c", path],
                         scratch, 60)
        if not ok:
            problems.append(f"{block.where}: c: {output.strip()}")
    return problems


def check_toml(blocks):
    problems = []
    for block in blocks:
        try:
            tomllib.loads(block.text)
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{block.where}: toml: {error}")
    return problems


def check_sh(blocks, scratch, obsbridge):
    if not os.access(obsbridge, os.X_OK):
        return [f"sh run blocks need the built command at {obsbridge} (swift build first, or --obsbridge PATH)"]
    directory = os.path.join(scratch, "sh")
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(os.path.join(directory, "bin"))
    os.symlink(obsbridge, os.path.join(directory, "bin", "obsbridge"))
    env = dict(os.environ, PATH=os.path.join(directory, "bin") + os.pathsep + os.environ.get("PATH", ""))
    ok, output = run(["obsbridge", "demo", "--duration", "1", "--plain", "--threads", "1", "--tasks", "1",
                      "--rate", "2000", "--otlp", "rec.jsonl", "--otlp-spans", "all"], directory, 120, env)
    if not ok:
        return ["sh run blocks: cannot record rec.jsonl:\n" + output[-2000:]]
    run(["gzip", "-k", "rec.jsonl"], directory, 60)
    problems = []
    for block in blocks:
        ok, output = run(["bash", "-euo", "pipefail", "-c", block.text], directory, 120, env)
        if not ok:
            problems.append(f"{block.where}: sh: failed:\n{output[-2000:]}")
    return problems


def self_test(obsbridge):
    """Runs the checker on the fixtures; every broken block must be reported at its line."""
    fixtures = os.path.join(PRELUDE, "fixtures")
    cases = [(["--tags-only", os.path.join(fixtures, "untagged.md")], ["untagged.md:3:"]),
             ([os.path.join(fixtures, "broken.md")],
              ["broken.md:3: swift", "broken.md:7: rust", "broken.md:11: sh", "broken.md:15: toml", "broken.md:19: c"])]
    failures = []
    for arguments, expected in cases:
        done = subprocess.run([sys.executable, __file__, "--obsbridge", obsbridge] + arguments,
                              capture_output=True, text=True, timeout=2400)
        if done.returncode == 0:
            failures.append(f"{' '.join(arguments)}: passed, but must fail")
        failures += [f"{' '.join(arguments)}: does not report `{place}`:\n{done.stderr[-3000:]}"
                     for place in expected if place not in done.stderr]
    for failure in failures:
        print(f"check-docs self-test: {failure}", file=sys.stderr)
    print(f"check-docs self-test: {'FAILED' if failures else 'every broken block reported'}")
    return 1 if failures else 0


def main(arguments):
    tags_only = "--tags-only" in arguments
    obsbridge = os.path.join(ROOT, ".build", "debug", "obsbridge")
    files = []
    iterator = iter(arguments)
    for argument in iterator:
        if argument in ("--tags-only", "--self-test"):
            continue
        if argument == "--obsbridge":
            obsbridge = os.path.abspath(next(iterator, ""))
        elif argument.startswith("-"):
            raise SystemExit(f"check-docs: unknown option {argument}\n" + __doc__)
        else:
            files.append(os.path.abspath(argument))
    if "--self-test" in arguments:
        return self_test(obsbridge)
    every_file = not files
    files = files or [os.path.join(ROOT, "README.md"), os.path.join(ROOT, "Docs", "GUIDE.md")]
    blocks = [block for path in files for block in blocks_of(path)]
    problems = check_tags(blocks, every_file)
    if problems or tags_only:
        for problem in problems:
            print(f"check-docs: {problem}", file=sys.stderr)
        print(f"check-docs: {len(blocks)} blocks, tags {'wrong' if problems else 'right'}")
        return 1 if problems else 0
    jobs = int(os.environ.get("OBSBRIDGE_JOBS", "1"))
    scratch = scratch_directory()
    by_kind = {}
    for block in blocks:
        by_kind.setdefault((block.lang, block.tag), []).append(block)
    problems += check_toml(by_kind.get(("toml", "compile"), []))
    problems += check_c(by_kind.get(("c", "compile"), []), scratch)
    problems += check_rust(by_kind.get(("rust", "compile"), []), scratch, jobs)
    problems += check_swift(by_kind.get(("swift", "compile"), []), scratch, jobs)
    problems += check_sh(by_kind.get(("sh", "run"), []), scratch, obsbridge)
    for problem in problems:
        print(f"check-docs: {problem}", file=sys.stderr)
    counts = ", ".join(f"{len(value)} {lang} {tag}" for (lang, tag), value in sorted(by_kind.items()))
    print(f"check-docs: {len(blocks)} blocks ({counts}): {'FAILED' if problems else 'all compile or run'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Generates the sanitizer's secret corpus from gitleaks' public rule set.

For every rule with a pattern, draws random strings from the rule's regular expression (with PyPI's
`rstr`), embeds each in a short error-message context, and keeps a sample only when gitleaks itself
would report it: the rule's regex still finds the same secret in the whole message, one of the rule's
keywords occurs in the message, the secret reaches the rule's entropy, and no allowlist of the rule
or the global one excuses it. Writes JSON Lines, one sample a line:

    {"family": "...", "rule": "...", "message": "...", "secret": "..."}

`secret` is what must not survive sanitizing: the rule's `secretGroup`, else its first non-empty capture
group when that is at least 8 characters long, else the whole match.

A family is a rule id with its variants merged (see FAMILIES); `pkcs12-file` has no pattern (it names
files) and is left out. The output is committed and frozen: tests read it, they never regenerate it.

Usage:
    pip install rstr==3.2.2
    scripts/sanitizer/generate_secret_corpus.py RULES.toml --seed 1 --per-rule 5 > OUT.jsonl
"""
import argparse
import json
import math
import random
import re
import sys
import tomllib

import rstr

# Rules that are variants of one credential: the corpus counts them as one family.
FAMILIES = {
    "gitlab-pat-routable": "gitlab-pat",
    "gitlab-runner-authentication-token-routable": "gitlab-runner-authentication-token",
    "aws-amazon-bedrock-api-key-long-lived": "aws-amazon-bedrock-api-key",
    "aws-amazon-bedrock-api-key-short-lived": "aws-amazon-bedrock-api-key",
    "dropbox-long-lived-api-token": "dropbox-api-token",
    "dropbox-short-lived-api-token": "dropbox-api-token",
    "jwt-base64": "jwt",
    "heroku-api-key-v2": "heroku-api-key",
}

# Contexts a secret is embedded in: bare, inside a sentence, across lines, inside JSON.
CONTEXTS = [
    "{s}",
    "error: {s}",
    "request failed: {s} (status 401)",
    "config load failed at line 12:\n{s}\nusing defaults",
    "upstream rejected credentials {s}; retrying in 5s",
    '{{"level":"error","msg":"auth failed","detail":"{s}"}}',
]


def go_to_python(pattern: str) -> str:
    """Rewrites the RE2 constructs Python's `re` lacks: mid-pattern `(?i)`, POSIX classes, `\\z`."""
    pattern = pattern.replace("[[:alnum:]]", "[a-zA-Z0-9]").replace("\\z", "\\Z")
    while True:
        index = pattern.find("(?i)", 1)
        if index < 0:
            return pattern
        # In RE2 a bare flag group applies to the end of the enclosing group: make it a scoped group.
        depth, end, i = 0, len(pattern), index + 4
        while i < len(pattern):
            char = pattern[i]
            if char == "\\":
                i += 2
                continue
            if char == "[":
                i += 1
                if i < len(pattern) and pattern[i] == "]":
                    i += 1
                while i < len(pattern) and pattern[i] != "]":
                    i += 2 if pattern[i] == "\\" else 1
            elif char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    end = i
                    break
                depth -= 1
            elif char == "|" and depth == 0:
                # An alternation inside the scope would change meaning; RE2 scopes the flag to the branch
                # and the ones after it in this group, which the scoped group keeps.
                pass
            i += 1
        pattern = pattern[:index] + "(?i:" + pattern[index + 4 : end] + ")" + pattern[end:]


def entropy(text: str) -> float:
    counts = {}
    for char in text:
        counts[char] = counts.get(char, 0) + 1
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


def secret_of(match: "re.Match", secret_group: int) -> str:
    if secret_group:
        return match.group(secret_group) or ""
    for group in match.groups():
        if group:
            return group if len(group) >= 8 else match.group(0)
    return match.group(0)


class Allowlists:
    """A rule's allowlists plus the global one, applied as gitleaks applies them."""

    def __init__(self, rule: dict, global_allowlist: dict):
        self.lists = [dict(a) for a in rule.get("allowlists", [])]
        self.lists.append({"regexes": global_allowlist.get("regexes", []),
                           "stopwords": global_allowlist.get("stopwords", [])})

    def excuses(self, secret: str, match: str, line: str) -> bool:
        for allow in self.lists:
            if allow.get("paths") and not allow.get("regexes") and not allow.get("stopwords"):
                continue  # path-only allowlists do not apply to messages
            target = {"match": match, "line": line}.get(allow.get("regexTarget", "secret"), secret)
            checks = []
            if allow.get("regexes"):
                checks.append(any(re.search(go_to_python(r), target) for r in allow["regexes"]))
            if allow.get("stopwords"):
                checks.append(any(w.lower() in secret.lower() for w in allow["stopwords"]))
            if not checks:
                continue
            if (all(checks) if allow.get("condition") == "AND" else any(checks)):
                return True
        return False


class Generator(rstr.Rstr):
    """rstr's generator, with an unbounded repeat drawn from its minimum to 100 more (rstr caps it at 100
    repeats in all, which fails for a minimum above 100), and "." drawn as a literal dot half the time."""

    def _handle_repeat(self, start_range, end_range, value):
        end_range = max(start_range, min(end_range, start_range + 100))
        return "".join(
            "".join(self._handle_state(i) for i in value)
            for _ in range(self._random.randint(start_range, end_range)))

    def _handle_state(self, state):
        # A regex "." mostly stands for a literal dot in these rules (`hooks.slack.com`): draw it half the time.
        if state[0].name == "ANY" and self._random.random() < 0.5:
            return "."
        return super()._handle_state(state)


def samples(rule: dict, global_allowlist: dict, rng: random.Random, count: int):
    pattern = go_to_python(rule["regex"])
    compiled = re.compile(pattern)
    generator = Generator(rng)
    keywords = [k.lower() for k in rule.get("keywords", [])]
    allow = Allowlists(rule, global_allowlist)
    found, attempts = [], 0
    while len(found) < count and attempts < 4000:
        attempts += 1
        sample = generator.xeger(pattern)
        message = rng.choice(CONTEXTS).format(s=sample)
        match = compiled.search(message)
        if not match:
            continue
        secret = secret_of(match, rule.get("secretGroup", 0))
        if not secret.strip():
            continue
        if keywords and not any(k in message.lower() for k in keywords):
            # gitleaks wants a keyword anywhere in the text; a few rules' patterns hold none of theirs.
            message = rng.choice(keywords) + " " + message
            match = compiled.search(message)
            if not match:
                continue
            secret = secret_of(match, rule.get("secretGroup", 0))
        if entropy(secret) < rule.get("entropy", 0):
            continue
        line = next((l for l in message.split("\n") if match.group(0).split("\n")[0] in l), message)
        if allow.excuses(secret, match.group(0), line):
            continue
        found.append((message, secret))
    return found, attempts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-rule", type=int, default=5)
    args = parser.parse_args()
    with open(args.rules, "rb") as handle:
        config = tomllib.load(handle)
    rng = random.Random(args.seed)
    short = []
    for rule in config["rules"]:
        if "regex" not in rule:
            continue
        found, attempts = samples(rule, config.get("allowlist", {}), rng, args.per_rule)
        if len(found) < args.per_rule:
            short.append(f"{rule['id']}: {len(found)} of {args.per_rule} after {attempts} attempts")
        for message, secret in found:
            record = {"family": FAMILIES.get(rule["id"], rule["id"]), "rule": rule["id"],
                      "message": message, "secret": secret}
            print(json.dumps(record, ensure_ascii=False))
    for line in short:
        print(f"generate_secret_corpus: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

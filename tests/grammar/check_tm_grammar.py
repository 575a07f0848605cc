"""Checks grammar/ricci.tmLanguage.json against ricci's own lexer.

Runs a small TextMate engine (match, begin/end, captures, include; line by line, as editors
do) over spec files and asserts that every token `ricci show --emit=tokens` reports gets
the scope its role in the language calls for, and that comments are scoped as comments.
Patterns use only syntax that Oniguruma (editors) and Python's `re` read alike.

usage: check_tm_grammar.py GRAMMAR RICCI SPEC...
"""
import json
import re
import subprocess
import sys

FUNCTIONS = {"exp", "log", "tanh", "sigmoid", "relu", "sqrt", "square", "sin", "cos", "abs"}
OPERATORS = {
    "define": "keyword.operator.assignment",
    "accumulate": "keyword.operator.assignment",
    "equals": "keyword.operator.assignment",
    "plus": "keyword.operator.arithmetic",
    "minus": "keyword.operator.arithmetic",
    "star": "keyword.operator.arithmetic",
    "slash": "keyword.operator.arithmetic",
    "caret": "keyword.operator.arithmetic",
    "lbrace": "punctuation.section.block",
    "rbrace": "punctuation.section.block",
    "lparen": "punctuation.section.parens",
    "rparen": "punctuation.section.parens",
    "lbracket": "punctuation.section.brackets.begin",
    "rbracket": "punctuation.section.brackets.end",
    "comma": "punctuation.separator.comma",
    "semicolon": "punctuation.terminator",
    "number": "constant.numeric",
}


class Grammar:
    def __init__(self, data):
        self.repository = data.get("repository", {})
        self.root = {"patterns": data["patterns"]}
        self.compiled = {}
        for rule in self._all_rules(self.root):
            for key in ("match", "begin", "end"):
                if key in rule:
                    self.compiled[rule[key]] = re.compile(rule[key])

    def _all_rules(self, rule, seen=None):
        seen = set() if seen is None else seen
        if id(rule) in seen:
            return
        seen.add(id(rule))
        yield rule
        for sub in rule.get("patterns", []):
            yield from self._all_rules(self.resolve(sub), seen)

    def resolve(self, rule):
        include = rule.get("include")
        if include is None:
            return rule
        if include == "$self":
            return self.root
        if not include.startswith("#") or include[1:] not in self.repository:
            raise SystemExit(f"unresolved include {include!r}")
        return self.repository[include[1:]]

    def candidates(self, context):
        """The match/begin rules of `context`, includes expanded, in order."""
        out = []
        for sub in context.get("patterns", []):
            rule = self.resolve(sub)
            if "match" in rule or "begin" in rule:
                out.append(rule)
            else:
                out.extend(self.candidates(rule))
        return out


def scope_line(grammar, line, stack):
    """Scopes per character of `line`; `stack` holds open begin/end rules across lines."""
    scopes = [[] for _ in range(len(line))]

    def paint(begin, end, names):
        for k in range(begin, end):
            scopes[k].extend(n for n in names if n)

    def paint_captures(m, captures, base):
        for group, spec in (captures or {}).items():
            g = int(group)
            if m.group(g) is not None:
                paint(m.start(g), m.end(g), base + [spec.get("name")])

    pos = 0
    while pos <= len(line):
        base = [r.get("name") for r in stack]
        context = stack[-1] if stack else grammar.root
        best, best_rule, is_end = None, None, False
        if stack:
            m = grammar.compiled[context["end"]].search(line, pos)
            if m:
                best, is_end = m, True
        for rule in grammar.candidates(context):
            m = grammar.compiled[rule.get("match") or rule["begin"]].search(line, pos)
            if m and (best is None or m.start() < best.start()):
                best, best_rule, is_end = m, rule, False
        if best is None:
            break
        if is_end:
            paint(best.start(), best.end(), base)
            paint_captures(best, context.get("endCaptures"), base)
            stack.pop()
        elif "match" in best_rule:
            paint(best.start(), best.end(), base + [best_rule.get("name")])
            paint_captures(best, best_rule.get("captures"), base + [best_rule.get("name")])
        else:
            paint(best.start(), best.end(), base + [best_rule.get("name")])
            paint_captures(best, best_rule.get("beginCaptures"), base + [best_rule.get("name")])
            stack.append(best_rule)
        pos = best.end() if best.end() > pos else pos + 1
    for k in range(len(line)):
        for s in stack:
            if s.get("name") and s["name"] not in scopes[k]:
                scopes[k].append(s["name"])
    return scopes


def lexer_tokens(ricci, spec):
    out = subprocess.run([ricci, "show", spec, "--emit=tokens"], capture_output=True, text=True, check=True)
    tokens = []
    for row in out.stdout.splitlines():
        where, kind, *text = row.split(" ", 2)
        if kind == "eof":
            continue
        line, col = (int(x) for x in where.split(":"))
        tokens.append((line, col, kind, text[0] if text else ""))
    return tokens


def expected_scopes(tokens):
    """The scope each token must carry, from its kind and its place in the token stream."""
    expected = []
    depth = 0          # inside [...]
    braces = 0         # inside a layer's {...}
    clause = None      # the clause keyword whose list we are in
    item_start = True  # the next token begins a file-level or layer-level item
    for k, (line, col, kind, text) in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        prev = tokens[k - 1] if k else None
        if prev and prev[0] != line and depth == 0 and prev[2] not in OPERATORS.keys() - {"number", "rbracket", "rparen"}:
            item_start, clause = True, None
        want = OPERATORS.get(kind)
        if kind == "identifier":
            followed_by_ident = nxt is not None and nxt[2] == "identifier"
            if item_start and braces == 0 and text == "layer" and followed_by_ident:
                want = "keyword.other.layer"
            elif prev and prev[3] == "layer" and expected and expected[-1][4] == "keyword.other.layer":
                want = "entity.name.type.layer"
            elif item_start and braces > 0 and text in ("grad", "output", "dims") and followed_by_ident:
                want, clause = "keyword.other.clause", text
            elif clause == "dims":
                want = "variable.parameter.index"
            elif depth > 0:
                want = "variable.parameter.index"
            elif nxt is not None and nxt[2] == "lparen" and text in FUNCTIONS:
                want = "support.function.builtin"
            else:
                want = "variable.other.tensor"
        expected.append((line, col, kind, text, want))
        item_start = False
        if kind == "lbracket":
            depth += 1
        elif kind == "rbracket":
            depth -= 1
        elif kind == "lbrace":
            braces += 1
            item_start, clause = True, None
        elif kind == "rbrace":
            braces -= 1
            item_start, clause = True, None
        elif kind == "semicolon":
            item_start, clause = True, None
    return expected


def check_file(grammar, ricci, spec):
    with open(spec, encoding="utf-8") as f:
        lines = f.read().split("\n")
    stack, scoped = [], []
    for line in lines:
        scoped.append(scope_line(grammar, line, stack))
    failures = []
    tokens = lexer_tokens(ricci, spec)
    for line, col, kind, text, want in expected_scopes(tokens):
        chars = scoped[line - 1][col - 1 : col - 1 + max(len(text), 1)]
        if not chars or not all(any(s == want + ".ricci" for s in c) for c in chars):
            got = sorted(set(s for c in chars for s in c))
            failures.append(f"{spec}:{line}:{col}: `{text}` ({kind}) wants {want}, has {got}")
    covered = {(line, col - 1 + i) for line, col, _, text, _ in expected_scopes(tokens) for i in range(len(text))}
    for n, line in enumerate(lines, start=1):
        hash_at = next((i for i, ch in enumerate(line) if ch == "#" and (n, i) not in covered), None)
        if hash_at is None:
            continue
        if not all("comment.line.number-sign.ricci" in c for c in scoped[n - 1][hash_at:]):
            failures.append(f"{spec}:{n}:{hash_at + 1}: comment not scoped as a comment")
    return len(tokens), failures


def main(argv):
    if len(argv) < 4:
        raise SystemExit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        data = json.load(f)
    for key in ("name", "scopeName", "fileTypes", "patterns", "repository"):
        if key not in data:
            raise SystemExit(f"{argv[1]}: missing `{key}`")
    if data["scopeName"] != "source.ricci" or "ricci" not in data["fileTypes"]:
        raise SystemExit(f"{argv[1]}: scopeName must be source.ricci and fileTypes must list ricci")
    grammar = Grammar(data)
    total, failures = 0, []
    for spec in argv[3:]:
        count, bad = check_file(grammar, argv[2], spec)
        total += count
        failures += bad
    for f in failures:
        print(f)
    print(f"{total} tokens in {len(argv) - 3} files checked, {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Consistency check for userpkg's built-in recipes.

Run:  python3 recipes/check.py [--tsv PATH] [--mirror DIR]

Checks every recipes/*.toml:
  * parses with tomllib; only the keys of the recipe format are used
  * required keys present; name == file stem and well-formed
  * every version has a 64-hex sha256; every other checksum key of a version names a
    declared [source.alternates] entry or [source.kinds] kind
  * every [depends] entry names an existing recipe; version constraints are well-formed
  * every URL (source, alternates, kinds, per-version overrides) is https
  * template variables are known ({version} {prefix} {destdir} {jobs} {dep.NAME} with NAME a dependency)
  * [[build.when]] conditions only name the package itself or its dependencies
Cross-checks /work/shared/realworld/sources.tsv (when present): for each row the recipe has that
version, and the primary URL (after templating / per-version override) or an alternate URL equals
the row's URL with the matching sha256. If the file is present in the mirror directory its sha256
is recomputed too.
"""
import argparse
import hashlib
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._+-]*$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
VERSION_RE = re.compile(r"^[0-9]+(\.[0-9A-Za-z]+)*$")
CONSTRAINT_RE = re.compile(r"^([0-9][0-9A-Za-z.]*)?(:([0-9][0-9A-Za-z.]*)?)?$")
TEMPLATE_RE = re.compile(r"\{([^{}]*)\}")

TOP_KEYS = {"name", "summary", "homepage", "source", "versions", "depends", "system", "build", "test", "env"}
SOURCE_KEYS = {"url", "file", "alternates", "kinds"}
KIND_KEYS = {"url", "file", "regenerate"}
DEP_KEYS = {"version", "system", "for"}
SYSTEM_KEYS = {"headers", "libraries", "pkg_config", "version_header", "programs", "version_command"}
BUILD_KEYS = {"system", "configure", "configure_script", "regenerate", "regenerate_depends", "make",
              "install", "destdir", "parallel", "env", "when"}
WHEN_KEYS = {"if", "configure", "cflags", "cppflags", "ldflags", "make", "env"}
TEST_KEYS = {"commands"}
BUILD_SYSTEMS = {"autotools", "make"}


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    # -- helpers -------------------------------------------------------------------------
    def check_templates(self, where, value, deps, allow_version_only=False):
        values = value if isinstance(value, list) else [value]
        for v in values:
            if not isinstance(v, str):
                self.err(where, f"expected a string, got {v!r}")
                continue
            for var in TEMPLATE_RE.findall(v):
                if allow_version_only:
                    if var != "version":
                        self.err(where, f"only {{version}} may be used in a URL, found {{{var}}}")
                elif var in ("version", "prefix", "destdir", "jobs"):
                    pass
                elif var.startswith("dep."):
                    if var[4:] not in deps:
                        self.err(where, f"{{{var}}} names no dependency of this recipe")
                else:
                    self.err(where, f"unknown template variable {{{var}}}")

    def check_url(self, where, url):
        if not isinstance(url, str) or not url.startswith("https://"):
            self.err(where, f"URL is not https: {url!r}")
        else:
            self.check_templates(where, url, (), allow_version_only=True)

    def check_str_list(self, where, value):
        if not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
            self.err(where, f"expected a list of strings, got {value!r}")
            return False
        return True

    def check_constraint(self, where, c):
        if not isinstance(c, str) or not c or not CONSTRAINT_RE.match(c) or c == ":":
            self.err(where, f"bad version constraint {c!r}")

    # -- one recipe ----------------------------------------------------------------------
    def check_recipe(self, path, names):
        stem = os.path.basename(path)[:-5]
        where = os.path.basename(path)
        try:
            with open(path, "rb") as f:
                r = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            self.err(where, f"TOML parse error: {e}")
            return None

        for k in r:
            if k not in TOP_KEYS:
                self.err(where, f"unknown top-level key {k!r}")
        for k in ("name", "summary", "homepage"):
            if not isinstance(r.get(k), str) or not r.get(k):
                self.err(where, f"missing or empty required key {k!r}")
        if r.get("name") != stem:
            self.err(where, f"name {r.get('name')!r} != file stem {stem!r}")
        if not NAME_RE.match(stem):
            self.err(where, f"file stem {stem!r} is not a valid recipe name")
        if isinstance(r.get("summary"), str) and "\n" in r["summary"]:
            self.err(where, "summary must be one line")
        if isinstance(r.get("homepage"), str) and not r["homepage"].startswith("https://"):
            self.err(where, f"homepage is not https: {r['homepage']!r}")

        deps = r.get("depends", {})
        if not isinstance(deps, dict):
            self.err(where, "[depends] must be a table")
            deps = {}
        for d, spec in deps.items():
            if d not in names:
                self.err(where, f"dependency {d!r} has no recipe")
            if d == stem:
                self.err(where, "a recipe cannot depend on itself")
            if not isinstance(spec, dict):
                self.err(where, f"depends.{d} must be an inline table")
                continue
            for k in spec:
                if k not in DEP_KEYS:
                    self.err(where, f"depends.{d}: unknown key {k!r}")
            if "version" in spec:
                self.check_constraint(f"{where} depends.{d}", spec["version"])
            if "system" in spec and not isinstance(spec["system"], bool):
                self.err(where, f"depends.{d}.system must be a boolean")
            if "for" in spec and not isinstance(spec["for"], str):
                self.err(where, f"depends.{d}.for must be a string")

        # [source]
        src = r.get("source")
        alternates, kinds = {}, {}
        if not isinstance(src, dict) or "url" not in src:
            self.err(where, "missing [source] url")
            src = {}
        for k in src:
            if k not in SOURCE_KEYS:
                self.err(where, f"[source]: unknown key {k!r}")
        if "url" in src:
            self.check_url(f"{where} [source].url", src["url"])
        if "file" in src:
            self.check_templates(f"{where} [source].file", src["file"], (), allow_version_only=True)
        alternates = src.get("alternates", {}) or {}
        for a, u in alternates.items():
            if not NAME_RE.match(a):
                self.err(where, f"bad alternate name {a!r}")
            self.check_url(f"{where} [source.alternates].{a}", u)
        kinds = src.get("kinds", {}) or {}
        for kname, kind in kinds.items():
            if not NAME_RE.match(kname):
                self.err(where, f"bad kind name {kname!r}")
            if not isinstance(kind, dict) or "url" not in kind:
                self.err(where, f"[source.kinds.{kname}] needs a url")
                continue
            for k in kind:
                if k not in KIND_KEYS:
                    self.err(where, f"[source.kinds.{kname}]: unknown key {k!r}")
            self.check_url(f"{where} [source.kinds.{kname}].url", kind["url"])
            if "regenerate" in kind and not isinstance(kind["regenerate"], bool):
                self.err(where, f"[source.kinds.{kname}].regenerate must be a boolean")
        clash = set(alternates) & set(kinds)
        if clash:
            self.err(where, f"names used both as alternate and kind: {sorted(clash)}")
        extra_names = set(alternates) | set(kinds)

        # [versions]
        versions = r.get("versions")
        if not isinstance(versions, dict) or not versions:
            self.err(where, "missing or empty [versions]")
            versions = {}
        for v, entry in versions.items():
            vw = f"{where} version {v}"
            if not VERSION_RE.match(v):
                self.err(vw, "malformed version string")
            if not isinstance(entry, dict):
                self.err(vw, "must be an inline table")
                continue
            if not isinstance(entry.get("sha256"), str) or not SHA_RE.match(entry["sha256"]):
                self.err(vw, f"missing or malformed sha256 {entry.get('sha256')!r}")
            for k, val in entry.items():
                if k == "sha256":
                    continue
                if k == "url":
                    self.check_url(vw + " url", val)
                elif k in extra_names:
                    if not isinstance(val, str) or not SHA_RE.match(val):
                        self.err(vw, f"{k}: malformed sha256 {val!r}")
                else:
                    self.err(vw, f"key {k!r} is neither url nor a declared alternate/kind")
            if "url" in entry and entry["url"] == src.get("url", "").replace("{version}", v):
                self.err(vw, "url override equals the templated [source].url (drop it)")
            shas = [x for k, x in entry.items() if k != "url"]
            if len(shas) != len(set(shas)):
                self.err(vw, "the same sha256 is given for two different files")
            # file names (used for mirror/cache lookup) of the primary, alternates and kinds
            # must differ, or one file could be mistaken for another
            fnames = {}
            primary = entry.get("url", src.get("url", ""))
            fnames.setdefault((src.get("file") if "url" not in entry and src.get("file") else
                               primary.rsplit("/", 1)[-1]).replace("{version}", v), []).append("primary")
            for a, u in alternates.items():
                fnames.setdefault(u.rsplit("/", 1)[-1].replace("{version}", v), []).append(a)
            for kname, kind in kinds.items():
                if isinstance(kind, dict) and "url" in kind:
                    fn = kind.get("file") or kind["url"].rsplit("/", 1)[-1]
                    fnames.setdefault(fn.replace("{version}", v), []).append(kname)
            for fn, who in fnames.items():
                if len(who) > 1 and not ("primary" in who and "url" in entry and len(who) == 2
                                         and entry.get(who[1]) in (None, entry["sha256"])):
                    self.err(vw, f"file name {fn!r} is shared by {who}")

        # [system]
        system = r.get("system", {})
        for k, val in system.items():
            if k not in SYSTEM_KEYS:
                self.err(where, f"[system]: unknown key {k!r}")
            elif k in ("headers", "libraries", "programs", "version_command"):
                self.check_str_list(f"{where} [system].{k}", val)
            elif k == "pkg_config" and not isinstance(val, str):
                self.err(where, "[system].pkg_config must be a string")
            elif k == "version_header":
                if not (isinstance(val, dict) and set(val) == {"file", "define"}):
                    self.err(where, "[system].version_header needs exactly file and define")
        if "version_command" in system and "programs" not in system:
            self.err(where, "[system].version_command without programs")

        # [build]
        build = r.get("build")
        if not isinstance(build, dict):
            self.err(where, "missing [build]")
            build = {}
        for k in build:
            if k not in BUILD_KEYS:
                self.err(where, f"[build]: unknown key {k!r}")
        if build.get("system") not in BUILD_SYSTEMS:
            self.err(where, f"[build].system must be one of {sorted(BUILD_SYSTEMS)}")
        for k in ("configure", "make", "install", "regenerate"):
            if k in build and self.check_str_list(f"{where} [build].{k}", build[k]):
                self.check_templates(f"{where} [build].{k}", build[k], deps)
        if "regenerate_depends" in build and self.check_str_list(f"{where} [build].regenerate_depends",
                                                                  build["regenerate_depends"]):
            for d in build["regenerate_depends"]:
                if d not in names:
                    self.err(where, f"regenerate_depends names unknown recipe {d!r}")
        for k in ("destdir", "parallel"):
            if k in build and not isinstance(build[k], bool):
                self.err(where, f"[build].{k} must be a boolean")
        if "configure_script" in build and not isinstance(build["configure_script"], str):
            self.err(where, "[build].configure_script must be a string")
        if build.get("destdir") is False and not any("{destdir}" in a for a in build.get("install", [])):
            self.err(where, "destdir = false but no install argument uses {destdir}")
        for k, val in (build.get("env") or {}).items():
            self.check_templates(f"{where} [build].env.{k}", val, deps)
        for i, when in enumerate(build.get("when", [])):
            ww = f"{where} [[build.when]] #{i + 1}"
            for k in when:
                if k not in WHEN_KEYS:
                    self.err(ww, f"unknown key {k!r}")
            cond = when.get("if")
            if not isinstance(cond, str) or not cond.strip():
                self.err(ww, "missing 'if'")
            else:
                for term in cond.split():
                    if term.startswith("@"):
                        self.check_constraint(ww, term[1:])
                    elif ":" in term and term.split(":", 1)[1] in ("built", "system"):
                        d = term.split(":", 1)[0]
                        if d not in deps:
                            self.err(ww, f"condition names {d!r}, not a dependency")
                    elif "@" in term:
                        d, c = term.split("@", 1)
                        if d not in deps:
                            self.err(ww, f"condition names {d!r}, not a dependency")
                        self.check_constraint(ww, c)
                    else:
                        self.err(ww, f"cannot parse condition term {term!r}")
            for k in ("configure", "cflags", "cppflags", "ldflags", "make"):
                if k in when and self.check_str_list(f"{ww}.{k}", when[k]):
                    self.check_templates(f"{ww}.{k}", when[k], deps)
            for k, val in (when.get("env") or {}).items():
                self.check_templates(f"{ww}.env.{k}", val, deps)

        # [test], [env]
        test = r.get("test", {})
        for k in test:
            if k not in TEST_KEYS:
                self.err(where, f"[test]: unknown key {k!r}")
        if "commands" in test and self.check_str_list(f"{where} [test].commands", test["commands"]):
            self.check_templates(f"{where} [test].commands", test["commands"], deps)
        # The loader (src/core/recipe_loader.cpp) checks [env] fully; here only the directory form.
        for k, val in r.get("env", {}).items():
            if k in ("allow", "set"):
                continue
            if self.check_str_list(f"{where} [env].{k}", val):
                for p in val:
                    if not (p == "{prefix}" or p.startswith("{prefix}/") or p.startswith("/")):
                        self.err(where, f"[env].{k}: {p!r} must be \"{{prefix}}/...\" or absolute")
        return r

    # -- sources.tsv cross-check ---------------------------------------------------------
    def cross_check(self, recipes, tsv, mirror):
        rows = 0
        with open(tsv) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                fields = line.rstrip("\n").split("\t")
                if fields[0] == "recipe":
                    continue
                name, version, url, sha = fields[:4]
                rows += 1
                where = f"sources.tsv {name} {version}"
                r = recipes.get(name)
                if r is None:
                    self.err(where, "no recipe")
                    continue
                entry = r.get("versions", {}).get(version)
                if entry is None:
                    self.err(where, "version missing from recipe")
                    continue
                src = r["source"]
                candidates = [(entry.get("url", src["url"].replace("{version}", version)), entry.get("sha256"))]
                for a, u in (src.get("alternates") or {}).items():
                    candidates.append((u.replace("{version}", version), entry.get(a)))
                matches = [s for u, s in candidates if u == url]
                if not matches:
                    self.err(where, f"no primary/alternate URL of the recipe equals {url}")
                elif sha not in matches:
                    self.err(where, f"sha256 for {url} is {matches[0]}, sources.tsv says {sha}")
                fpath = os.path.join(mirror, name, url.rsplit("/", 1)[1])
                if os.path.isfile(fpath):
                    h = hashlib.sha256()
                    with open(fpath, "rb") as fh:
                        for chunk in iter(lambda: fh.read(1 << 20), b""):
                            h.update(chunk)
                    if h.hexdigest() != sha:
                        self.err(where, f"{fpath} has sha256 {h.hexdigest()}, not {sha}")
        return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=HERE)
    ap.add_argument("--tsv", default="/work/shared/realworld/sources.tsv")
    ap.add_argument("--mirror", default=os.path.expanduser("~/.cache/userpkg-realworld"))
    args = ap.parse_args()

    files = sorted(f for f in os.listdir(args.dir) if f.endswith(".toml"))
    names = {f[:-5] for f in files}
    c = Checker()
    recipes = {}
    nversions = 0
    for f in files:
        r = c.check_recipe(os.path.join(args.dir, f), names)
        if r is not None:
            recipes[f[:-5]] = r
            nversions += len(r.get("versions", {}))
    rows = 0
    if os.path.isfile(args.tsv):
        rows = c.cross_check(recipes, args.tsv, args.mirror)
    else:
        print(f"note: {args.tsv} not found, cross-check skipped")
    for e in c.errors:
        print("ERROR", e)
    print(f"{len(files)} recipes, {nversions} versions, {rows} sources.tsv rows cross-checked, "
          f"{len(c.errors)} errors")
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main())

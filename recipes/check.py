#!/usr/bin/env python3
"""Cross-check of the built-in recipes against the realworld mirror.

Run:  python3 recipes/check.py [--tsv PATH] [--mirror DIR]

The recipe format itself is checked by userpkg's loader (every built-in recipe is loaded by the
unit test `[recipe][builtin]`), so this script only does what the loader cannot: for each row of
../shared/realworld/sources.tsv (beside the checkout) the recipe has that version, its primary or an alternate URL
equals the row's URL with the same sha256, and the file in the mirror directory, when present,
really has that sha256.
"""
import argparse
import hashlib
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cross_check(recipes, tsv, mirror):
    errors, rows = [], 0
    with open(tsv) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#") or not line.strip() or fields[0] == "recipe":
                continue
            name, version, url, sha = fields[:4]
            rows += 1
            where = f"sources.tsv {name} {version}"
            entry = recipes.get(name, {}).get("versions", {}).get(version)
            if entry is None:
                errors.append(f"{where}: no recipe {name} with version {version}")
                continue
            src = recipes[name]["source"]
            candidates = [(entry.get("url", src["url"].replace("{version}", version)), entry.get("sha256"))]
            for alt, alt_url in (src.get("alternates") or {}).items():
                candidates.append((alt_url.replace("{version}", version), entry.get(alt)))
            matches = [s for u, s in candidates if u == url]
            if not matches:
                errors.append(f"{where}: no primary/alternate URL of the recipe equals {url}")
            elif sha not in matches:
                errors.append(f"{where}: sha256 for {url} is {matches[0]}, sources.tsv says {sha}")
            path = os.path.join(mirror, name, url.rsplit("/", 1)[1])
            if os.path.isfile(path) and sha256_of(path) != sha:
                errors.append(f"{where}: {path} does not have sha256 {sha}")
    return rows, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=HERE)
    ap.add_argument("--tsv", default=os.path.join(HERE, "..", "..", "shared", "realworld", "sources.tsv"))
    ap.add_argument("--mirror", default=os.path.expanduser("~/.cache/userpkg-realworld"))
    args = ap.parse_args()
    recipes = {}
    for f in sorted(os.listdir(args.dir)):
        if f.endswith(".toml"):
            with open(os.path.join(args.dir, f), "rb") as fh:
                recipes[f[:-5]] = tomllib.load(fh)
    if not os.path.isfile(args.tsv):
        print(f"note: {args.tsv} not found, nothing to cross-check")
        return 0
    rows, errors = cross_check(recipes, args.tsv, args.mirror)
    for e in errors:
        print("ERROR", e)
    print(f"{len(recipes)} recipes, {rows} sources.tsv rows cross-checked, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Builds a PyTorch-style wheel index for test_torch.sh: small but valid wheels of a fake `torch`
(and `torchvision`) and /whl/<variant>/<project>/ pages in download.pytorch.org's format. torch
2.1.2 depends on a fake `filelock`, served on every variant's index as PyTorch serves torch's
dependencies, so pip really resolves one. Every wheel has its PEP 658 <wheel>.metadata beside it.

usage: torch_index.py ROOT BASE_URL   (ROOT/whl/... is written; BASE_URL is how nginx serves ROOT)
"""
import base64, hashlib, json, os, sys, zipfile

root, base_url = sys.argv[1], sys.argv[2].rstrip("/")
whl = os.path.join(root, "whl")

INIT = '''__version__ = "{version}"
from . import version, cuda
'''
VERSION = 'cuda = {cuda!r}\n'
CUDA = '''import os
def is_available():
    return {gpu} and int(os.environ.get("FAKE_TORCH_GPUS", "0")) > 0
def device_count():
    return int(os.environ.get("FAKE_TORCH_GPUS", "0")) if is_available() else 0
'''


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def make_wheel(directory, project, version, tag, platform, files, requires=(), abi=None):
    abi = abi or tag
    name = f"{project}-{version}-{tag}-{abi}-{platform}.whl"
    dist = f"{project}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    wheel = f"Wheel-Version: 1.0\nGenerator: userpkg-test\nRoot-Is-Purelib: false\nTag: {tag}-{abi}-{platform}\n"
    contents = dict(files)
    contents[f"{dist}/METADATA"] = meta
    contents[f"{dist}/WHEEL"] = wheel
    record = [record_line(n, d.encode()) for n, d in contents.items()] + [f"{dist}/RECORD,,"]
    contents[f"{dist}/RECORD"] = "\n".join(record) + "\n"
    os.makedirs(directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(directory, name), "w") as z:
        for n, d in contents.items():
            z.writestr(n, d)
    with open(os.path.join(directory, name + ".metadata"), "w") as f:
        f.write(meta)
    data = open(os.path.join(directory, name), "rb").read()
    return name, hashlib.sha256(data).hexdigest(), hashlib.sha256(meta.encode()).hexdigest()


def torch_files(version, cuda):
    return {"torch/__init__.py": INIT.format(version=version), "torch/version.py": VERSION.format(cuda=cuda),
            "torch/cuda/__init__.py": CUDA.format(gpu=cuda is not None)}


# (torch version, variants, python tags, platform), as PyTorch publishes them.
releases = [
    ("2.1.2", ["cu118", "cu121", "cpu"], ["cp310", "cp311"], "linux_x86_64"),
    ("2.1.1", ["cu118", "cu121", "cpu"], ["cp310", "cp311"], "linux_x86_64"),
    ("2.6.0", ["cu118", "cu124", "cu126"], ["cp311", "cp312"], "manylinux_2_28_x86_64"),
    ("2.6.0", ["cpu"], ["cp311", "cp312"], "linux_x86_64"),
]
pages = {}  # (variant, project) -> [(file name, sha256, metadata sha256)]
for version, variants, tags, platform in releases:
    for variant in variants:
        cuda = None if variant == "cpu" else f"{variant[2:4]}.{variant[4:]}"
        for tag in tags:
            full = f"{version}+{variant}"
            requires = ["filelock>=3.0"] if version == "2.1.2" else []
            entry = make_wheel(os.path.join(whl, variant), "torch", full, tag, platform, torch_files(full, cuda),
                               requires)
            pages.setdefault((variant, "torch"), []).append(entry)
for variant in sorted({v for _, variants, _, _ in releases for v in variants}):
    entry = make_wheel(os.path.join(whl, variant), "filelock", "3.13.1", "py3", "any",
                       {"filelock/__init__.py": '__version__ = "3.13.1"\n'}, abi="none")
    pages.setdefault((variant, "filelock"), []).append(entry)
vision = {"torchvision/__init__.py": '__version__ = "0.16.2+cu121"\nimport torch\n'}
for tag in ["cp310", "cp311"]:
    entry = make_wheel(os.path.join(whl, "cu121"), "torchvision", "0.16.2+cu121", tag, "linux_x86_64", vision,
                       ["torch==2.1.2"])
    pages.setdefault(("cu121", "torchvision"), []).append(entry)


def href(variant, name, i):
    quoted = name.replace("+", "%2B")
    # PyTorch writes host-relative hrefs; mirrors rewrite them relative or absolute: all three here.
    return [f"/whl/{variant}/{quoted}", f"../{quoted}", f"{base_url}/whl/{variant}/{quoted}"][i % 3]


for (variant, project), entries in pages.items():
    directory = os.path.join(whl, variant, project)
    os.makedirs(directory, exist_ok=True)
    if variant == "cu118" and project == "torch":  # served as PEP 691 JSON (index.json)
        files = [{"filename": n, "url": href(variant, n, i), "hashes": {"sha256": s},
                  "core-metadata": {"sha256": m}} for i, (n, s, m) in enumerate(entries)]
        with open(os.path.join(directory, "index.json"), "w") as f:
            json.dump({"meta": {"api-version": "1.1"}, "name": project, "files": files}, f)
        continue
    lines = ["<!DOCTYPE html>", "<html>", "  <body>", f"    <h1>Links for {project}</h1>"]
    for i, (n, s, m) in enumerate(entries):
        if variant == "cpu" and n.startswith("torch-2.1.1+cpu"):
            s = "0" * 64  # a wrong hash: the download must be refused
        lines.append(f'    <a href="{href(variant, n, i)}#sha256={s}" data-dist-info-metadata="sha256={m}" '
                     f'data-core-metadata="sha256={m}">{n}</a><br/>')
    lines += ["  </body>", "</html>"]
    with open(os.path.join(directory, "index.html"), "w") as f:
        f.write("\n".join(lines) + "\n")

"""Write a folder of odd and hostile inputs, to check that `dossier analyze` and
`dossier ingest` give every one a record or a clear message, with flat memory.

    .venv/bin/python bench/hostile_folder.py /tmp/hostile --files 300
    /usr/bin/time -v dossier analyze /tmp/hostile -f jsonl -o out.jsonl -q   # peak memory

The texts are generated (no corpus text): sentences built from a small vocabulary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

WORDS = [
    "the",
    "army",
    "said",
    "rebels",
    "attacked",
    "a",
    "convoy",
    "near",
    "the",
    "border",
    "town",
    "on",
    "Monday",
    "while",
    "the",
    "foreign",
    "minister",
    "met",
    "envoys",
    "in",
    "the",
    "capital",
    "to",
    "discuss",
    "a",
    "ceasefire",
    "and",
    "aid",
    "deliveries",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def text(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--large", type=int, default=2_000_000, help="bytes of a large file")
    args = parser.parse_args()
    rng = random.Random(11)
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    kinds = [
        "large", "plain", "binary", "utf16", "nul", "surrogates_jsonl", "deep_html",
        "pretty_json", "bad_json", "empty", "long_id", "mojibake", "html_collision",
    ]  # fmt: skip
    for n in range(args.files):
        kind = kinds[n % len(kinds)]
        base = folder / f"{n:04d}-{kind}"
        if kind == "large":
            base.with_suffix(".txt").write_text(text(rng, args.large))
        elif kind == "plain":
            base.with_suffix(".txt").write_text(text(rng, 3000))
        elif kind == "binary":
            base.with_suffix(".txt").write_bytes(os.urandom(20_000))
        elif kind == "utf16":
            base.with_suffix(".txt").write_bytes(text(rng, 2000).encode("utf-16"))
        elif kind == "nul":
            base.with_suffix(".txt").write_text(text(rng, 1500) + "\x00" + text(rng, 500))
        elif kind == "surrogates_jsonl":
            lines = [json.dumps({"id": f"s{n}-{i}", "text": text(rng, 800) + "\udc80"})
                     for i in range(5)]  # fmt: skip
            lines.append('{"text": ' + "9" * 5000 + "}")
            lines.append("[" * 50_000)
            base.with_suffix(".jsonl").write_text("\n".join(lines), errors="surrogatepass")
        elif kind == "deep_html":
            inner = f"<p>{text(rng, 800)}</p>"
            base.with_suffix(".html").write_text("<div>" * 6000 + inner + "</div>" * 6000)
        elif kind == "pretty_json":
            item = {"id": f"p{n}", "text": text(rng, 1000), "published": "2024-05-06"}
            base.with_suffix(".json").write_text(json.dumps(item, indent=2))
        elif kind == "bad_json":
            base.with_suffix(".json").write_text('{\n  "text": "unfinished')
        elif kind == "empty":
            base.with_suffix(".txt").write_text("   \n")
        elif kind == "long_id":
            item = {"id": "x" * 5000, "text": text(rng, 800), "url": "http://" + "h" * 400}
            base.with_suffix(".jsonl").write_text(json.dumps(item) + "\n")
        elif kind == "mojibake":
            base.with_suffix(".txt").write_bytes(("報道によると" * 200).encode("shift_jis"))
        elif kind == "html_collision":
            lines = [json.dumps({"id": i, "text": text(rng, 600)}) for i in ("a/b", "a_b", "a?b")]
            base.with_suffix(".jsonl").write_text("\n".join(lines) + "\n")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "zz-fifo.txt")
    print(f"wrote {args.files} files to {folder}")


if __name__ == "__main__":
    main()

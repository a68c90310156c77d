#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the quality harness's query sets.

usage: fuzz/make_seeds.py QUERIES_DIR OUT_DIR [--per-set N]

Writes OUT_DIR/<target>/seed-<n> for the targets normalizer, query_parser,
json_decoder and handler: the same real queries as each target reads them
(raw text, parser lines, JSON bodies, HTTP requests).
"""
import json
import os
import sys
import urllib.parse

FIELDS = [("query", "query"), ("street", "street"),
          ("houseNumber", "house_number"), ("boxNumber", "box_number"),
          ("postCode", "post_code"), ("municipality", "municipality")]


def requests(queries_dir, per_set):
    for name in sorted(os.listdir(queries_dir)):
        if not name.endswith(".jsonl"):
            continue
        path = os.path.join(queries_dir, name)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n >= per_set:
                    break
                try:
                    q = json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{n + 1}: not JSON: {e}")
                yield {k: q[k] for k, _ in FIELDS if q.get(k)}


def http(method, target, body=None):
    head = f"{method} {target} HTTP/1.1\r\nHost: beladdr\r\n"
    if body is None:
        return (head + "\r\n").encode()
    data = body.encode()
    return (head + "Content-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n").encode() + data


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    queries_dir, out = sys.argv[1], sys.argv[2]
    per_set = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    seeds = {t: [] for t in ("normalizer", "query_parser", "json_decoder",
                             "handler")}
    for r in requests(queries_dir, per_set):
        text = r.get("query") or r.get("street", "")
        seeds["normalizer"].append(text.encode())
        lines = [r.get(k, "") for k, _ in FIELDS]
        seeds["query_parser"].append("\n".join(lines).rstrip("\n").encode())
        body = json.dumps(r, ensure_ascii=False)
        seeds["json_decoder"].append(body.encode())
        seeds["handler"].append(http("POST", "/SearchAddresses", body))
        params = urllib.parse.urlencode(
            {("q" if k == "query" else k): v for k, v in r.items()})
        seeds["handler"].append(http("GET", "/SearchAddresses?" + params))
        if "street" in r:
            seeds["handler"].append(http("POST", "/ResolveAddress", body))
    seeds["handler"].append(http("GET", "/ConsumerPing"))
    seeds["handler"].append(http("GET", "/metrics"))
    for target, inputs in seeds.items():
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        for i, data in enumerate(inputs):
            with open(os.path.join(d, f"seed-{i:05d}"), "wb") as f:
                f.write(data)
        print(f"seeds: {target}: {len(inputs)} inputs in {d}")


if __name__ == "__main__":
    main()

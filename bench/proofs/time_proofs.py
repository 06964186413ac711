#!/usr/bin/env python3
"""Times GET /v1/log/proofs/* and /v1/log/tree on a running service, one keep-alive connection,
at random positions and sizes of the whole log; checks every inclusion proof's length.
usage: time_proofs.py http://localhost:8165 [requests per kind]"""
import http.client, json, random, sys, time, urllib.parse

url = urllib.parse.urlparse(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def get(path):
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        sys.exit(f"GET {path}: {response.status} {body[:300]!r}")
    return json.loads(body), elapsed


head = get("/v1/log/head")[0]["position"]
rng = random.Random(9162)
kinds = {
    "inclusion": lambda: f"/v1/log/proofs/inclusion?position={rng.randint(1, head)}&treeSize={head}",
    "consistency": lambda: f"/v1/log/proofs/consistency?from={rng.randint(1, head - 1)}&to={head}",
    "tree": lambda: f"/v1/log/tree?size={rng.randint(1, head)}",
    "checkpoint": lambda: "/v1/log/checkpoint",
}
print(f"log of {head} entries; {count} requests of each kind after {count // 5} warm-up requests")
for kind, path in kinds.items():
    for _ in range(count // 5):
        get(path())
    times, hashes = [], 0
    for _ in range(count):
        answer, ms = get(path())
        times.append(ms)
        hashes += len(answer.get("path", []))
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print(f"{kind:12s} mean {sum(times) / len(times):6.2f} ms  p50 {p(0.5):6.2f} ms  p99 {p(0.99):6.2f} ms"
          f"  max {times[-1]:7.2f} ms  ({hashes / count:.1f} hashes a proof)")

"""Replays a rights-ledger's records and checks every contentHash, every hash and the head.

Usage: python3 tools/verify_chain.py [base-url]   (default http://localhost:8080; standard library only)
Until the partner feed (/v1/feed) lands, this walks /v1/records?include=superseded, which holds
every entry an anonymous reader may see; a log with restricted entries needs the feed.
"""
import hashlib, json, struct, sys, urllib.request

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://localhost:8080"

def get(path):
    with urllib.request.urlopen(BASE + path) as response:
        return json.load(response)

def jcs(value):
    # RFC 8785 for this data: sorted keys, no whitespace, UTF-8; entries hold no fractional numbers.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

entries, cursor = [], ""
while True:
    page = get("/v1/records?include=superseded&limit=200" + cursor)
    entries += page["items"]
    if not page["next"]:
        break
    cursor = "&cursor=" + page["next"]

previous = bytes(32)
for expected, entry in enumerate(sorted(entries, key=lambda e: e["position"]), start=1):
    assert entry["position"] == expected, f"missing position {expected}"
    content = {k: v for k, v in entry.items() if k not in ("position", "contentHash", "hash", "derived")}
    content_hash = hashlib.sha256(b"\x00" + jcs(content).encode()).digest()
    assert content_hash.hex() == entry["contentHash"], f"contentHash differs at {expected}"
    previous = hashlib.sha256(b"\x02" + struct.pack(">Q", expected) + previous + content_hash).digest()
    assert previous.hex() == entry["hash"], f"hash differs at {expected}"

head = get("/v1/log/head")
assert (head["position"], head["hash"]) == (len(entries), previous.hex()), "head differs"
print(f"verified {len(entries)} entries; head {head['hash']}")

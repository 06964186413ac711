"""An independent check of a rights-ledger, in Python with the standard library only.

Usage: python3 tools/verify_chain.py [base-url]     (default http://localhost:8080)

Streams /v1/feed/export (every entry, in position order), recomputes each contentHash and
hash by the formulas of docs/log-format.md, and compares the end of the chain with /v1/log/head.
Redacted placeholders (restricted entries, for a reader without restricted:read) cannot have
their content checked, but their hashes chain like any other.
The service ships the same check in Java: java -jar quarkus-run.jar verify --url <base-url>.
"""
import hashlib, json, struct, sys, urllib.request

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://localhost:8080"
LOG_FIELDS = ("position", "contentHash", "hash", "derived")


def jcs(value):
    # RFC 8785 for this data: sorted keys, no whitespace, UTF-8; entries hold no fractional numbers.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


head = json.load(urllib.request.urlopen(BASE + "/v1/log/head"))
previous, position, redacted = bytes(32), 0, 0
with urllib.request.urlopen(BASE + "/v1/feed/export") as export:
    for line in export:
        entry = json.loads(line)
        position += 1
        if position > head["position"]:
            break  # appended after we read the head
        assert entry["position"] == position, f"position {position} is missing"
        if entry.get("redacted"):
            redacted += 1
            content_hash = bytes.fromhex(entry["contentHash"])
        else:
            content = {k: v for k, v in entry.items() if k not in LOG_FIELDS}
            content_hash = hashlib.sha256(b"\x00" + jcs(content).encode()).digest()
            assert content_hash.hex() == entry["contentHash"], f"content of position {position} was changed"
        previous = hashlib.sha256(b"\x02" + struct.pack(">Q", position) + previous + content_hash).digest()
        assert previous.hex() == entry["hash"], f"hash of position {position} does not chain"

assert previous.hex() == head["hash"], "the chain does not end in the head"
print(f"verified {head['position']} entries ({redacted} redacted); head {head['hash']}")

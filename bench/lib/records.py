#!/usr/bin/env python3
"""Request bodies for the benchmarks, made from the reference data the run created.

usage: records.py REFS.json OUTDIR

REFS.json: {"actors": [{"id", "kind"}...], "case": id, "bill": id}
Writes to OUTDIR:
  record.json     one fine: the body of every POST /v1/records (the server assigns the id)
  batch.json      1000 copies of it: the body of every POST /v1/records/batch
  templates.json  1000 varied records (4 types, 5 countries, 2005-2025, actors, tags, a
                  case or a bill): appended once through the API, then replicated to fill
                  the read dataset (bench/lib/fill.sql)
"""
import json
import random
import sys

refs = json.load(open(sys.argv[1]))
out = sys.argv[2]
people = [a["id"] for a in refs["actors"] if a["kind"] == "person"]
courts = [a["id"] for a in refs["actors"] if a["kind"] == "court"]
authorities = [a["id"] for a in refs["actors"] if a["kind"] == "authority"]

SOURCE = {"url": "https://example.org/bench/report", "publisher": "Bench Monitor",
          "title": "Monthly monitoring report", "publishedOn": "2025-03"}

# The single-record body: a fine like the demo dataset's, about 900 bytes.
record = {
    "type": "fine", "occurredOn": "2025-02-19", "country": "KZ", "place": "Almaty",
    "summary": "A participant of a peaceful rally was fined 393,000 tenge by a district court "
               "for taking part in an unsanctioned assembly.",
    "actors": [{"actorId": people[0], "role": "fined"}, {"actorId": courts[0], "role": "court"}],
    "caseId": refs["case"], "tags": ["freedom-of-assembly", "bench"],
    "sources": [SOURCE],
    "details": {"amount": {"amount": "393000", "currency": "KZT"},
                "reportedUsd": {"amount": "780", "currency": "USD"},
                "issuedBy": "Almaty district court",
                "legalBasis": "Article 488 of the Code of Administrative Offences"},
}
json.dump(record, open(f"{out}/record.json", "w"), ensure_ascii=False)
json.dump([record] * 1000, open(f"{out}/batch.json", "w"), ensure_ascii=False)

rnd = random.Random(6)
COUNTRIES = ["KZ", "KZ", "KZ", "KG", "UZ", "TJ", "TM"]
PLACES = {"KZ": "Almaty", "KG": "Bishkek", "UZ": "Tashkent", "TJ": "Dushanbe", "TM": "Ashgabat"}
TAGS = ["freedom-of-assembly", "freedom-of-expression", "freedom-of-association", "womens-rights",
        "lgbt-rights", "journalists", "torture", "extradition", "elections", "religion"]


def day():
    y = rnd.randint(2005, 2025)
    m = rnd.randint(1, 12)
    d = rnd.randint(1, 28)
    return rnd.choice([f"{y}", f"{y}-{m:02d}", f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}-{d:02d}"])


templates = []
for i in range(1000):
    kind = ["detention", "fine", "ruling", "bill_reading"][i % 4]
    country = rnd.choice(COUNTRIES)
    person = rnd.choice(people)
    r = {"type": kind, "occurredOn": day(), "country": country, "place": PLACES[country],
         "tags": sorted(set(rnd.sample(TAGS, rnd.randint(1, 3)))), "sources": [SOURCE]}
    if kind == "detention":
        n = rnd.randint(1, 40)
        r["summary"] = f"Police detained {n} people at a peaceful gathering in {PLACES[country]} (bench template {i})."
        r["actors"] = [{"actorId": person, "role": "detainee"}, {"actorId": rnd.choice(authorities), "role": "authority"}]
        r["details"] = {"authority": "City police department", "detainedCount": n,
                        "outcome": rnd.choice(["released", "charged", "administrative_arrest", "held"])}
    elif kind == "fine":
        amount = rnd.randint(10, 500) * 1000
        r["summary"] = f"An activist was fined {amount} in local currency for an unsanctioned protest (bench template {i})."
        r["actors"] = [{"actorId": person, "role": "fined"}, {"actorId": rnd.choice(courts), "role": "court"}]
        r["details"] = {"amount": {"amount": str(amount), "currency": "KZT"}, "issuedBy": "District court",
                        "legalBasis": "Article 488 of the Code of Administrative Offences"}
        if rnd.random() < 0.3:
            r["caseId"] = refs["case"]
    elif kind == "ruling":
        days = rnd.randint(1, 30)
        r["summary"] = f"A court sentenced a blogger to {days} days of administrative detention (bench template {i})."
        r["actors"] = [{"actorId": person, "role": "defendant"}, {"actorId": rnd.choice(courts), "role": "court"}]
        r["caseId"] = refs["case"]
        r["details"] = {"court": "District court", "instance": rnd.choice(["first", "appeal"]),
                        "verdict": rnd.choice(["guilty", "upheld", "acquitted"]),
                        "sentence": {"kind": "administrative_detention", "days": days}}
    else:
        r["summary"] = f"The lower chamber read a bill restricting online speech (bench template {i})."
        r["billId"] = refs["bill"]
        r["details"] = {"chamber": "lower", "stage": rnd.choice(["reading_1", "reading_2", "passed"]),
                        "outcome": rnd.choice(["approved", "pending"]),
                        "votes": {"for": rnd.randint(50, 98), "against": rnd.randint(0, 10), "abstain": rnd.randint(0, 5)}}
    templates.append(r)
json.dump(templates, open(f"{out}/templates.json", "w"), ensure_ascii=False)

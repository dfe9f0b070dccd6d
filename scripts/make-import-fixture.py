#!/usr/bin/env python3
"""Writes a deterministic opportunities import file for measuring `tern import` (issue 12).

    scripts/make-import-fixture.py OUT.csv [--rows 100000] [--organizations 500] [--ref-prefix imp]
    scripts/make-import-fixture.py OUT.json --format json

Columns: ref,title,organization,field,brief,hours,duration_days,deadline,compensation_kind,
compensation_amount,currency,location_kind (remote, so no city is needed). Briefs are about 40
words (--no-brief leaves them out). The same arguments always give the same bytes. Write it outside the repository.
"""
import argparse
import json
import random

FIELDS = ["marketing", "software", "data_analysis", "design", "writing", "research", "social_media",
          "hr", "finance", "sales", "nonprofit", "data_entry", "product", "education"]
KINDS = ["fixed_fee", "hourly", "stipend", "academic_credit", "certificate", "unpaid"]
PAID = {"fixed_fee", "hourly", "stipend"}
CURRENCIES = ["USD", "EUR", "GBP", "CAD"]
WORDS = ("campus research team students project data report design survey outreach community "
         "analysis social media content writing review planning events volunteers budget website "
         "newsletter interviews library archive museum garden kitchen bakery studio gallery theatre "
         "lab clinic startup software testing documentation support training workshop video audio "
         "photography marketing sales partners donors grants schedule").split()
ADJECTIVES = "Junior Senior Remote Part-time Summer Winter Weekend Evening Student Campus".split()
ROLES = "Assistant Analyst Designer Writer Researcher Coordinator Developer Tutor Editor Intern".split()
NAMES = "Maple Cedar Birch Harbor River Summit Lantern Orchard Meadow Granite".split()
SUFFIXES = "Works Labs Studio Collective Foundation Partners Society Bakery Press Group".split()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=500)
    parser.add_argument("--format", choices=["csv", "json"], default=None)
    parser.add_argument("--ref-prefix", default="imp")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--no-brief", action="store_true", help="leave out the brief column")
    args = parser.parse_args()
    fmt = args.format or ("json" if args.out.endswith(".json") else "csv")
    rng = random.Random(args.seed)
    organizations = [f"{NAMES[i % 10]} {SUFFIXES[(i // 10) % 10]} {i}" for i in range(args.organizations)]
    columns = ["ref", "title", "organization", "field", "brief", "hours", "duration_days", "deadline",
               "compensation_kind", "compensation_amount", "currency", "location_kind"]
    if args.no_brief:
        columns.remove("brief")

    def row(n):
        kind = KINDS[n % len(KINDS)]
        paid = kind in PAID
        return {
            "ref": f"{args.ref_prefix}-{n:06d}",
            "title": f"{rng.choice(ADJECTIVES)} {rng.choice(ROLES)} for {rng.choice(WORDS)} {n}",
            "organization": organizations[n % len(organizations)],
            "field": FIELDS[n % len(FIELDS)],
            "brief": " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + ".",
            "hours": str(rng.randint(1, 400)),
            "duration_days": str(rng.randint(1, 365)),
            "deadline": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "compensation_kind": kind,
            "compensation_amount": f"{rng.randint(10, 5000)}.{rng.randint(0, 99):02d}" if paid else "",
            "currency": rng.choice(CURRENCIES) if paid else "",
            "location_kind": "remote",
        }

    with open(args.out, "w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            out.write(",".join(columns) + "\n")
            for n in range(args.rows):
                r = row(n)
                # No value here holds a comma, quote or line end, so none needs quoting.
                out.write(",".join(r[c] for c in columns) + "\n")
        else:
            out.write("[\n")
            for n in range(args.rows):
                r = row(n)
                obj = {c: (r[c] if r[c] != "" else None) for c in columns}
                for c in ("hours", "duration_days"):
                    obj[c] = int(obj[c])
                out.write(("  " if n == 0 else ", ") + json.dumps(obj, ensure_ascii=False) + "\n")
            out.write("]\n")


if __name__ == "__main__":
    main()

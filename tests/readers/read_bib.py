"""Reads a .bib file with pybtex and python-bibtexparser; prints JSON {pybtex: [...], bibtexparser: [...]}.
Each entry: key, title, keywords, author list, url, doi, exactly as the reader gives them."""
import json
import sys

import bibtexparser
from bibtexparser.bparser import BibTexParser
from pybtex.database import parse_file

path = sys.argv[1]
out = {"pybtex": [], "bibtexparser": []}
data = parse_file(path, bib_format="bibtex")
for key, entry in data.entries.items():
    out["pybtex"].append({
        "key": key,
        "title": entry.fields.get("title"),
        "keywords": entry.fields.get("keywords"),
        "url": entry.fields.get("url"),
        "doi": entry.fields.get("doi"),
        "authors": [{"first": " ".join(p.first_names + p.middle_names), "last": " ".join(p.prelast_names + p.last_names), "lineage": " ".join(p.lineage_names)} for p in entry.persons.get("author", [])],
    })
with open(path, encoding="utf-8") as handle:
    parser = BibTexParser(common_strings=True)
    db = bibtexparser.load(handle, parser=parser)
for entry in db.entries:
    out["bibtexparser"].append({"key": entry["ID"], "title": entry.get("title"), "keywords": entry.get("keywords"), "url": entry.get("url"), "doi": entry.get("doi")})
print(json.dumps(out))

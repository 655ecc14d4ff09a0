"""Deterministic test data for the CPR detector: planted positives and Danish prose.

``generate_positives`` embeds CPR-shaped numbers (a valid date DDMMYY and four
digits, every separator layout the detector claims) in varied Danish sentences.
``generate_prose`` writes Danish casework and municipal prose from templates: case
notes, investigations, action plans, meeting minutes, budgets, procurement letters and
statistics, rich in dates in every common layout, times, phone numbers, amounts,
journal numbers, CVR and P-numbers, postcodes, percentages and counts, and holding no
CPR number. Both are pure functions of their seed, so a failure is reproducible.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

# Every separator the detector claims between two groups: none, hyphens and dashes,
# dot, slash, underscore, and runs of one to three (non-breaking, thin) spaces.
SEPARATORS: tuple[str, ...] = (
    "",
    "-",
    "\u2010",
    "\u2011",
    "\u2012",
    "\u2013",
    "\u2014",
    ".",
    "/",
    "_",
    " ",
    "  ",
    "   ",
    "\u00a0",
    "\u2009",
    "\u202f",
    " \u00a0",
    "\u00a0\u2009\u202f",
)
LAYOUTS: tuple[tuple[str, str, str], ...] = tuple(
    itertools.product(SEPARATORS, SEPARATORS, SEPARATORS)
)

MOD11_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def passes_modulus_11(digits: str) -> bool:
    """True if the ten digits pass the pre-2007 CPR modulus-11 check."""
    return sum(int(d) * w for d, w in zip(digits, MOD11_WEIGHTS, strict=True)) % 11 == 0


@dataclass(frozen=True, slots=True)
class Positive:
    """A sentence with one planted CPR-shaped number at ``span``."""

    text: str
    span: tuple[int, int]
    digits: str  # the ten digits, separators removed
    born: dt.date
    layout: tuple[str, str, str]  # the separators in the three gaps


_POSITIVE_TEMPLATES: tuple[str, ...] = (
    "Barnets CPR-nummer er {n}.",
    "{n}",
    "{n} er barnets personnummer.",
    "Drengen ({n}) bor hos sin mor i {town}.",
    "Pigen, cpr {n}, går i 3. klasse.",
    "CPR: {n}\nNavn: udeladt",
    "Vedr. barn med cpr.nr.{n} – underretning modtaget.",
    "Oplysningerne om barnet [{n}] er videregivet til skolen.",
    'Mor skrev "{n}" i feltet til sit barns nummer.',
    "Jeg har talt med faderen til {n} om samvær.",
    "Underretningen om {n}, som kom fra daginstitutionen, er vurderet.",
    "Søskende: {n}; begge børn er anbragt i familiepleje.",
    "Sagen om barnet\t{n}\ter overført fra {kommune} Kommune.",
    "Nyfødt, personnr. {n}, udskrevet fra hospitalet.",
    "Den unge ({n}) ønsker at blive hørt om efterværn.",
    "Skolen oplyste cpr-nummeret {n}, som ikke må stå i journalen.",
    "Ref.: {n}/underretning",
    "Plejefamilien har modtaget barnets sundhedskort med nr. {n}!",
    "Er {n} det rigtige nummer på lillesøster?",
    "•\u00a0{n}\u00a0• barnet er visiteret til aflastning.",
)
_TOWNS = ("Aarhus", "Odense", "Esbjerg", "Viborg", "Næstved", "Hjørring", "Ishøj")
_KOMMUNER = ("Herning", "Svendborg", "Holbæk", "Aabenraa", "Frederikshavn", "Køge")


def _birth_date(rng: random.Random, index: int) -> dt.date:
    """Mostly children born 2007–2025; some adults back to 1930; leap days often."""
    if index % 40 == 0:  # a leap day in a leap year of either century
        year = rng.choice(range(1932, 2025, 4))
        return dt.date(year, 2, 29)
    low, high = (2007, 2025) if rng.random() < 0.8 else (1930, 2006)
    year = rng.randint(low, high)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def generate_positives(count: int = 12_000, seed: int = 5) -> list[Positive]:
    """Returns ``count`` sentences, each with one CPR-shaped number.

    The separator layouts cycle through all of ``LAYOUTS`` (18 separators at each of
    the three gaps), so ``count >= len(LAYOUTS)`` covers every layout.
    """
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    positives: list[Positive] = []
    for index in range(count):
        born = _birth_date(rng, index)
        serial = f"{rng.randint(0, 9999):04d}"
        dd, mm, yy = f"{born.day:02d}", f"{born.month:02d}", f"{born.year % 100:02d}"
        a, b, c = LAYOUTS[index % len(LAYOUTS)]
        number = f"{dd}{a}{mm}{b}{yy}{c}{serial}"
        template = _POSITIVE_TEMPLATES[index % len(_POSITIVE_TEMPLATES)]
        before, after = template.split("{n}")
        before = before.format(town=rng.choice(_TOWNS), kommune=rng.choice(_KOMMUNER))
        after = after.format(town=rng.choice(_TOWNS), kommune=rng.choice(_KOMMUNER))
        text = before + number + after
        positives.append(
            Positive(
                text=text,
                span=(len(before), len(before) + len(number)),
                digits=dd + mm + yy + serial,
                born=born,
                layout=(a, b, c),
            )
        )
    return positives


# --- Danish prose without CPR numbers --------------------------------------------

_ROLES = (
    "sagsbehandleren",
    "familierådgiveren",
    "socialrådgiveren",
    "teamlederen",
    "afdelingslederen",
    "myndighedsrådgiveren",
    "den børnefaglige koordinator",
    "sundhedsplejersken",
    "skolens AKT-lærer",
    "PPR-psykologen",
    "familiebehandleren",
    "kontaktpersonen",
    "plejefamiliekonsulenten",
    "juristen i Børn og Familie",
)
_CHILDREN = (
    "barnet",
    "drengen",
    "pigen",
    "den unge",
    "den 14-årige",
    "den 9-årige",
    "storesøsteren",
    "lillebroren",
    "tvillingerne",
    "søskendeflokken",
)
_PARENTS = (
    "mor",
    "far",
    "forældrene",
    "plejeforældrene",
    "bedsteforældrene",
    "den forældremyndighedsindehavende",
    "stedfar",
    "værgen",
)
_MEASURES = (
    "aflastning i en aflastningsfamilie",
    "familiebehandling efter § 32",
    "en fast kontaktperson",
    "anbringelse i familiepleje",
    "anbringelse på en døgninstitution",
    "et forebyggende forløb i Familiehuset",
    "praktisk pædagogisk støtte i hjemmet",
    "efterværn til det fyldte 23. år",
    "et netværksmøde med skole og sundhedspleje",
    "en børnesamtale med bisidder",
    "økonomisk støtte til fritidsaktiviteter",
    "en ungeindsats efter Barnets lov",
    "tilsyn med plejefamilien",
    "en opfølgende børnefaglig undersøgelse",
    "forældrekursus i De Utrolige År",
    "støttet samvær med far",
)
_PLACES = (
    ("Rådhuspladsen", "1550", "København V"),
    ("Rådhustorvet", "8000", "Aarhus C"),
    ("Nørregade", "5000", "Odense C"),
    ("Torvegade", "6700", "Esbjerg"),
    ("Skolegade", "8800", "Viborg"),
    ("Jernbanegade", "4700", "Næstved"),
    ("Springvandspladsen", "9800", "Hjørring"),
    ("Ishøj Store Torv", "2635", "Ishøj"),
    ("Bredgade", "7400", "Herning"),
    ("Ramsherred", "5700", "Svendborg"),
    ("Kanalstræde", "4300", "Holbæk"),
    ("Skelbækvej", "6200", "Aabenraa"),
    ("Rådhus Allé", "9900", "Frederikshavn"),
    ("Torvet", "4600", "Køge"),
    ("Stationsvej", "3400", "Hillerød"),
    ("Rådhusvej", "2880", "Bagsværd"),
    ("Østergade", "7800", "Skive"),
    ("Vestergade", "6950", "Ringkøbing"),
)
_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag")
_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


class _Slots:
    """Fills one slot kind at a time with a fresh, plausible value."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _day(self) -> dt.date:
        start = dt.date(2019, 1, 1).toordinal()
        return dt.date.fromordinal(start + self.rng.randint(0, 365 * 8))

    def date(self) -> str:
        d = self._day()
        layouts: tuple[Callable[[dt.date], str], ...] = (
            lambda x: f"{x.day:02d}.{x.month:02d}.{x.year}",
            lambda x: f"{x.day}.{x.month}.{x.year}",
            lambda x: f"{x.day:02d}.{x.month:02d}.{x.year % 100:02d}",
            lambda x: f"{x.day}/{x.month}-{x.year % 100:02d}",
            lambda x: f"{x.day}/{x.month} {x.year}",
            lambda x: f"{x.day:02d}/{x.month:02d}/{x.year}",
            lambda x: f"{x.day:02d}-{x.month:02d}-{x.year}",
            lambda x: x.isoformat(),
            lambda x: f"{x.day}. {_MONTHS[x.month - 1]} {x.year}",
            lambda x: f"den {x.day}. {_MONTHS[x.month - 1]}",
            lambda x: f"{x.day}.{x.month}.",
            lambda x: f"{_WEEKDAYS[x.weekday() % 5]} den {x.day}/{x.month}",
        )
        return self.rng.choice(layouts)(d)

    def time(self) -> str:
        hour, minute = self.rng.randint(7, 18), self.rng.choice((0, 15, 30, 45, 5))
        return self.rng.choice(
            (
                f"kl. {hour:02d}.{minute:02d}",
                f"kl. {hour}.{minute:02d}",
                f"kl. {hour}:{minute:02d}",
                f"kl. {hour:02d}.{minute:02d}-{hour + 1:02d}.{minute:02d}",
                f"fra kl. {hour} til kl. {hour + 2}",
                f"{hour:02d}:{minute:02d}",
            )
        )

    def phone(self) -> str:
        digits = f"{self.rng.choice((2, 3, 4, 5, 6, 7, 8, 9))}" + "".join(
            str(self.rng.randint(0, 9)) for _ in range(7)
        )
        pairs = " ".join(digits[i : i + 2] for i in range(0, 8, 2))
        return self.rng.choice(
            (
                digits,
                pairs,
                f"+45 {pairs}",
                f"+45 {digits}",
                f"{digits[:4]} {digits[4:]}",
                f"(+45) {digits[:4]} {digits[4:]}",
                f"+4520{digits[2:]}",
            )
        )

    def amount(self) -> str:
        value = self.rng.choice(
            (
                self.rng.randint(100, 9_999),
                self.rng.randint(10_000, 999_999),
                self.rng.randint(1_000_000, 250_000_000),
            )
        )
        dotted = f"{value:,}".replace(",", ".")
        spaced = f"{value:,}".replace(",", " ")
        return self.rng.choice(
            (
                f"{dotted} kr.",
                f"kr. {dotted}",
                f"{dotted},- kr.",
                f"DKK {spaced}",
                f"{value / 1_000_000:.1f}".replace(".", ",") + " mio. kr.",
                f"{dotted},{self.rng.randint(0, 99):02d} kr.",
                f"{round(value, -3):,} kr.".replace(",", "."),
            )
        )

    def jnr(self) -> str:
        year = self.rng.randint(2019, 2026)
        main = self.rng.choice((27, 27, 27, 28, 29, 17, 15))
        kle = f"{main}.{self.rng.randint(0, 40):02d}.{self.rng.randint(0, 30):02d}"
        facet = self.rng.choice(("P20", "P21", "G01", "A00", "K07", "P23", "G11"))
        serial = self.rng.randint(1, 9999)
        return self.rng.choice(
            (
                f"J.nr. {kle}-{facet}-{self.rng.randint(1, 40)}-{year % 100:02d}",
                f"sagsnr. {year}-{serial:06d}",
                f"j.nr. {year % 100:02d}/{self.rng.randint(1, 99999):05d}",
                f"sag nr. {kle}-{facet}-{serial}-{year % 100:02d}",
                f"KLE {kle}",
                f"dok.nr. {self.rng.randint(100000, 9999999)}-{year % 100:02d}",
                f"journalnummer {year}/{serial:04d}",
            )
        )

    def cvr(self) -> str:
        number = f"{self.rng.randint(10_000_000, 99_999_999)}"
        return self.rng.choice(
            (
                f"CVR-nr. {number}",
                f"CVR {number}",
                f"cvr.nr. {' '.join(number[i : i + 2] for i in range(0, 8, 2))}",
                f"SE-nr. {number}",
            )
        )

    def pnr(self) -> str:
        # P-numbers are ten digits issued upwards from 1000000000.
        number = f"{self.rng.randint(1_000_000_000, 1_034_999_999)}"
        return self.rng.choice(
            (f"P-nr. {number}", f"P-nummer {number}", f"p-nr.: {number}")
        )

    def place(self) -> str:
        street, code, town = self.rng.choice(_PLACES)
        number = self.rng.randint(1, 120)
        return self.rng.choice(
            (
                f"{street} {number}, {code} {town}",
                f"{street} {number}, st. tv., {code} {town}",
                f"{code} {town}",
                f"DK-{code} {town}",
            )
        )

    def pct(self) -> str:
        value = self.rng.uniform(0, 100)
        return self.rng.choice(
            (
                f"{value:.1f} %".replace(".", ","),
                f"{round(value)} pct.",
                f"{round(value)}%",
                f"{value:.2f} procent".replace(".", ","),
                f"{round(value)} procentpoint",
            )
        )

    def count(self) -> str:
        value = self.rng.choice(
            (
                self.rng.randint(2, 40),
                self.rng.randint(41, 999),
                self.rng.randint(1000, 99_999),
            )
        )
        return self.rng.choice((f"{value}", f"{value:,}".replace(",", ".")))

    def year(self) -> str:
        year = self.rng.randint(2015, 2027)
        return self.rng.choice(
            (f"{year}", f"{year}-{year + 1}", f"{year}/{(year + 1) % 100:02d}")
        )

    def week(self) -> str:
        week = self.rng.randint(1, 52)
        return self.rng.choice(
            (
                f"uge {week}",
                f"uge {week}-{week + 1}",
                f"uge {week:02d}/{2020 + week % 7}",
            )
        )

    def age(self) -> str:
        return f"{self.rng.randint(0, 22)}"

    def law(self) -> str:
        return self.rng.choice(
            (
                f"§ {self.rng.randint(1, 200)}, stk. {self.rng.randint(1, 6)}",
                f"§ {self.rng.randint(20, 80)}, stk. 2, nr. {self.rng.randint(1, 9)}",
                f"LBK nr. {self.rng.randint(100, 1999)} af {self.date()}",
                f"lov nr. {self.rng.randint(100, 999)} af {self.date()}",
                f"Barnets lov § {self.rng.randint(1, 200)}",
                f"servicelovens § {self.rng.randint(1, 150)}",
            )
        )

    def role(self) -> str:
        return self.rng.choice(_ROLES)

    def child(self) -> str:
        return self.rng.choice(_CHILDREN)

    def parent(self) -> str:
        return self.rng.choice(_PARENTS)

    def measure(self) -> str:
        return self.rng.choice(_MEASURES)

    def kommune(self) -> str:
        return self.rng.choice(_KOMMUNER + _TOWNS)


_PROSE_TEMPLATES: tuple[str, ...] = (
    # Case notes (journalnotater)
    "Journalnotat {date}: {role} havde {time} en samtale med {parent} om {child}s"
    " trivsel i skolen.",
    "{child} har siden {date} haft {count} dages fravær, svarende til {pct} af"
    " skoledagene.",
    "{parent} ringede {time} fra {phone} og oplyste, at {child} ikke var kommet"
    " hjem efter skole.",
    "Der er modtaget en underretning {date} fra skolen; den er journaliseret under"
    " {jnr}.",
    "Underretningen blev vurderet inden for 24 timer, jf. {law}, og {role} tog"
    " kontakt til {parent} {date}.",
    "Samtalen med {child} fandt sted {date} {time} i Familiehuset, {place}.",
    "{role} aftalte med {parent} at mødes igen {date} {time}.",
    "{child} er {age} år og går i {age}. klasse; klassen har {count} elever.",
    "{parent} kan træffes på {phone} på hverdage {time}.",
    "Ved hjemmebesøget {date} var der ryddeligt, og {child} viste sit værelse.",
    "{role} har {date} sendt brev til {parent} med partshøring; svarfristen er {date}.",
    "Sagen er overdraget fra {kommune} Kommune {date} under {jnr}.",
    "Der blev holdt børnesamtale {date}; {child} fortalte om sin hverdag og sine"
    " venner.",
    "{parent} har givet samtykke {date} til, at {role} indhenter oplysninger fra"
    " lægen.",
    "Lægen på {place} svarede {date}; udtalelsen ligger som {jnr}.",
    # Investigations and action plans
    "Den børnefaglige undersøgelse efter {law} blev påbegyndt {date} og skal være"
    " afsluttet senest {date}.",
    "Undersøgelsen viser, at {child} har brug for {measure}.",
    "Handleplanen fra {date} fastsætter som mål, at {child} kommer i skole mindst"
    " {pct} af tiden.",
    "Indsatsen {measure} iværksættes {date} og følges op {week}.",
    "Opfølgning på handleplanen er planlagt til {date} {time}.",
    "{role} vurderer, at {measure} er tilstrækkelig, og at der ikke er grundlag for"
    " anbringelse.",
    "Børn og unge-udvalget behandlede sagen {date} {time}, jf. {law}.",
    "{child} flyttede {date} til en plejefamilie i {kommune}; afstanden er {count} km.",
    "Samvær med {parent} finder sted hver anden weekend, første gang {date}.",
    "Bevillingen til {measure} gælder fra {date} til {date}.",
    "Der er bevilget {count} timer om ugen i {week}.",
    # Meetings and minutes
    "Referat af netværksmøde {date} {time}. Til stede: {role}, {parent} og {role}.",
    "Mødet blev holdt i mødelokale {age}, {place}.",
    "Næste møde er {date} {time}; afbud til {phone}.",
    "Punkt {age}: Status på {measure}. {^role} orienterede om forløbet siden {date}.",
    "Dagsorden udsendt {date}; bilag {age} og {age} er eftersendt.",
    "Teammødet {week} gennemgik {count} nye underretninger og {count} igangværende"
    " undersøgelser.",
    "Tværfagligt møde {date} med skole, PPR og sundhedspleje; varighed {count}"
    " minutter.",
    # Budgets and finance
    "Budgettet for anbringelser er {amount} i {year}, en stigning på {pct} fra året"
    " før.",
    "Forbruget pr. {date} udgør {amount} af et samlet budget på {amount}.",
    "Merforbruget på forebyggende foranstaltninger forventes at blive {amount}.",
    "Taksten for en døgninstitutionsplads er {amount} pr. døgn i {year}.",
    "Udgiften til {measure} var {amount} for {count} børn i {year}.",
    "Kommunens samlede udgifter til udsatte børn og unge var {amount} i {year},"
    " svarende til {amount} pr. 0-17-årig.",
    "Der er i {year} afsat {amount} til implementering af Barnets lov.",
    "Regningen på {amount} er betalt {date} og bogført under {jnr}.",
    "Refusion fra staten på {amount} forventes {date}.",
    # Procurement, suppliers, addresses
    "Leverandøren, {cvr}, {pnr}, har adresse på {place}.",
    "Kontrakten med opholdsstedet ({cvr}) løber fra {date} til {date}.",
    "Tilsynet besøgte opholdsstedet på {place} {date} {time}; {pnr}.",
    "Faktura sendes elektronisk til EAN 5798000{count}, att. {role}.",
    "Kontakt Børn og Familie, {place}, tlf. {phone}, hverdage {time}.",
    "Socialtilsyn Hovedstaden godkendte {date} plejefamilien; {jnr}.",
    "Henvendelser vedr. udbuddet sendes senest {date} {time} til {role} på {phone}.",
    "Opholdsstedet har {count} pladser og en belægning på {pct}; {cvr}.",
    "Bosted: {place}. {pnr}. Godkendt til {count} unge i alderen {age}-{age} år.",
    # Statistics and reporting
    "I {year} modtog kommunen {count} underretninger, heraf {pct} fra skolerne.",
    "Andelen af anbragte børn i familiepleje var {pct} pr. {date}.",
    "Sagsbehandlingstiden var i gennemsnit {count} dage i {year} mod {count} dage"
    " i {year}.",
    "{count} børn var anbragt uden for hjemmet pr. {date}, {pct} færre end året før.",
    "Tabel {age} viser {count} forebyggende foranstaltninger fordelt på {count}"
    " familier.",
    "Rådgiverne har i gennemsnit {count} sager hver; målet er højst {count}.",
    "Svarprocenten i målingen {week} blev {pct}.",
    "Fra {date} til {date} steg antallet af sager med {count} ({pct}).",
    "Data er trukket {date} {time} fra fagsystemet; udtræk nr. {count}.",
    "Ventetiden på PPR-udredning var {count} uger i {year}.",
    "Kommunen har {count} indbyggere, heraf {count} under 18 år ({pct}).",
    # Letters and practicalities
    "Du kan klage over afgørelsen inden 4 uger, jf. {law}.",
    "Afgørelsen er truffet {date} og sendt til {parent} med Digital Post.",
    "Hvis du har spørgsmål, kan du ringe til {role} på {phone} {time}.",
    "Vi har modtaget din ansøgning {date} og forventer at svare inden {date}.",
    "Mødet flyttes fra {date} til {date} {time} på grund af sygdom.",
    "Kørsel til samvær godtgøres med {amount} pr. km; i alt {count} km i {year}.",
    "Åbningstid: {weekday} {time}, telefontid {time} på {phone}.",
    "Fristen for partshøring er {count} dage; svar sendes til {place}.",
    "{child} starter i 0. klasse {date} på skolen, {place}.",
    "{role} er på ferie {week} og {week}; sager fordeles af {role}.",
    "Vagttelefonen uden for åbningstid er {phone}.",
    "{child} har {date} fået bevilget {measure}.",
    "Efter {law} skal {role} inddrage {child} ved samtale senest {date}.",
    "Plejevederlaget er {age} vederlag à {amount} pr. måned fra {date}.",
)


def _fill(template: str, slots: _Slots) -> str:
    out: list[str] = []
    rest = template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        name, _, rest = tail.partition("}")
        out.append(head)
        capital = name.startswith("^")
        name = name.lstrip("^")
        if name == "weekday":
            value = slots.rng.choice(_WEEKDAYS)
        else:
            filler: Callable[[], str] = getattr(slots, name)
            value = filler()
        out.append(value[0].upper() + value[1:] if capital else value)
    out.append(rest)
    text = "".join(out).replace("..", ".")  # "1.250 kr." ending a sentence
    return text[0].upper() + text[1:]


def generate_prose(words: int = 250_000, seed: int = 4) -> str:
    """Returns Danish casework prose of at least ``words`` words, in paragraphs."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    slots = _Slots(rng)
    paragraphs: list[str] = []
    written = 0
    while written < words:
        sentences = [
            _fill(rng.choice(_PROSE_TEMPLATES), slots) for _ in range(rng.randint(2, 7))
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        written += len(paragraph.split())
    return "\n\n".join(paragraphs)


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space."""
    return len(text.split())

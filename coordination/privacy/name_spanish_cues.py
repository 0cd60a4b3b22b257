"""Spanish cues around a word, read by the rules of `_Reading` (name_reading.py): how
Spanish addresses a person ("la senora paz"), who a person is after a comma ("Jesús, el
mayor de los tres hermanos"), and the small words after a role that open no name."""

from __future__ import annotations

from .languages import HEADS_BEFORE, SPANISH_KIN, SPANISH_SMALL_WORDS
from .lexicons import word_set
from .not_people import us_towns

# How Spanish addresses a person before a given name ("la senora paz", "don beto").
_SPANISH_ADDRESS = frozenset(("senora", "sra", "senor", "sr", "don", "dona"))
# Spanish words that follow a role and open no name: "of the", and the clitics.
_SPANISH_SMALL_AFTER_A_ROLE = frozenset(("del", "al", "les", "le", "lo", "se", "me", "nos"))
# Who a person is, after their name and a comma: "Amparo, la mesera de más edad".
_WHO_AFTER_A_COMMA = frozenset(
    ("mesera", "mesero", "cocinera", "cocinero", "trabajadora", "trabajador", "empleada")
    + ("empleado", "esposa", "esposo", "novia", "novio", "vecina", "vecino", "amiga", "amigo")
    + ("compañera", "companera", "compañero", "companero", "encargada", "encargado", "dueña")
    + ("duena", "dueño", "dueno", "patrona", "patrón", "patron", "muchacha", "muchacho")
    + ("señora", "senora", "señor", "senor", "joven", "niña", "nina", "niño", "nino")
    # who runs the work: "Chepe el contratista no paga", "Yoni, el capataz"
    + ("contratista", "capataz", "mayordomo", "chofer", "raitero", "reclutador", "coyote")
    # who works the case: "Broussard, el defensor público", "Vidrine, la fiscal"
    + ("defensor", "defensora", "fiscal", "abogado", "abogada", "juez", "jueza", "agente")
    + ("detective", "sargento", "teniente", "intérprete", "interprete", "testigo")
)

# Nicknames Spanish speakers give, common words too: "Flaca avisó", "Tigre y Chino traen…"
_APODOS = word_set(
    "flaca flaco chino china guero guera gordo gorda chato chata tigre negro negra pelon "
    "chaparro chaparra moreno morena guerito guerita nene nena chamaco cuate gallo toro chivo "
    "cuervo pajaro zorro mono mona pollo flaquita gordito chele chela catracho guanaco "
    # and the short forms of given names: Guillermo, José, Jesús, Francisco, Ignacio…
    "memo chepe chuy paco pancho nacho beto tono lupe lupita tavo chente chayo chelo chucho "
    "lalo pepe quique kike rafa nando checo poncho goyo licha meche maru tere cuca chabela"
)
# What follows a person called by name at the head of a voice note or a message, with or
# without a comma: "Mauricio, mira lo que me dijo…", "Wendy buenas tardes te cuento…".
_AFTER_A_CALLED_NAME = frozenset(
    ("mira", "oye", "fijate", "buenas", "buenos", "hola", "disculpa", "perdona", "perdon")
    + ("escucha", "sabes", "te", "ayudame", "avisame", "llamame", "marcame")
)
# What may stand before that name: a greeting ("Hola Wendy, …", "Buenos días doña…").
_GREETINGS = frozenset(("hola", "oye", "buenas", "buenos", "dias", "tardes", "noches"))

_TOWARDS = frozenset(("via", "desde", "hacia", "hasta", "rumbo"))
# Coming or brought from a place: "los trae de Houston", "llegaron desde Tyler" (not "el
# carro de Pedro": what a person owns is not after these).
_COMING = frozenset(
    ("viene", "vienen", "vino", "vinieron", "trae", "traen", "trajo", "trajeron", "llego")
    + ("llegaron", "llega", "llegan", "salio", "salieron", "regreso", "regresaron", "mudo")
    + ("mudaron", "escapo", "escaparon", "huyo", "huyeron", "mandaron", "mando", "manda")
)


# How a married woman is addressed before "de" and her husband's name: "la Sra. de Acevedo".
_MARRIED = frozenset(("sra", "senora", "vda", "viuda"))
# What is said or asked of a person after "a": "le pregunté a Justo", "le dije a Rey".
_ASKING = ("pregunt", "dij", "cont", "avis", "escrib", "ped", "pid", "rog", "suplic")
# Verbs before "en" and a person: "confía en Rosa", "pensaba en Luz", "cree en Paz".
_THINKING = ("pens", "pien", "confi", "cree", "creer", "crei", "creí", "fij", "apoy", "insist")
# A land's parts, before "de" and its name: "la selva del Darién", "el departamento de Cortés".
_REGIONS = word_set(
    "selva provincia departamento estado municipio ciudad pueblo aldea caserio valle rio "
    "golfo costa sierra region zona colonia canton distrito puerto isla peninsula desierto "
    "frontera tapon playa bahia lago laguna volcan"
)


_INSIDE_A_NAME = frozenset(("de", "del", "la", "el", "los", "las", "y"))
# What kind of school or hospital, in lower case between the head and the name.
_A_HEADS_KIND = word_set(
    "primaria secundaria elemental intermedia media preparatoria general comunitaria "
    "publica regional municipal"
)
# Who comes from a land, before "de" and its name: "cubano de Trinidad", "oriunda de …".
_FROM_A_LAND = word_set(
    "cubano cubana mexicano mexicana hondureno hondurena guatemalteco guatemalteca "
    "salvadoreno salvadorena nicaraguense venezolano venezolana colombiano colombiana "
    "dominicano dominicana ecuatoriano ecuatoriana peruano peruana originario originaria "
    "oriundo oriunda natural nativo nativa"
)
_LANDS = _REGIONS | _FROM_A_LAND


class _SpanishCues:
    """Mixed into `_Reading` (through `_SpanishNames`), which holds the text and tokens."""

    def _addressed_in_spanish(self, at: int) -> bool:
        """After "señora", "don", "doña", a word the lists give as a first name, plain in
        Spanish or not: "la senora paz", "doña luz" (not "la señora de la tienda")."""
        word = self.toks[at].bare
        return (
            self.r.language == "es"
            and at > 0
            and self.toks[at - 1].bare in _SPANISH_ADDRESS
            and self.lex.is_first_name(word)
            and word not in SPANISH_SMALL_WORDS
            and not self.r.blocked(self.toks[at])
        )

    def _spanish_kin_after(self, at: int) -> bool:
        """After a name and a comma, in Spanish, who the person is: "Jesús, el mayor de los
        tres hermanos", "Maribel, su prima"."""
        toks = self.toks
        return (
            self.r.language == "es"
            and at + 1 < self.count
            and toks[at].bare in ("el", "la", "su", "una", "un")
            and (
                toks[at + 1].bare in SPANISH_KIN
                or toks[at + 1].bare in ("mayor", "menor")
                or toks[at + 1].bare in _WHO_AFTER_A_COMMA
            )
        )

    def _called_by_name(self, i: int) -> bool:
        """A Spanish note that opens by calling someone: "Mauricio, mira…", "Hola Wendy,
        te cuento…" (not "Houma, mira…": the caller checks what the word is)."""
        toks = self.toks
        if self.r.language != "es" or (i > 0 and toks[i - 1].bare not in _GREETINGS):
            return False
        at = i + 2 if i + 1 < self.count and toks[i + 1].text == "," else i + 1
        return at < self.count and toks[at].bare in _AFTER_A_CALLED_NAME

    def _called_or_described(self, i: int, blocked: bool) -> bool:
        """A given name or a nickname called at a note's head, or with a role after it and
        no comma: "Mauricio, mira…", "Chepe el contratista no paga"; a married name ("la
        Sra. de Acevedo"); a person's word reported ("Según Paz, las jóvenes…")."""
        toks, word = self.toks, self.toks[i].bare
        named = self._given(i) or word in _APODOS
        described = self._called_by_name(i) or self._spanish_kin_after(i + 1)
        if blocked or self.covered[i]:
            return False
        married = i > 1 and toks[i - 1].bare == "de" and toks[i - 2].bare in _MARRIED
        reported = (
            i > 0
            and toks[i - 1].bare == "segun"
            and i + 1 < self.count
            and toks[i + 1].text == ","
            and self.lex.is_first_name(word)
        )
        # "Rey es el q maneja la van", "Pelón, el que cobra la renta", "le pregunté a Justo"
        said = i + 3 < self.count and (toks[i + 1].bare == "es" or toks[i + 1].text == ",")
        said = (
            said and toks[i + 2].bare in ("el", "la") and toks[i + 3].bare in ("que", "q", "quien")
        )
        asked = i > 1 and toks[i - 1].bare == "a" and toks[i - 2].bare.startswith(_ASKING)
        asked = asked and self.lex.is_first_name(word)
        return (named and (described or said)) or asked or married or reported

    def _come_from_a_place(self, i: int) -> bool:
        """A place after "vía", "desde" (not a given name: "desde Hidalgo"), after "en" (not
        "confía en Rosa"), after a region's word and "de" ("la selva del Darién"), or a town
        anywhere in the country after coming from ("los trae de Houston")."""
        toks = self.toks
        if i > 0 and toks[i - 1].bare in _TOWARDS and not self._given(i):
            return True
        plural = i > 1 and toks[i - 1].bare in ("de", "del") and toks[i - 2].bare.endswith("s")
        if plural and toks[i - 2].bare not in SPANISH_KIN and (toks[i].bare,) in us_towns():
            return True  # who is from a town, not kin: "las peladoras de Henderson dicen…"
        if i > 0 and toks[i - 1].bare == "en":
            return i < 2 or not toks[i - 2].bare.startswith(_THINKING)  # "vivió en Soledad"
        if i > 1 and toks[i - 1].bare in ("de", "del") and toks[i - 2].bare in _LANDS:
            return True
        return (
            i > 1
            and toks[i - 1].bare in ("de", "desde")
            and toks[i - 2].bare in _COMING
            and (toks[i].bare,) in us_towns()
        )

    def _head_before(self, index: int) -> bool:
        """A Spanish head noun before, past the organisation's own words ("Iglesia San Juan
        Bautista"), or in lower case right before its first word: "el bar La Perla", "la
        escuela primaria Ella Dolhonde"."""
        before, first = index - 1, index
        while before >= max(0, index - 6):
            token = self.toks[before]
            if before == first - 1 and token.text.islower() and token.bare in _A_HEADS_KIND:
                first, before = before, before - 1
                continue
            opened = before == first - 1 or self.toks[before + 1].capitalised
            shouted = token.text.isupper() and self.case == "mixed"  # not "CASA Debbie"
            if token.bare in HEADS_BEFORE and (token.capitalised or opened) and not shouted:
                return True
            if not (token.capitalised or token.bare in _INSIDE_A_NAME):
                return False
            before -= 1
        return False

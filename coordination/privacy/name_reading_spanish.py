"""The rules of `_Reading` (name_reading.py) for notes in Spanish (issue 22): a name by what
is said of it ("es el Cuervo, un señor alto", "Pilar, de 19 años"), by what follows it
("Nolvia contó") or by who met it ("Atendimos a Pilar")."""

from __future__ import annotations

from .languages import HEADS_BEFORE, SPANISH_DEEDS, SPANISH_KIN, SPANISH_SMALL_WORDS
from .lexicons import COMMON_AS_A_NAME, word_set
from .name_spanish_cues import _APODOS, _SpanishCues
from .name_words import _STOPS
from .not_people import places

_SPANISH_PERSONAL = frozenset(
    ("no", "nunca", "ya", "tambien", "le", "les", "lo", "se", "me", "nos")
)
# What only a person did: a place "tiene" or "sigue", it never "dejó la escuela".
_PERSON_DID = word_set(
    "dijo conto llego salio dejo volvio regreso huyo escapo trajo llevo nego acepto pidio "
    "hablo contesto grito golpeo amenazo respondio confirmo denuncio declaro explico aviso "
    "llamo mando prometio firmo reconocio admitio"
)

# What is said of a person in Spanish: "el Cuervo, un señor alto", "Memo: es el que lleva la
# cuenta", "Chino es el encargado".
_SPANISH_PEOPLE = word_set(
    "senor senora hombre mujer muchacho muchacha chavo chava tipo viejo vieja joven chamaco"
)

_SPANISH_ROLES = word_set(
    "encargado encargada jefe jefa patron patrona dueno duena contratista mayordomo capataz "
    "reclutador reclutadora coyote raitero chofer"
)

_SAINTS = frozenset(("san", "santo", "santa", "virgen"))
_SAID = word_set("dijo dice conto explico comento aclaro")
# The second part of a compound given name: "María de los Ángeles", "José de Jesús".
_MARIAN = word_set(
    "angeles carmen jesus cruz rosario lourdes fatima guadalupe luz pilar paz socorro "
    "santos concepcion refugio dolores mercedes montserrat nieves consuelo lujan"
)
# What stands in a place: "el refugio de Alexandria", "cuadrillas de Houston".
_SITES = word_set(
    "refugio albergue planta plantas fabrica cuadrilla cuadrillas campo campos muelle muelles "
    "puerto oficina parroquia escuela hospital clinica consulado corte carcel condado"
)


# Pronouns only a verb follows ("les quita", "le reza"; not "la", also an article).
_BEFORE_A_VERB = frozenset(("les", "le", "me", "te", "se", "nos"))
# "Lupita, la más chica": the youngest or eldest among siblings
_YOUNGEST = word_set("chica chico chiquita chiquito pequena pequeno grande mayor menor joven")

_TALKED = word_set(
    "hablamos hable hablo hablaron platicamos platique platico conversamos converse "
    "converso nos me se reunimos reunio reuni quedamos quedo trabaja trabajaba vive vivia"
)

# Verbs whose "a" takes a person: "preguntamos a", "atendimos a", "acompañé a"
_MET_SOMEONE = word_set(
    "preguntamos pregunte pregunto preguntaron atendimos atendi atendio atendieron "
    "entrevistamos entreviste entrevisto acompanamos acompane acompano llamamos llame llamo "
    "visitamos visite visito vimos vi vio conocimos conoci conocio ayudamos ayude ayudo "
    "buscamos busque busco encontramos encontre encontro recogimos recogio dijimos dije dijo "
    "avisamos avise aviso explicamos explique explico"
)
_IS = frozenset(("es", "era", "fue"))
_COLOURS = word_set(
    "blanco blanca negro negra rojo roja azul verde amarillo amarilla gris rosa rosado "
    "rosada morado morada cafe violeta celeste dorado dorada plateado plateada"
)
# What a colour follows: "es rosa", "color rosa", "una troca blanca".
_OF_A_COLOUR = word_set(
    "es son era color muy troca camioneta carro coche auto van pickup camion vestido"
)
_NOW = frozenset(("tambien", "ya", "no", "siempre", "nunca", "todavia", "ahora", "aun"))
_CLITICS = frozenset(("me", "te", "le", "les", "nos", "lo", "los", "se"))
_ASKED = word_set("pregunto pregunta preguntaron preguntando preguntamos pregunte preguntan")
_ARTICLES = frozenset(("el", "la", "los", "las", "un", "una", "lo"))

_IMPERSONAL = frozenset(("es", "hay", "son", "existe", "basta", "sirve", "alcanza"))


class _SpanishNames(_SpanishCues):
    """Mixed into `_Reading`, which holds the text, its tokens and the names found."""

    def spanish_nickname(self, i: int) -> None:
        """In a Spanish note, a nickname or name by what is said of it: "es el Cuervo, un
        señor alto", "a Memo: es el que lleva la cuenta", "Chino es el encargado". A common
        Spanish word counts only after "el" or "la", or before a boss's or a recruiter's
        role ("El Consulado es el que da citas" is a place)."""
        toks, token = self.toks, self.toks[i]
        if self.r.language != "es" or self._kin_then_a_name_in_lower_case(i):
            return
        if self.case != "mixed" or self.covered[i]:
            return
        if not token.capitalised or not token.text.isalpha() or token.text.isupper():
            return
        nicknamed = i > 0 and toks[i - 1].text in ("el", "la", "a", "al")  # "miedo a Memo"
        # "es el Consulado de Honduras", "es el Gobierno": an institution, not a nickname
        of_a_place = (
            (i + 1 < self.count and toks[i + 1].bare in ("de", "del"))
            or token.bare in HEADS_BEFORE
            or token.bare in ("gobierno", "municipio", "sistema", "seguro", "estado")
        )
        # "su novio, el Chino, la llevaba": a relation or a role, then the nickname
        apposed = (
            i > 2 and toks[i - 2].text == "," and toks[i - 3].bare in SPANISH_KIN | _SPANISH_ROLES
        )
        if nicknamed and not of_a_place and (apposed or self._the_one_who(i)):
            self.found.append((i, i + 1, False))  # "El que trae a las muchachas … es el Chivo"
            return
        word = token.bare not in self.r.common_there and not self.r.blocked(token)
        at = i + 1
        if at < self.count and toks[at].text in (",", ":"):
            at += 1
            if self._described(i, at, nicknamed, word):
                self.found.append((i, i + 1, False))
                return
        if (
            at + 2 < self.count
            and toks[at].bare in ("es", "era", "fue")
            and toks[at + 1].bare in ("el", "la")
        ):
            role = toks[at + 2].bare
            # "Socorro fue la que abrió": a given name with no article is a person here
            unarticled = self._given(i) and not (i > 0 and toks[i - 1].bare in _ARTICLES)
            if role in _SPANISH_ROLES or (
                role in ("que", "quien") and (nicknamed or word or unarticled)
            ):
                self.found.append((i, i + 1, False))

    def _kin_then_a_name_in_lower_case(self, i: int) -> bool:
        """ "mi prima sol me dijo…", "su tio beto les cobra": a kin word, a given name in
        lower case, then what a person does, a pronoun before it or not (found, and True)."""
        toks, token = self.toks, self.toks[i]
        if i == 0 or toks[i - 1].bare not in SPANISH_KIN or not token.text.islower():
            return False
        if not self.lex.is_first_name(token.bare) or token.bare in SPANISH_SMALL_WORDS | _YOUNGEST:
            return False  # "su hermana mayor"
        did = i + 1
        while did < min(self.count - 1, i + 3) and toks[did].bare in _CLITICS | _NOW:
            did += 1  # "mi prima sol tambien trabaja ahi", "su tio beto ya les cobra"
        if did >= self.count or toks[did].bare not in SPANISH_DEEDS:
            return False
        self.found.append((i, i + 1, False))
        return True

    def _described(self, i: int, at: int, nicknamed: bool, word: bool) -> bool:
        """What follows a capitalised word and a comma makes it a person: "el Cuervo, un
        señor alto", "era Paz, la esposa del contratista", "Pilar, de 19 años", "Lupita, la
        más chica"."""
        toks, count = self.toks, self.count
        if at + 1 >= count:
            return False
        first, then = toks[at].bare, toks[at + 1].bare
        if first in ("un", "una") and then in _SPANISH_PEOPLE:
            return nicknamed or word
        # after a comma, not a colon: "la escuela Ella Dolhonde: la mamá pidió…"
        kin = (
            toks[at - 1].text == ","
            and first in ("el", "la")
            and (
                then in SPANISH_KIN | _SPANISH_ROLES
                or (then == "mas" and at + 2 < count and toks[at + 2].bare in _YOUNGEST)
            )
        )
        if kin:  # "era Paz, la esposa del contratista": who she is makes a word a name
            return word or self._given(i) or (i > 0 and self.toks[i - 1].bare in _IS)
        # an age: "Pilar, de 19 años", "Chuy, 15 años"
        at += first == "de"
        return at + 1 < count and toks[at].text.isdigit() and toks[at + 1].bare in ("anos", "años")

    def _the_one_who(self, i: int) -> bool:
        """ "es el Chivo" after "el que …" or "la que …" in the same sentence."""
        toks = self.toks
        if i < 2 or toks[i - 2].bare not in ("es", "era", "fue"):
            return False
        back = i - 3
        while back > max(0, i - 16) and toks[back].text not in _STOPS:
            if toks[back].bare == "que" and toks[back - 1].bare in ("el", "la", "los", "las"):
                return True
            back -= 1
        return False

    def _a_role_after_an_article(self, at: int) -> bool:
        """ "EL PATRÓN", "la promotora": a Spanish article, then a role or a relation."""
        toks = self.toks
        return (
            self.r.language == "es"
            and at + 1 < self.count
            and toks[at].folded in ("el", "la", "los", "las")
            and (toks[at + 1].bare in _SPANISH_ROLES or toks[at + 1].bare in SPANISH_KIN)
        )

    def _a_saint(self, i: int) -> bool:
        """ "San Simón", "Santa Elena", "Santo Niño de Atocha", "el Santo Hermano Pedro", "la
        Virgen de Suyapa": a saint, or a place named after one, in a Spanish note ("San" is
        no one's given name there); nor an article before an acronym or a head ("El MOU")."""
        toks = self.toks
        if self.r.language != "es":
            return False
        if toks[i].folded in ("el", "la", "los", "las") and i + 1 < self.count:
            head = toks[i + 1]  # an article, then an acronym or a place's or a thing's head
            return (
                head.text.isupper()
                or head.bare in HEADS_BEFORE
                or head.bare in _SAINTS
                or self.covered[i + 1]
            )
        return any(t.bare in _SAINTS and t.capitalised for t in toks[max(0, i - 2) : i + 1])

    def _a_groups_name(self, i: int) -> bool:
        """ "la cuadrilla Los Tecolotes", "Los Barriletes Gigantes de Sumpango": a plural
        after "Los" or "Las" that is no surname ("los Cárcamo" is a family), or a place
        after a capitalised plural and "de"."""
        toks, word = self.toks, self.toks[i].bare
        if i > 0 and toks[i - 1].folded in ("los", "las") and toks[i - 1].capitalised:
            return word.endswith("s") and not self.lex.is_surname(word)
        return (
            i > 1
            and toks[i - 1].bare == "de"
            and toks[i - 2].capitalised
            and toks[i - 2].bare.endswith("s")
            and toks[i - 2].bare in self.r.common_there
        )

    def _spanish_family(self, i: int) -> None:
        """ "la camioneta es de los Cárcamo": a family by its surname (not "los Santos",
        "los Reyes", plurals of common words, nor "Los Ángeles", a place)."""
        toks, after = self.toks, i + 1
        if toks[i].text != "los" or after >= self.count or self.covered[after]:
            return
        word, common = toks[after].bare, self.r.common_there
        # a plural of a common word: "los Santos", "los Reyes" (not "los Cruz": "cr")
        plural = (word.endswith("s") and word[:-1] in common) or (
            word.endswith("es") and word[:-2] in common
        )
        if toks[after].capitalised and self.lex.is_surname(word) and not plural:
            self.found.append((after, after + 1, True))

    def _an_apodo_acting(self, i: int) -> bool:
        """A nickname Spanish speakers give, capitalised, doing something: "el Cuervo
        manejaba", "El Chino nos llevó", "Tigre y Chino traen…"."""
        toks = self.toks
        if self.r.language != "es" or toks[i].bare not in _APODOS or not toks[i].capitalised:
            return False
        after = toks[i + 1 : i + 4]
        if after and (after[0].bare in SPANISH_DEEDS or after[0].bare in _SPANISH_PERSONAL):
            return True
        return (
            len(after) == 3
            and after[0].bare == "y"
            and after[1].capitalised
            and after[2].bare in SPANISH_DEEDS
        )

    def _a_compound_given_name(self, i: int) -> bool:
        """ "María de los Ángeles", "José de Jesús", "María del Carmen": a given name many
        bear, "de", then a Marian or devotional name (not after a saint: "Santa María de
        …")."""
        toks = self.toks
        if i + 2 >= self.count or toks[i + 1].bare not in ("de", "del") or not self._given(i):
            return False
        at = i + 3 if toks[i + 2].folded in _ARTICLES else i + 2
        # the second part a Marian or devotional name: not "Luz del Mundo", a church
        return at < self.count and toks[at].capitalised and toks[at].bare in _MARIAN

    def _quoted_before_said(self, i: int) -> bool:
        """ "Benigno, dijo el médico": what was said, then who said it (not a given name
        many bear: "Marta, dijo la señora, ya no trabaja ahí")."""
        words = [t.bare for t in self.toks[i + 1 : i + 4]]
        said = len(words) == 3 and words[0] == "," and words[1] in _SAID
        return said and words[2] in _ARTICLES and not self._given(i)

    def _a_place_of_a_thing(self, i: int) -> bool:
        """A place Lantern knows after "de" and what stands somewhere ("el refugio de
        Alexandria", "la planta de langostinos de Eunice"), not after a person or what a
        person owns ("la hija de Eunice", "la troca de Elmer")."""
        toks = self.toks
        if i < 2 or toks[i - 1].bare not in ("de", "del") or (toks[i].bare,) not in places():
            return False
        return any(t.bare in _SITES for t in toks[max(0, i - 4) : i - 1])

    def _given(self, i: int) -> bool:
        """A given name many people bear, not a small word some lists hold ("Ella")."""
        word = self.toks[i].bare
        return (
            self.lex.births.get(word, 0) >= COMMON_AS_A_NAME
            and word not in SPANISH_SMALL_WORDS
            and not self.r.blocked(self.toks[i])
        )

    def _spanish_alone(self, i: int, middle: bool) -> bool:
        """Whether a Spanish note's capitalised word is settled (True: found or not a name):
        a word that is not Spanish, then what a person does ("Nolvia contó"), is a name; a
        common Spanish word opening a sentence ("Esperanza es lo que…", "Amparo legal") or
        ending an organisation's name ("Puentes de Esperanza", "San Vicente de Paúl") is
        not."""
        toks, word = self.toks, self.toks[i].bare
        if self._an_english_name_of_a_thing(i):
            return True  # "la abogada de Legal Aid explicó", "Wage and Hour dice"
        # what a person does, after a pronoun or not: "Nacho me dijo que…"
        did = i + 2 if i + 2 < self.count and toks[i + 1].bare in _CLITICS else i + 1
        deed = did < self.count and toks[did].bare in SPANISH_DEEDS
        deed = deed or self._an_apodo_acting(i)
        if self._a_compound_given_name(i):
            self.found.append((i, i + 4 if toks[i + 2].folded in _ARTICLES else i + 3, False))
            return True
        blocked = self.r.blocked(toks[i])
        if self._come_from_a_place(i):
            return True  # "llegó de Choluteca vía Reynosa", "desde Hidalgo", "de Houston"
        if self._a_place_of_a_thing(i) or self._a_groups_name(i) or self._quoted_before_said(i):
            return True  # "el refugio de Alexandria", "Los Tecolotes", "Benigno, dijo el…"
        if self._a_saint(i) or (word in HEADS_BEFORE and not self._given(i)):
            return True  # "el Santo Hermano Pedro", "El Cristo Negro de Esquipulas"
        if self._two_given_names(i):
            self.found.append((i, i + 2, False))  # "la cita de Luz Marina", "Ana Lucía"
            return True

        if self._met_by_name(i, blocked) or self._called_or_described(i, blocked):
            self.found.append((i, i + 1, False))  # "Mauricio, mira…", "Chepe el contratista"
            return True
        # A given name, not "Ella", "Él", "Nadie", "Hoy" (some lists hold them as names)
        given = self._given(i)
        if deed and (word not in self.r.common_there or given or word in _APODOS) and not blocked:
            self.found.append((i, i + 1, False))
            return True
        # "Mercedes y su hija duermen en la bodega": a person with her kin
        # (kin only a person has, a word that is also a name included: "Remedios y su hija")
        if self._with_kin(i) and not blocked and not self.covered[i]:
            self.found.append((i, i + 1, False))
            return True
        if self._personal_after(i, middle, given, blocked):
            self.found.append((i, i + 1, False))
            return True
        if not middle and word in self.r.common_there and not deed:
            return True
        return (
            i >= 2
            and toks[i - 1].bare in ("de", "del")
            and toks[i - 2].capitalised
            and (self.covered[i - 2] or not self.lex.is_first_name(toks[i - 2].bare))
        )

    def _personal_after(self, i: int, middle: bool, given: bool, blocked: bool) -> bool:
        """ "Luz no vino", "que Luz le prometió": a person's words after a given name that is
        also a word (not "Consuelo no es…", "Milagros no hay": said of a thing); a nickname
        no list holds, inside a sentence ("que Pelusa ya no está") or before what only a
        person did ("Chabelita no volvió a la clínica")."""
        toks, word = self.toks, self.toks[i].bare
        personal = (
            i + 1 < self.count
            and toks[i + 1].bare in _SPANISH_PERSONAL
            and not (i + 2 < self.count and toks[i + 2].bare in _IMPERSONAL)
        )
        did = personal and i + 2 < self.count and toks[i + 2].bare in _PERSON_DID
        unknown = (middle or did) and word not in self.r.common_there
        unknown = unknown and not self.lex.is_word(word)
        return personal and (given or (unknown and not blocked))

    def _with_kin(self, i: int) -> bool:
        toks = self.toks
        return (
            i + 3 < self.count
            and toks[i + 1].bare in ("y", "con")
            and toks[i + 2].bare in ("su", "sus")
            and toks[i + 3].bare in SPANISH_KIN
        )

    def _an_english_name_of_a_thing(self, i: int) -> bool:
        """An English word after another capitalised English word, or after "and" or "of"
        and one, names an office in a Spanish note: "Legal Aid", "Wage and Hour"."""
        toks, lex = self.toks, self.lex
        word = toks[i].bare
        if not lex.is_word(word) or word in self.r.common_there or lex.is_first_name(word):
            return False  # "Mañana Brittany y yo vamos": a given name
        back = i - 2 if i > 1 and toks[i - 1].bare in ("and", "of", "&") else i - 1
        return (
            back >= 0
            and toks[back].capitalised
            and lex.is_word(toks[back].bare)
            and not lex.is_first_name(toks[back].bare)
        )

    def a_person_did(self, at: int) -> bool:
        """ "Jefferson dejó la escuela": what only a person did, in a Spanish note."""
        return (
            self.r.language == "es"
            and at < self.count
            and self.toks[at].bare in _PERSON_DID
            and self._given(at - 1)  # not "Ella dijo"
        )

    def a_spanish_noun_in_lower_case(self, i: int) -> bool:
        """ "la tia esta preocupada", "la misa de la virgen": in a Spanish note, a kin word,
        or a common word after an article, is no given name typed in lower case ("la
        keila" still is one: no common word); nor is a common word after a pronoun that
        only a verb follows ("les quita la visa") or after asking for ("pidió socorro")."""
        if self.r.language != "es":
            return False
        word, before = self.toks[i].bare, self.toks[i - 1].bare if i > 0 else ""
        after_an_article = before in _ARTICLES
        a_verbs_or_a_things = before in _BEFORE_A_VERB or before.startswith(("pidi", "pide"))
        return (
            word in SPANISH_KIN
            or ((after_an_article or a_verbs_or_a_things) and word in self.r.common_there)
            or self._a_colour(i)
        )

    def _a_colour(self, i: int) -> bool:
        """ "la camioneta es rosa con blanco", "una troca blanca": a colour, not Rosa or
        Blanca."""
        toks = self.toks
        if toks[i].bare not in _COLOURS or not toks[i].text.islower():
            return False  # "la hija de Rosa", "Blanca dijo": names
        before = toks[i - 1].bare if i > 0 else ""
        paired = i + 2 < self.count and toks[i + 1].bare in ("con", "y", "o")
        return before in _OF_A_COLOUR or (paired and toks[i + 2].bare in _COLOURS)

    def _met_by_name(self, i: int, blocked: bool) -> bool:
        """Who was talked with, asked for or met: "Hablamos con Pilar en la lavandería",
        "preguntó por Sol" (not "preguntó por Houston"), the personal "a": "Le preguntamos a
        Panchito", "Atendimos a Pilar"."""
        toks, word = self.toks, self.toks[i].bare
        if i < 2:
            return False
        if toks[i - 1].bare == "con" and toks[i - 2].bare in _TALKED and self._given(i):
            return True
        if toks[i - 1].bare == "por" and toks[i - 2].bare in _ASKED:
            return not blocked and (word,) not in places()
        met = toks[i - 1].bare == "a" and toks[i - 2].bare in _MET_SOMEONE
        return met and not blocked and (self._given(i) or word not in self.r.common_there)

    def _two_given_names(self, i: int) -> bool:
        """Two given names many bear, both capitalised, neither a place's: a compound given
        name ("Luz Marina", "Ana Lucía", "José Luis")."""
        toks, after = self.toks, i + 1
        return (
            after < self.count
            and self.case == "mixed"
            and toks[after].capitalised
            and not toks[after].text.isupper()
            and not self.covered[i]
            and not self.covered[after]
            and self._given(i)
            and self._given(after)
            and toks[after].bare not in HEADS_BEFORE
        )

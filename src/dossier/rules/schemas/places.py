"""Schemas of the knowledge files the places, entities and coreference components read.

``FILES`` maps a data-file name (under ``dossier/knowledge/data``) to the pydantic model its
content must satisfy; ``dossier rules check`` discovers this module and validates the shipped
files and the user's (``DOSSIER_DATA_PATH``). Every model refuses unknown keys, so a typo in a
field name is an error rather than a silently ignored line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- places.yaml ---------------------------------------------------------------------------


class CuratedPlace(_Strict):
    """One place the package gazetteers lack, and where its position comes from."""

    name: str = Field(min_length=1)
    aliases: list[str] = []
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    kind: Literal["region", "admin", "city", "other", "country"] = "region"
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    population: int | None = Field(default=None, ge=0)
    admin1: str | None = None
    seat: str | None = None  # a town of the division: the division's centre from its towns
    at: str | None = None  # a package entry whose coordinates the place takes
    geonameid: int | None = None
    source: str | None = None  # where the position comes from (shipped entries always say)

    @model_validator(mode="after")
    def _one_position(self) -> CuratedPlace:
        written = self.lat is not None or self.lon is not None
        if written and (self.lat is None or self.lon is None):
            raise ValueError(f"{self.name}: lat and lon go together")
        ways = [written, self.seat is not None, self.at is not None]
        if sum(ways) > 1:
            raise ValueError(f"{self.name}: give one of lat/lon, seat or at")
        if not any(ways) and self.admin1 is None:
            raise ValueError(f"{self.name}: no position (lat/lon, admin1, seat or at)")
        if (self.seat is not None or self.admin1 is not None) and not written and not self.country:
            raise ValueError(f"{self.name}: a division placed from its towns needs a country")
        return self


class ExtraNames(_Strict):
    place: str
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    aliases: list[str]


class PlacesFile(_Strict):
    places: list[CuratedPlace]
    country_centres: dict[str, tuple[float, float]] = {}
    names: list[ExtraNames] = []


# --- place_words.yaml ------------------------------------------------------------------------


class PlaceWordsFile(_Strict):
    qualifiers: list[str]
    place_nouns: list[str]
    institution_words: list[str]
    eponym_institution_words: list[str] = []
    portfolio_words: list[str] = []
    county_words: list[str]
    locative_prepositions: list[str]
    context_prepositions: list[str] = []
    attack_nouns: list[str] = []
    static_prepositions: list[str] = []
    division_nouns: list[str] = []
    origin_prepositions: list[str]
    directions: list[str]
    name_articles: list[str]
    division_suffixes: list[str]
    county_name_suffixes: list[str]
    generic_division_names: list[str] = []


# --- romanization.yaml (dossier.knowledge.spellings) -----------------------------------------


class _Letters(_Strict):
    letters: str = Field(min_length=1, pattern=r"^[a-z]+$")
    provenance: str = Field(min_length=10)


class Digraph(_Letters):
    """Letters read as one consonant ("kh" as "k")."""

    reads_as: str = Field(min_length=1, pattern=r"^[a-z]+$")


class RomanizationMark(_Letters):
    """Letters that mark a name romanized from the Arabic script."""

    before: str = Field(default="", pattern=r"^[a-z]*$")  # one of these must follow
    not_before: str = Field(default="", pattern=r"^[a-z]*$")  # none of these may follow


class RomanizationFile(_Strict):
    dropped_letters: _Letters
    digraphs: list[Digraph]
    marks: list[RomanizationMark] = Field(min_length=1)


# --- place_namesakes.yaml ----------------------------------------------------------------------


class NamesakeExample(_Strict):
    text: str
    not_a_place: str | None = None
    not_event_place: str | None = None

    @model_validator(mode="after")
    def _one_expectation(self) -> NamesakeExample:
        if (self.not_a_place is None) == (self.not_event_place is None):
            raise ValueError("an example names one of not_a_place or not_event_place")
        if (self.not_a_place or self.not_event_place or "") not in self.text:
            raise ValueError("the example's place name is not in its text")
        return self


class NamesakeRule(_Strict):
    """Words that, right after a place name, make it the name of something else."""

    id: str
    use: Literal["not_a_place", "not_event_place"]
    words: list[str] = Field(min_length=1)
    provenance: str = Field(min_length=10)
    examples: list[NamesakeExample] = Field(min_length=1)

    @model_validator(mode="after")
    def _examples_match_use(self) -> NamesakeRule:
        for ex in self.examples:
            if (ex.not_a_place is not None) != (self.use == "not_a_place"):
                raise ValueError(f"{self.id}: an example expects another use than the rule's")
        return self


class PlaceNamesakesFile(_Strict):
    rules: list[NamesakeRule]


# --- geocoding_weights.yaml --------------------------------------------------------------------


class WeightsProvenance(_Strict):
    tuned_on: list[str]
    checked_on: list[str] = []
    held_out: list[str] = []
    method: str


class DocumentCountry(_Strict):
    per_mention: float
    full_at_mentions: int
    share: float


class NearNamedPlaces(_Strict):
    per_place: float
    at_most: int


class ContextNames(_Strict):
    abstain: float


class GeocodingWeights(_Strict):
    """The geocoder's score weights and thresholds (dossier.nlp.geocoding)."""

    provenance: WeightsProvenance
    size_divisor: float
    kind_prior: dict[str, float]
    match_penalty: dict[Literal["name", "alt", "bare", "fuzzy"], float]
    unknown_match_penalty: float
    county_size: int
    containment_bonus: float
    metonym_bonus: float
    metonym_doubt_min_share: float = Field(0.1, ge=0.0, le=1.0)
    shadowed_alt_penalty: float
    relative_size_weight: float
    relative_size_floor: float
    city_named_like_province: float
    city_like_province_share: float
    city_like_province_min_population: int
    document_country: DocumentCountry
    same_province_bonus: float
    more_in_province_bonus: float
    province_named_bonus: float
    sibling_province_bonus: float
    near_km: float
    near_other_place_bonus: float
    near_named_places: NearNamedPlaces
    neighbour_km: float
    max_neighbour_candidates: int
    default_abstain: float
    named_abstain: float
    anchor_max_weight: int
    anchor_margin: float
    same_name_margin: float
    country_refusal: float
    gazetteer_abstain: float
    gazetteer_min_city: int
    loose_min_population: int
    embedded_min_city: int
    context_names: ContextNames


# --- entities and coreference ------------------------------------------------------------------

Gender = Literal["m", "f", "n"]


class Role(_Strict):
    noun: str
    sector: str | None = None
    kind: Literal["person", "group", "org"]
    gender: Gender | None = None


class RolesFile(_Strict):
    roles: list[Role]
    descriptions: dict[str, list[str]] = {}


class Title(_Strict):
    title: str
    forms: list[str] = Field(min_length=1)
    sector: str | None = None
    gender: Gender | None = None


class TitlesFile(_Strict):
    titles: list[Title]
    name_heads: list[str] = []
    name_prefixes: list[str] = []
    name_particles: list[str] = []  # lower case inside a name ("bin", "of")


class CountryNames(_Strict):
    names: list[str] = Field(min_length=1)
    government: list[str] = []
    military: list[str] = []
    demonyms: list[str] = []
    nations: list[str] = []  # nations countryinfo lists as countries sharing this code


class CountriesFile(_Strict):
    countries: dict[str, CountryNames]


class Pronoun(_Strict):
    gender: Gender | None = None
    plural: bool
    types: list[str] = Field(min_length=1)
    reflexive: bool = False


class PronounsFile(_Strict):
    pronouns: dict[str, Pronoun]


class NonActorsFile(_Strict):
    non_actors: list[str]
    ethnic_markers: list[str] = []


# --- dates.yaml (dossier.nlp.temporal) ---------------------------------------------------------


class DatesFile(_Strict):
    leading_words: list[str]
    vague_words: list[str]
    relative_words: list[str]
    weekdays: list[str] = Field(min_length=7, max_length=7)
    days_back: dict[str, int]
    counts: dict[str, int]
    bounding_words: list[str]


FILES: dict[str, type[BaseModel]] = {
    "places.yaml": PlacesFile,
    "place_words.yaml": PlaceWordsFile,
    "geocoding_weights.yaml": GeocodingWeights,
    "place_namesakes.yaml": PlaceNamesakesFile,
    "romanization.yaml": RomanizationFile,
    "roles.yaml": RolesFile,
    "titles.yaml": TitlesFile,
    "countries.yaml": CountriesFile,
    "pronouns.yaml": PronounsFile,
    "non_actors.yaml": NonActorsFile,
    "dates.yaml": DatesFile,
}

"""Display names of the vocabularies in French, Dutch, German and English.

The extractors' gazetteer (extractors.areas) lists every wording that *reads* as
an area; this module says how to *write* each code for a reader, one name per
language, and labels the indicators the same way. warehouse.load.load_reference_tables
merges both into the `areas` and `indicators` tables.
"""
from __future__ import annotations

LANGUAGES = ("fr", "nl", "de", "en")

# code → (French, Dutch, German, English)
AREA_NAMES: dict[str, tuple[str, str, str, str]] = {
    "FR": ("France", "Frankrijk", "Frankreich", "France"),
    "BE": ("Belgique", "België", "Belgien", "Belgium"),
    "NL": ("Pays-Bas", "Nederland", "Niederlande", "Netherlands"),
    "LU": ("Luxembourg", "Luxemburg", "Luxemburg", "Luxembourg"),
    "DE": ("Allemagne", "Duitsland", "Deutschland", "Germany"),
    "BENELUX": ("Benelux", "Benelux", "Benelux", "Benelux"),
    "FR-HDF": ("Hauts-de-France", "Hauts-de-France", "Hauts-de-France", "Hauts-de-France"),
    "FR-GES": ("Grand Est", "Grand Est", "Grand Est", "Grand Est"),
    "FR-OCC": ("Occitanie", "Occitanië", "Okzitanien", "Occitania"),
    "FR-IDF": ("Île-de-France", "Île-de-France", "Île-de-France", "Île-de-France"),
    "FR-NOR": ("Normandie", "Normandië", "Normandie", "Normandy"),
    "FR-BRE": ("Bretagne", "Bretagne", "Bretagne", "Brittany"),
    "FR-PDL": ("Pays de la Loire", "Pays de la Loire", "Pays de la Loire", "Pays de la Loire"),
    "FR-NAQ": ("Nouvelle-Aquitaine", "Nieuw-Aquitanië", "Neu-Aquitanien", "New Aquitaine"),
    "FR-ARA": ("Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes"),
    "FR-BFC": ("Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "Burgund-Franche-Comté",
               "Bourgogne-Franche-Comté"),
    "FR-CVL": ("Centre-Val de Loire", "Centre-Val de Loire", "Centre-Val de Loire", "Centre-Val de Loire"),
    "FR-PAC": ("Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur",
               "Provence-Alpes-Côte d'Azur"),
    "FR-20R": ("Corse", "Corsica", "Korsika", "Corsica"),
    "FR-971": ("Guadeloupe", "Guadeloupe", "Guadeloupe", "Guadeloupe"),
    "FR-972": ("Martinique", "Martinique", "Martinique", "Martinique"),
    "FR-973": ("Guyane", "Frans-Guyana", "Französisch-Guayana", "French Guiana"),
    "FR-974": ("La Réunion", "Réunion", "Réunion", "Réunion"),
    "FR-976": ("Mayotte", "Mayotte", "Mayotte", "Mayotte"),
    "FR-A": ("Alsace", "Elzas", "Elsass", "Alsace"),
    "FR-B": ("Aquitaine", "Aquitanië", "Aquitanien", "Aquitaine"),
    "FR-C": ("Auvergne", "Auvergne", "Auvergne", "Auvergne"),
    "FR-D": ("Bourgogne", "Bourgondië", "Burgund", "Burgundy"),
    "FR-G": ("Champagne-Ardenne", "Champagne-Ardenne", "Champagne-Ardenne", "Champagne-Ardenne"),
    "FR-I": ("Franche-Comté", "Franche-Comté", "Franche-Comté", "Franche-Comté"),
    "FR-K": ("Languedoc-Roussillon", "Languedoc-Roussillon", "Languedoc-Roussillon", "Languedoc-Roussillon"),
    "FR-L": ("Limousin", "Limousin", "Limousin", "Limousin"),
    "FR-M": ("Lorraine", "Lotharingen", "Lothringen", "Lorraine"),
    "FR-N": ("Midi-Pyrénées", "Midi-Pyrénées", "Midi-Pyrénées", "Midi-Pyrénées"),
    "FR-O": ("Nord-Pas-de-Calais", "Nord-Pas-de-Calais", "Nord-Pas-de-Calais", "Nord-Pas-de-Calais"),
    "FR-P": ("Basse-Normandie", "Basse-Normandie", "Basse-Normandie", "Lower Normandy"),
    "FR-Q": ("Haute-Normandie", "Haute-Normandie", "Haute-Normandie", "Upper Normandy"),
    "FR-S": ("Picardie", "Picardië", "Picardie", "Picardy"),
    "FR-T": ("Poitou-Charentes", "Poitou-Charentes", "Poitou-Charentes", "Poitou-Charentes"),
    "FR-V": ("Rhône-Alpes", "Rhône-Alpes", "Rhône-Alpes", "Rhône-Alpes"),
    "FR-59": ("Nord", "Nord", "Nord", "Nord"),
    "FR-62": ("Pas-de-Calais", "Pas-de-Calais", "Pas-de-Calais", "Pas-de-Calais"),
    "FR-02": ("Aisne", "Aisne", "Aisne", "Aisne"),
    "FR-60": ("Oise", "Oise", "Oise", "Oise"),
    "FR-80": ("Somme", "Somme", "Somme", "Somme"),
    "FR-08": ("Ardennes", "Ardennes", "Ardennes", "Ardennes"),
    "FR-57": ("Moselle", "Moselle", "Moselle", "Moselle"),
    "FR-54": ("Meurthe-et-Moselle", "Meurthe-et-Moselle", "Meurthe-et-Moselle", "Meurthe-et-Moselle"),
    "BE-WAL": ("Wallonie", "Wallonië", "Wallonien", "Wallonia"),
    "BE-VLG": ("Flandre", "Vlaanderen", "Flandern", "Flanders"),
    "BE-BRU": ("Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest", "Brüssel-Hauptstadt", "Brussels-Capital"),
    "BE-VWV": ("Flandre-Occidentale", "West-Vlaanderen", "Westflandern", "West Flanders"),
    "BE-VOV": ("Flandre-Orientale", "Oost-Vlaanderen", "Ostflandern", "East Flanders"),
    "BE-VAN": ("Anvers", "Antwerpen", "Antwerpen", "Antwerp"),
    "BE-VBR": ("Brabant flamand", "Vlaams-Brabant", "Flämisch-Brabant", "Flemish Brabant"),
    "BE-WBR": ("Brabant wallon", "Waals-Brabant", "Wallonisch-Brabant", "Walloon Brabant"),
    "BE-WHT": ("Hainaut", "Henegouwen", "Hennegau", "Hainaut"),
    "BE-WNA": ("Namur", "Namen", "Namur", "Namur"),
    "BE-WLG": ("Liège", "Luik", "Lüttich", "Liège"),
    "DE-NW": ("Rhénanie-du-Nord-Westphalie", "Noordrijn-Westfalen", "Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "DE-RP": ("Rhénanie-Palatinat", "Rijnland-Palts", "Rheinland-Pfalz", "Rhineland-Palatinate"),
    "DE-SL": ("Sarre", "Saarland", "Saarland", "Saarland"),
    "DE-BW": ("Bade-Wurtemberg", "Baden-Württemberg", "Baden-Württemberg", "Baden-Württemberg"),
    "NL-LI": ("Limbourg", "Limburg", "Limburg", "Limburg"),
    "NL-ZE": ("Zélande", "Zeeland", "Seeland", "Zeeland"),
    "NL-NB": ("Brabant-Septentrional", "Noord-Brabant", "Nordbrabant", "North Brabant"),
    "INTERREG-FWVL": ("Interreg France-Wallonie-Vlaanderen", "Interreg Frankrijk-Wallonië-Vlaanderen",
                      "Interreg Frankreich-Wallonien-Flandern", "Interreg France-Wallonia-Flanders"),
}

# code → (French, Dutch, German, English)
INDICATOR_LABELS: dict[str, tuple[str, str, str, str]] = {
    "unemployment_rate": ("Taux de chômage", "Werkloosheidsgraad", "Arbeitslosenquote", "Unemployment rate"),
    "jobseekers": ("Demandeurs d'emploi", "Werkzoekenden", "Arbeitsuchende", "Jobseekers"),
    "population": ("Population", "Bevolking", "Bevölkerung", "Population"),
    "active_population": ("Population active", "Beroepsbevolking", "Erwerbspersonen", "Labour force"),
    "employment": ("Emploi", "Werkgelegenheid", "Beschäftigung", "Employment"),
    "employment_rate": ("Taux d'emploi", "Arbeidsparticipatie", "Erwerbstätigenquote", "Employment rate"),
    "apprentices": ("Apprentis", "Leerlingen in alternerend leren", "Auszubildende", "Apprentices"),
    "apprenticeship_contracts": ("Contrats d'apprentissage", "Leerovereenkomsten", "Ausbildungsverträge",
                                 "Apprenticeship contracts"),
    "cfa_count": ("Centres de formation d'apprentis (CFA)", "Opleidingscentra voor leerlingen",
                  "Ausbildungszentren für Auszubildende", "Apprentice training centres"),
    "training_providers": ("Organismes de formation", "Opleidingsverstrekkers", "Bildungsträger",
                           "Training providers"),
    "training_entries_jobseekers": ("Entrées en formation de demandeurs d'emploi",
                                    "Instroom van werkzoekenden in opleiding",
                                    "Eintritte Arbeitsuchender in Weiterbildung", "Jobseekers entering training"),
    "spending": ("Dépenses", "Uitgaven", "Ausgaben", "Spending"),
    "budget": ("Budget voté", "Begroting", "Haushalt", "Budget"),
    "budget_revenue": ("Recettes", "Ontvangsten", "Einnahmen", "Budget revenue"),
    "commitment_authority": ("Capacités d'engagement", "Vastleggingskredieten", "Verpflichtungsermächtigungen",
                             "Commitment authority"),
    "funding": ("Financement", "Financiering", "Förderung", "Funding"),
    "trainees": ("Stagiaires", "Cursisten", "Teilnehmende", "Trainees"),
    "placement_rate": ("Taux d'insertion", "Uitstroom naar werk", "Vermittlungsquote", "Placement rate"),
    "unfilled_apprenticeship_offers": ("Offres d'apprentissage non pourvues", "Onvervulde leerplaatsen",
                                       "Unbesetzte Ausbildungsplätze", "Unfilled apprenticeship offers"),
    "competitiveness_clusters": ("Pôles de compétitivité", "Competitiviteitsclusters",
                                 "Wettbewerbscluster", "Competitiveness clusters"),
    "trade_campuses": ("Campus des métiers et des qualifications", "Beroepencampussen",
                       "Campus der Berufe und Qualifikationen", "Trade and qualification campuses"),
    "partners_count": ("Nombre de partenaires", "Aantal partners", "Anzahl der Partner", "Number of partners"),
    "duration_years": ("Durée (années)", "Looptijd (jaren)", "Laufzeit (Jahre)", "Duration (years)"),
    "area_km2": ("Superficie (km²)", "Oppervlakte (km²)", "Fläche (km²)", "Area (km²)"),
}


def area_name_rows(levels: dict[str, str]) -> list[dict]:
    """One `areas` row per code and language; `levels` gives each code's level.

    >>> [row for row in area_name_rows({"BE": "country"}) if row["code"] == "BE"][1]
    {'code': 'BE', 'name': 'België', 'language': 'nl', 'level': 'country'}
    """
    rows = []
    for code in sorted(set(levels) | set(AREA_NAMES)):
        names = AREA_NAMES.get(code) or iso_names(code)
        rows.extend({"code": code, "name": name, "language": language, "level": levels.get(code)}
                    for language, name in zip(LANGUAGES, names))
    return rows


def iso_names(code: str) -> tuple[str, str, str, str]:
    """A code's name in French, Dutch, German and English from pycountry's translations; codes ISO does
    not know (former regions, programme areas) keep the first name the gazetteer lists for them.

    >>> iso_names("FI")
    ('Finlande', 'Finland', 'Finnland', 'Finland')
    """
    import gettext

    import pycountry

    from extractors.areas import AREAS

    record = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    domain = "iso3166-1"
    if record is None:
        record, domain = pycountry.subdivisions.get(code=code), "iso3166-2"
    if record is None:
        first = AREAS[code][1][0] if code in AREAS else code
        return (first,) * 4
    translated = [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True).gettext(record.name)
                  for lang in LANGUAGES[:3]]
    return (*translated, record.name)


def indicator_labels(code: str) -> dict[str, str | None]:
    """The `indicators` label columns of a code (English in `label`); None for a code without labels.

    >>> indicator_labels("jobseekers")["label_nl"]
    'Werkzoekenden'
    """
    fr, nl, de, en = INDICATOR_LABELS.get(code, (None, None, None, None))
    return {"label": en, "label_fr": fr, "label_nl": nl, "label_de": de}

"""nlp.grouping.status: a figure is a result, a forecast or a target, by the cues of its sentence and its period."""
import pytest

CASES = [
    # (text, publication date, figure as written, status)
    ("ONU : Le PIB du Maroc devrait croître de 3,2% en 2025", None, "3,2%", "forecast"),
    ("Enfin, la banque centrale table sur une inflation de 5,5 % en moyenne cette année, après 6,6 % en 2022.",
     "2023-04-14", "5,5 %", "forecast"),
    ("Enfin, la banque centrale table sur une inflation de 5,5 % en moyenne cette année, après 6,6 % en 2022.",
     "2023-04-14", "6,6 %", "actual"),
    ("Le groupe financier prévoit une hausse de 6 % du prix médian des unifamiliales sur l'ensemble de 2024.",
     "2024-05-08", "6 %", "forecast"),
    ("Pour 2013, le CMI table sur une croissance de 40 % des paiements en ligne.", "2013-02-21", "40 %", "forecast"),
    ("Kerlys confirme ses objectifs pour l'exercice 2023 : une croissance organique supérieure à 6 % et une marge "
     "opérationnelle d'activité d'au moins 7 %.", "2023-07-26", "7 %", "target"),
    ("La banque vise un produit net bancaire de 5 milliards de dirhams en 2026.", "2023-01-10",
     "5 milliards de dirhams", "target"),
    ("L'objectif est d'atteindre 10 millions de touristes en 2026.", None, "10 millions de touristes", "target"),
    ("Le chiffre d'affaires progressera de 4 % en 2024, selon la direction.", None, "4 %", "forecast"),
    ("Les exportations ont atteint 12 milliards de dirhams en 2023.", "2024-02-01", "12 milliards de dirhams", "actual"),
    # a period still to come is a forecast without a cue
    ("Les recettes fiscales atteindraient 300 milliards de dirhams en 2025.", "2024-02-01", "300 milliards de dirhams",
     "forecast"),
    # a cue in a relative clause that ends before the figure speaks of that clause only
    ("Le groupe, qui prévoit d'embaucher, a réalisé un chiffre d'affaires de 5 millions d'euros en 2023.", "2024-03-01",
     "5 millions d'euros", "actual"),
    # a cue after the figure governs what follows it, not the figure
    ("Le groupe, qui a recruté 1 450 ingénieurs depuis janvier, prévoit de maintenir ce rythme.", "2023-07-26",
     "1 450 ingénieurs", "actual"),
]


@pytest.mark.parametrize(("text", "published", "figure", "status"), CASES, ids=[f"{c[2]}-{c[3]}" for c in CASES])
def test_status(pipeline, text, published, figure, status):
    doc = pipeline.make_doc(text)
    doc._.date = published
    facts = [f for f in pipeline(doc)._.facts if f.evidence.text == figure]
    assert facts and facts[0].status == status

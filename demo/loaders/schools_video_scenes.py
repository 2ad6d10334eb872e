"""The demo's two short videos: what is said (voice-over and captions) and shown, scene by scene.

One source for three outputs: ``make_videos.py`` renders each video, its French WebVTT captions
and its poster from these scenes; the demo loader writes the transcript under each video from
the same text. Each scene: the sentence spoken (and captioned), the card's title, the picture
described for the transcript, and the drawing (``motif``) that ``make_videos.py`` animates.
"""

from __future__ import annotations

VIDEOS = [
    {
        "slug": "technicienne-maintenance",
        "title": "Technicienne de maintenance : une journée en 30 secondes",
        "colour": "#1d3557",
        "scenes": [
            ("Sept heures. Une ligne de production s’arrête : plus rien ne sort de la machine.",
             "La ligne s’arrête", "Un tapis roulant chargé de pièces s’immobilise ; un voyant rouge s’allume.", "line-stop"),
            ("Inès, technicienne de maintenance, arrive avec sa tablette. Elle lit les alarmes de l’automate.",
             "Chercher la panne", "Une tablette affiche une liste d’alarmes ; l’une clignote.", "tablet"),
            ("Le capteur qui compte les pièces est encrassé. Elle le nettoie, le règle, et teste.",
             "Réparer et tester", "Un capteur est nettoyé puis une jauge passe du rouge au vert.", "gauge"),
            ("Huit heures. La ligne repart. Ensuite, elle prépare l’entretien pour éviter la prochaine panne.",
             "La ligne repart", "Le tapis roulant redémarre et les pièces défilent.", "line-run"),
            ("Pour faire ce métier : un bac pro, un BTS ou un titre professionnel, souvent en alternance.",
             "Comment y aller", "Trois étiquettes s’affichent : bac pro, BTS, titre professionnel.", "badges"),
        ],
    },
    {
        "slug": "bouteille-de-verre",
        "title": "Comment naît une bouteille de verre",
        "colour": "#2a6f4f",
        "scenes": [
            ("Une bouteille commence avec du sable, de la soude, du calcaire, et beaucoup de verre recyclé.",
             "Les matières premières", "Quatre tas de couleurs différentes : sable, soude, calcaire, calcin.", "piles"),
            ("Dans le four, le mélange fond à environ mille cinq cents degrés et devient une pâte orange.",
             "Le four : 1 500 °C", "Un four rougeoie ; une goutte de verre orange tombe.", "furnace"),
            ("Une machine souffle la goutte dans un moule. En quelques secondes, la bouteille prend forme.",
             "Le moulage", "Une goutte orange gonfle et prend la forme d’une bouteille.", "bottle"),
            ("Des caméras contrôlent chaque bouteille. Celles qui ont un défaut repartent au four.",
             "Le contrôle", "Des bouteilles défilent sous une caméra ; une est écartée.", "camera"),
            ("Conducteur de four, régleuse de machine, technicien qualité : la verrerie recrute.",
             "Les métiers", "Trois étiquettes s’affichent avec ces métiers.", "badges"),
        ],
    },
]


def transcript_html(video: dict) -> str:
    """The full transcript: each sentence said, with what is shown, as HTML paragraphs."""
    parts = [
        f"<p><b>{title}.</b> {text} <i>(À l’image : {shown[0].lower()}{shown[1:]})</i></p>"
        for text, title, shown, _motif in video["scenes"]
    ]
    return "".join(parts)

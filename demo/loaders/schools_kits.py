"""The demo's classroom kits, written by the project for French teachers (content only).

Each kit gives its page fields and the documents to generate (see ``schools.demo_files``):
activity sheets, teacher notes, answer keys and slides, in several formats so that teachers
can print (PDF) or adapt (ODT, DOCX, ODP) them.
"""

from __future__ import annotations

from demo.loaders.schools_files import DocumentContent, Section

# (slug, fields, documents) where documents are (kind, format, DocumentContent).
KITS = [
    {
        "slug": "qui-fabrique-mon-velo",
        "title": "Qui fabrique mon vélo ?",
        "introduction": "Des tubes d’acier au vélo fini : les élèves remontent la chaîne de fabrication "
                        "et découvrent cinq métiers de l’usine.",
        "levels": ["cycle-3"],
        "disciplines": ["sciences-et-technologie", "francais"],
        "objectives": [
            ("parcours-avenir", "Découvrir que derrière un objet du quotidien travaillent des personnes aux métiers différents."),
            ("socle-d4", "Identifier les principales étapes de fabrication d’un objet technique."),
            ("socle-d1", "Lire un document technique simple et en extraire une information."),
        ],
        "steps": [
            ("Le vélo mystère", 10, "classe", "<p>Projeter la photo d’un vélo démonté en pièces. Demander : "
             "« Combien de pièces ? Qui les a fabriquées ? » Noter les hypothèses au tableau.</p>"),
            ("Remettre la fabrication dans l’ordre", 20, "groupes", "<p>Par groupes de 4, les élèves reçoivent "
             "8 étiquettes (découpe des tubes, soudure du cadre, peinture, contrôle, montage des roues…) et les "
             "remettent dans l’ordre sur la fiche élève.</p>"),
            ("Qui fait quoi ?", 15, "groupes", "<p>Relier chaque étape à un métier : soudeur, peintre industriel, "
             "opérateur de montage, contrôleur qualité, logisticien.</p>"),
            ("Mise en commun", 10, "classe", "<p>Correction collective avec le diaporama. Chaque groupe choisit "
             "le métier qu’il aimerait découvrir et dit pourquoi.</p>"),
        ],
        "materials": "Vidéoprojecteur\nUne fiche élève par groupe\nUn jeu de 8 étiquettes par groupe (dans la fiche élève)\nCiseaux",
        "teacher_notes": "<p>La région compte plusieurs sites d’assemblage de cycles : citer un exemple local rend "
                         "l’activité plus concrète. Pour différencier, donner aux groupes les plus rapides la "
                         "question bonus sur le recyclage du cadre.</p>",
        "documents": [
            ("fiche-eleve", "odt", DocumentContent(
                "Fiche élève — Qui fabrique mon vélo ?", "Cycle 3 — Sciences et technologie",
                [Section("Consigne", ["Découpez les étiquettes et remettez les étapes de fabrication dans l’ordre. "
                                      "Puis écrivez sous chaque étape le métier de la personne qui la réalise."]),
                 Section("Les étiquettes", bullets=[
                     "Couper les tubes d’acier ou d’aluminium à la bonne longueur",
                     "Souder les tubes pour former le cadre",
                     "Peindre le cadre et le faire sécher au four",
                     "Monter les roues, le guidon, la selle et les freins",
                     "Vérifier les freins et le serrage de chaque pièce",
                     "Emballer le vélo dans un carton",
                     "Livrer les vélos aux magasins",
                     "Commander les pièces (pneus, chaînes) aux fournisseurs"]),
                 Section("Les métiers", bullets=["Soudeur ou soudeuse", "Peintre industriel", "Opérateur ou opératrice de montage",
                                                 "Contrôleur ou contrôleuse qualité", "Logisticien ou logisticienne"]),
                 Section("Question bonus", ["Un vieux vélo peut-il devenir un vélo neuf ? Que devient l’acier du cadre ?"])])),
            ("corrige", "pdf", DocumentContent(
                "Corrigé — Qui fabrique mon vélo ?", "Pour l’enseignant",
                [Section("Ordre attendu", numbered=True, bullets=[
                    "Commander les pièces aux fournisseurs — logisticien",
                    "Couper les tubes — opérateur de production",
                    "Souder le cadre — soudeur",
                    "Peindre le cadre — peintre industriel",
                    "Monter les roues et les accessoires — opérateur de montage",
                    "Vérifier les freins et le serrage — contrôleur qualité",
                    "Emballer — opérateur logistique",
                    "Livrer — logisticien ou conducteur"]),
                 Section("Question bonus", ["L’acier se recycle sans perdre ses qualités : le cadre est fondu dans "
                                            "une aciérie électrique puis transformé en nouvelles pièces."])])),
            ("diaporama", "odp", DocumentContent(
                "Qui fabrique mon vélo ?", "Diaporama de la séance",
                [Section("Un vélo, combien de pièces ?", ["Environ 300 pièces, fabriquées par plusieurs usines."]),
                 Section("Les étapes", bullets=["Découpe", "Soudure", "Peinture", "Montage", "Contrôle", "Logistique"]),
                 Section("Cinq métiers", bullets=["Soudeur", "Peintre industriel", "Opérateur de montage",
                                                  "Contrôleur qualité", "Logisticien"]),
                 Section("Et toi ?", ["Quel métier aimerais-tu voir de plus près ? Pourquoi ?"])])),
        ],
    },
    {
        "slug": "enquete-maintenance-industrielle",
        "title": "Enquête métier : la maintenance industrielle",
        "introduction": "Quand une machine s’arrête, toute l’usine attend. Les élèves mènent l’enquête sur "
                        "les techniciens de maintenance : missions, formation, salaire, recrutement près d’ici.",
        "levels": ["cycle-4"],
        "disciplines": ["technologie", "accompagnement-orientation"],
        "objectives": [
            ("parcours-avenir", "Découvrir un métier qui recrute dans la région et les formations qui y mènent."),
            ("socle-d2", "Rechercher, trier et citer des informations issues de sources fiables."),
            ("socle-d4", "Décrire le fonctionnement d’un système automatisé et ses pannes possibles."),
            ("disciplinaire", "Distinguer maintenance préventive et maintenance corrective."),
        ],
        "steps": [
            ("La panne", 10, "classe", "<p>Scénario projeté : la ligne d’embouteillage est arrêtée depuis 20 minutes, "
             "30 personnes attendent. Qui appeler ? Que faire ?</p>"),
            ("Enquête documentaire", 35, "groupes", "<p>Chaque groupe remplit la fiche enquête à partir de la fiche "
             "métier du site (missions, qualités, formation, salaire, tension de recrutement dans le département).</p>"),
            ("Préventif ou correctif ?", 15, "individuel", "<p>Exercice de classement de 8 situations.</p>"),
            ("Présentation orale", 40, "groupes", "<p>Chaque groupe présente en 3 minutes une partie de l’enquête.</p>"),
            ("Bilan", 10, "classe", "<p>Ce qui nous a surpris ; les formations possibles après la 3e (bac pro MSPC).</p>"),
        ],
        "materials": "Accès internet (salle informatique ou tablettes)\nFiche enquête par élève\nVidéoprojecteur",
        "teacher_notes": "<p>Les chiffres de tension sont ceux du département choisi sur le site : demandez aux "
                         "élèves de noter la source et l’année, c’est un bon exercice d’esprit critique.</p>",
        "documents": [
            ("fiche-eleve", "docx", DocumentContent(
                "Fiche enquête — Technicien ou technicienne de maintenance", "Cycle 4",
                [Section("1. Les missions", ["Citez trois tâches que réalise ce professionnel dans une journée."]),
                 Section("2. Les qualités", ["Entourez les trois qualités qui vous semblent les plus importantes : "
                                             "curiosité, rigueur, calme, sens du travail en équipe, créativité, autonomie."]),
                 Section("3. La formation", ["Quel diplôme peut-on préparer juste après la 3e ? Et après le bac ?"]),
                 Section("4. Le salaire et l’emploi", ["Relevez le salaire indiqué et sa source. Le métier recrute-t-il "
                                                       "fortement dans votre département ? Pourquoi ?"]),
                 Section("5. Préventif ou correctif ?", ["Classez chaque situation :"], [
                     "Changer une courroie usée avant qu’elle casse",
                     "Réparer un moteur tombé en panne",
                     "Graisser les roulements chaque semaine",
                     "Remplacer un capteur qui ne répond plus",
                     "Analyser les vibrations d’une machine pour prévoir l’usure",
                     "Redémarrer une ligne arrêtée par un bourrage"])])),
            ("corrige", "pdf", DocumentContent(
                "Corrigé — Enquête maintenance", "Pour l’enseignant",
                [Section("Préventif ou correctif", bullets=[
                    "Courroie changée avant rupture : préventif",
                    "Moteur réparé après panne : correctif",
                    "Graissage hebdomadaire : préventif (systématique)",
                    "Capteur remplacé après défaillance : correctif",
                    "Analyse vibratoire : préventif (conditionnel, dit « prédictif »)",
                    "Ligne redémarrée après bourrage : correctif"]),
                 Section("Formations", ["Après la 3e : bac pro Maintenance des systèmes de production connectés (MSPC). "
                                        "Après le bac : BTS Maintenance des systèmes, BUT Génie industriel et maintenance."]),
                 Section("Salaire", ["Salaire médian des techniciens et agents de maîtrise de la maintenance : "
                                     "2 020 € nets par mois (Dares, Portrait statistique des métiers, 2017-2019)."])])),
            ("fiche-enseignant", "odt", DocumentContent(
                "Fiche enseignant — Enquête maintenance", "Déroulé et conseils",
                [Section("Avant la séance", bullets=["Réserver la salle informatique",
                                                     "Choisir le département sur le site pour que les chiffres soient locaux"]),
                 Section("Évaluation", ["Grille : exactitude des informations (4 pts), sources citées (2 pts), "
                                        "clarté de l’oral (4 pts)."])])),
        ],
    },
    {
        "slug": "idees-recues-industrie-vrai-ou-faux",
        "title": "Idées reçues sur l’industrie : vrai ou faux ?",
        "introduction": "Sale, dangereuse, réservée aux garçons, sans avenir ? Un débat mouvant pour confronter "
                        "les idées reçues aux chiffres officiels, et apprendre à vérifier une source.",
        "levels": ["cycle-4", "seconde"],
        "disciplines": ["accompagnement-orientation", "enseignement-moral-et-civique"],
        "objectives": [
            ("parcours-avenir", "Dépasser les stéréotypes sur les métiers, notamment les stéréotypes de genre."),
            ("socle-d3", "Argumenter et écouter les arguments des autres dans un débat."),
            ("socle-d2", "Vérifier une affirmation à l’aide d’une source statistique datée."),
        ],
        "steps": [
            ("Débat mouvant", 20, "classe", "<p>Lire une affirmation ; les élèves se placent côté « vrai » ou "
             "« faux » de la salle, puis deux volontaires argumentent.</p>"),
            ("Vérification", 20, "groupes", "<p>Chaque groupe vérifie une affirmation avec les chiffres fournis "
             "(source et année obligatoires).</p>"),
            ("Restitution", 15, "classe", "<p>Chaque groupe donne son verdict et sa source.</p>"),
        ],
        "materials": "Cartes affirmations (fiche élève)\nUne salle où l’on peut se déplacer",
        "teacher_notes": "<p>Insister sur la différence entre une impression et une mesure : un chiffre sans "
                         "source ni année ne prouve rien.</p>",
        "documents": [
            ("fiche-eleve", "pdf", DocumentContent(
                "Cartes affirmations — Vrai ou faux ?", "Cycle 4 et seconde",
                [Section("Les affirmations", numbered=True, bullets=[
                    "L’industrie, c’est un métier d’hommes.",
                    "Dans l’industrie, on est mal payé.",
                    "L’industrie ne recrute plus.",
                    "Les usines sont sales et bruyantes.",
                    "On ne peut pas évoluer quand on commence ouvrier."]),
                 Section("Consigne", ["Pour l’affirmation de votre groupe, cherchez un chiffre qui la confirme ou la "
                                      "contredit. Notez la source et l’année."])])),
            ("corrige", "odt", DocumentContent(
                "Éléments de réponse — Vrai ou faux ?", "Pour l’enseignant",
                [Section("1. Un métier d’hommes ?", ["Faux pour de nombreux métiers : plus d’un agent qualifié de "
                                                     "laboratoire sur deux est une femme (52 %, Dares, 2017-2019)."]),
                 Section("2. Mal payé ?", ["Le salaire médian des techniciens et agents de maîtrise de la maintenance "
                                           "(FAP G1Z) atteint 2 020 € nets par mois, celui des cadres techniques de "
                                           "la maintenance (FAP H0Z91) 3 100 € "
                                           "(Dares, 2017-2019)."]),
                 Section("3. Ne recrute plus ?", ["Faux : les soudeurs et les chaudronniers font partie des métiers "
                                                  "en tension « très forte » en France (Dares et France Travail, 2019)."]),
                 Section("4. Sale et bruyant ?", ["Les ateliers sont de plus en plus automatisés et pilotés sur écran ; "
                                                  "les conditions varient selon les métiers : c’est à vérifier en visite."]),
                 Section("5. Pas d’évolution ?", ["La formation continue (CQPM, titres professionnels) permet de "
                                                  "devenir technicien puis chef d’équipe."])])),
        ],
    },
    {
        "slug": "preparer-exploiter-visite-entreprise",
        "title": "Préparer et exploiter une visite d’entreprise",
        "introduction": "Une visite réussie se prépare : questions à poser, rôles dans le groupe, "
                        "compte rendu et retour en classe. Trois séances clés en main.",
        "levels": ["cycle-4", "seconde", "voie-professionnelle"],
        "disciplines": ["accompagnement-orientation", "francais", "technologie"],
        "objectives": [
            ("parcours-avenir", "Rencontrer des professionnels et découvrir un environnement de travail réel."),
            ("socle-d1", "Préparer des questions et rédiger un compte rendu structuré."),
            ("socle-d3", "Respecter les consignes de sécurité et les règles d’un lieu de travail."),
        ],
        "steps": [
            ("Avant : découvrir l’entreprise", 55, "groupes", "<p>Recherche sur l’entreprise (produits, effectif, "
             "métiers) ; préparation de 10 questions ; répartition des rôles (photographe, preneur de notes, "
             "intervieweur, gardien du temps).</p>"),
            ("Pendant : la visite", 55, "classe", "<p>Grille d’observation : postes, sécurité, ambiance, "
             "métiers rencontrés. Poser au moins trois questions par groupe.</p>"),
            ("Après : compte rendu", 55, "groupes", "<p>Rédaction du compte rendu et message de remerciement "
             "à l’entreprise.</p>"),
        ],
        "materials": "Autorisations parentales\nGrille d’observation imprimée\nCarnet et stylo\nChaussures fermées",
        "teacher_notes": "<p>Contactez l’entreprise au moins six semaines avant : demandez les équipements de "
                         "sécurité à prévoir et s’il est possible de photographier. La page « Enseignants » "
                         "détaille les démarches.</p>",
        "documents": [
            ("fiche-eleve", "docx", DocumentContent(
                "Grille d’observation — Visite d’entreprise", "À remplir pendant la visite",
                [Section("L’entreprise", ["Nom, ce qu’elle fabrique, nombre de salariés."]),
                 Section("Les métiers rencontrés", ["Pour chaque personne : métier, formation, ce qu’elle aime dans son travail."]),
                 Section("La sécurité", ["Quels équipements de protection avez-vous vus ? Pourquoi sont-ils nécessaires ?"]),
                 Section("Mes trois questions", bullets=["…", "…", "…"])])),
            ("fiche-enseignant", "pdf", DocumentContent(
                "Check-list de l’enseignant — Visite d’entreprise", "Six semaines avant, la veille, après",
                [Section("Six semaines avant", bullets=["Accord du chef d’établissement et inscription au projet",
                                                        "Prise de contact avec l’entreprise (référent, horaires, EPI)",
                                                        "Réservation du transport"]),
                 Section("Deux semaines avant", bullets=["Autorisations parentales", "Liste des élèves transmise à l’entreprise",
                                                         "Préparation des questions en classe"]),
                 Section("Après la visite", bullets=["Lettre de remerciement", "Compte rendu partagé avec l’entreprise",
                                                     "Bilan dans le Parcours Avenir (Folios)"])])),
            ("annexe", "odt", DocumentContent(
                "Modèle d’autorisation parentale — Sortie en entreprise", "À adapter",
                [Section("Autorisation", ["Je soussigné(e) …, responsable légal de l’élève …, autorise mon enfant "
                                          "à participer à la visite de l’entreprise … le … de … h à … h, "
                                          "encadrée par …"]),
                 Section("Informations", ["Transport : …  Tenue : chaussures fermées, cheveux attachés."])])),
        ],
    },
    {
        "slug": "usine-du-futur-robots-cobots",
        "title": "L’usine du futur : robots et cobots",
        "introduction": "Un robot remplace-t-il l’humain ? Les élèves comparent robot industriel et cobot, "
                        "programment une séquence simple et découvrent les métiers de la robotique.",
        "levels": ["seconde", "voie-generale-technologique"],
        "disciplines": ["sciences-numeriques-et-technologie", "sciences-de-l-ingenieur"],
        "objectives": [
            ("disciplinaire", "Décrire une séquence d’instructions et la traduire en algorithme."),
            ("parcours-avenir", "Découvrir les métiers de la robotique et de l’automatisme."),
            ("socle-d4", "Comprendre comment un capteur permet à un cobot de travailler à côté d’un humain."),
        ],
        "steps": [
            ("Robot ou cobot ?", 15, "classe", "<p>Deux vidéos courtes comparées : cellule robotisée fermée / "
             "cobot qui s’arrête quand on le touche.</p>"),
            ("Programmer un pick-and-place", 45, "groupes", "<p>Écrire l’algorithme d’un cobot qui prend une pièce, "
             "la contrôle et la range (fiche élève), puis le tester en débranché : un élève joue le cobot.</p>"),
            ("Les métiers", 35, "groupes", "<p>Qui conçoit, programme, entretient le robot ? Recherche sur les "
             "fiches métiers (roboticien, technicien en automatisme, opérateur sur commande numérique).</p>"),
            ("Débat", 15, "classe", "<p>« Les robots suppriment-ils des emplois ? » Arguments et contre-arguments.</p>"),
        ],
        "materials": "Vidéoprojecteur\nFiches élèves\nDes gobelets et des jetons pour la simulation",
        "teacher_notes": "<p>La simulation débranchée fonctionne sans matériel : l’élève « cobot » ne fait que "
                         "ce que dit l’algorithme, ce qui montre vite les instructions oubliées.</p>",
        "documents": [
            ("fiche-eleve", "odt", DocumentContent(
                "Fiche élève — Programmer un cobot", "Seconde, SNT",
                [Section("La mission", ["Le cobot doit prendre une pièce sur le tapis, vérifier qu’elle n’est pas "
                                        "rayée, puis la poser dans le bac « bon » ou « à reprendre »."]),
                 Section("Instructions disponibles", bullets=["avancer_bras(position)", "fermer_pince()", "ouvrir_pince()",
                                                              "si capteur_rayure() alors … sinon …", "attendre(secondes)"]),
                 Section("Votre algorithme", ["Écrivez les instructions dans l’ordre. Prévoyez l’arrêt si un humain "
                                              "touche le bras (capteur_contact())."])])),
            ("corrige", "pdf", DocumentContent(
                "Corrigé — Programmer un cobot", "Une solution possible",
                [Section("Algorithme", numbered=True, bullets=[
                    "avancer_bras(tapis)", "fermer_pince()", "avancer_bras(caméra)",
                    "si capteur_rayure() alors avancer_bras(bac_reprise) sinon avancer_bras(bac_bon)",
                    "ouvrir_pince()", "revenir au début",
                    "à tout moment : si capteur_contact() alors arrêter()"])])),
            ("diaporama", "odp", DocumentContent(
                "L’usine du futur : robots et cobots", "Diaporama",
                [Section("Robot industriel", ["Rapide, précis, mais enfermé dans une cage de sécurité."]),
                 Section("Cobot", ["Robot collaboratif : il s’arrête au contact et travaille à côté des opérateurs."]),
                 Section("Qui travaille avec les robots ?", bullets=["Roboticien", "Technicien en automatisme",
                                                                     "Technicien de maintenance", "Opérateur de production"])])),
        ],
    },
    {
        "slug": "decarboner-une-usine",
        "title": "Décarboner une usine : calculer une empreinte carbone",
        "introduction": "Combien de CO₂ pour fabriquer une canette ? Les élèves calculent l’empreinte d’une "
                        "production, comparent des scénarios et découvrent les métiers de la transition.",
        "levels": ["voie-generale-technologique"],
        "disciplines": ["physique-chimie", "mathematiques"],
        "objectives": [
            ("disciplinaire", "Calculer des émissions à partir de facteurs d’émission et de quantités."),
            ("disciplinaire", "Comparer des scénarios à l’aide de pourcentages d’évolution."),
            ("parcours-avenir", "Découvrir des métiers de l’énergie et de l’environnement dans l’industrie."),
        ],
        "steps": [
            ("Problème", 10, "classe", "<p>Une usine produit un million de canettes par jour. D’où viennent ses émissions ?</p>"),
            ("Calcul guidé", 40, "individuel", "<p>Calculer les émissions dues à l’électricité, au gaz et à "
             "l’aluminium avec les facteurs fournis.</p>"),
            ("Scénarios", 40, "groupes", "<p>Aluminium recyclé, four électrique, panneaux solaires : calculer la "
             "baisse en pourcentage de chaque scénario.</p>"),
            ("Métiers", 20, "classe", "<p>Qui met en œuvre ces changements ? Ingénieur énergie, technicien "
             "environnement, responsable QHSE.</p>"),
        ],
        "materials": "Calculatrice\nFiche d’exercices\nTableau des facteurs d’émission (annexe)",
        "teacher_notes": "<p>Les facteurs d’émission de l’annexe sont arrondis pour le calcul en classe ; "
                         "les valeurs officielles sont publiées par l’Ademe (Base Empreinte).</p>",
        "documents": [
            ("fiche-eleve", "pdf", DocumentContent(
                "Exercices — L’empreinte carbone d’une canette", "Première et terminale",
                [Section("Données", bullets=["Masse d’une canette : 13 g d’aluminium",
                                             "Aluminium neuf : 8 kg de CO2e par kg ; aluminium recyclé : 0,5 kg de CO2e par kg",
                                             "Électricité de l’usine : 0,05 kg de CO2e par kWh ; 0,02 kWh par canette"]),
                 Section("Questions", numbered=True, bullets=[
                     "Calculez les émissions de l’aluminium d’une canette en aluminium neuf.",
                     "Même calcul avec de l’aluminium recyclé. Quelle baisse en pourcentage ?",
                     "Calculez les émissions dues à l’électricité pour une canette.",
                     "Quel levier est le plus efficace ? Justifiez."])])),
            ("corrige", "docx", DocumentContent(
                "Corrigé — L’empreinte carbone d’une canette", "Pour l’enseignant",
                [Section("Réponses", numbered=True, bullets=[
                    "0,013 kg × 8 = 0,104 kg de CO2e, soit 104 g.",
                    "0,013 × 0,5 = 0,0065 kg, soit 6,5 g : baisse de (104 − 6,5) / 104 ≈ 94 %.",
                    "0,02 × 0,05 = 0,001 kg, soit 1 g par canette.",
                    "Le recyclage de l’aluminium : il pèse cent fois plus que l’électricité dans ce cas."])])),
            ("annexe", "odt", DocumentContent(
                "Annexe — Facteurs d’émission arrondis", "Valeurs pédagogiques",
                [Section("Pourquoi arrondir ?", ["Les valeurs de l’annexe sont arrondies pour que les calculs "
                                                 "se fassent de tête ou à la calculatrice. Elles gardent les bons ordres de grandeur."]),
                 Section("Pour aller plus loin", ["Consulter la Base Empreinte de l’Ademe pour les valeurs officielles."])])),
        ],
    },
    {
        "slug": "mon-territoire-industriel",
        "title": "Mon territoire industriel : cartographier les entreprises",
        "introduction": "Quelles usines autour du lycée ? Les élèves construisent la carte des entreprises "
                        "industrielles de leur bassin et relient chacune à une filière et à des métiers.",
        "levels": ["seconde"],
        "disciplines": ["histoire-geographie", "accompagnement-orientation"],
        "objectives": [
            ("disciplinaire", "Lire et construire une carte thématique à l’échelle locale."),
            ("parcours-avenir", "Identifier les employeurs industriels de son bassin de vie."),
            ("socle-d5", "Relier le paysage industriel d’aujourd’hui à l’histoire du territoire."),
        ],
        "steps": [
            ("Hier et aujourd’hui", 20, "classe", "<p>Photos d’archives (mine, filature) et d’aujourd’hui "
             "(usine automobile, agroalimentaire) : qu’est-ce qui a changé ?</p>"),
            ("Recherche", 40, "groupes", "<p>Chaque groupe recense 5 entreprises industrielles à moins de 30 km : "
             "produits, filière, effectif.</p>"),
            ("Carte", 35, "groupes", "<p>Placer les entreprises sur le fond de carte avec une légende par filière "
             "(symboles, pas seulement des couleurs).</p>"),
            ("Bilan", 15, "classe", "<p>Quelles filières dominent ? Quels métiers y trouve-t-on ?</p>"),
        ],
        "materials": "Fond de carte du bassin (A3)\nAccès internet\nFeutres et gommettes de formes différentes",
        "teacher_notes": "<p>Demander une légende qui ne repose pas seulement sur la couleur (formes, lettres) : "
                         "la carte reste lisible en noir et blanc et pour les élèves daltoniens.</p>",
        "documents": [
            ("fiche-eleve", "odt", DocumentContent(
                "Fiche élève — Mon territoire industriel", "Seconde — Histoire-géographie",
                [Section("Tableau à compléter", ["Pour chaque entreprise : nom, commune, ce qu’elle fabrique, "
                                                 "filière, nombre de salariés, un métier qu’on y exerce."]),
                 Section("Légende de la carte", bullets=["Carré : automobile et ferroviaire", "Rond : agroalimentaire",
                                                         "Triangle : métallurgie", "Étoile : chimie et plasturgie",
                                                         "Losange : textile"])])),
            ("fiche-enseignant", "pdf", DocumentContent(
                "Fiche enseignant — Mon territoire industriel", "Conseils",
                [Section("Sources utiles", bullets=["Annuaire des entreprises (annuaire-entreprises.data.gouv.fr)",
                                                    "Pages filières du site Industrie d’avenir",
                                                    "Archives départementales pour les photos anciennes"]),
                 Section("Prolongement", ["Inviter un professionnel d’une entreprise de la carte pour une rencontre en classe."])])),
        ],
    },
    {
        "slug": "securite-poste-de-travail",
        "title": "Sécurité au poste de travail : analyser les risques",
        "introduction": "À partir de la photo d’un poste en atelier, les élèves repèrent les dangers, "
                        "évaluent les risques et proposent des mesures de prévention.",
        "levels": ["voie-professionnelle"],
        "disciplines": ["prevention-sante-environnement"],
        "objectives": [
            ("disciplinaire", "Distinguer danger, situation dangereuse et dommage."),
            ("disciplinaire", "Proposer des mesures de prévention intrinsèque, collective et individuelle."),
            ("socle-d3", "Prendre conscience de sa responsabilité pour sa sécurité et celle des autres."),
        ],
        "steps": [
            ("Observer", 10, "individuel", "<p>Sur la photo du poste de perçage, entourer tout ce qui peut blesser.</p>"),
            ("Analyser", 25, "groupes", "<p>Compléter le tableau danger → situation dangereuse → dommage possible.</p>"),
            ("Prévenir", 15, "groupes", "<p>Classer les mesures : supprimer le danger, protéger tout le monde, "
             "protéger la personne (EPI).</p>"),
            ("Synthèse", 5, "classe", "<p>Pourquoi l’EPI vient en dernier recours.</p>"),
        ],
        "materials": "Photo du poste (diaporama ou impression couleur)\nFiche d’analyse",
        "teacher_notes": "<p>Le vocabulaire suit le programme de PSE (danger, situation dangereuse, dommage, "
                         "prévention intrinsèque, collective, individuelle).</p>",
        "documents": [
            ("fiche-eleve", "pdf", DocumentContent(
                "Fiche d’analyse — Poste de perçage", "Voie professionnelle — PSE",
                [Section("Le poste", ["Une perceuse à colonne, un opérateur sans lunettes, des copeaux au sol, "
                                      "un câble électrique qui traverse l’allée."]),
                 Section("À compléter", ["Pour chaque danger : situation dangereuse, dommage possible, mesure de prévention."]),
                 Section("Dangers à chercher", bullets=["Mécanique (foret en rotation)", "Projection (copeaux)",
                                                        "Chute de plain-pied (câble, copeaux)", "Électrique"])])),
            ("corrige", "odt", DocumentContent(
                "Corrigé — Poste de perçage", "Pour l’enseignant",
                [Section("Exemples de réponses", bullets=[
                    "Foret en rotation → main près du foret → coupure, happement → carter de protection, pas de gants près du foret",
                    "Copeaux projetés → visage exposé → blessure à l’œil → écran de protection et lunettes",
                    "Câble dans l’allée → passage fréquent → chute → goulotte au sol ou passage aérien",
                    "Copeaux au sol → glissade → chute → nettoyage régulier, bac à copeaux"])])),
            ("diaporama", "odp", DocumentContent(
                "Analyser les risques d’un poste", "Diaporama PSE",
                [Section("Danger", ["Ce qui peut causer un dommage (le foret qui tourne)."]),
                 Section("Situation dangereuse", ["Quand une personne est exposée au danger."]),
                 Section("Prévention", bullets=["D’abord supprimer le danger", "Puis protéger collectivement",
                                                "En dernier recours : l’équipement individuel"])])),
        ],
    },
    {
        "slug": "du-champ-a-l-assiette-agroalimentaire",
        "title": "Du champ à l’assiette : la filière agroalimentaire",
        "introduction": "Betterave, pomme de terre, lait : la région nourrit la France. Les élèves suivent "
                        "un produit de la ferme au supermarché et rencontrent les métiers de l’usine.",
        "levels": ["cycle-3", "cycle-4"],
        "disciplines": ["sciences-et-technologie", "svt"],
        "objectives": [
            ("socle-d4", "Décrire les transformations d’une matière première agricole en aliment."),
            ("parcours-avenir", "Découvrir les métiers de la conduite de ligne et de la qualité en agroalimentaire."),
            ("socle-d3", "Comprendre les règles d’hygiène qui protègent les consommateurs."),
        ],
        "steps": [
            ("D’où vient mon goûter ?", 10, "classe", "<p>Lire l’étiquette d’un paquet de chips : ingrédients, lieu de fabrication.</p>"),
            ("Le parcours de la pomme de terre", 25, "groupes", "<p>Remettre dans l’ordre les étapes : récolte, "
             "lavage, épluchage, découpe, cuisson, assaisonnement, contrôle, emballage.</p>"),
            ("Hygiène et qualité", 20, "classe", "<p>Pourquoi charlotte, blouse et lavage des mains ? Qui contrôle ?</p>"),
        ],
        "materials": "Emballages vides de produits locaux\nFiche élève\nÉtiquettes des étapes",
        "teacher_notes": "<p>Apporter des emballages de marques fabriquées dans la région permet aux élèves de "
                         "découvrir que l’usine est parfois à quelques kilomètres.</p>",
        "documents": [
            ("fiche-eleve", "odt", DocumentContent(
                "Fiche élève — Le parcours de la pomme de terre", "Cycles 3 et 4",
                [Section("Remets les étapes dans l’ordre", bullets=["Cuisson", "Récolte", "Emballage", "Lavage",
                                                                   "Découpe en fines tranches", "Contrôle qualité",
                                                                   "Épluchage", "Assaisonnement"]),
                 Section("Les métiers", ["Relie : conducteur de ligne, technicien qualité, agent de maintenance, "
                                         "préparateur de commandes."])])),
            ("corrige", "pdf", DocumentContent(
                "Corrigé — Le parcours de la pomme de terre", "Pour l’enseignant",
                [Section("Ordre", numbered=True, bullets=["Récolte", "Lavage", "Épluchage", "Découpe", "Cuisson",
                                                           "Assaisonnement", "Contrôle qualité", "Emballage"]),
                 Section("Hygiène", ["Les tenues et le lavage des mains évitent de contaminer les aliments ; "
                                     "le technicien qualité fait des prélèvements analysés en laboratoire."])])),
        ],
    },
]

DISCIPLINES = [
    ("accompagnement-orientation", "Accompagnement à l’orientation"),
    ("enseignement-moral-et-civique", "Enseignement moral et civique"),
    ("francais", "Français"),
    ("histoire-geographie", "Histoire-géographie"),
    ("mathematiques", "Mathématiques"),
    ("physique-chimie", "Physique-chimie"),
    ("prevention-sante-environnement", "Prévention-santé-environnement"),
    ("sciences-de-l-ingenieur", "Sciences de l’ingénieur"),
    ("sciences-et-technologie", "Sciences et technologie"),
    ("sciences-numeriques-et-technologie", "Sciences numériques et technologie"),
    ("svt", "Sciences de la vie et de la Terre"),
    ("technologie", "Technologie"),
]

# Job profiles (careers slugs) and filières linked to each kit.
KIT_LINKS = {
    "qui-fabrique-mon-velo": (["soudeur-soudeuse", "peintre-industriel", "technicien-technicienne-qualite"],
                              ["metallurgie-mecanique"]),
    "enquete-maintenance-industrielle": (["technicien-technicienne-maintenance", "mecanicien-mecanicienne-maintenance",
                                          "electricien-electricienne-maintenance"], []),
    "idees-recues-industrie-vrai-ou-faux": (["soudeur-soudeuse", "technicien-technicienne-laboratoire",
                                             "technicien-technicienne-maintenance"], []),
    "preparer-exploiter-visite-entreprise": ([], []),
    "usine-du-futur-robots-cobots": (["automaticien-automaticienne", "conducteur-conductrice-installation-robotisee"],
                                     ["automobile"]),
    "decarboner-une-usine": (["pilote-installation-energie", "technicien-technicienne-hse",
                              "ingenieur-ingenieure-production"], ["energie"]),
    "mon-territoire-industriel": ([], ["metallurgie-mecanique", "automobile", "agroalimentaire", "textile-habillement"]),
    "securite-poste-de-travail": (["technicien-technicienne-hse", "operateur-operatrice-usinage"], ["metallurgie-mecanique"]),
    "du-champ-a-l-assiette-agroalimentaire": (["conducteur-conductrice-ligne-agroalimentaire", "technicien-technicienne-qualite",
                                               "operateur-operatrice-conditionnement"], ["agroalimentaire"]),
}

# "Un métier en 2 minutes" cards of the pupils' section: (careers slug, hook, what you do, how to get there).
JOB_CARDS = [
    ("soudeur-soudeuse", "Tu assembles des pièces d’acier avec un arc électrique à 3 000 °C.",
     "Tu lis un plan, tu règles ton poste, tu soudes des cadres de train, des cuves ou des ponts. Ton masque te protège les yeux.",
     "CAP ou bac pro, ou une formation courte de quelques mois."),
    ("technicien-technicienne-maintenance", "Quand une machine tombe en panne, c’est toi qu’on appelle.",
     "Tu cherches d’où vient la panne, tu répares, et surtout tu entretiens les machines pour qu’elles ne s’arrêtent pas.",
     "Bac pro MSPC, puis BTS si tu veux aller plus loin."),
    ("conducteur-conductrice-ligne-agroalimentaire", "Tu pilotes la ligne qui fabrique des milliers de yaourts par heure.",
     "Tu règles les machines, tu surveilles les écrans, tu vérifies la qualité et tu réagis vite en cas de problème.",
     "CAP ou bac pro Pilote de ligne de production, souvent en alternance."),
    ("technicien-technicienne-laboratoire", "Tu vérifies que ce qui sort de l’usine est sûr.",
     "Tu fais des analyses en blouse blanche : un médicament, un aliment ou un plastique doit être parfait avant de partir.",
     "Bac STL, puis BTS ou BUT en chimie ou en biologie."),
]

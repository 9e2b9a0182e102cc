# crisis-cell: every text of the window, the timeline and the reports, in French.
# Message ids are stable; variables are named for what they hold. Scenario and plan texts are translated in their own files.


## The states of a host, as the map and its legend name them.
clean = sain
hidden-compromise = compromission cachée
alert = alerte
compromised = compromis
encrypting = chiffrement en cours
encrypted = chiffré
powered-off = éteint
isolated = isolé
recovering = en restauration
restored = restauré

## The start screen.
ransomware-attack-hospital-group-played = Une attaque par rançongiciel contre un groupe hospitalier, jouée par sa cellule de crise.
language = Langue
scenario = Scénario
start-scenario-line = { $scenario } — débute le { $start } ({ $zone })
another = Un autre :
ron-file-or-built-name = un fichier .ron ou le nom d'un scénario intégré
load = Charger
plan = Plan
none = aucun
seed = Graine
roles-table = Rôles autour de la table
facilitator-takes-decisions-roles-nobody = L'animateur prend les décisions des rôles que personne ne joue.
clock-speed = Vitesse de l'horloge
injects = Stimuli
stop-clock-when-inject-arrives = Arrêter l'horloge à l'arrivée d'un stimulus
decisions-laid = Décisions préprogrammées
none-cell-decides = aucune : la cellule décide
facilitator-view = Console de l'animateur
show-hidden-truth-facilitator-controls = Ouvrir la console de l'animateur dans une seconde fenêtre (F) : la vérité cachée, les stimuli, les réponses attendues, les notes. Le projecteur montre la vue des joueurs.
text-size = Taille du texte
start-exercise = Lancer l'exercice

## The window's messages.
reopened-journal-where-stopped = Exercice rouvert depuis le journal, là où il s'était arrêté.
journal-writing = Chaque action est consignée dans le journal { $path }.
journal-holds-previous = Cet exercice n'est pas journalisé : { $path } contient le précédent.

## The exercise screen: the clock, the care board, the decisions, the feed, the plan, the legend, the facilitator's window.
jumped-to = Saut à { $time }.
decision-taken-at = Décision prise à { $time } : { $decision }.
decision-not-taken = Non prise : { $reason }.
inject-sent-reaches-cell-coming = Stimulus envoyé : il parvient à la cellule dans la minute.
note-written = Note enregistrée ({ $count } au total).
service-tag-ed = URG
service-tag-icu = SI
service-tag-or = BLOC
service-tag-dial = DIAL
service-tag-cath = CATH
service-tag-ward = HOSP
service-tag-lab = LABO
service-tag-rad = IMA
service-tag-pha = PHA
service-tag-ster = STÉR
service-tag-adm = ADM
service-tag-cons = CONS
service-tag-tel = STD
status-up = en service
status-paper = sur papier
status-down = hors service
feed-tag-hidden = CACHÉ
feed-tag-alert = ALERTE
feed-tag-confirmed = CONFIRMÉ
feed-tag-decision = DÉCISION
feed-tag-done = FAIT
feed-tag-people = PERSONNEL
feed-tag-outside = EXTÉRIEUR
feed-tag-care = SOINS
feed-tag-inject = STIMULUS
confirm-decision = Confirmer : { $decision }
cannot-be-undone = ⚠ Cette décision est irréversible.
take-decision = Prendre la décision
cancel = Annuler
time-up = ■ Temps écoulé
run-space = ▶ Lancer (Espace)
pause-space = ⏸ Pause (Espace)
speed-key = touche { $key }
next-event-n = ⏭ Événement suivant (N)
smaller-text = texte plus petit (−)
larger-text = texte plus grand (+)
end-exercise = Terminer l'exercice
end-exercise-question = Terminer l'exercice à { $time } ({ $elapsed }) ?
end-exercise-explained = L'horloge s'arrête pour de bon et le débriefing s'ouvre. Les décisions en cours s'arrêtent où elles en sont.
end-exercise-not-due = { $count ->
    [0] L'échéance de chaque jalon est passée : chacun est noté.
    [one] L'échéance d'un jalon n'est pas encore passée : il sera « non échu » et laissé hors de la note.
   *[other] L'échéance de { $count } jalons n'est pas encore passée : ils seront « non échus » et laissés hors de la note.
}
end-exercise-confirm = Terminer et ouvrir le débriefing
keep-playing = Continuer l'exercice
heading-care = Soins
risk = à risque
up-p-paper-degraded-down = ✔ en service   P sur papier (procédures dégradées)   ✖ hors service   · absent du site
decisions = Décisions
taken = Prises
work-done-at = { $decision } — terminée le { $time }
work-waiting-for = { $decision } — en attente : { $reason }
work-waiting = { $decision } — en attente
anyone = Tout le monde
role-here-free = { $role } — { $here } présents, { $free } disponibles
role-here-free-facilitator = { $role } — { $here } présents, { $free } disponibles (joué par l'animateur)
then-minutes-a-host = , puis { $minutes } min par machine
taken-times = {" "}· prise { $count }×
waits-for = attend : { $reason }
feed = Fil des événements
plan-chosen = Aucun plan choisi.
not-started = … pas encore déclenché
span-minutes = { $minutes } min
span-hours = { $hours } h { $minutes }
span-days = { $days } j { $hours } h
countdown-left = ⏱ encore { $span }
countdown-overdue = ⏰ dépassé de { $span }
checklist-anticipated = fait avant son événement : ce plan ne le compte pas
checklist-on-time = ✔ dans les délais
countdown-late = ✔ avec { $span } de retard
checklist-missed = ✖ manqué
milestone-target = { $milestone } (objectif { $minutes } min)
links = Liaisons
services-up = { $count } actives
none-cut = aucune coupée
links-cut-count = ✖ { $count } coupées
internet-up = · internet actif
internet-cut = · internet coupé
selected-host = Sélection : { $host }
frame-cost = Simulation { $milliseconds } ms par image · { $fps } images par seconde
fire-now = Envoyer maintenant
channel = Canal
inject-to = Pour
phone = téléphone
message-your-own = Votre propre message
send-cell = Envoyer à la cellule
send-to-role = Envoyer à : { $role }
observer-notes-count = Notes d'observation ({ $count })
what-you-see-cell-do = Ce que vous voyez faire la cellule
add-note = Ajouter la note

## The map.
cell-stands-for = Chaque case représente { $hosts } machines, rangées par état

## The debrief.
report-written = Fichiers écrits : { $files }
checked-on-time-minutes = ✔ dans les délais ({ $minutes } min)
debrief-title = Débriefing — { $scenario }
seed-span = Graine { $seed } · du { $from } au { $to } ({ $minutes } minutes simulées)
score-of-100 = Score { $score } / 100
comparison-scores = réponse historique { $historical } · meilleure réponse { $best } · aucune réponse { $none } (même graine, même durée)
debrief-hosts-line = Machines : { $encrypted } chiffrées sur { $total } ({ $percent } %), { $powered_off } éteintes, { $compromised } encore compromises · données exfiltrées { $gigabytes } Go
score-line-line = Le score, ligne par ligne
plan-chosen-nothing-score-against = Aucun plan choisi : pas de référence pour le score.
plan-milestones = Les jalons du plan
debrief-milestone = jalon
exercise = cet exercice
historical = historique
hosts-encrypted-over-time-whole = Machines chiffrées au fil du temps (toute la réalité, compromissions cachées comprises)
care-services-not-up = Services de soins non opérationnels
timeline = Chronologie
hot-wash = Retour à chaud
observer-notes = Notes d'observation
report-folder = Dossier du rapport
write-report = Générer le rapport
new-exercise = Nouvel exercice

## The after-action report.
on-time-minutes = dans les délais ({ $minutes } min)
late-by-minutes = en retard de { $late } min ({ $minutes } min)
kind-missed = manqué
kind-hidden = caché
kind-confirmation = confirmation
kind-decision = décision
kind-effect = effet
kind-people = personnel
kind-outside = extérieur
kind-care = soins
kind-inject = stimulus
hosts-encrypted = Machines chiffrées
measure-hosts-encrypted = { $encrypted } machines sur { $total } chiffrées à un moment, en comptant la part atteinte sur les machines arrêtées en cours de chiffrement ({ $percent } %)
patients-risk = Patients à risque
measure-patient-hours-at-risk = { $hours } heures-patients à risque : dans des services à l'arrêt sans procédure dégradée, et en soins dégradés à leur poids
treatment-plans-lost = Plans de traitement perdus
measure-treatment-plans-lost = { $lost } plans de traitement perdus pour les unités de soins, sur { $inpatients } patients hospitalisés ({ $percent } %)
critical-services-down = Services critiques à l'arrêt
measure-critical-hours-down = { $hours } heures d'arrêt de services critiques
data-exfiltrated = Données exfiltrées
measure-exfiltrated = { $gigabytes } Go exfiltrés pendant le scénario
timing-against-plan = Délais par rapport au plan
timing-summary = { $on_time } dans les délais, { $anticipated } { $anticipated ->
        [one] anticipé
       *[other] anticipés
    }, { $late } en retard, { $missed } { $missed ->
        [one] manqué
       *[other] manqués
    }, sur { $total }
timing-left-out = { $count ->
    [one] {" ; "}1 mis de côté (sans objet, ou non échu à la fin)
   *[other] {" ; "}{ $count } mis de côté (sans objet, ou non échus à la fin)
}
care-degraded = Soins dégradés
measure-service-hours-degraded = { $hours } heures de service en mode dégradé (sur papier, ou privés d'un système dont ils peuvent se passer)
emergency-arrivals-at-risk = Arrivées aux urgences à risque
measure-arrivals-at-risk = { $arrivals } arrivées aux urgences dans un service à l'arrêt sans procédure dégradée
measure-name-ambulances-diverted = Ambulances détournées
measure-ambulances-diverted = { $ambulances } ambulances envoyées vers d'autres hôpitaux
measure-name-operations-cancelled = Opérations annulées
measure-operations-cancelled = { $operations } opérations programmées annulées
measure-name-arrivals-turned-away = Arrivées réorientées
measure-arrivals-turned-away = { $arrivals } arrivées aux urgences, patients venus seuls compris, envoyées ailleurs par un service fermé
measure-name-consultations-lost = Consultations perdues
measure-consultations-lost = { $consultations } consultations programmées perdues
line-not-in-hands = hors de portée de la cellule : la ligne sort du total
hours-since-start = heures depuis le début
hosts-over-time-hidden-truth = Machines au fil du temps (la réalité cachée)
hosts = machines
degraded-or-paper = procédures dégradées ou papier
care-services-over-time = Services de soins au fil du temps
services-all-sites = services (tous sites)
decisions-against-plan-targets-minutes = Décisions face aux objectifs du plan (minutes après l'événement de référence, échelle logarithmique)
minutes = minutes
series-target = objectif
series-this-run = ce déroulé
series-historical-night = nuit historique
report-title = Rapport de retour d'expérience — { $scenario }
none-response = aucun (pas de réponse)
report-run-line = Décisions : { $playbook } · graine { $seed } · du { $from } au { $to } ({ $minutes } minutes simulées)
report-plan-suffix = {" "}· plan : { $plan }
plan-rules-years = Les jalons du plan viennent de règles de { $years }.
summary = Synthèse
score = Score
timing-and-outcome = délais { $timing } · conséquences { $outcome }
patient-hours = heures-patients
inpatients = patients hospitalisés
gigabytes-during-scenario = { $gigabytes } Go pendant le scénario
gigabytes = { $gigabytes } Go
column-this-run = Ce déroulé
column-historical-night = Nuit historique
compared-historical-night-plan-met = Comparaison avec la nuit historique, la meilleure réponse et l'absence de réponse
same-scenario-same-seed = Même scénario, même graine.
milestones-time = Jalons dans les délais
count-of-total = { $count } sur { $total }
patient-hours-risk = Heures-patients à risque
gb-exfiltrated-during-scenario = Go exfiltrés pendant le scénario
milestones = Jalons
column-milestone = Jalon
source = Source
reference = Référence
column-target = Objectif
points = Points
line = Ligne
what-happened = Ce qui s'est passé
total = Total
network = Le réseau
report-hosts-at-end = À la fin : { $clean } machines saines, { $held } aux mains de l'attaquant, { $encrypted } chiffrées, { $powered_off } éteintes, { $restored } restaurées depuis les sauvegardes, { $rebuilt } réinstallées sans données. Droits d'administrateur du domaine { $domain_admin } à la fin ; jeux de sauvegarde détruits : { $backups }.
held = détenus par l'attaquant
not-held = non détenus par l'attaquant
measure = Mesure
value = Valeur
patient-hours-risk-down-downtime = Heures-patients à risque (service à l'arrêt sans procédure dégradée ; dégradé ou sur papier à son poids)
patient-hours-improvised-paper = Dont sur un papier improvisé par le service avant l'ordre de la cellule (heures-patients, non pondérées)
emergency-arrivals-received-while-department = Arrivées aux urgences pendant l'arrêt du service
ambulances-diverted = Ambulances réorientées
treatment-plans-lost-wards = Plans de traitement perdus pour les unités de soins
service-hours-down-critical = Heures-services à l'arrêt (critiques)
service-hours-degraded-or-paper = Heures-services en procédures dégradées ou sur papier
consultations-lost = Consultations perdues
report-hidden-entries = Les entrées marquées { $mark } retracent l'attaque telle qu'elle s'est réellement déroulée, que la cellule de crise ne voyait pas.
column-time = Heure
kind = Type
observer-notes-were-written = Aucune note d'observation n'a été écrite.
note = Note
question = Question
answer = Réponse
sources = Sources
every-number-sources-do-not = Tout chiffre que les sources ne donnent pas est une hypothèse du scénario, signalée comme telle dans son fichier.
score-line = Score : { $score } / 100
outcome = Bilan
summary-hosts = Machines à la fin : { $encrypted } chiffrées sur { $total }, { $powered_off } éteintes, { $restored } restaurées, { $rebuilt } réinstallées
summary-exfiltrated = Données exfiltrées : { $gigabytes } Go ({ $during } Go pendant le scénario)
summary-detection = Première alerte : { $first_alert } ; confirmation : { $confirmed }
summary-care = Soins : { $at_risk } heures-patients à risque ; { $plans_lost } plans de traitement perdus sur { $inpatients } ; { $hours_down } heures-services à l'arrêt ({ $critical } critiques) ; { $diverted } ambulances réorientées ; { $consultations } consultations perdues

## The timeline the simulation writes (src/sim).
event-footholds =
    { $hosts ->
        [one] Les intrus tiennent { $hosts } machine au départ
       *[other] Les intrus tiennent { $hosts } machines au départ
    }
event-phase-completed-before-start = L'attaquant achève : { $phase } (avant le début)
event-phase-completed = L'attaquant achève : { $phase }
phase-discovery = la reconnaissance
phase-credential-theft = le vol d'identifiants
phase-domain-admin = l'accès administrateur du domaine
phase-mass-deployment = le déploiement massif
data-exfiltration-begins = L'exfiltration de données commence
payload-pushed-domain-members-group = Charge malveillante poussée aux membres du domaine par stratégie de groupe (GPO)
attacker-loses-domain-admin-stolen = L'attaquant perd l'administration du domaine : les identifiants volés ne fonctionnent plus
malicious-group-policy-longer-served = La stratégie de groupe malveillante n'est plus distribuée
event-attacker-blocked = L'attaquant ne peut pas achever { $phase } : aucun chemin depuis une tête de pont active
event-exfiltration-no-foothold = L'exfiltration s'arrête (plus aucune tête de pont active) à { $gigabytes } Go
event-exfiltration-link-cut = L'exfiltration s'arrête (le lien des intrus est coupé) à { $gigabytes } Go
event-exfiltration-complete = Exfiltration terminée : { $gigabytes } Go
first-host-fully-encrypted = La première machine est entièrement chiffrée
event-backup-destroyed = Jeu de sauvegardes en ligne « { $backup } » détruit
event-ehr-lost = Le DPI est inaccessible à { $sites } : { $secured } plans de traitement sauvés sur papier, { $lost } perdus pour les unités
event-service-changed = { $service } { $change } : { $sites }
service-back-up = de nouveau en service
service-degraded = en mode dégradé
service-down = hors service
service-on-paper = en mode papier
event-alert = Alerte : { $source }
investigation-confirms-cyberattack = L'investigation confirme une cyberattaque
event-called-in =
    { $on_call ->
        [one] Rappel : { $role } ({ $on_call } d'astreinte, arrivée dans { $minutes } min)
       *[other] Rappel : { $role } ({ $on_call } d'astreinte ; le premier arrive dans { $minutes } min)
    }
wait-first-alert = la première alerte (personne ne sait encore qu'il y a une attaque)
attack-be-confirmed = la confirmation de l'attaque
wait-done = l'achèvement de « { $action } »
wait-running = une machine { $class } en marche (outils à distance)
wait-someone = une personne libre du rôle « { $role } »
team-hosts = , { $hosts } machines
event-outside-answers = { $actor } répond
outcome-links-reconnected = Reconnecté : { $links }
outcome-links-cut = Coupé : { $links }
wait-server-running = que { $server } fonctionne (sa console)
wait-link-up = que le lien { $link } soit actif (la console passe par lui)
outcome-ports-shut =
    { $count ->
        [one] Ports de commutateur coupés dans { $count } segment
       *[other] Ports de commutateur coupés dans { $count } segments
    }
outcome-contained =
    { $managed ->
        [one] Confinées par l'EDR : { $hosts } machine sur { $managed } gérée (les autres ne répondent plus)
       *[other] Confinées par l'EDR : { $hosts } machines sur { $managed } gérées (les autres ne répondent plus)
    }
outcome-released =
    { $hosts ->
        [one] { $hosts } machine reconnectée au réseau
       *[other] { $hosts } machines reconnectées au réseau
    }
outcome-diversion-ended = Les ambulances reviennent : fin du délestage
outcome-emergency-closed = Urgences fermées à toute arrivée, y compris les patients venus par leurs propres moyens
outcome-emergency-reopened = Urgences rouvertes
outcome-operations-cancelled = Opérations programmées annulées
outcome-scheduled-care-resumed = Consultations et opérations programmées reprogrammées et reprises
outcome-segments-isolated =
    { $count ->
        [one] { $count } segment isolé
       *[other] { $count } segments isolés
    }
outcome-segments-reconnected =
    { $count ->
        [one] { $count } segment reconnecté
       *[other] { $count } segments reconnectés
    }
domain-credentials-reset-compromised-accounts = Identifiants du domaine réinitialisés et comptes compromis désactivés
outcome-done = { $action } : fait
outcome-told = { $actor } informé(e)
downtime-procedures-paper-active = Procédures dégradées (papier) activées
ambulances-diverted-other-hospitals = Ambulances réorientées vers d'autres hôpitaux
consultations-cancelled = Consultations annulées
outcome-powered-off =
    { $hosts ->
        [one] { $hosts } machine éteinte
       *[other] { $hosts } machines éteintes
    }
outcome-started-again =
    { $hosts ->
        [one] { $hosts } machine redémarrée
       *[other] { $hosts } machines redémarrées
    }
outcome-reimaged =
    { $hosts ->
        [one] { $hosts } machine réinstallée, saine
       *[other] { $hosts } machines réinstallées, saines
    }
outcome-restored =
    { $hosts ->
        [one] { $hosts } machine restaurée depuis la sauvegarde
       *[other] { $hosts } machines restaurées depuis la sauvegarde
    }
outcome-reinstalled =
    { $hosts ->
        [one] { $hosts } machine réinstallée : { $with_data } restaurée(s) depuis la sauvegarde, { $without_data } reconstruite(s) sans données (sauvegarde perdue)
       *[other] { $hosts } machines réinstallées : { $with_data } restaurée(s) depuis la sauvegarde, { $without_data } reconstruite(s) sans données (sauvegarde perdue)
    }
link-count = { $count } liens
event-unknown-action = Action inconnue « { $action } » ignorée
event-decision = Décision : { $action }
event-waiting = { $action } attend { $reason }
event-team-grew = { $joined ->
    [one] Une personne de plus rejoint : { $action }{ $team }
   *[other] { $joined } personnes de plus rejoignent : { $action }{ $team }
}
event-called-away = Une personne quitte « { $action } » pour « { $to } »{ $team }
event-started = Commencé : { $action }{ $team }

## What the exercise says of a host, and of a decision it refuses (src/exercise).
host-domain-member = { $role }, { $system }, membre du domaine
host-compromised-hidden = compromise le { $time } (caché à la cellule)
named-alert = signalée par une alerte
host-encryption-seen = chiffrement constaté le { $time }
exercise-has-ended = l'exercice est terminé
scenario-time-up = le temps du scénario est écoulé
refused-no-such-decision = pas de décision « { $decision } » dans ce scénario
column-best-response = Meilleure réponse
column-no-response = Aucune réponse
best-response-explained = La meilleure réponse prend toutes les décisions utiles dès la première alerte, chacune dès que ses personnes sont là ; l'absence de réponse n'en prend aucune. Chaque ligne de résultat du score se situe entre les deux : rien sans réponse, tous les points à la meilleure réponse.
anticipated-counted = avant son événement ({ $minutes } min), compté dans les délais
anticipated-not-counted = avant son événement ({ $minutes } min), non compté par ce plan
milestone-not-due = non échu : son échéance tombe après la fin
milestone-not-applicable = sans objet : son événement n'a pas eu lieu
quiet-night = Rien n'a encore été vu : la nuit est calme et personne ne sait qu'il y a quelque chose à décider. Les décisions s'ouvrent à la première alerte.
report-encrypted-by-role = Chiffrées à un moment, par rôle : { $servers } serveurs sur { $servers_total } ({ $controllers } contrôleurs de domaine sur { $controllers_total }, { $backups } serveurs de sauvegarde sur { $backups_total }) et { $workstations } postes de travail sur { $workstations_total } ; { $at_first_alert } machines étaient déjà perdues à la première alerte.
timing-nothing-counts = aucun jalon ne compte (aucun ne s'applique ou n'était échu) : les délais sortent du total
score-explained = Chaque ligne de résultat compte la part du dommage évitable que la cellule a évitée : rien au dommage de l'absence de réponse, tous les points au dommage de la meilleure réponse sur la même graine (toutes les décisions utiles dès la première alerte). Une ligne est hors de portée de la cellule quand les deux diffèrent de moins que le seuil négligeable du plan : rien de ce que la cellule a décidé n'aurait pu la changer. Le total rapporte les points obtenus aux points des lignes qui comptent.

host-role-domain-controller = contrôleur de domaine
host-role-ehr = serveur du dossier patient
host-role-pacs-ris = serveur d'imagerie (PACS/RIS)
host-role-laboratory = serveur du laboratoire
host-role-pharmacy = serveur de la pharmacie
host-role-telephony = serveur de téléphonie
host-role-file-server = serveur de fichiers
host-role-hypervisor = hôte de virtualisation
host-role-backup-server = serveur de sauvegarde
host-role-application-server = serveur d'applications
host-role-workstation = poste de travail
host-role-medical-device = appareil médical
os-windows-server = Windows Server
os-windows-client = Windows
os-linux = Linux
os-hypervisor = hyperviseur
os-embedded = système embarqué
segment-kind-servers = serveurs
segment-kind-clinical-workstations = postes cliniques
segment-kind-administration-workstations = postes administratifs
segment-kind-medical-devices = appareils médicaux
segment-kind-dmz = zone exposée (DMZ)
segment-kind-backup = sauvegardes
segment-kind-management = réseau d'administration

preview-service-at-sites = { $service } ({ $sites ->
    [one] un site
   *[other] { $sites } sites
})
preview-power-off = Éteint { $hosts ->
    [one] une machine en marche
   *[other] { $hosts } machines en marche
    } sur { $chosen ->
    [one] la seule visée
   *[other] les { $chosen } visées
    }, { $sites ->
    [one] sur un site
   *[other] sur { $sites } sites
    } : { $names }.
preview-power-on = Redémarre { $hosts ->
    [one] une machine
   *[other] { $hosts } machines
    }, { $sites ->
    [one] sur un site
   *[other] sur { $sites } sites
    } : { $names }. Une machine encore infectée redémarre infectée.
preview-reimage = Efface et réinstalle { $hosts ->
    [one] une machine
   *[other] { $hosts } machines
    }, { $sites ->
    [one] sur un site
   *[other] sur { $sites } sites
    } : { $names }.
preview-restore = Réinstalle depuis leurs sauvegardes { $hosts ->
    [one] une machine
   *[other] { $hosts } machines
    }, { $sites ->
    [one] sur un site
   *[other] sur { $sites } sites
    } : { $names }.
preview-contain = Isole du réseau, via leur EDR, { $hosts ->
    [one] une machine en marche
   *[other] { $hosts } machines en marche
    }, { $sites ->
    [one] sur un site
   *[other] sur { $sites } sites
    } : { $names }.
preview-services = Les services de soins qui ont besoin de ces systèmes s'arrêtent, ou passent au papier là où il est prêt : { $services }.
irreversible-power-off = ⚠ Ce que ces machines ont en mémoire est perdu pour l'enquête quand elles s'arrêtent (guide #StopRansomware de la CISA : n'éteindre que ce qu'on ne peut pas déconnecter). Les redémarrer est une autre décision.
irreversible-reimage = ⚠ Ce que les machines effacées gardaient en local est perdu pour de bon.
irreversible-restore = ⚠ Ce qui a changé depuis la dernière sauvegarde est perdu sur les machines restaurées.
irreversible-notify = ⚠ Une fois prévenu, l'organisme extérieur agit : on ne peut pas le « déprévenir ».

truth-on-projector = Montrer la vérité au projecteur
truth-shown = Vérité montrée à la salle
console-f = Console de l'animateur (F)
console-explained = La console de l'animateur s'ouvre dans sa propre fenêtre, pour l'écran de l'animateur : la vérité cachée, les stimuli et leurs réponses attendues, les notes.
injects-delivered = Stimuli envoyés
no-inject-yet = Aucun stimulus n'a encore atteint la cellule.
injects-to-fire = Stimuli à envoyer à la main
write-inject = Rédiger un stimulus
expected-response = Attendu : { $response }
on-the-banner = sur le bandeau de la salle
feed-with-truth = Tout ce qui s'est passé, l'attaque cachée comprise
inject-word = stimulus
inject-from = de { $sender }
inject-for = Pour : { $audience }
inject-acknowledge = Lu — on continue (Entrée)
inject-audience-cell = la cellule de crise
feed-inject-on-seat = [{ $channel }] Pour la place « { $role } » seulement
inject-on-seat = Pour la place « { $role } » seulement : la salle l'apprend par ce rôle.
response-done = Fait
response-partly = En partie
response-not-done = Pas fait

note-kind-observation = Observation
note-kind-strength = Point fort
note-kind-improvement = Axe d'amélioration
rating-performed = Réalisé sans difficulté
rating-some-challenges = Réalisé avec quelques difficultés
rating-major-challenges = Réalisé avec des difficultés majeures
rating-unable = Non réalisé
rating-not-rated = Non évalué (pas échu, ou son événement n'a pas eu lieu)
rating-inject-done = la réponse attendue à « { $inject } » a été donnée
rating-inject-partly = en partie donnée : { $expected }
rating-inject-not-done = non donnée : { $expected }
overview = Présentation de l'exercice
overview-exercise = Exercice
overview-scenario-time = Temps du scénario
overview-span = du { $from } au { $to }
overview-played-on = Joué le
overview-headless = une exécution du scénario de décisions « { $playbook } », sans joueurs
overview-at-table = Rôles à la table
overview-by-facilitator = Rôles joués par l'animateur
overview-plan = Plan
overview-objectives-count = { $count ->
    [one] un jalon du plan, évalué ci-dessous
   *[other] { $count } jalons du plan, chacun évalué ci-dessous
}
overview-objectives = Objectifs (les jalons du plan et leurs délais)
overview-facilitator = Animateur et évaluateurs (noms)
objectives-rated = Objectifs évalués
objectives-rated-explained = Chaque objectif est un jalon du plan. Son évaluation suit son délai (à temps : réalisé sans difficulté ; en retard d'au plus son propre délai : quelques difficultés ; plus tard : difficultés majeures ; jamais atteint : non réalisé), aggravée, jamais améliorée, par les appréciations de l'animateur sur les stimuli qui le testent et par les notes d'observateurs signalant un axe d'amélioration.
column-objective = Objectif
column-rating = Évaluation
column-strengths = Points forts
column-improvements = Axes d'amélioration
decisions-taken = Décisions prises
no-decision-taken = Aucune décision n'a été prise.
column-taken-done = Prise → terminée
column-who = Qui
column-decision = Décision
column-against-target = Au regard du délai du plan
not-done-yet = non terminée
injects-and-responses = Stimuli et réponses attendues
inject-heading = { $channel } → { $audience } :
column-message = Message
column-expected = Réponse attendue
column-response = Réponse (animateur)
not-marked = non évaluée
improvement-plan = Plan d'amélioration
improvement-plan-explained = Chaque objectif en difficulté, son action corrective, qui la porte et quand. Écrit avec ce rapport sous les noms improvement-plan.csv et improvement-plan.xlsx, pour être suivi dans les outils de l'hôpital.
improvement-plan-empty = Chaque objectif évalué a été réalisé sans difficulté.
improvement-plan-sheet = Plan d'amélioration
column-improvement-issue = Axe d'amélioration
column-corrective-action = Action corrective
column-responsible = Responsable
column-start = Début
column-end = Fin
approval-line = Approuvé par (nom, fonction) : ______________________   Date : ____________   Signature : ______________________
annexes = Annexes : l'exercice en détail

remove-line = Retirer cette ligne
add-line = Ajouter une ligne
no-objective = Aucun objectif en particulier

jump-unreadable = « { $text } » n'est pas une heure où aller : écrivez une heure locale comme 06:00, ou un délai comme +2h ou +1d6h.
jump-past-end = C'est après la fin du scénario ({ $time }).
jump-to = Aller à
jump-hint = 06:00 ou +2h
jumped-to-time = Avancé jusqu'à { $time }.
room-pace = Rythme de salle
room-pace-explained = 10x pendant la nuit (jusqu'à T+4h30), 60x jusqu'à T+12h, puis 600x ; choisir une vitesse à la main l'arrête.

strip-explained = Depuis le début, toutes les dix minutes : machines chiffrées (vermillon), compromises en silence (violet, animateur seulement) et éteintes (bleu), avec la première alerte et la confirmation.

chart-whole-run = Tout l'exercice
chart-first-12-hours = Les 12 premières heures

console-title = la console de l'animateur

played-by-cell = les décisions de la cellule de crise

built-in-scenario = { $name } (intégré)

inject-heading-no-audience = { $channel } :

## Seats: each role's page
seat-not-your-decision = « { $decision } » n'est pas une décision de ce rôle
seat-message-empty = Un message a besoin de mots
seat-message-too-long = Un message tient en { $most } caractères au plus
seat-no-such-role = Pas de rôle « { $role } » dans cet exercice
seat-too-many-messages = Cet exercice ne garde plus de messages
seat-the-cell = toute la cellule
seat-decisions = Vos décisions
seat-inbox = Messages reçus
seat-write = Écrire à
seat-send = Envoyer
seat-estate = Le réseau, tel que la cellule le connaît
seat-care = Les soins, par site
seat-here-free = { $here } présents, { $free } disponibles
seat-waiting-for-alert = Rien n'est encore connu : aucune décision à prendre.
seat-taken = prise
seat-offline = Connexion perdue : nouvel essai…
seat-ended = L'exercice est terminé.
seat-paused = En pause
seats-heading = Places
seats-served-on = Servies sur { $address } : chaque rôle ouvre son lien dans un navigateur sur ce réseau.
seat-free = personne encore
seat-held = { $count } navigateur(s)
seat-messages-heading = Messages entre les places
seat-refusals-heading = Demandes refusées à une place
column-from-to = De → à
column-role = Rôle
column-refused = Refusé
seats-join = Rejoignez votre place
seats-join-explained = Visez le code de votre rôle avec l'appareil photo de votre téléphone, ou tapez son lien dans un navigateur sur ce réseau.
seats-hide = Masquer les codes
seats-on-projector = Montrer les codes des places au projecteur
seat-not-understood = Demande incomprise
seat-too-many-requests = Trop de demandes : attendez une seconde
seat-busy = L'exercice est occupé : réessayez
seat-closed = L'exercice est fermé
seat-channel-call = appel
seat-called-in = { $caller } vous appelle : « { $decision } ».
seat-replies-more = et { $count } réponses ou transmissions plus anciennes
seat-channel = place
seat-no-such-inject = Cet inject n'est pas arrivé à cette place
seat-the-sender = l'expéditeur
seat-about = À propos de : { $inject }
seat-answer = Répondre
seat-forward = Transmettre
seat-answer-to = Répondre à
seat-forward-to = Transmettre à
seat-cancel = Annuler
seat-answered = { $role } a répondu à { $at } : { $text }
seat-passed-on = { $role } l'a transmis à { $to } à { $at }
seat-link-renewed = L'animateur a donné un nouveau lien à cette place : celui-ci ne l'ouvre plus. Demandez le vôtre à l'animateur.
seat-no-such = Ce lien n'ouvre aucune place (la place a reçu un nouveau lien, ou un autre exercice a commencé) : demandez le vôtre à l'animateur.
seat-renew = Nouveau lien
seat-renew-hint = L'ancien lien cesse aussitôt de fonctionner et ses navigateurs sont fermés : pour reprendre une place ou la confier à quelqu'un d'autre
seat-open-here = Ouvrir ici
seat-open-here-hint = Ouvre cette place dans le navigateur de cet ordinateur, pour jouer un rôle que personne ne tient
seat-renewed = { $role } : nouveau lien { $link }
seat-decision-taken-enough = « { $decision } » a été prise { $times } fois depuis cette place : demandez à l'animateur

## Les places de l'animateur et des observateurs
desk-facilitator = Animateur
desk-observer = Observateur
seat-not-for-this-seat = Cette place ne peut pas faire cela
desk-no-such = Aucun « { $what } » à nommer ici
desk-pause = Pause
desk-resume = Reprendre
desk-speed = Vitesse
desk-pace = le rythme de la salle
desk-truth = La réalité, chaque point d'entrée compté
desk-room-picture = Le réseau, tel que la cellule le connaît
desk-feed = Fil
desk-injects = Injects arrivés
desk-no-inject = Aucun inject pour l'instant.
desk-expected = Attendu :
desk-on-banner = sur le bandeau de la salle
desk-to-fire = Injects à déclencher
desk-fire = Déclencher
desk-write-inject = Écrire un inject
desk-channel = Canal
desk-send = Envoyer
desk-notes = Notes
desk-note-placeholder = Ce que vous voyez la cellule faire
desk-note-add = Ajouter la note
desk-objective = Objectif
desk-role = Rôle
desk-inject = Inject
desk-none = —
desk-objectives = Objectifs à évaluer
desk-not-rated = Non évalué
desk-target = en
desk-more-replies = réponses ou transmissions plus anciennes :
rating-by-observer = Évalué par un observateur ; le délai et les marques seuls donnent : { $worked_out }
column-note-about = Sujet
note-about-inject = l'inject de { $at } ({ $channel })
note-by-seat = depuis la place « { $seat } »
desk-too-many-inputs = Cette place a fait tout ce qu'un exercice permet : continuez depuis la console de la fenêtre
desk-earlier-injects = injects plus anciens non affichés :
desk-channel-too-long = Un canal tient en { $most } caractères au plus

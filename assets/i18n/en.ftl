# crisis-cell: every text of the window, the timeline and the reports, in English.
# Message ids are stable; variables are named for what they hold. Scenario and plan texts are translated in their own files.


## The states of a host, as the map and its legend name them.
clean = clean
hidden-compromise = hidden compromise
alert = alert
compromised = compromised
encrypting = encrypting
encrypted = encrypted
powered-off = powered off
isolated = isolated
recovering = recovering
restored = restored

## The start screen.
ransomware-attack-hospital-group-played = A ransomware attack on a hospital group, played by its crisis cell.
language = Language
scenario = Scenario
start-scenario-line = { $scenario } — starts { $start } ({ $zone })
another = Another:
ron-file-or-built-name = a .ron file or a built-in name
load = Load
plan = Plan
none = none
seed = Seed
roles-table = Roles at the table
facilitator-takes-decisions-roles-nobody = The facilitator takes the decisions of roles nobody plays.
clock-speed = Clock speed
injects = Injects
stop-clock-when-inject-arrives = Stop the clock when an inject arrives
decisions-laid = Decisions laid on
none-cell-decides = none: the cell decides
facilitator-view = Facilitator's console
show-hidden-truth-facilitator-controls = Open the facilitator's console in a second window (F): the hidden truth, injects, expected responses, notes. The projector shows the players' view.
text-size = Text size
start-exercise = Start the exercise

## The window's messages.
reopened-journal-where-stopped = Reopened from the journal where it stopped.
journal-writing = Every input is written to the journal { $path }.
journal-holds-previous = This exercise is not journaled: { $path } holds the previous one.

## The exercise screen: the clock, the care board, the decisions, the feed, the plan, the legend, the facilitator's window.
jumped-to = Jumped to { $time }.
decision-taken-at = Decision taken at { $time }: { $decision }.
decision-not-taken = Not taken: { $reason }.
inject-sent-reaches-cell-coming = Inject sent: it reaches the cell in the coming minute.
note-written = Note written ({ $count } in all).
service-tag-ed = ED
service-tag-icu = ICU
service-tag-or = OR
service-tag-dial = DIAL
service-tag-cath = CATH
service-tag-ward = WARD
service-tag-lab = LAB
service-tag-rad = RAD
service-tag-pha = PHA
service-tag-ster = STER
service-tag-adm = ADM
service-tag-cons = CONS
service-tag-tel = TEL
status-up = up
status-paper = on paper
status-down = down
feed-tag-hidden = HIDDEN
feed-tag-alert = ALERT
feed-tag-confirmed = CONFIRMED
feed-tag-decision = DECISION
feed-tag-done = DONE
feed-tag-people = PEOPLE
feed-tag-outside = OUTSIDE
feed-tag-care = CARE
feed-tag-inject = INJECT
confirm-decision = Confirm: { $decision }
cannot-be-undone = ⚠ This cannot be undone.
take-decision = Take the decision
cancel = Cancel
time-up = ■ Time is up
run-space = ▶ Run (Space)
pause-space = ⏸ Pause (Space)
speed-key = key { $key }
next-event-n = ⏭ Next event (N)
smaller-text = smaller text (−)
larger-text = larger text (+)
end-exercise = End the exercise
end-exercise-question = End the exercise at { $time } ({ $elapsed })?
end-exercise-explained = The clock stops for good and the debrief opens. The decisions under way stop where they are.
end-exercise-not-due = { $count ->
    [0] Every milestone's deadline has passed: each is scored.
    [one] One milestone's deadline has not passed yet: it will be "not due" and left out of the score.
   *[other] { $count } milestones' deadlines have not passed yet: they will be "not due" and left out of the score.
}
end-exercise-confirm = End and open the debrief
keep-playing = Keep playing
heading-care = Care
risk = at risk
up-p-paper-degraded-down = ✔ up   P on paper (degraded)   ✖ down   · not here
decisions = Decisions
taken = Taken
work-done-at = { $decision } — done { $time }
work-waiting-for = { $decision } — waiting for { $reason }
work-waiting = { $decision } — waiting
anyone = Anyone
role-here-free = { $role } — { $here } here, { $free } free
role-here-free-facilitator = { $role } — { $here } here, { $free } free (facilitator plays)
then-minutes-a-host = , then { $minutes } min a host
taken-times = {" "}· taken { $count }×
waits-for = waits for { $reason }
feed = Feed
plan-chosen = No plan chosen.
not-started = … not started
span-minutes = { $minutes } min
span-hours = { $hours } h { $minutes }
span-days = { $days } d { $hours } h
countdown-left = ⏱ { $span } left
countdown-overdue = ⏰ overdue by { $span }
checklist-anticipated = done before its event: this plan does not count it
checklist-on-time = ✔ on time
countdown-late = ✔ late by { $span }
checklist-missed = ✖ missed
milestone-target = { $milestone } (target { $minutes } min)
links = Links
services-up = { $count } up
none-cut = none cut
links-cut-count = ✖ { $count } cut
internet-up = · internet up
internet-cut = · internet cut
selected-host = Selected: { $host }
frame-cost = Simulation { $milliseconds } ms a frame · { $fps } frames a second
fire-now = Fire now
channel = Channel
inject-to = To
phone = phone
message-your-own = A message of your own
send-cell = Send to the cell
send-to-role = Send to { $role }
observer-notes-count = Observer notes ({ $count })
what-you-see-cell-do = What you see the cell do
add-note = Add the note

## The map.
cell-stands-for = Each cell stands for { $hosts } hosts, in the order of their states

## The debrief.
report-written = Written: { $files }
checked-on-time-minutes = ✔ on time ({ $minutes } min)
debrief-title = Debrief — { $scenario }
seed-span = Seed { $seed } · { $from } to { $to } ({ $minutes } simulated minutes)
score-of-100 = Score { $score } / 100
comparison-scores = historical playbook { $historical } · best response { $best } · no response { $none } (same seed, same span)
debrief-hosts-line = Hosts: { $encrypted } encrypted of { $total } ({ $percent }%), { $powered_off } powered off, { $compromised } still compromised · data exfiltrated { $gigabytes } GB
score-line-line = The score, line by line
plan-chosen-nothing-score-against = No plan chosen: nothing to score against.
plan-milestones = The plan's milestones
debrief-milestone = milestone
exercise = this exercise
historical = historical
hosts-encrypted-over-time-whole = Hosts encrypted over time (the whole truth, hidden compromises included)
care-services-not-up = Care services not up
timeline = Timeline
hot-wash = Hot wash
observer-notes = Observer notes
report-folder = Report folder
write-report = Write the report
new-exercise = New exercise

## The after-action report.
on-time-minutes = on time ({ $minutes } min)
late-by-minutes = late by { $late } min ({ $minutes } min)
kind-missed = missed
kind-hidden = hidden
kind-confirmation = confirmation
kind-decision = decision
kind-effect = effect
kind-people = people
kind-outside = outside
kind-care = care
kind-inject = inject
hosts-encrypted = Hosts encrypted
measure-hosts-encrypted = { $encrypted } of { $total } hosts ever encrypted, counting the share reached on hosts stopped midway ({ $percent }%)
patients-risk = Patients at risk
measure-patient-hours-at-risk = { $hours } patient-hours at risk: in services down with no downtime procedure, and in degraded care at its weight
treatment-plans-lost = Treatment plans lost
measure-treatment-plans-lost = { $lost } of { $inpatients } inpatients' treatment plans lost to the wards ({ $percent }%)
critical-services-down = Critical services down
measure-critical-hours-down = { $hours } hours of critical services down
data-exfiltrated = Data exfiltrated
measure-exfiltrated = { $gigabytes } GB exfiltrated during the scenario
timing-against-plan = Timing against the plan
timing-summary = { $on_time } on time, { $anticipated } anticipated, { $late } late, { $missed } missed, of { $total }
timing-left-out = { $count ->
    [one] {"; "}1 left out (not applicable, or not yet due when it ended)
   *[other] {"; "}{ $count } left out (not applicable, or not yet due when it ended)
}
care-degraded = Care degraded
measure-service-hours-degraded = { $hours } service-hours degraded (on paper, or without a system they can do without)
emergency-arrivals-at-risk = Emergency arrivals at risk
measure-arrivals-at-risk = { $arrivals } emergency arrivals at a department down with no downtime procedure
measure-name-ambulances-diverted = Ambulances diverted
measure-ambulances-diverted = { $ambulances } ambulances sent to other hospitals
measure-name-operations-cancelled = Operations cancelled
measure-operations-cancelled = { $operations } planned operations cancelled
measure-name-arrivals-turned-away = Arrivals turned away
measure-arrivals-turned-away = { $arrivals } emergency arrivals, walk-ins included, sent elsewhere by a closed department
measure-name-consultations-lost = Consultations lost
measure-consultations-lost = { $consultations } scheduled consultations lost
line-not-in-hands = not in the cell's hands, so it leaves the total
hours-since-start = hours since the start
hosts-over-time-hidden-truth = Hosts over time (the hidden truth)
hosts = hosts
degraded-or-paper = degraded or on paper
care-services-over-time = Care services over time
services-all-sites = services (all sites)
decisions-against-plan-targets-minutes = Decisions against the plan's targets (minutes after the reference event, log scale)
minutes = minutes
series-target = target
series-this-run = this run
series-historical-night = historical night
report-title = After-action report — { $scenario }
none-response = none (no response)
report-run-line = Playbook: { $playbook } · seed { $seed } · { $from } to { $to } ({ $minutes } simulated minutes)
report-plan-suffix = {" "}· plan: { $plan }
plan-rules-years = The plan's milestones come from rules of { $years }.
summary = Summary
score = Score
timing-and-outcome = timing { $timing } · outcome { $outcome }
patient-hours = patient-hours
inpatients = inpatients
gigabytes-during-scenario = { $gigabytes } GB during the scenario
gigabytes = { $gigabytes } GB
column-this-run = This run
column-historical-night = Historical night
compared-historical-night-plan-met = Compared with the historical night, the best response and no response
same-scenario-same-seed = Same scenario, same seed.
milestones-time = Milestones on time
count-of-total = { $count } of { $total }
patient-hours-risk = Patient-hours at risk
gb-exfiltrated-during-scenario = GB exfiltrated during the scenario
milestones = Milestones
column-milestone = Milestone
source = Source
reference = Reference
column-target = Target
points = Points
line = Line
what-happened = What happened
total = Total
network = The network
report-hosts-at-end = At the end: { $clean } clean, { $held } held by the attacker, { $encrypted } encrypted, { $powered_off } powered off, { $restored } restored from backup, { $rebuilt } rebuilt without data. Domain admin { $domain_admin } at the end; backup sets destroyed: { $backups }.
held = held
not-held = not held
measure = Measure
value = Value
patient-hours-risk-down-downtime = Patient-hours at risk (down with no downtime procedure; degraded or on paper at its weight)
patient-hours-improvised-paper = Of which on paper a service improvised before the cell's order (patient-hours, unweighted)
emergency-arrivals-received-while-department = Emergency arrivals received while the department was down
ambulances-diverted = Ambulances diverted
treatment-plans-lost-wards = Treatment plans lost to the wards
service-hours-down-critical = Service-hours down (critical)
service-hours-degraded-or-paper = Service-hours degraded or on paper
consultations-lost = Consultations lost
report-hidden-entries = Entries marked { $mark } are the attack as it really unfolded, which the crisis cell did not see.
column-time = Time
kind = Kind
observer-notes-were-written = No observer notes were written.
note = Note
question = Question
answer = Answer
sources = Sources
every-number-sources-do-not = Every number the sources do not give is an assumption of the scenario, marked as such in its file.
score-line = Score: { $score } / 100
outcome = Outcome
summary-hosts = Hosts at the end: { $encrypted } of { $total } encrypted, { $powered_off } powered off, { $restored } restored, { $rebuilt } rebuilt
summary-exfiltrated = Data exfiltrated: { $gigabytes } GB ({ $during } GB during the scenario)
summary-detection = First alert: { $first_alert }; confirmed: { $confirmed }
summary-care = Care: { $at_risk } patient-hours at risk; { $plans_lost } of { $inpatients } treatment plans lost; { $hours_down } service-hours down ({ $critical } critical); { $diverted } ambulances diverted; { $consultations } consultations lost

## The timeline the simulation writes (src/sim).
event-footholds =
    { $hosts ->
        [one] The intruders hold { $hosts } host at the start
       *[other] The intruders hold { $hosts } hosts at the start
    }
event-phase-completed-before-start = Attacker completes { $phase } (before the start)
event-phase-completed = Attacker completes { $phase }
phase-discovery = discovery
phase-credential-theft = credential theft
phase-domain-admin = domain admin
phase-mass-deployment = mass deployment
data-exfiltration-begins = Data exfiltration begins
payload-pushed-domain-members-group = Payload pushed to domain members by Group Policy
attacker-loses-domain-admin-stolen = The attacker loses domain admin: stolen credentials no longer work
malicious-group-policy-longer-served = The malicious Group Policy is no longer served
event-attacker-blocked = The attacker cannot complete { $phase }: no path from a running foothold
event-exfiltration-no-foothold = Exfiltration stops (no foothold left running) at { $gigabytes } GB
event-exfiltration-link-cut = Exfiltration stops (the intruders' link is cut) at { $gigabytes } GB
event-exfiltration-complete = Exfiltration complete: { $gigabytes } GB
first-host-fully-encrypted = The first host is fully encrypted
event-backup-destroyed = Online backup set "{ $backup }" destroyed
event-ehr-lost = The EHR is out of reach at { $sites }: { $secured } treatment plans secured on paper, { $lost } lost to the wards
event-service-changed = { $service } { $change }: { $sites }
service-back-up = back up
service-degraded = degraded
service-down = down
service-on-paper = running on paper
event-alert = Alert: { $source }
investigation-confirms-cyberattack = Investigation confirms a cyberattack
event-called-in = { $role } called in ({ $on_call } on call; the first is there in { $minutes } min)
wait-first-alert = the first alert (nobody yet knows of an attack)
attack-be-confirmed = the attack to be confirmed
wait-done = “{ $action }” to be done
wait-running = a running { $class } host (remote tools)
wait-someone = a free { $role }
team-hosts = , { $hosts } hosts
event-outside-answers = { $actor } answers
outcome-links-reconnected = Reconnected: { $links }
outcome-links-cut = Cut: { $links }
wait-server-running = { $server } to be running (its console)
wait-link-up = the link { $link } to be up (a console reached over it)
outcome-ports-shut =
    { $count ->
        [one] Switch ports shut in { $count } segment
       *[other] Switch ports shut in { $count } segments
    }
outcome-contained =
    { $managed ->
        [one] Contained by EDR: { $hosts } of { $managed } managed host (the others no longer report)
       *[other] Contained by EDR: { $hosts } of { $managed } managed hosts (the others no longer report)
    }
outcome-released =
    { $hosts ->
        [one] { $hosts } host let back on the network
       *[other] { $hosts } hosts let back on the network
    }
outcome-diversion-ended = Ambulances come back: the diversion is over
outcome-emergency-closed = Emergency department closed to every arrival, walk-ins included
outcome-emergency-reopened = Emergency department open again
outcome-operations-cancelled = Planned operations cancelled
outcome-scheduled-care-resumed = Consultations and planned operations rescheduled and taking place again
outcome-segments-isolated =
    { $count ->
        [one] Isolated { $count } segment
       *[other] Isolated { $count } segments
    }
outcome-segments-reconnected =
    { $count ->
        [one] Reconnected { $count } segment
       *[other] Reconnected { $count } segments
    }
domain-credentials-reset-compromised-accounts = Domain credentials reset and compromised accounts disabled
outcome-done = { $action } done
outcome-told = { $actor } told
downtime-procedures-paper-active = Downtime procedures (paper) active
ambulances-diverted-other-hospitals = Ambulances diverted to other hospitals
consultations-cancelled = Consultations cancelled
outcome-powered-off =
    { $hosts ->
        [one] { $hosts } host powered off
       *[other] { $hosts } hosts powered off
    }
outcome-started-again =
    { $hosts ->
        [one] { $hosts } host started again
       *[other] { $hosts } hosts started again
    }
outcome-reimaged =
    { $hosts ->
        [one] { $hosts } host reimaged, clean
       *[other] { $hosts } hosts reimaged, clean
    }
outcome-restored =
    { $hosts ->
        [one] { $hosts } host restored from backup
       *[other] { $hosts } hosts restored from backup
    }
outcome-reinstalled =
    { $hosts ->
        [one] { $hosts } host reinstalled: { $with_data } restored from backup, { $without_data } rebuilt without data (backup lost)
       *[other] { $hosts } hosts reinstalled: { $with_data } restored from backup, { $without_data } rebuilt without data (backup lost)
    }
link-count = { $count } links
event-unknown-action = Unknown action "{ $action }" ignored
event-decision = Decision: { $action }
event-waiting = { $action } waits for { $reason }
event-team-grew = { $joined ->
    [one] One more person joins: { $action }{ $team }
   *[other] { $joined } more people join: { $action }{ $team }
}
event-called-away = One person leaves { $action } for { $to }{ $team }
event-started = Started: { $action }{ $team }

## What the exercise says of a host, and of a decision it refuses (src/exercise).
host-domain-member = { $role }, { $system }, domain member
host-compromised-hidden = compromised { $time } (hidden from the cell)
named-alert = named by an alert
host-encryption-seen = encryption seen { $time }
exercise-has-ended = the exercise has ended
scenario-time-up = the scenario's time is up
refused-no-such-decision = no decision "{ $decision }" in this scenario
column-best-response = Best response
column-no-response = No response
best-response-explained = The best response takes every useful decision at the first alert, each as soon as its people are there; no response takes none. Each outcome line of the score sits between the two: none at no response, full marks at the best response.
anticipated-counted = before its event ({ $minutes } min), counted on time
anticipated-not-counted = before its event ({ $minutes } min), not counted by this plan
milestone-not-due = not due: its deadline falls after the end
milestone-not-applicable = not applicable: its event never happened
quiet-night = Nothing has been seen yet: the night is quiet, and nobody knows there is anything to decide. Decisions open at the first alert.
report-encrypted-by-role = Ever encrypted, by role: { $servers } of { $servers_total } servers ({ $controllers } of { $controllers_total } domain controllers, { $backups } of { $backups_total } backup servers) and { $workstations } of { $workstations_total } workstations; { $at_first_alert } hosts were already lost when the first alert came.
timing-nothing-counts = no milestone counts (none applies, or none was due yet), so timing leaves the total
score-explained = Each outcome line scores the share of the avoidable harm the cell avoided: none at the harm of no response, full marks at the harm of the best response on the same seed (every useful decision at the first alert). A line is not in the cell's hands when the two differ by less than the plan's negligible harm: nothing the cell decided could have changed it. The total is the points earned over the points of the lines that count.

host-role-domain-controller = domain controller
host-role-ehr = patient record server
host-role-pacs-ris = imaging server (PACS/RIS)
host-role-laboratory = laboratory server
host-role-pharmacy = pharmacy server
host-role-telephony = telephony server
host-role-file-server = file server
host-role-hypervisor = virtualisation host
host-role-backup-server = backup server
host-role-application-server = application server
host-role-workstation = workstation
host-role-medical-device = medical device
os-windows-server = Windows Server
os-windows-client = Windows
os-linux = Linux
os-hypervisor = hypervisor
os-embedded = embedded system
segment-kind-servers = servers
segment-kind-clinical-workstations = clinical workstations
segment-kind-administration-workstations = administration workstations
segment-kind-medical-devices = medical devices
segment-kind-dmz = exposed zone (DMZ)
segment-kind-backup = backups
segment-kind-management = administration network

preview-service-at-sites = { $service } ({ $sites ->
    [one] one site
   *[other] { $sites } sites
})
preview-power-off = Switches off { $hosts ->
    [one] one running host
   *[other] { $hosts } running hosts
    } of the { $chosen ->
    [one] one
   *[other] { $chosen }
    } it names, at { $sites ->
    [one] one site
   *[other] { $sites } sites
    }: { $names }.
preview-power-on = Starts { $hosts ->
    [one] one host
   *[other] { $hosts } hosts
    } again, at { $sites ->
    [one] one site
   *[other] { $sites } sites
    }: { $names }. Hosts still infected start infected.
preview-reimage = Wipes and reinstalls { $hosts ->
    [one] one host
   *[other] { $hosts } hosts
    }, at { $sites ->
    [one] one site
   *[other] { $sites } sites
    }: { $names }.
preview-restore = Reinstalls { $hosts ->
    [one] one host
   *[other] { $hosts } hosts
    } from backup, at { $sites ->
    [one] one site
   *[other] { $sites } sites
    }: { $names }.
preview-contain = Cuts { $hosts ->
    [one] one running host
   *[other] { $hosts } running hosts
    } off the network through the EDR, at { $sites ->
    [one] one site
   *[other] { $sites } sites
    }: { $names }.
preview-services = Care services that need these systems go down, or to paper where it is ready: { $services }.
irreversible-power-off = ⚠ What these machines hold in memory is lost to the investigation when they stop (CISA #StopRansomware guide: power down only where a machine cannot be disconnected). Starting them again is a separate decision.
irreversible-reimage = ⚠ What the wiped hosts held locally is gone for good.
irreversible-restore = ⚠ What changed since the last backup is lost on the restored hosts.
irreversible-notify = ⚠ Once told, the outside body acts on it: it cannot be untold.

truth-on-projector = Show the truth on the projector
truth-shown = Truth shown to the room
console-f = Facilitator's console (F)
console-explained = The facilitator's console opens in its own window, for the facilitator's screen: the hidden truth, the injects and their expected responses, the notes.
injects-delivered = Injects delivered
no-inject-yet = No inject has reached the cell yet.
injects-to-fire = Injects to fire by hand
write-inject = An inject of your own
expected-response = Expected: { $response }
on-the-banner = on the room's banner
feed-with-truth = Everything that happened, the hidden attack included
inject-word = inject
inject-from = from { $sender }
inject-for = For: { $audience }
inject-acknowledge = Read — go on (Enter)
inject-audience-cell = the crisis cell
feed-inject-on-seat = [{ $channel }] For the { $role } seat only
inject-on-seat = For the { $role } seat only: the room hears of it from that role.
response-done = Done
response-partly = Partly
response-not-done = Not done

note-kind-observation = Observation
note-kind-strength = Strength
note-kind-improvement = Area for improvement
rating-performed = Performed without challenges
rating-some-challenges = Performed with some challenges
rating-major-challenges = Performed with major challenges
rating-unable = Unable to be performed
rating-not-rated = Not rated (not due, or its event never happened)
rating-inject-done = the expected response to "{ $inject }" was given
rating-inject-partly = partly given: { $expected }
rating-inject-not-done = not given: { $expected }
overview = Exercise overview
overview-exercise = Exercise
overview-scenario-time = Scenario time
overview-span = { $from } to { $to }
overview-played-on = Played on
overview-headless = a run of the playbook "{ $playbook }", without players
overview-at-table = Roles at the table
overview-by-facilitator = Roles played by the facilitator
overview-plan = Plan
overview-objectives-count = { $count ->
    [one] one milestone of the plan, rated below
   *[other] { $count } milestones of the plan, each rated below
}
overview-objectives = Objectives (the plan's milestones and their targets)
overview-facilitator = Facilitator and evaluators (names)
objectives-rated = Objectives rated
objectives-rated-explained = Each objective is one of the plan's milestones. Its rating follows its timing (on time: performed without challenges; late by up to its own target: some challenges; later: major challenges; never met: unable to be performed), made worse, never better, by the facilitator's marks on the injects that test it and by observers' notes of an area for improvement.
column-objective = Objective
column-rating = Rating
column-strengths = Strengths
column-improvements = Areas for improvement
decisions-taken = Decisions taken
no-decision-taken = No decision was taken.
column-taken-done = Taken → done
column-who = Who
column-decision = Decision
column-against-target = Against the plan's target
not-done-yet = not done
injects-and-responses = Injects and the responses expected
inject-heading = { $channel } → { $audience }:
column-message = Message
column-expected = Expected response
column-response = Response (facilitator)
not-marked = not marked
improvement-plan = Improvement plan
improvement-plan-explained = Each objective with challenges, its corrective action, who carries it and when. Written with this report as improvement-plan.csv and improvement-plan.xlsx, to be carried on in the hospital's own tools.
improvement-plan-empty = Every objective rated was performed without challenges.
improvement-plan-sheet = Improvement plan
column-improvement-issue = Area for improvement
column-corrective-action = Corrective action
column-responsible = Responsible
column-start = Start
column-end = End
approval-line = Approved by (name, function): ______________________   Date: ____________   Signature: ______________________
annexes = Annexes: the run in detail

remove-line = Remove this line
add-line = Add a line
no-objective = No objective in particular

jump-unreadable = "{ $text }" is not a time to go to: write a local time such as 06:00, or a span ahead such as +2h or +1d6h.
jump-past-end = That is past the scenario's end ({ $time }).
jump-to = Go to
jump-hint = 06:00 or +2h
jumped-to-time = Ran to { $time }.
room-pace = Room pace
room-pace-explained = 10x through the night (to T+4h30), 60x to T+12h, then 600x; choosing a speed by hand stops it.

strip-explained = Since the start, every ten minutes: hosts encrypted (vermillion), silently held (purple, facilitator only) and switched off (blue), with the first alert and the confirmation.

chart-whole-run = The whole run
chart-first-12-hours = The first 12 hours

console-title = the facilitator's console

played-by-cell = the crisis cell's own decisions

built-in-scenario = { $name } (built in)

inject-heading-no-audience = { $channel }:

## Seats: each role's page
seat-not-your-decision = "{ $decision }" is not this role's decision
seat-message-empty = A message needs words
seat-message-too-long = A message holds at most { $most } characters
seat-no-such-role = No role "{ $role }" in this exercise
seat-too-many-messages = This exercise holds no more messages
seat-the-cell = the whole cell
seat-decisions = Your decisions
seat-inbox = Inbox
seat-write = Write to
seat-send = Send
seat-estate = The network, as the cell knows it
seat-care = Care, by site
seat-here-free = { $here } here, { $free } free
seat-waiting-for-alert = Nothing is known yet: no decision to take.
seat-taken = taken
seat-offline = Connection lost: trying again…
seat-ended = The exercise has ended.
seat-paused = Paused
seats-heading = Seats
seats-served-on = Served on { $address }: each role opens its link in a browser on this network.
seat-free = nobody yet
seat-held = { $count } browser(s)
seat-messages-heading = Messages between seats
seat-refusals-heading = Requests refused to a seat
column-from-to = From → to
column-role = Role
column-refused = Refused
seats-join = Join your seat
seats-join-explained = Point your phone's camera at your role's code, or type its link in a browser on this network.
seats-hide = Hide the codes
seats-on-projector = Show the seats' codes on the projector
seat-not-understood = Request not understood
seat-too-many-requests = Too many requests: wait a second
seat-busy = The exercise is busy: try again
seat-closed = The exercise has closed
seat-channel-call = call
seat-called-in = { $caller } calls you in: “{ $decision }”.
seat-replies-more = and { $count } earlier answers or passes on
seat-channel = seat
seat-no-such-inject = That inject has not reached this seat
seat-the-sender = the sender
seat-about = About: { $inject }
seat-answer = Answer
seat-forward = Pass on
seat-answer-to = Answer to
seat-forward-to = Pass on to
seat-cancel = Cancel
seat-answered = { $role } answered at { $at }: { $text }
seat-passed-on = { $role } passed it on to { $to } at { $at }
seat-link-renewed = The facilitator has given this seat a new link: this one no longer opens it. Ask the facilitator for yours.
seat-no-such = This link opens no seat (the seat was given a new link, or another exercise has begun): ask the facilitator for yours.
seat-renew = New link
seat-renew-hint = The old link stops working at once and its browsers are closed: to take a seat back or hand it to someone else
seat-open-here = Open here
seat-open-here-hint = Opens this seat in this computer's browser, to play a role nobody holds
seat-renewed = { $role }: new link { $link }
seat-decision-taken-enough = "{ $decision }" has been taken { $times } times from this seat: ask the facilitator

## The facilitator's and the observers' seats (desks)
desk-facilitator = Facilitator
desk-observer = Observer
seat-not-for-this-seat = This seat may not do that
desk-no-such = There is no "{ $what }" to name here
desk-pause = Pause
desk-resume = Resume
desk-speed = Speed
desk-pace = the room's pace
desk-truth = The truth, every foothold counted
desk-room-picture = The network, as the cell knows it
desk-feed = Feed
desk-injects = Injects delivered
desk-no-inject = No inject yet.
desk-expected = Expected:
desk-on-banner = on the room's banner
desk-to-fire = Injects to fire
desk-fire = Fire now
desk-write-inject = Write an inject
desk-channel = Channel
desk-send = Send
desk-notes = Notes
desk-note-placeholder = What you see the cell do
desk-note-add = Add the note
desk-objective = Objective
desk-role = Role
desk-inject = Inject
desk-none = —
desk-objectives = Objectives to rate
desk-not-rated = Not rated
desk-target = within
desk-more-replies = earlier answers or passes on:
rating-by-observer = Rated by an observer; the timing and the marks alone give: { $worked_out }
column-note-about = About
note-about-inject = the inject of { $at } ({ $channel })
note-by-seat = from the { $seat }'s seat
desk-too-many-inputs = This seat has done as much as one exercise allows: go on from the window's console
desk-earlier-injects = earlier injects not shown:
desk-channel-too-long = A channel holds at most { $most } characters

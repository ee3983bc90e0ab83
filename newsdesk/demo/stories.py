"""The demo paper's invented world: Eastmere, a harbour town, its sections, reporters and news.

Every name, place, quote and figure here is made up for the demo; none of it comes
from a real publication.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    name: str
    description: str
    parent: str = ""


@dataclass(frozen=True)
class Reporter:
    slug: str
    name: str
    role: str
    bio: str


@dataclass(frozen=True)
class Story:
    section: str
    headline: str
    standfirst: str
    facts: tuple
    speaker: str
    speaker_role: str
    quote: str
    tags: tuple
    picture: str
    lead: bool = False


SECTIONS = (
    Section("city", "City", "Eastmere's streets, services and neighbourhoods."),
    Section("transport", "Transport", "Buses, ferries, roads and cycle routes.", parent="city"),
    Section("politics", "Politics", "The borough council, its budgets and its votes."),
    Section("business", "Business", "The port, the shipyard and the high street."),
    Section("science", "Science", "Research, wildlife and the changing estuary."),
    Section("culture", "Culture", "Theatre, music, art and the town's festivals."),
    Section("sport", "Sport", "Results and people from Eastmere's clubs."),
    Section("football", "Football", "Eastmere Athletic, men's and women's teams.", parent="sport"),
)

REPORTERS = (
    Reporter(
        "nadia-ferrant",
        "Nadia Ferrant",
        "City editor",
        "Nadia has covered Eastmere's council and neighbourhoods for eleven years.",
    ),
    Reporter(
        "tomas-ilves",
        "Tomas Ilves",
        "Transport correspondent",
        "Tomas rides every bus route in the borough at least once a year, on purpose.",
    ),
    Reporter(
        "grace-okafor",
        "Grace Okafor",
        "Political reporter",
        "Grace follows the borough council from committee room to ballot box.",
    ),
    Reporter(
        "owen-prydderch",
        "Owen Prydderch",
        "Business reporter",
        "Owen writes about the port, the shipyard and the people who keep shops open.",
    ),
    Reporter(
        "lena-marsh",
        "Lena Marsh",
        "Science and environment reporter",
        "Lena reports on the estuary, its wildlife and the university's research.",
    ),
    Reporter(
        "ravi-dunmore",
        "Ravi Dunmore",
        "Arts and sport writer",
        "Ravi reviews the harbour theatre on weekdays and the football on Saturdays.",
    ),
)

# Which reporters write for which section; the first one takes most stories.
BEATS = {
    "city": ("nadia-ferrant", "tomas-ilves"),
    "transport": ("tomas-ilves", "nadia-ferrant"),
    "politics": ("grace-okafor", "nadia-ferrant"),
    "business": ("owen-prydderch", "grace-okafor"),
    "science": ("lena-marsh", "owen-prydderch"),
    "culture": ("ravi-dunmore", "lena-marsh"),
    "sport": ("ravi-dunmore", "tomas-ilves"),
    "football": ("ravi-dunmore", "grace-okafor"),
}

# Credit lines, for bylines with no reporter's profile behind them (invented, like the rest).
STAFF = "Staff"
WIRE_AGENCY = "Estuary News Agency"

# Where some stories were reported from: the town and its invented neighbours.
DATELINES = ("Eastmere", "Millbrook", "Saltmarsh Point", "Harrowby")

STORIES = (
    Story(
        "city",
        "Old Harbour footbridge to reopen after two years of repairs",
        "The crossing between the market and the ferry quay opens to walkers and "
        "cyclists on Saturday, three months later than planned.",
        (
            "Engineers replaced forty of the bridge's steel hangers and relaid the whole deck.",
            "Traders on Quay Street say the closure cost them a third of their passing trade.",
            "A shuttle boat carried more than 90,000 people across while the bridge was shut.",
        ),
        "Mira Castell",
        "head of highways at Eastmere Borough Council",
        "We found more corrosion under the deck than any survey had shown, and we were "
        "not going to reopen it until it was right.",
        ("harbour", "infrastructure"),
        "harbour",
        lead=True,
    ),
    Story(
        "city",
        "Millbrook library extends its opening hours as volunteers step in",
        "Evening and Sunday sessions return next month, staffed by a rota of seventy "
        "residents trained by the library service.",
        (
            "The library closed at five o'clock on weekdays after budget cuts three years ago.",
            "Volunteers will run the lending desk while a librarian stays on duty.",
            "Homework clubs and a job-search drop-in are the first evening sessions planned.",
        ),
        "Priya Holloway",
        "chair of the Friends of Millbrook Library",
        "People told us the building was shut exactly when they could use it. "
        "Now it will be open when the school run and the working day are over.",
        ("libraries", "volunteering"),
        "town",
    ),
    Story(
        "city",
        "Residents asked to name the new riverside park",
        "The council has shortlisted five names for the park on the old gasworks site "
        "and wants votes by the end of the month.",
        (
            "The eight-acre park opens in spring with a playground, wetland and boardwalk.",
            "Two of the shortlisted names were suggested by pupils at Northgate Primary.",
            "Votes can be cast online or on paper at any library in the borough.",
        ),
        "Daniel Achterberg",
        "the council's parks manager",
        "It is the first new park in Eastmere for forty years, so it should carry a "
        "name that residents chose rather than one we picked in an office.",
        ("parks", "river lenn"),
        "park",
    ),
    Story(
        "city",
        "Burst water main floods Northgate high street",
        "Shops were closed and buses diverted for most of Tuesday after a main "
        "gave way beneath the junction with Tanner's Row.",
        (
            "Water rose to the kerb outside a dozen shops before the supply was shut off.",
            "Engineers say the pipe was laid in 1931 and was due for replacement next year.",
            "The water company has promised to pay for cleaning in the affected shops.",
        ),
        "Helen Voss",
        "who runs the hardware shop on the corner",
        "We had sandbags out within twenty minutes, but the water came up through the "
        "drains at the back before anyone could stop it.",
        ("northgate", "water"),
        "town",
    ),
    Story(
        "transport",
        "Night buses return to three routes from Friday",
        "Services on the harbour, university and hospital routes will run every "
        "forty minutes until three in the morning at weekends.",
        (
            "The routes were cut during the pandemic and never fully restored.",
            "Hospital staff on late shifts campaigned for eighteen months for their return.",
            "The trial runs for a year and will be judged on passenger numbers each quarter.",
        ),
        "Simone Baptiste",
        "a nurse who helped lead the campaign",
        "For a lot of us the choice was a taxi we can't afford or a walk home in the dark. "
        "This changes that.",
        ("buses", "night economy"),
        "street",
        lead=True,
    ),
    Story(
        "transport",
        "Ferry timetable adds an early sailing for shift workers",
        "A 05:40 crossing from Saltings to the Old Harbour starts next week after "
        "a survey of workers at the port and the hospital.",
        (
            "The first sailing currently leaves at 06:30, too late for early shifts.",
            "More than 600 people answered the operator's survey in a fortnight.",
            "Fares on the new sailing will match the standard peak-time fare.",
        ),
        "Karl Lindqvist",
        "operations manager at Estuary Ferries",
        "The survey told us plainly that we were missing the people who need us most, "
        "so we have moved a crew and a boat to fix it.",
        ("ferries", "harbour"),
        "harbour",
    ),
    Story(
        "transport",
        "Station Road cycle lane to be made permanent",
        "A trial lane that was meant to last six months will stay after counts "
        "showed cycling on the road has doubled.",
        (
            "Counters recorded an average of 1,400 bike journeys a day in the last month.",
            "Bus journey times along the road did not change during the trial.",
            "The kerbs and planters will be replaced with a raised lane next summer.",
        ),
        "Aisha Rahman",
        "cabinet member for transport",
        "We promised to follow the evidence, and the evidence is that people will cycle "
        "when they feel safe doing it.",
        ("cycling", "roads"),
        "street",
    ),
    Story(
        "politics",
        "Council sets a budget with more for care and less for events",
        "Councillors approved next year's spending plan by 31 votes to 19 after a "
        "four-hour meeting in the town hall.",
        (
            "Spending on adult social care rises by seven per cent to meet growing demand.",
            "The summer fireworks and two smaller festivals lose their council funding.",
            "Council tax will rise by the maximum allowed without a local referendum.",
        ),
        "Yusuf Kemal",
        "leader of the council",
        "Nobody came into politics to cancel fireworks. But when the choice is a festival "
        "or a home visit for someone who cannot get out of bed, it is not a hard choice.",
        ("budget", "council"),
        "hall",
        lead=True,
    ),
    Story(
        "politics",
        "By-election called in Saltings ward",
        "Voters in Saltings will choose a new councillor on the first Thursday of "
        "next month after the sitting member stood down for health reasons.",
        (
            "Four candidates have been nominated, one more than at the last election.",
            "Turnout in the ward was 29 per cent at the last full council election.",
            "Polling stations will be the community centre and the sailing club.",
        ),
        "Marguerite Osei",
        "the borough's returning officer",
        "If you are not registered, you have until midnight on Friday. It takes five "
        "minutes and you will need your National Insurance number.",
        ("elections", "saltings"),
        "hall",
    ),
    Story(
        "politics",
        "Cross-party group backs a young people's assembly",
        "Councillors from all three groups want an elected assembly of 14 to 18-year-olds "
        "that can put questions to the cabinet.",
        (
            "Each secondary school and college would elect two members every year.",
            "The assembly would meet four times a year in the council chamber.",
            "A similar scheme in a neighbouring borough has run for six years.",
        ),
        "Beatrix Lund",
        "opposition spokesperson for education",
        "Young people live with our decisions longest. The least we can do is let them "
        "ask us to our faces why we made them.",
        ("young people", "council"),
        "hall",
    ),
    Story(
        "politics",
        "Consultation opens on town centre parking charges",
        "Plans would make the first hour free in every council car park but raise "
        "charges for longer stays.",
        (
            "Traders asked for a free first hour to encourage quick shopping trips.",
            "All-day parking would rise from six to eight pounds.",
            "The consultation runs for eight weeks and includes two public meetings.",
        ),
        "Frank Adeyemi",
        "chair of the Eastmere Traders' Association",
        "Someone popping in for a prescription and a loaf should not have to pay for the "
        "privilege. This gets that balance about right.",
        ("parking", "consultation"),
        "street",
    ),
    Story(
        "politics",
        "Mayor's office to publish every meeting diary online",
        "From next month, the mayor's meetings with businesses, lobbyists and "
        "campaign groups will be listed online within a week.",
        (
            "The diary will name every organisation met and the subject discussed.",
            "Campaigners for open government have asked for the change for years.",
            "Meetings about individual residents' cases will be listed without names.",
        ),
        "Celia Brandt",
        "the mayor",
        "If I am meeting someone in this job, residents have a right to know who and why.",
        ("transparency", "mayor"),
        "hall",
    ),
    Story(
        "business",
        "Shipyard wins an order for six electric harbour tugs",
        "The contract secures work at the Saltings yard for three years and will "
        "create forty new jobs, including twelve apprenticeships.",
        (
            "The tugs will run on batteries charged from a new quayside substation.",
            "The first hull is due to be laid down in the autumn.",
            "The yard last built a complete vessel eleven years ago.",
        ),
        "Ingrid Halvorsen",
        "managing director of Saltings Marine",
        "There were years when people asked whether this yard had a future. Six boats "
        "and forty jobs is our answer.",
        ("shipyard", "jobs"),
        "harbour",
        lead=True,
    ),
    Story(
        "business",
        "Family bakery opens a second shop after a crowdfunding drive",
        "Customers lent more than £60,000 in three weeks so that the Millbrook bakery "
        "could open a branch near the station.",
        (
            "Lenders will be repaid over five years, partly in bread.",
            "The new shop will bake on site and employ eight people.",
            "The bakery has traded from the same Millbrook premises since 1968.",
        ),
        "Rosa Pellegrini",
        "who runs the bakery with her brother",
        "The bank said no twice. Our customers said yes in three weeks. That tells you "
        "something about this town.",
        ("small business", "millbrook"),
        "town",
    ),
    Story(
        "business",
        "Empty department store to become workshops and flats",
        "The former Garland's building on Market Street, empty for five years, has been "
        "bought by a local housing cooperative.",
        (
            "The ground floor will hold twenty small workshops let at below-market rents.",
            "Forty-two flats on the upper floors will be let at social rents.",
            "The listed façade and the original staircase will be restored.",
        ),
        "Tobias Wren",
        "secretary of the Eastmere Housing Cooperative",
        "Everyone has a memory of buying school shoes in Garland's. We want the next "
        "generation to have memories of living and working there.",
        ("housing", "high street"),
        "town",
    ),
    Story(
        "business",
        "Port handles record tonnage as grain exports rise",
        "Cargo through Eastmere's docks passed four million tonnes last year for the "
        "first time, driven by a new grain terminal.",
        (
            "Grain accounted for almost half of all cargo handled.",
            "The port now employs more than 1,100 people directly.",
            "A second grain silo is planned if demand holds for another year.",
        ),
        "Dev Malhotra",
        "chief executive of Eastmere Port",
        "A record year is good news, but it also shows where we are short of space, and "
        "we will be talking to the council about that.",
        ("port", "trade"),
        "harbour",
    ),
    Story(
        "business",
        "Market traders vote to open on Saturday evenings",
        "Stalls in the covered market will trade until nine on Saturdays through the "
        "summer, with street food and live music.",
        (
            "Sixty-one of the market's seventy traders took part in the vote.",
            "The market currently closes at four o'clock every day.",
            "The trial begins on the first Saturday of June.",
        ),
        "Lorna McBride",
        "who has run a cheese stall for twenty years",
        "People want somewhere to go that is not a pub and not a screen. A market with "
        "lights on and music playing is just that.",
        ("market", "night economy"),
        "town",
    ),
    Story(
        "science",
        "Seal pups on the sandbanks reach a ten-year high",
        "Volunteers counted 212 grey seal pups on the outer banks this winter, "
        "the most since the survey began.",
        (
            "The count is made from boats and from drone photographs checked by hand.",
            "Researchers think cleaner water in the estuary has helped fish stocks recover.",
            "Visitors are asked to stay at least fifty metres from seals on the beach.",
        ),
        "Dr Hanne Sørlie",
        "a marine ecologist at Eastmere University",
        "Ten years ago we worried this colony would disappear. Now it is one of the "
        "healthiest on this stretch of coast.",
        ("wildlife", "estuary"),
        "coast",
        lead=True,
    ),
    Story(
        "science",
        "University tests seaweed packaging at the fish market",
        "Stallholders will wrap fish in a film made from farmed seaweed for three "
        "months to see whether it can replace plastic.",
        (
            "The film breaks down in garden compost within six weeks.",
            "It costs about twice as much as plastic film at today's volumes.",
            "The seaweed is grown on ropes at a farm two miles offshore.",
        ),
        "Professor Joel Anand",
        "who leads the materials team",
        "The lab can tell us it works. Only a fishmonger on a wet Tuesday can tell us "
        "whether it works in real life.",
        ("research", "plastics"),
        "coast",
    ),
    Story(
        "science",
        "Air quality sensors to be fitted outside every primary school",
        "Readings from the forty sensors will be published online every hour from "
        "the start of the next school term.",
        (
            "Two schools on the ring road recorded levels above the legal limit last year.",
            "Parents' groups raised money for the first six sensors themselves.",
            "The council will review traffic outside any school that records high levels.",
        ),
        "Eleni Markou",
        "who chairs the Clean Air for Kids campaign",
        "We started with a bake sale and one sensor. Now every school gate will have "
        "one, and nobody will be able to say they did not know.",
        ("air quality", "schools"),
        "street",
    ),
    Story(
        "science",
        "Volunteers record a rare moth on the Hollow Lane allotments",
        "A species not seen in the county for more than thirty years has turned up "
        "in a light trap run by the allotment society.",
        (
            "The identification was confirmed by the county recorder from photographs.",
            "The moth feeds on plants that grow along the old railway embankment.",
            "The society is now asking plot holders to leave some wild corners uncut.",
        ),
        "Wilf Harrowby",
        "who runs the light trap every Friday",
        "I have been doing this for twenty-two years and I had to sit down when I saw it.",
        ("wildlife", "allotments"),
        "park",
    ),
    Story(
        "science",
        "Tide gauge upgrade will give earlier flood warnings",
        "A new gauge at the harbour mouth will feed a forecasting model that can warn "
        "of surges up to six hours ahead.",
        (
            "The current system gives about ninety minutes' notice of a surge.",
            "Two hundred homes in Saltings are in the highest flood risk band.",
            "Warnings will be sent by text message to anyone who registers.",
        ),
        "Dr Amara Quist",
        "a flood scientist working on the model",
        "Ninety minutes is enough to move a car. Six hours is enough to move a family's "
        "life upstairs.",
        ("flooding", "estuary"),
        "coast",
    ),
    Story(
        "culture",
        "Lantern festival draws its biggest crowd",
        "An estimated 30,000 people lined the quays on Saturday night as two hundred "
        "handmade lanterns were carried along the river.",
        (
            "Lanterns were made in workshops run in every primary school in the borough.",
            "This year's theme was the history of the town's fishing fleet.",
            "The festival is run entirely by volunteers and local sponsors.",
        ),
        "Odile Fairweather",
        "the festival's artistic director",
        "Every lantern you saw was made by someone who lives here. That is the whole point of it.",
        ("festivals", "harbour"),
        "lantern",
        lead=True,
    ),
    Story(
        "culture",
        "Harbour theatre announces a season of new local writing",
        "Six new plays by writers from the town will open at the Harbour Theatre "
        "between September and March.",
        (
            "The plays were chosen from more than 300 scripts sent in last year.",
            "Four of the six writers have never had a play professionally staged.",
            "Tickets for under-26s will cost five pounds for every performance.",
        ),
        "Jonah Elsworth",
        "the theatre's artistic director",
        "There are stories in this town that nobody else could tell, and we want them "
        "on our stage first.",
        ("theatre", "writing"),
        "lantern",
    ),
    Story(
        "culture",
        "Lost mural uncovered during station refurbishment",
        "Workers stripping panels from the station's booking hall found a painted "
        "mural of the harbour that had been hidden for half a century.",
        (
            "The mural is about twelve metres long and signed by a local art teacher.",
            "It was covered over when the booking hall was modernised in the 1970s.",
            "Conservators will assess whether it can be restored in place.",
        ),
        "Ottilie Grange",
        "a volunteer with the town's heritage society",
        "We had a photograph of it from 1962 and assumed it had been destroyed. It was "
        "behind a wall the whole time.",
        ("heritage", "art"),
        "town",
    ),
    Story(
        "culture",
        "Youth orchestra to play on the quay for the first time",
        "The Eastmere Youth Orchestra will give a free open-air concert on the Old "
        "Harbour quay on midsummer's evening.",
        (
            "Ninety young musicians aged eleven to nineteen will take part.",
            "The programme includes a new piece written by a sixth-form student.",
            "Seating will be limited, so listeners are asked to bring blankets.",
        ),
        "Marta Villanueva",
        "the orchestra's conductor",
        "These players rehearse every Saturday morning all year. They deserve an "
        "audience as big as the harbour.",
        ("music", "young people"),
        "lantern",
    ),
    Story(
        "culture",
        "Exhibition charts fifty years of the fish market",
        "More than a hundred photographs taken by market workers and their families "
        "go on show at the town museum next week.",
        (
            "The oldest photograph in the show dates from 1974.",
            "Many images were found in lofts after a public appeal last year.",
            "The exhibition is free and runs until the end of the year.",
        ),
        "Hugo Marchetti",
        "the museum's curator",
        "These are not pictures of the fish market. They are pictures from inside it, "
        "taken by the people who made it work.",
        ("museum", "photography"),
        "harbour",
    ),
    Story(
        "sport",
        "Rowing club's women's eight win the estuary regatta",
        "The Eastmere crew beat six rivals over the two-kilometre course, finishing "
        "three lengths clear in choppy water.",
        (
            "It is the club's first win in the event for fourteen years.",
            "Three of the eight crew members took up rowing less than two years ago.",
            "The club is holding open taster sessions every Sunday this month.",
        ),
        "Freya Nakamura",
        "the crew's stroke",
        "We were told the water would suit heavier crews. We decided it would suit us.",
        ("rowing", "regatta"),
        "coast",
    ),
    Story(
        "sport",
        "Leisure centre pool reopens with accessible changing rooms",
        "The Northgate pool is open again after a seven-month refit that added a "
        "hoist, changing places and a shallow learner pool.",
        (
            "The refit was paid for by the council and a national sports grant.",
            "Disability swimming groups were consulted on the design from the start.",
            "Lane swimming sessions have been extended into the early morning.",
        ),
        "Callum Reyes",
        "coach of the Eastmere Otters disability swimming club",
        "For the first time, some of our swimmers can get changed without help from "
        "a parent. That matters more than any medal.",
        ("swimming", "accessibility"),
        "park",
    ),
    Story(
        "football",
        "Eastmere Athletic come from behind to win the county cup",
        "Two goals in the last ten minutes gave Athletic a 2-1 win over the league "
        "leaders in front of a record crowd.",
        (
            "Athletic had not scored against their opponents in four previous meetings.",
            "The winner came from a corner in the third minute of added time.",
            "More than 4,000 fans were at the ground, the most since it was rebuilt.",
        ),
        "Sean Abernethy",
        "Athletic's manager",
        "At one-nil down with ten minutes left, I told them to stop thinking and play. "
        "They did the rest.",
        ("eastmere athletic", "cup"),
        "stadium",
        lead=True,
    ),
    Story(
        "football",
        "Athletic appoint a former captain as youth team coach",
        "Marcus Delaney, who led the club to promotion a decade ago, returns to run "
        "the under-18 side.",
        (
            "Delaney spent the last four seasons coaching in a regional academy.",
            "The youth team finished bottom of its league last season.",
            "Trials for new players will be held over the summer holidays.",
        ),
        "Marcus Delaney",
        "the new youth team coach",
        "This club gave me my first chance when I was sixteen. I want to give that "
        "chance to the next lot.",
        ("eastmere athletic", "youth football"),
        "stadium",
    ),
    Story(
        "sport",
        "Half marathon route changed to avoid harbour works",
        "This year's Eastmere half marathon will start in the riverside park instead "
        "of the quay, and finish on the seafront.",
        (
            "Around 3,500 runners have entered, a record for the race.",
            "The new route is flatter, and organisers expect faster times.",
            "Road closures will be in place from seven until one on race day.",
        ),
        "Priscilla Onyango",
        "the race director",
        "We lose the start under the cranes, which people love, but we gain a finish "
        "with the sea on one side and a cheering crowd on the other.",
        ("running", "roads"),
        "park",
    ),
    Story(
        "football",
        "Women's team sell out their home ground for the league decider",
        "Every ticket for Sunday's title match against Harwick Rovers has gone, "
        "and a screen will show the game in the park.",
        (
            "A draw would be enough to win the league for the first time.",
            "Average attendance at women's home games has tripled in two seasons.",
            "The club has asked the council to extend the trains after the match.",
        ),
        "Jess Okonkwo",
        "the team captain",
        "When I started, we played in front of our parents and a dog. Now we are "
        "selling out. That is the story, whatever happens on Sunday.",
        ("eastmere athletic", "women's football"),
        "stadium",
    ),
    Story(
        "city",
        "Saturday market keeps cash as card payments grow",
        "Market managers have ruled out going card-only after older shoppers "
        "said they would be shut out.",
        (
            "About seven in ten payments at the market are now made by card.",
            "A petition to keep cash gathered 2,300 signatures in a month.",
            "Every stall will still be asked to accept cards as well.",
        ),
        "Gwen Atherton",
        "who started the petition",
        "My mother has paid for her vegetables with coins every Saturday for fifty "
        "years. She should be able to keep doing it.",
        ("market", "cash"),
        "town",
    ),
    Story(
        "science",
        "Pupils launch a weather balloon to the edge of space",
        "A balloon built by a Saltings secondary school climbed to 31 kilometres "
        "and landed in a farmer's field with its camera still running.",
        (
            "The pupils tracked the flight with a radio receiver they built themselves.",
            "The camera recorded the curve of the Earth from the top of the flight.",
            "The farmer found the payload and drove it back to the school.",
        ),
        "Ms Abena Quarshie",
        "the physics teacher who ran the project",
        "They did the maths, they built the kit and they got it back. I just drove the minibus.",
        ("schools", "space"),
        "sky",
    ),
    Story(
        "business",
        "Software start-up moves into the old customs house",
        "A company making booking software for ferries has taken the top two "
        "floors of the customs house on the quay.",
        (
            "The firm has grown from three to thirty-five staff in four years.",
            "The building had been empty since the harbour office moved in 2015.",
            "The ground floor will become a café open to the public.",
        ),
        "Noor Haddad",
        "the company's co-founder",
        "We could have moved to a bigger city. We stayed because the harbour is our "
        "customer and our view.",
        ("jobs", "harbour"),
        "harbour",
    ),
    Story(
        "transport",
        "Railway station gets step-free access at last",
        "Lifts to both platforms came into use on Monday, ending decades of "
        "complaints from wheelchair users and parents with buggies.",
        (
            "Until now, reaching the far platform meant climbing a footbridge.",
            "The work was paid for from a national accessibility fund.",
            "Staff will be on hand to help during the first fortnight.",
        ),
        "Imogen Tate",
        "of the Eastmere Access Group",
        "We have been asking for this since before some of the station staff were born.",
        ("railway", "accessibility"),
        "street",
    ),
    Story(
        "politics",
        "Councillors agree to a register of second homes",
        "The council will count second homes and holiday lets in the borough for "
        "the first time, ahead of a possible extra charge.",
        (
            "Estimates suggest one in twelve homes in the Old Harbour is a second home.",
            "Owners will have three months to register once the scheme opens.",
            "The council says any extra charge would fund affordable housing.",
        ),
        "Rhiannon Gale",
        "cabinet member for housing",
        "You cannot fix a problem you have not measured. This is us measuring it.",
        ("housing", "council"),
        "town",
    ),
)

# The body's general paragraphs, by section. Each story uses a few of its
# section's lines so that no two stories read the same.
BACKGROUND = {
    "city": (
        "The council said it would publish a timetable of the work on its website and "
        "update residents at the next ward meeting.",
        "Ward councillors said they had been contacted by dozens of residents since the "
        "plans were first announced.",
        "Residents can ask questions at a drop-in session in the town hall foyer next week.",
        "Neighbours who spoke to the Chronicle were broadly welcoming, though several "
        "wanted to know why it had taken so long.",
    ),
    "transport": (
        "The changes will be reviewed after six months, with passenger counts published "
        "alongside the review.",
        "Timetables at stops and piers will be updated before the change takes effect.",
        "Campaigners said the decision showed that steady pressure from passengers works.",
        "The operator said staffing was in place and that no other services would be cut.",
    ),
    "politics": (
        "Opposition councillors said they would scrutinise the detail at the next "
        "committee meeting.",
        "The full papers are available on the council's website and at the town hall.",
        "Residents can speak at the next full council meeting by registering in advance.",
        "The decision will be reviewed by the scrutiny committee within a month.",
    ),
    "business": (
        "Local business leaders said the news would help confidence across the town.",
        "The council's economic development team said it had supported the plans from the start.",
        "Job vacancies will be advertised locally first, the company said.",
        "Suppliers in the town are expected to benefit from the extra work.",
    ),
    "science": (
        "The findings will be shared with schools as part of the university's outreach programme.",
        "The data will be published openly so that anyone can check the results.",
        "Researchers said the project depended on volunteers giving up their weekends.",
        "A public talk about the work is planned at the town museum next month.",
    ),
    "culture": (
        "Organisers thanked the volunteers and sponsors who made the event possible.",
        "Details of future events are published on the town's what's-on listings.",
        "Local schools have been invited to take part in workshops linked to the project.",
        "The project has been supported by a grant from a regional arts fund.",
    ),
    "sport": (
        "The club said it was welcoming new members of every age and ability.",
        "Supporters gathered afterwards to celebrate with the players.",
        "The result will be discussed at the club's annual meeting next month.",
        "Local sponsors have agreed to support the club for another season.",
    ),
    "football": (
        "Supporters stayed long after the final whistle to applaud the players.",
        "The club said the result showed the value of its patient approach.",
        "Tickets for the next home match go on sale on Monday morning.",
        "The manager praised the crowd for their support throughout the game.",
    ),
}

HEADINGS = ("What happens next", "Background", "What people are saying", "The details")

CLOSING = (
    "Have a question about this story? Send it to the newsdesk and we will answer the "
    "most common ones in a follow-up."
)

# Follow-up angles that let the demo write more stories than there are seeds.
FOLLOW_UPS = (
    "what it means for residents",
    "the questions still to answer",
    "readers' views",
    "the view from the street",
    "a week on",
    "the numbers behind it",
)

READERS = (
    "Alma Whitcombe",
    "Benedikt Roth",
    "Carys Penhale",
    "Desmond Achebe",
    "Elif Yilmaz",
    "Fenella Crowe",
    "Gareth Llewellyn",
    "Hana Kobayashi",
    "Idris Mensah",
    "Juno Castellanos",
    "Kasia Nowicka",
    "Leopold Fairfax",
    "Maeve Donnelly",
    "Nils Bergström",
    "Orla Fitzgerald",
    "Pavel Dvořák",
)

REMARKS = (
    "About time. I have been waiting for this since we moved here.",
    "Good news, but I would like to know what it costs and who is paying.",
    "Thanks for explaining this clearly. The council's own notice made no sense to me.",
    "I was there last weekend and can confirm it is as busy as the article says.",
    "Does anyone know whether this affects the Millbrook side of the river too?",
    "My grandfather would have loved to read this. He always said it would happen one day.",
    "A welcome change. Let's hope it lasts longer than the last trial did.",
    "I am not convinced. We have heard promises like this before.",
    "Great reporting, as always. More stories like this, please.",
    "Could the Chronicle follow this up in six months to see whether it worked?",
    "Full details are on the council's site:\nhttps://www.example.org/eastmere/notices",
    "I wrote to my councillor about this last year and never heard back.",
)

REPLIES = (
    "As far as I know it does, yes. There was a notice at the library.",
    "Fair point, though I think the figures are in the council papers.",
    "Agreed. A follow-up would be really useful.",
    "I had the same question. The article says the review is in six months.",
    "It worked well when they tried something similar in Saltings.",
    "Thanks, that is helpful.",
    "You are right to be cautious, but this time the money seems to be there.",
    "I asked at the drop-in session and they said the same thing.",
)

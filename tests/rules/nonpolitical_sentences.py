"""Forty short news sentences about business, sport, weather and culture, written for Dossier.

None of them reports a political or military conflict; they reuse the words that do ("fell",
"collapsed", "crushed", "struck", "fired", "banned", "warned", "captured").
"""

BUSINESS = [
    "Oil prices fell 3% on Tuesday after a rise in American stockpiles.",
    "Shares in the carmaker collapsed after it cut its profit forecast.",
    "The central bank held interest rates steady for a third month.",
    "The retailer slashed prices across its stores to clear winter stock.",
    "Investors dumped technology stocks as bond yields climbed.",
    "The airline will cut 2,000 jobs and close two maintenance bases.",
    "Gold hit a record high as the dollar weakened.",
    "Merger talks between the two brewers collapsed over the price.",
    "Copper futures plunged to their lowest level since March.",
    "The startup raised 40 million dollars from venture investors.",
]
SPORT = [
    "Spain beat Japan 5-0 in the opening match.",
    "Brazil crushed Peru 4-1 to top the group.",
    "The champions were decimated by injuries before the final.",
    "Federer struck the ball cleanly and took the first set.",
    "The striker shot wide in the last minute.",
    "Liverpool attacked relentlessly in the second half but could not score.",
    "The defender was sent off for a reckless challenge.",
    "The home side stormed back to win the derby.",
    "The boxer knocked out his rival in the third round.",
    "The club fired its coach after five straight defeats.",
]
WEATHER = [
    "A storm battered the coast overnight, cutting power to thousands of homes.",
    "Temperatures fell below freezing across the north.",
    "Heavy rain hit the region on Sunday, flooding several roads.",
    "Snow forced the closure of the mountain pass.",
    "The heatwave is expected to break at the weekend.",
    "Forecasters warned of strong winds along the coast on Friday.",
    "Hail destroyed crops in the valley.",
    "The river burst its banks after days of rain.",
    "Fog grounded flights at the airport for most of the morning.",
    "Lightning struck a church tower during the storm.",
]
CULTURE = [
    "The film opened to packed cinemas across the country.",
    "Critics slammed the new opera as dull and overlong.",
    "The band released its first album in a decade.",
    "The museum will close its east wing for renovation.",
    "Sales of the novel fell after the author cancelled her tour.",
    "The orchestra is touring Asia this autumn.",
    "The festival banned plastic cups this year.",
    "The comedian's new show shot to the top of the charts.",
    "The exhibition captured the mood of the city in the 1920s.",
    "Ticket prices for the concert collapsed after poor sales.",
]
SENTENCES = BUSINESS + SPORT + WEATHER + CULTURE

# the event types that say someone used or threatened force or pressure against someone
CONFLICT_TYPES = frozenset(
    {"ASSAULT", "COERCE", "THREATEN", "RETREAT", "SANCTION", "MOBILIZE", "PROTEST"}
)

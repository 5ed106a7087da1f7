"""A synthetic, news-like corpus for the benchmark.

The paragraphs are templates written for this project (no corpus or news text), filled with
country, city, organisation and invented person names by a seeded random generator, so the
same `count` and `seed` always give the same documents. Each document is 300-800 words of
statements, attacks, talks, sanctions, protests and arrests: the kind of text Dossier reads.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# country, demonym, capital, other cities
COUNTRIES: list[tuple[str, str, str, list[str]]] = [
    ("Iran", "Iranian", "Tehran", ["Isfahan", "Tabriz", "Shiraz"]),
    ("Syria", "Syrian", "Damascus", ["Aleppo", "Homs", "Idlib"]),
    ("Israel", "Israeli", "Jerusalem", ["Haifa", "Tel Aviv", "Ashdod"]),
    ("Lebanon", "Lebanese", "Beirut", ["Tyre", "Sidon", "Tripoli"]),
    ("Russia", "Russian", "Moscow", ["Kursk", "Belgorod", "Rostov"]),
    ("Ukraine", "Ukrainian", "Kyiv", ["Kharkiv", "Odesa", "Dnipro"]),
    ("Sudan", "Sudanese", "Khartoum", ["Omdurman", "Port Sudan", "El Fasher"]),
    ("Yemen", "Yemeni", "Sanaa", ["Aden", "Hodeidah", "Marib"]),
    ("Turkey", "Turkish", "Ankara", ["Istanbul", "Gaziantep", "Izmir"]),
    ("Iraq", "Iraqi", "Baghdad", ["Basra", "Mosul", "Erbil"]),
    ("Egypt", "Egyptian", "Cairo", ["Alexandria", "Rafah", "Ismailia"]),
    ("Ethiopia", "Ethiopian", "Addis Ababa", ["Mekelle", "Gondar", "Bahir Dar"]),
    ("Mali", "Malian", "Bamako", ["Timbuktu", "Gao", "Mopti"]),
    ("Colombia", "Colombian", "Bogota", ["Medellin", "Cali", "Cucuta"]),
    ("Pakistan", "Pakistani", "Islamabad", ["Karachi", "Lahore", "Peshawar"]),
    ("France", "French", "Paris", ["Marseille", "Lyon", "Toulouse"]),
    ("Germany", "German", "Berlin", ["Munich", "Hamburg", "Cologne"]),
    ("China", "Chinese", "Beijing", ["Shanghai", "Guangzhou", "Wuhan"]),
    ("the United States", "American", "Washington", ["New York", "Chicago", "Houston"]),
    ("Qatar", "Qatari", "Doha", ["Al Rayyan", "Al Wakrah", "Lusail"]),
]

# fmt: off
FIRST = [
    "Karim", "Leyla", "Omar", "Dariusz", "Amara", "Tomas", "Nadia", "Yusuf", "Elena", "Samir",
    "Hana", "Viktor", "Farida", "Jonas", "Rania", "Milan", "Selin", "Abdel", "Irina", "Kofi",
]
LAST = [
    "Haddad", "Moradi", "Petrenko", "Okafor", "Lindqvist", "Barzani", "Castellano", "Nouri",
    "Kovalenko", "Mansour", "Adeyemi", "Rahimi", "Sokolov", "Demir", "Farouk", "Vance",
    "Tesfaye", "Keita", "Morales", "Qureshi",
]
TITLES = [
    ("Brig. Gen.", "general", "military"),
    ("Maj. Gen.", "general", "military"),
    ("Col.", "colonel", "military"),
    ("Foreign Minister", "minister", "government"),
    ("Defense Minister", "minister", "government"),
    ("President", "president", "government"),
    ("Prime Minister", "prime minister", "government"),
    ("Sheikh", "cleric", "religious"),
    ("Ambassador", "ambassador", "government"),
    ("Commander", "commander", "rebel"),
]
ORGS = [
    "the United Nations", "the Red Cross", "NATO", "the European Union", "the African Union",
    "Hezbollah", "Hamas", "the Houthis", "the Rapid Support Forces", "Amnesty International",
    "the World Food Programme", "the Arab League", "the International Atomic Energy Agency",
    "Human Rights Watch", "the Wagner Group",
]
GROUPS = [
    "the rebels", "the militants", "government forces", "the protesters", "the insurgents",
    "security forces", "the militia", "the army", "police", "armed men",
]
MEDIA = ["Reuters", "the Associated Press", "Al Jazeera", "the BBC", "state television",
         "the New York Times", "a local news agency"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "last week", "overnight", "earlier this month", "yesterday"]
# fmt: on
WEAPONS = ["drones", "artillery", "rockets", "missiles", "airstrikes", "mortar fire"]

# Paragraph templates: slots in braces; {p}/{q} are people, {c}/{d} countries.
TEMPLATES: list[str] = [
    # statements, direct
    '"We will not accept any agreement that ignores the rights of our people," {p_title} '
    '{p_name} said {day}. "The {d_dem} side must understand that patience has limits." '
    "{p_last} added that {c_name} would continue talks with {org} but warned that the window "
    "for diplomacy was closing.",
    # attack
    "{d_dem} {weapon} struck a military base near {c_city} {day}, killing at least {n} soldiers "
    "and wounding {n2} others, according to the {c_dem} defense ministry. The ministry said the "
    "attack had been launched from across the border and vowed to respond at a time of its "
    "choosing.",
    # indirect statement with pronoun
    "{q_title} {q_name} told reporters in {c_capital} that {d_name} had been supplying weapons to "
    "{group} for months. He said his government had shared evidence with {org} and would ask the "
    "Security Council to hold an emergency session.",
    # talks
    "Delegations from {c_name} and {d_name} met in {e_capital} {day} for a third round of "
    "ceasefire talks mediated by {e_name}. Officials familiar with the negotiations said the two "
    "sides had agreed on a prisoner exchange but remained divided over the withdrawal of forces "
    "from {c_city}.",
    # protest and arrests
    "Thousands of people marched through the streets of {c_capital} {day} to protest against "
    "rising prices and the war. {group_cap} fired tear gas and arrested dozens of demonstrators, "
    "witnesses told {media}. A spokesman for the interior ministry denied that live ammunition "
    "had been used.",
    # sanctions
    "{e_name} imposed new sanctions on {c_dem} officials {day}, freezing the assets of {n} "
    "people it accused of organizing attacks on civilians. {p_title} {p_name} condemned the "
    "measures as illegal and said {c_name} would retaliate against {e_dem} companies.",
    # humanitarian
    "{org_cap} said more than {n3} people had fled {c_city} since the fighting began, many of "
    "them women and children. Aid convoys have been unable to reach the city for {n} days "
    "because of shelling, the organization said in a statement, calling on all parties to open a "
    "humanitarian corridor.",
    # denial
    "The {d_dem} foreign ministry rejected the accusations, calling them baseless. "
    '"Our forces did not attack any civilian target," a spokesperson said. "These claims are '
    'part of a campaign to hide the crimes of the {c_dem} regime."',
    # report by media
    "{media_cap} reported {day} that {c_dem} intelligence officers had met leaders of {org} in "
    "{e_capital} to discuss the transfer of {weapon} and money. Neither government confirmed the "
    "report, and {q_last} declined to comment when asked about it at a news conference.",
    # background with pronouns
    "{p_last}, who took office {years} years ago, has built his career on a promise to restore "
    "order. Critics say he has used the conflict to silence opponents, jail journalists and "
    "postpone elections. His allies in parliament argue that the country cannot afford a vote "
    "while {group} control parts of the north.",
    # ambush
    "At least {n} people were killed when {group} ambushed a convoy on the road between "
    "{c_city} and {c_city2} {day}, local officials said. The attackers opened fire on the "
    "vehicles and set several of them alight before fleeing into the hills. No group has "
    "claimed responsibility.",
    # threat / hypothetical
    "{q_title} {q_name} warned that {d_name} could launch a wider offensive if the attacks on "
    'its territory continued. "If they strike our cities again, we will respond with force they '
    'have not seen before," {q_last} said in a televised address.',
    # agreement
    "{c_name} and {d_name} signed an agreement in {e_capital} {day} to reopen border crossings "
    "and resume trade. The deal, brokered by {e_name}, also commits both sides to a joint "
    "commission that will investigate violations of the truce.",
    # cooperation
    "{e_dem} officials said they would send {n} military advisers and {weapon} to help {c_dem} "
    "forces defend {c_city}. The announcement came after {p_title} {p_name} visited "
    "{e_capital} and met his counterpart for more than three hours.",
    # investigation
    "Investigators from {org} said they had found evidence that {weapon} were used against a "
    "market in {c_city2}, killing {n} civilians. The report did not assign blame, but it said "
    "the munitions were of {d_dem} origin.",
    # ally relation
    "{org_cap}, a close ally of {d_name}, has long received money and training from {d_dem} "
    "commanders. Analysts said the group's losses in recent months had weakened its ability to "
    "threaten {c_name}, though its leaders insisted they were rebuilding.",
    # election / politics
    "Parliament in {c_capital} voted {day} to extend the state of emergency for another {n} "
    "months. Opposition lawmakers walked out of the session, accusing the government of "
    "using the war as an excuse to rule by decree. {q_last} called the vote a dark day for the "
    "country.",
    # mixed statement
    'According to {p_title} {p_name}, the {d_dem} government "has chosen escalation over '
    'dialogue" and bears full responsibility for the deaths in {c_city}. He said {c_name} '
    "remained ready to talk but would not negotiate under fire.",
    # evacuation / displacement
    "The {c_dem} army ordered residents of {n} villages near {c_city2} to leave their homes "
    "ahead of what it described as an operation against {group}. Many families said they had "
    "nowhere to go, and aid groups warned of a new wave of displacement.",
    # prisoner / detention
    "{d_dem} authorities detained {n} foreign nationals {day} on charges of spying for "
    "{c_name}, {media} reported. The {c_dem} foreign ministry summoned the {d_dem} ambassador "
    "and demanded their immediate release, calling the arrests a political provocation.",
    # cyber / economy
    "A cyberattack that officials in {c_capital} blamed on {d_dem} hackers disrupted fuel "
    "deliveries across the country {day}. {p_last} said the attack showed that {d_name} "
    "was waging war by other means and promised that those responsible would be found.",
]

LEADS = [
    "{c_name} and {d_name} traded accusations {day} as fighting intensified near {c_city}.",
    "Tensions between {c_name} and {d_name} rose sharply {day} after a deadly strike on {c_city}.",
    "Diplomats in {e_capital} scrambled {day} to prevent a wider war between {c_name} and "
    "{d_name}.",
    "{p_title} {p_name} of {c_name} said {day} that talks with {d_name} were on the verge of "
    "collapse.",
]


@dataclass
class SyntheticDocument:
    id: str
    text: str
    published: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _slots(rng: random.Random) -> dict[str, str]:
    c, d, e = rng.sample(COUNTRIES, 3)
    p_first, q_first = rng.sample(FIRST, 2)
    p_last, q_last = rng.sample(LAST, 2)
    p_title = rng.choice(TITLES)[0]
    q_title = rng.choice(TITLES)[0]
    org = rng.choice(ORGS)
    group = rng.choice(GROUPS)
    media = rng.choice(MEDIA)
    c_city, c_city2 = rng.sample(c[3], 2)

    def cap(s: str) -> str:
        return s[:1].upper() + s[1:]

    return {
        "c_name": c[0], "c_dem": c[1], "c_capital": c[2], "c_city": c_city, "c_city2": c_city2,
        "d_name": d[0], "d_dem": d[1], "d_capital": d[2],
        "e_name": e[0], "e_dem": e[1], "e_capital": e[2],
        "p_title": p_title, "p_name": f"{p_first} {p_last}", "p_last": p_last,
        "q_title": q_title, "q_name": f"{q_first} {q_last}", "q_last": q_last,
        "org": org, "org_cap": cap(org), "group": group, "group_cap": cap(group),
        "media": media, "media_cap": cap(media), "years": str(rng.randint(2, 15)),
        **_numbers(rng),
    }  # fmt: skip


def _numbers(rng: random.Random) -> dict[str, str]:
    """Slots that change from paragraph to paragraph."""
    return {
        "day": rng.choice(DAYS),
        "weapon": rng.choice(WEAPONS),
        "n": str(rng.randint(2, 40)),
        "n2": str(rng.randint(3, 90)),
        "n3": str(rng.randint(2, 90) * 1000),
    }


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[:1].upper() + text[1:]


def generate(count: int = 300, seed: int = 7) -> list[SyntheticDocument]:
    """`count` documents of 300-800 words each, the same for the same `count` and `seed`."""
    rng = random.Random(seed)
    docs: list[SyntheticDocument] = []
    for index in range(count):
        slots = _slots(rng)
        target = rng.randint(300, 800)
        paragraphs = [_fill(rng.choice(LEADS), slots)]
        words = len(paragraphs[0].split())
        order = rng.sample(TEMPLATES, len(TEMPLATES))
        while words < target:
            if not order:
                # new cast for the second half of a long article; same countries
                slots.update({k: v for k, v in _slots(rng).items() if k[0] not in "cde"})
                order = rng.sample(TEMPLATES, len(TEMPLATES))
            slots.update(_numbers(rng))
            paragraph = _fill(order.pop(), slots)
            if words + len(paragraph.split()) > 800:
                break
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        docs.append(
            SyntheticDocument(
                id=f"bench-{index:04d}",
                text="\n\n".join(paragraphs) + "\n",
                published=f"2025-{month:02d}-{day:02d}",
            )
        )
    return docs


if __name__ == "__main__":
    sample = generate(3)
    for doc in sample:
        print(f"--- {doc.id} ({doc.words} words, {doc.published})\n{doc.text}")

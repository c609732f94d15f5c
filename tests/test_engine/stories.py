"""Hand-written news texts for correlation tests: one wire story and its reprints, and unrelated
reports on the same place (so near-duplicate grouping is tested on realistic, not random, text)."""

from __future__ import annotations

HEADLINES = [
    "Troops mass near northern border as satellite images show new camps",
    "Satellite images show new army camps near the northern border",
    "Army builds up forces near border, imagery shows",
    "New field camps spotted near border as troops gather",
    "Border build-up: satellite photos reveal fresh deployments",
]

BODY = [
    "Satellite images taken on Sunday show at least four new field camps within 30 kilometres of the "
    "northern border, where analysts estimate some 40,000 troops have gathered over the past week.",
    "The images, reviewed by independent researchers, show rows of tents, fuel trucks and armoured "
    "vehicles parked in formerly empty fields near the town of Kremenets.",
    "A defence ministry spokesman declined to comment on the numbers but said units were conducting "
    "what he called routine rotation and maintenance.",
    "Residents of nearby villages told local media that military convoys had been moving along the "
    "main highway at night for several days.",
    "One farmer said soldiers had set up a checkpoint at the edge of his land and told him to keep his "
    "livestock away from the road until further notice.",
    "The build-up follows weeks of sharp rhetoric between the two governments over the disputed "
    "stretch of border and a stalled agreement on water rights along the river.",
    "Analysts at the research group said the camps appeared designed to house troops for weeks rather "
    "than days, pointing to heating units and field kitchens visible in the images.",
    "The foreign ministry summoned the ambassador on Monday to demand an explanation, a diplomat said.",
    "Western officials said they were watching the deployments closely and urged restraint.",
]

BOILERPLATE = [
    ("({outlet}) -", "Reporting by staff; editing by the {outlet} desk."),
    ("{outlet} staff report.", "Copyright 2026 {outlet}. All rights reserved."),
    ("By the {outlet} news team.", "Follow {outlet} for live updates on this story."),
    ("", "This story has been updated with comment from officials. ({outlet})"),
]


def reprint(n: int, outlet: str) -> str:
    """The n-th reprint: another headline, outlet boilerplate, and sometimes the last sentences swapped."""
    head, tail = BOILERPLATE[n % len(BOILERPLATE)]
    body = list(BODY)
    if n % 3 == 1:
        body[-1], body[-2] = body[-2], body[-1]
    if n % 5 == 2:
        body = body[:-1]  # a paper dropped the last paragraph
    text = " ".join([head.format(outlet=outlet), *body, tail.format(outlet=outlet)]).strip()
    return f"{HEADLINES[n % len(HEADLINES)]}\n\n{text}"


DISTINCT = [
    "Officials report armoured column moving toward the frontier\n\n"
    "A column of more than 200 armoured vehicles was seen moving south on Tuesday toward the frontier "
    "region, according to two regional officials who asked not to be named. Local authorities closed "
    "a stretch of the motorway to civilian traffic for the night.",
    "Reservists called up as army reinforces eastern garrison\n\n"
    "Thousands of reservists received call-up papers this week, and rail operators reported extra "
    "military trains heading to the eastern garrison. The general staff said the move strengthened "
    "readiness after months of tension in the area.",
    "Field hospitals and fuel depots set up close to the frontline\n\n"
    "Aid workers described newly erected field hospitals and large fuel depots close to the frontline, "
    "a logistics pattern that analysts associate with preparations for sustained operations by "
    "several brigades.",
    "Paratroopers flown into airbase near disputed region\n\n"
    "Transport aircraft landed repeatedly overnight at an airbase near the disputed region, unloading "
    "paratroopers and light vehicles, flight trackers and witnesses said on Thursday.",
    "Navy moves landing ships to southern port\n\n"
    "Six landing ships left their home base and docked at the southern port, port workers said, the "
    "largest such movement of amphibious vessels this year.",
]

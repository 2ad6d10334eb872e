"""Events: upcoming listing with filters, past events kept, iCalendar files, links to careers pages."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schools.models import EventPage
from tests.careers.factories import (
    FiliereIndexPageFactory,
    FilierePageFactory,
    JobProfileIndexPageFactory,
    JobProfilePageFactory,
    TerritoryFactory,
)
from tests.schools.factories import EventPageFactory
from tests.schools.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return TerritoryFactory(key="REG-32", level="region", code="32", name="Hauts-de-France")


@pytest.fixture
def nord(region):
    return TerritoryFactory(key="DEP-59", level="departement", code="59", name="Nord", parent=region)


@pytest.fixture
def somme(region):
    return TerritoryFactory(key="DEP-80", level="departement", code="80", name="Somme", parent=region)


def test_listing_shows_upcoming_events_soonest_first_and_hides_past_ones(client, event_index):
    EventPageFactory(parent=event_index, title="Dans un mois", days=30)
    EventPageFactory(parent=event_index, title="Demain", days=1)
    past = EventPageFactory(parent=event_index, title="Le mois dernier", days=-30)
    response = client.get(event_index.url)
    assert [event.title for event in response.context["events"]] == ["Demain", "Dans un mois"]
    assert "Le mois dernier" not in response.content.decode()
    # The past event stays published and reachable, and says it is over.
    page = client.get(past.url)
    assert page.status_code == 200
    assert "Cet événement est terminé" in page.content.decode()
    assert "S’inscrire" not in page.content.decode()


def test_event_running_now_is_still_listed(client, event_index):
    started = EventPageFactory(parent=event_index, title="En cours", days=0)
    started.start = timezone.now() - datetime.timedelta(hours=1)
    started.end = timezone.now() + datetime.timedelta(hours=2)
    started.save()
    assert [e.title for e in client.get(event_index.url).context["events"]] == ["En cours"]


def test_territory_filter_includes_events_of_the_territory_and_inside_it(client, event_index, region, nord, somme):
    EventPageFactory(parent=event_index, title="À Lille", territory=nord)
    EventPageFactory(parent=event_index, title="À Amiens", territory=somme)
    EventPageFactory(parent=event_index, title="Dans toute la région", territory=region)
    response = client.get(event_index.url, {"territoire": "DEP-59"})
    assert [e.title for e in response.context["events"]] == ["À Lille"]
    response = client.get(event_index.url, {"territoire": "REG-32"})
    assert len(response.context["events"]) == 3
    facets = {f.name: f for f in response.context["event_filter"].facets()}
    counts = {o.value: o.count for o in facets["territoire"].options}
    assert counts == {"DEP-59": 1, "DEP-80": 1}


def test_audience_type_and_month_filters_combine_with_counts(client, event_index):
    EventPageFactory(parent=event_index, title="Forum collégiens", event_type="forum", audiences=["collegiens"], days=3)
    EventPageFactory(parent=event_index, title="Job dating", event_type="job-dating", audiences=["demandeurs-emploi"],
                     days=3)
    EventPageFactory(parent=event_index, title="Forum plus tard", event_type="forum", audiences=["collegiens"], days=70)
    month = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m")
    response = client.get(event_index.url, {"public": "collegiens", "type": "forum", "mois": month})
    titles = [e.title for e in response.context["events"]]
    assert "Forum collégiens" in titles and "Job dating" not in titles and "Forum plus tard" not in titles
    facets = {f.name: f for f in response.context["event_filter"].facets()}
    assert {o.value: o.count for o in facets["type"].options}["job-dating"] == 0  # not for collégiens
    assert {o.value: o.count for o in facets["public"].options}["demandeurs-emploi"] == 0  # not a forum


def test_bad_filter_values_get_a_message_not_an_error(client, event_index):
    EventPageFactory(parent=event_index)
    response = client.get(event_index.url, {"mois": "2020-13", "territoire": "DEP-999", "page": "abc"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "« 2020-13 » n&#x27;est pas une valeur possible pour le filtre « Mois »" in content
    assert "« DEP-999 »" in content
    assert len(response.context["events"]) == 1


def test_listing_queries_do_not_grow_with_the_number_of_events(client, event_index, nord,
                                                               django_assert_max_num_queries):
    for _ in range(3):
        EventPageFactory(parent=event_index, territory=nord)
    client.get(event_index.url)
    with count_queries() as few:
        client.get(event_index.url, {"territoire": "DEP-59"})
    for _ in range(9):
        EventPageFactory(parent=event_index, territory=nord)
    client.get(event_index.url)  # new pages invalidate the site data cache: warm it again
    with django_assert_max_num_queries(few.value):
        response = client.get(event_index.url, {"territoire": "DEP-59"})
    assert len(response.context["events"]) == 12


def test_event_page_shows_when_where_who_and_how_to_register(client, event_index, nord):
    event = EventPageFactory(parent=event_index, title="Visite de l’aciérie", territory=nord, capacity=30,
                             registration_url="https://inscription.example.org/acierie",
                             registration_note="Inscription de la classe par l’enseignant.",
                             audiences=["classes", "enseignants"])
    content = client.get(event.url).content.decode()
    assert "Visite de l’aciérie" in content
    assert "Nord" in content and "Usine de Douai" in content
    assert "Classes accompagnées d&#x27;un enseignant" in content
    assert "30" in content and "https://inscription.example.org/acierie" in content
    assert "Inscription de la classe par l’enseignant." in content


def test_event_page_queries_are_bounded(client, event_index, nord, django_assert_max_num_queries):
    event = EventPageFactory(parent=event_index, territory=nord)
    client.get(event.url)
    with django_assert_max_num_queries(18):
        assert client.get(event.url).status_code == 200


def test_end_before_start_is_refused():
    start = timezone.now()
    event = EventPage(title="X", slug="x", start=start, end=start - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match="après le début"):
        event.clean()


# --- iCalendar ---------------------------------------------------------------------------------
def test_event_ical_file_has_one_event_with_its_dates_place_and_link(client, event_index):
    event = EventPageFactory(parent=event_index, title="Forum des métiers", days=5)
    response = client.get(event.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    vevent = events[0]
    assert str(vevent["SUMMARY"]) == "Forum des métiers"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") == event.end
    assert "Usine de Douai" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(event.url)
    assert str(vevent["UID"]) == f"evenement-{event.pk}@testserver"


def test_listing_feed_has_the_upcoming_events_matching_the_filters(client, event_index):
    EventPageFactory(parent=event_index, title="Forum", event_type="forum", days=2)
    EventPageFactory(parent=event_index, title="Job dating", event_type="job-dating", days=4)
    EventPageFactory(parent=event_index, title="Passé", event_type="forum", days=-3)
    everything = icalendar.Calendar.from_ical(client.get(event_index.url + "ical/").content)
    assert [str(e["SUMMARY"]) for e in everything.walk("VEVENT")] == ["Forum", "Job dating"]
    forums = icalendar.Calendar.from_ical(client.get(event_index.url + "ical/", {"type": "forum"}).content)
    assert [str(e["SUMMARY"]) for e in forums.walk("VEVENT")] == ["Forum"]


# --- Links with careers -----------------------------------------------------------------------
def test_job_profiles_and_filieres_list_their_upcoming_events_through_the_reverse_relation(home_page, event_index):
    profile = JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page))
    filiere = FilierePageFactory(parent=FiliereIndexPageFactory(parent=home_page))
    soon = EventPageFactory(parent=event_index, title="Bientôt", days=2)
    later = EventPageFactory(parent=event_index, title="Plus tard", days=20)
    past = EventPageFactory(parent=event_index, title="Passé", days=-2)
    for event in (soon, later, past):
        event.job_profiles.set([profile])
        event.filieres.set([filiere])
        event.save()
    assert [e.title for e in profile.events.live().upcoming()] == ["Bientôt", "Plus tard"]
    assert [e.title for e in filiere.events.live().upcoming()] == ["Bientôt", "Plus tard"]
    assert [e.title for e in profile.upcoming_events(limit=1)] == ["Bientôt"]  # what careers pages call


def test_event_page_links_to_its_job_profiles(client, home_page, event_index):
    profile = JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page), title="Soudeur ou soudeuse")
    event = EventPageFactory(parent=event_index)
    event.job_profiles.set([profile])
    event.save()
    content = client.get(event.url).content.decode()
    assert f'href="{profile.url}"' in content and "Soudeur ou soudeuse" in content


def test_chosen_territory_lists_its_events_first_and_says_so(client, event_index, region, nord, somme,
                                                            django_assert_max_num_queries):
    EventPageFactory(parent=event_index, title="À Amiens, bientôt", territory=somme, days=2)
    EventPageFactory(parent=event_index, title="À Lille, plus tard", territory=nord, days=20)
    response = client.get(event_index.url)
    assert [e.title for e in response.context["events"]] == ["À Amiens, bientôt", "À Lille, plus tard"]
    client.cookies["territoire"] = "DEP-59"
    with django_assert_max_num_queries(40):
        response = client.get(event_index.url)
    assert [e.title for e in response.context["events"]] == ["À Lille, plus tard", "À Amiens, bientôt"]
    text = response.content.decode()
    assert "Les événements près de chez vous (Nord) sont listés en premier" in text
    assert text.count("Près de chez vous</p>") == 1
    assert "?territoire=DEP-59" in text


def test_zone_without_events_falls_back_to_its_departement_and_says_so(client, event_index, region, nord, somme):
    zone = TerritoryFactory(key="ZE-3201", level="zone_emploi", code="3201", name="Dunkerque", parent=nord)
    EventPageFactory(parent=event_index, title="À Amiens", territory=somme, days=2)
    EventPageFactory(parent=event_index, title="À Lille", territory=nord, days=20)
    client.cookies["territoire"] = zone.key
    response = client.get(event_index.url)
    assert [e.title for e in response.context["events"]] == ["À Lille", "À Amiens"]
    assert "Aucun événement à venir dans votre territoire (Dunkerque) : ceux de Nord" in response.content.decode()


def test_event_cards_on_a_profile_follow_the_chosen_territory(client, home_page, event_index, region, nord, somme):
    profile = JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page))
    for title, territory, days in [("À Amiens", somme, 2), ("À Lille", nord, 20)]:
        event = EventPageFactory(parent=event_index, title=title, territory=territory, days=days)
        event.job_profiles.set([profile])
        event.save()
    assert [e.title for e in client.get(profile.url).context["events"]] == ["À Amiens", "À Lille"]
    client.cookies["territoire"] = "DEP-59"
    response = client.get(profile.url)
    assert [e.title for e in response.context["events"]] == ["À Lille", "À Amiens"]
    assert "Les événements près de chez vous (Nord) d’abord." in response.content.decode()

"""Who sees which report (D4): 404 outside one's units, 403 inside them without the right."""

import pytest

from otklik.reports import services


@pytest.fixture
def reports(podolsk, main_journey, week):
    return {
        "centre": services.do_generate_weekly(podolsk, None, week),
        "journey": services.do_generate_weekly(podolsk, main_journey, week),
        "monthly": services.do_generate_monthly(podolsk, services.last_month()),
    }


@pytest.mark.parametrize(
    ("login", "centre", "journey", "monthly"),
    [
        ("director", 200, 200, 200),
        ("teamlead", 200, 200, 200),
        ("regadmin", 200, 200, 200),
        ("analyst", 200, 200, 200),
        ("specialist", 403, 200, 200),  # a member of the App. 6 journey's team
        ("specialist2", 404, 404, 404),  # another centre
    ],
)
def test_report_pages_and_files_follow_roles_and_units(
    client_for, reports, login, centre, journey, monthly
):
    client = client_for(login)
    for kind, expected in (("centre", centre), ("journey", journey)):
        pk = reports[kind].pk
        assert client.get(f"/reports/weekly/{pk}/").status_code == expected
        response = client.get(f"/reports/weekly/{pk}/pdf/")
        assert response.status_code == expected
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF")
    pk = reports["monthly"].pk
    assert client.get(f"/reports/monthly/{pk}/").status_code == monthly
    assert client.get(f"/reports/monthly/{pk}/xlsx/").status_code == monthly


def test_a_specialist_outside_the_team_does_not_see_the_journey_report(
    client_for, reports, main_journey, users
):
    main_journey.team.remove(users["specialist"])
    assert (
        client_for("specialist").get(f"/reports/weekly/{reports['journey'].pk}/").status_code == 403
    )


def test_the_list_shows_the_units_reports_with_download_links(client_for, reports, podolsk):
    response = client_for("teamlead").get("/reports/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/reports/weekly/{reports['centre'].pk}/pdf/" in html
    assert f"/reports/weekly/{reports['journey'].pk}/xlsx/" in html
    assert f"/reports/monthly/{reports['monthly'].pk}/pdf/" in html
    # A specialist sees the journey of their team and the monthly report, not the centre's.
    html = client_for("specialist").get(f"/reports/unit/{podolsk.code}/").content.decode()
    assert f"/reports/weekly/{reports['journey'].pk}/" in html
    assert f"/reports/weekly/{reports['centre'].pk}/" not in html
    assert f"/reports/monthly/{reports['monthly'].pk}/" in html
    assert client_for("specialist2").get(f"/reports/unit/{podolsk.code}/").status_code == 404


def test_the_home_page_links_to_the_reports(client_for):
    assert "/reports/" in client_for("specialist").get("/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, reports):
    response = client.get(f"/reports/weekly/{reports['centre'].pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_director_makes_the_reports_of_the_last_week_now(client_for, podolsk, main_journey):
    from otklik.reports.models import MonthlyReport, WeeklyReport

    url = f"/reports/unit/{podolsk.code}/generate/"
    assert client_for("specialist").post(url, {"kind": "weekly"}).status_code == 403
    assert client_for("specialist2").post(url, {"kind": "weekly"}).status_code == 404
    response = client_for("director").post(url, {"kind": "weekly"}, follow=True)
    assert response.status_code == 200  # the jobs run at once in the tests
    week = services.last_week()
    made = WeeklyReport.objects.filter(unit=podolsk, week_start=week.start)
    assert made.filter(journey=None).exists() and made.filter(journey=main_journey).exists()
    assert "Отчеты формируются" in response.content.decode()
    client_for("director").post(url, {"kind": "monthly"})
    assert MonthlyReport.objects.filter(unit=podolsk).exists()

"""The read API against its own OpenAPI document.

Schemathesis reads the document the API serves, generates requests for every operation from it
(parameters of each declared type, in and out of their bounds where the document allows) and checks
each answer: no server error, a status code, content type and body that the document declares.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_portal_world, make_recommendations

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# Read through the WSGI application, as a client would (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


@pytest.fixture
def world(db, settings):
    """A small published world (and a draft) with enough recommendations to page through."""
    settings.API_RATE_LIMIT = 0  # hundreds of generated requests from one address
    world = make_portal_world()
    make_recommendations(30, actors_each=2, document=world["document"])
    # As Django's test client does: a request must not close the connection holding the test's
    # transaction (a real server closes it after each request).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_operation_answers_as_its_schema_says(case, world):
    case.call_and_validate(checks=CHECKS)

"""Fixtures of the schools tests: the section pages under the test home page."""

from __future__ import annotations

import pytest

from tests.schools.factories import (
    ClassroomKitIndexPageFactory,
    EventIndexPageFactory,
    TeacherSectionPageFactory,
)


@pytest.fixture
def teacher_section(home_page):
    return TeacherSectionPageFactory(parent=home_page)


@pytest.fixture
def kit_index(teacher_section):
    return ClassroomKitIndexPageFactory(parent=teacher_section)


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


"""Models of the schools app, one module per concern (see each module's docstring)."""

from schools.models.events import EventIndexPage, EventPage
from schools.models.kits import ClassroomKitDocument, ClassroomKitIndexPage, ClassroomKitPage, KitDownloadCount
from schools.models.quiz import InterestQuizPage, QuizQuestion
from schools.models.registrations import EventRegistration, RegistrationStatus
from schools.models.sections import PupilSectionPage, TeacherSectionPage
from schools.models.taxonomy import Audience, Discipline, SchoolLevel

__all__ = [
    "Audience",
    "ClassroomKitDocument",
    "ClassroomKitIndexPage",
    "ClassroomKitPage",
    "Discipline",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "InterestQuizPage",
    "KitDownloadCount",
    "PupilSectionPage",
    "QuizQuestion",
    "RegistrationStatus",
    "SchoolLevel",
    "TeacherSectionPage",
]

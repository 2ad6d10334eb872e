"""Careers models: job profiles, filières, articles, the jobseekers' section, and snippets.

Split by concern (see STYLE.md): ``pages`` holds the page types, ``snippets`` the
companies, testimonials and training providers the pages show.
"""

from careers.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    ArticleTag,
    FiliereIndexPage,
    FilierePage,
    JobProfileIndexPage,
    JobProfilePage,
    JobProfileTag,
    JobProfileWayIn,
    JobseekerSectionPage,
)
from careers.models.snippets import (
    Company,
    Testimonial,
    TrainingProgramme,
    TrainingProvider,
)

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "Company",
    "FiliereIndexPage",
    "FilierePage",
    "JobProfileIndexPage",
    "JobProfilePage",
    "JobProfileTag",
    "JobProfileWayIn",
    "JobseekerSectionPage",
    "Testimonial",
    "TrainingProgramme",
    "TrainingProvider",
]

"""The interest quiz (/quiz/): a RIASEC (Holland) questionnaire with no account.

Nothing about the visitor is stored: answers travel in the query string of a GET form, the
result is a six-digit code in the address (``/quiz/resultat/952013/``) that a pupil can show
a teacher. The scoring is pure (``schools.riasec``).
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from schools import riasec
from website.models import HeroMixin
from website.pages import SitePage

DIMENSION_CHOICES = [
    ("R", _("R — Réaliste (faire, fabriquer, réparer)")),
    ("I", _("I — Investigateur (comprendre, chercher)")),
    ("A", _("A — Artistique (imaginer, créer)")),
    ("S", _("S — Social (aider, expliquer)")),
    ("E", _("E — Entreprenant (convaincre, organiser)")),
    ("C", _("C — Conventionnel (vérifier, ordonner)")),
]


class InterestQuizPage(RoutablePageMixin, HeroMixin, SitePage):
    """The RIASEC interest quiz; its statements are edited by the agency (one type each)."""

    instructions = models.CharField(
        _("consigne"), max_length=200,
        default="Pour chaque phrase, dis si elle te ressemble. Il n'y a pas de bonne ou de mauvaise réponse.",
    )
    result_note = RichTextField(
        _("texte sous le résultat"), blank=True, features=["bold", "italic", "link"],
        help_text=_("Ex. un conseil pour en parler avec son professeur principal ou un Psy-EN."),
    )
    results_count = models.PositiveSmallIntegerField(_("nombre de métiers proposés"), default=8)

    content_panels = [
        *Page.content_panels,
        *HeroMixin.hero_panels,
        FieldPanel("instructions"),
        InlinePanel(
            "questions", heading=_("Affirmations"), label=_("affirmation"), min_num=6,
            help_text=_("Au moins une affirmation par type RIASEC ; trois par type donnent un résultat fiable."),
        ),
        FieldRowPanel([FieldPanel("results_count")]),
        FieldPanel("result_note"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["website.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("quiz des centres d'intérêt")

    def get_context(self, request, *args, **kwargs):
        from schools.quiz import ANSWER_CHOICES

        context = super().get_context(request, *args, **kwargs)
        context["answer_choices"] = ANSWER_CHOICES
        return context

    def get_questions(self) -> list[QuizQuestion]:
        return list(self.questions.order_by("sort_order", "pk"))

    @path("")
    def quiz(self, request):
        return self.render(request, context_overrides={"questions": self.get_questions(), "answers": {}})

    @path("resultat/", name="submit")
    def submit(self, request):
        """Score the submitted answers and redirect to the shareable result address."""
        from schools.quiz import parse_answers

        if "code" in request.GET:
            code = request.GET.get("code", "").strip()
            if riasec.decode_scores(code) is None:
                message = _("Un code de résultat a 6 chiffres, par exemple 952013.")
                return self.render(request, context_overrides={"questions": self.get_questions(), "answers": {},
                                                               "code_error": message})
            return redirect(self.get_url(request) + self.reverse_subpage("result", kwargs={"code": code}))
        questions = self.get_questions()
        answers, errors = parse_answers(questions, request.GET)
        if errors:
            response = self.render(request, context_overrides={"questions": questions, "answers": answers,
                                                               "errors": errors})
            response.status_code = 400
            return response
        scores = riasec.dimension_scores(
            ((question.dimension, answers[question.pk]) for question in questions), max_answer=3,
        )
        code = riasec.encode_scores(scores)
        return redirect(self.get_url(request) + self.reverse_subpage("result", kwargs={"code": code}))

    @re_path(r"^resultat/(?P<code>[0-9]{6})/$", name="result")
    def result(self, request, code: str):
        from schools.quiz import build_result

        scores = riasec.decode_scores(code)
        if scores is None:
            raise Http404
        return self.render(
            request, template="schools/interest_quiz_result.html",
            context_overrides={"result": build_result(scores, code, request, self.results_count)},
        )


class QuizQuestion(Orderable):
    """One statement of the quiz and the RIASEC type agreeing with it points to."""

    page = ParentalKey(InterestQuizPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(
        _("affirmation"), max_length=200,
        help_text=_("Tutoyez et restez concret : « J'aime démonter un objet pour voir comment il marche. »"),
    )
    dimension = models.CharField(_("type RIASEC"), max_length=1, choices=DIMENSION_CHOICES)

    panels = [FieldPanel("text"), FieldPanel("dimension")]

    class Meta(Orderable.Meta):
        verbose_name = _("affirmation du quiz")
        verbose_name_plural = _("affirmations du quiz")

    def __str__(self) -> str:
        return self.text

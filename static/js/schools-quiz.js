// Interest quiz, progressive enhancement: one statement at a time with a progress bar.
// Without this file the whole questionnaire is one ordinary form, and it works the same.
(function () {
    "use strict";
    var form = document.querySelector("[data-quiz]");
    if (!form) { return; }
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-quiz-question]"));
    var progress = form.querySelector("[data-quiz-progress]");
    var submit = form.querySelector("[data-quiz-submit]");
    if (questions.length < 2 || !progress || !submit) { return; }
    var errors = document.getElementById("quiz-erreurs");
    var current = 0;

    function answered(question) {
        return question.querySelector("input:checked") !== null;
    }

    // Start on the first unanswered statement (the server may have sent answers back).
    for (var i = 0; i < questions.length; i += 1) {
        if (!answered(questions[i])) { current = i; break; }
    }

    var nav = document.createElement("div");
    nav.className = "quiz-nav";
    var back = document.createElement("button");
    back.type = "button";
    back.className = "button button--ghost";
    back.textContent = "Question précédente";
    var next = document.createElement("button");
    next.type = "button";
    next.className = "button";
    next.textContent = "Question suivante";
    nav.appendChild(back);
    nav.appendChild(next);
    submit.parentNode.insertBefore(nav, submit);

    function show(index, moveFocus) {
        current = index;
        questions.forEach(function (question, position) {
            question.hidden = position !== index;
        });
        var last = index === questions.length - 1;
        back.hidden = index === 0;
        next.hidden = last;
        submit.hidden = !last;
        progress.hidden = false;
        progress.innerHTML = "";
        progress.appendChild(document.createTextNode("Question " + (index + 1) + " sur " + questions.length));
        var bar = document.createElement("span");
        bar.className = "quiz-progress__bar";
        bar.setAttribute("aria-hidden", "true");
        var fill = document.createElement("span");
        fill.style.width = Math.round(((index + 1) / questions.length) * 100) + "%";
        bar.appendChild(fill);
        progress.appendChild(bar);
        if (moveFocus) {
            var first = questions[index].querySelector("input:checked") || questions[index].querySelector("input");
            if (first) { first.focus(); }
        }
    }

    back.addEventListener("click", function () { show(Math.max(0, current - 1), true); });
    next.addEventListener("click", function () { show(Math.min(questions.length - 1, current + 1), true); });

    // Before sending, go back to the first statement left without an answer.
    form.addEventListener("submit", function (event) {
        for (var index = 0; index < questions.length; index += 1) {
            if (!answered(questions[index])) {
                event.preventDefault();
                show(index, true);
                return;
            }
        }
    });

    show(current, false);
    if (errors) { errors.focus(); }
})();

// Progressive enhancement of the feedback form: send it without leaving the page.
// Without JavaScript the form posts normally (the clicked button carries the answer) and a
// thank-you page is shown.
(function () {
    "use strict";
    document.querySelectorAll("[data-feedback] form").forEach(function (form) {
        var status = form.querySelector("[data-feedback-status]");
        var buttons = form.querySelectorAll("button[name=useful]");
        form.addEventListener("submit", function (event) {
            var submitter = event.submitter;
            if (!window.fetch || !window.FormData || !submitter || submitter.name !== "useful") { return; }
            event.preventDefault();
            var data = new FormData(form);
            data.append("useful", submitter.value);
            buttons.forEach(function (button) { button.disabled = true; });
            fetch(form.action, {
                method: "POST",
                body: data,
                headers: { "Accept": "application/json" },
                credentials: "same-origin"
            }).then(function (response) {
                return response.json().then(function (body) { return { ok: response.ok, body: body }; });
            }).then(function (result) {
                status.dataset.state = result.ok ? "ok" : "error";
                status.textContent = result.body.message;
                if (result.ok) {
                    form.querySelector("fieldset").hidden = true;
                } else {
                    buttons.forEach(function (button) { button.disabled = false; });
                }
                status.setAttribute("tabindex", "-1");
                status.focus();
            }).catch(function () {
                // Network trouble: fall back to the ordinary form submission.
                buttons.forEach(function (button) { button.disabled = false; });
                submitter.click();
            });
        });
    });
})();

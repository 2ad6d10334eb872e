// Progressive enhancement of the feedback form: send it without leaving the page.
// Without JavaScript the form posts normally and a thank-you page is shown.
(function () {
    "use strict";
    document.querySelectorAll("[data-feedback] form").forEach(function (form) {
        var status = form.querySelector("[data-feedback-status]");
        form.addEventListener("submit", function (event) {
            if (!window.fetch || !window.FormData) { return; }
            event.preventDefault();
            var button = form.querySelector("button[type=submit]");
            if (!form.querySelector("input[name=useful]:checked")) {
                status.dataset.state = "error";
                status.textContent = "Choisissez « Oui » ou « Non ».";
                form.querySelector("input[name=useful]").focus();
                return;
            }
            button.disabled = true;
            fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                headers: { "Accept": "application/json" },
                credentials: "same-origin"
            }).then(function (response) {
                return response.json().then(function (data) { return { ok: response.ok, data: data }; });
            }).then(function (result) {
                status.dataset.state = result.ok ? "ok" : "error";
                status.textContent = result.data.message;
                if (result.ok) {
                    form.querySelectorAll("fieldset, .feedback__comment, button").forEach(function (element) {
                        element.hidden = true;
                    });
                    status.setAttribute("tabindex", "-1");
                    status.focus();
                } else {
                    button.disabled = false;
                }
            }).catch(function () {
                // Network trouble: fall back to the ordinary form submission.
                form.submit();
            });
        });
    });
})();

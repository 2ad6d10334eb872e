// Careers enhancements. Without JavaScript the finder is a plain GET form and every page works.
(function () {
    "use strict";

    // Print button of a job profile (hidden until this script runs).
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });

    // Finder: results update as facets change, without reloading; the address stays shareable.
    var finder = document.querySelector("[data-finder]");
    var form = finder && finder.querySelector("[data-finder-form]");
    if (!form || !window.fetch || !window.DOMParser) { return; }
    var pending = null;

    function update(url) {
        if (pending) { pending.abort(); }
        pending = new AbortController();
        finder.setAttribute("aria-busy", "true");
        fetch(url, { signal: pending.signal, headers: { "X-Requested-With": "fetch" } })
            .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.text(); })
            .then(function (html) {
                var doc = new DOMParser().parseFromString(html, "text/html");
                var fresh = doc.querySelector("[data-finder]");
                if (!fresh) { window.location.assign(url); return; }
                // Counts of every facet option change with the other facets.
                form.querySelectorAll("fieldset").forEach(function (fieldset) {
                    var other = fresh.querySelector("#" + fieldset.id);
                    if (other) {
                        fieldset.querySelectorAll("label").forEach(function (label) {
                            var twin = other.querySelector("label[for='" + label.htmlFor + "']");
                            if (twin) { label.innerHTML = twin.innerHTML; }
                        });
                    }
                });
                var results = finder.querySelector("[data-finder-results]");
                var freshResults = fresh.querySelector("[data-finder-results]");
                var status = freshResults.querySelector("[data-finder-status]");
                // Keep the live region node so screen readers announce the new count.
                var liveRegion = results.querySelector("[data-finder-status]");
                Array.from(results.children).forEach(function (child) { if (child !== liveRegion) { child.remove(); } });
                Array.from(freshResults.children).forEach(function (child) {
                    if (!child.hasAttribute("data-finder-status")) { results.appendChild(document.importNode(child, true)); }
                });
                liveRegion.textContent = status.textContent;
                document.title = doc.title;
                window.history.replaceState(null, "", url);
            })
            .catch(function (error) { if (error.name !== "AbortError") { window.location.assign(url); } })
            .finally(function () { finder.removeAttribute("aria-busy"); });
    }

    function formUrl() {
        var params = new URLSearchParams(new FormData(form));
        var query = params.toString();
        return form.action + (query ? "?" + query : "");
    }

    form.addEventListener("change", function (event) {
        if (event.target.type === "checkbox") { update(formUrl()); }
    });
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        update(formUrl());
    });
})();

// Progressive enhancements only: every feature works without this file.
(function () {
    "use strict";
    // Loaded in <head> without defer: this class is set before the first paint, so the CSS draws
    // the small-screen menu collapsed from the start (no layout shift). If this file fails to
    // load, the class is never set and the menu stays open: nothing hangs on a missing script.
    document.documentElement.classList.replace("no-js", "js");

    function collapsibleMenu() {
        var toggle = document.querySelector(".main-nav__toggle");
        var list = document.getElementById("menu-principal");
        if (!toggle || !list) { return; }
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", String(!open));
            list.setAttribute("data-expanded", String(!open));
        });
    }

    // Videos: load the player only when the visitor asks for it.
    function videoFacades() {
        document.querySelectorAll("[data-embed]").forEach(function (link) {
            link.addEventListener("click", function (event) {
                var src = link.getAttribute("data-embed");
                if (!src) { return; }
                event.preventDefault();
                var frame = document.createElement("iframe");
                frame.src = src;
                frame.title = link.getAttribute("data-title") || "";
                frame.allow = "autoplay; fullscreen; picture-in-picture";
                frame.setAttribute("allowfullscreen", "");
                var facade = link.closest(".video-facade");
                facade.replaceChildren(frame);
                frame.focus();
            });
        });
    }

    function enhance() {
        collapsibleMenu();
        videoFacades();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", enhance);
    } else {
        enhance();
    }
})();

// Progressive enhancements only: every feature works without this file.
(function () {
    "use strict";
    document.documentElement.classList.replace("no-js", "js");

    // Collapsible main menu on small screens.
    var toggle = document.querySelector(".main-nav__toggle");
    var list = document.getElementById("menu-principal");
    if (toggle && list) {
        toggle.hidden = false;
        list.setAttribute("data-collapsed", "true");
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", String(!open));
            list.setAttribute("data-collapsed", String(open));
        });
    }

    // Videos: load the player only when the visitor asks for it.
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
})();

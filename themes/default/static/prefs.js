/* prefs.js: 长者模式 (large type) and high contrast. Each sets a class on
 * <html> and is remembered on this device; without scripts the buttons stay
 * hidden and the page reads as it is. */
(function () {
	"use strict";
	var root = document.documentElement, key = "noticeboard-prefs";
	var prefs = {};
	try {
		prefs = JSON.parse(window.localStorage.getItem(key)) || {};
	} catch (e) {
		prefs = {};
	}
	["large", "contrast"].forEach(function (name) {
		if (prefs[name] === true)
			root.classList.add(name);
	});
	function setup() {
		var box = document.querySelector(".prefs");
		if (!box)
			return;
		box.hidden = false;
		Array.prototype.forEach.call(box.querySelectorAll("button[data-pref]"),
		    function (button) {
			var name = button.getAttribute("data-pref");
			button.setAttribute("aria-pressed", String(root.classList.contains(name)));
			button.addEventListener("click", function () {
				var on = root.classList.toggle(name);
				prefs[name] = on;
				button.setAttribute("aria-pressed", String(on));
				try {
					window.localStorage.setItem(key, JSON.stringify(prefs));
				} catch (e) {
					/* private mode: the choice lasts for this page only */
				}
			});
		});
	}
	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", setup);
	else
		setup();
})();

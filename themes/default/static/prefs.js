/* prefs.js: 长者模式 (large type) and high contrast. Each sets a class on
 * <html> and is remembered on this device; without scripts the buttons stay
 * hidden and the page reads as it is. Run in <head>: the classes are there
 * before the first paint, so nothing shifts. It also gives each link to a
 * page of the site its absolute address (data-url) for print. */
(function () {
	"use strict";
	var root = document.documentElement, key = "noticeboard-prefs";
	var prefs = {};
	root.classList.add("js");
	try {
		prefs = JSON.parse(window.localStorage.getItem(key)) || {};
	} catch (e) {
		prefs = {};
	}
	["large", "contrast"].forEach(function (name) {
		if (prefs[name] === true)
			root.classList.add(name);
	});
	/* the site's address of this page: its canonical link, from base_url */
	function printAddresses() {
		var canon = document.querySelector('link[rel="canonical"]');
		var page = canon ? canon.getAttribute("href") : document.baseURI;
		Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
			var href = a.getAttribute("href");
			if (href.charAt(0) === "#" || /^[a-z]+:/i.test(href))
				return;
			try {
				var url = new URL(href, page).href;
				try {
					url = decodeURI(url);
				} catch (e) {
					/* not UTF-8: shown encoded */
				}
				a.setAttribute("data-url", url);
			} catch (e) {
				/* an address the browser cannot read: printed without */
			}
		});
	}
	function setup() {
		var box = document.querySelector(".prefs");
		printAddresses();
		if (!box)
			return;
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

/* sort.js: the assessment's tables (class "sortable") sort by a column when
 * its header is pressed: numbers by the cells' data-value or the number
 * they start with, text in Chinese order; pressing again reverses. Without
 * scripts the tables stay in the order they were written, the ranking. */
(function () {
	"use strict";
	function key(row, col, numeric) {
		var cell = row.cells[col], v;
		if (!cell)
			return numeric ? -Infinity : "";
		if (!numeric)
			return cell.textContent.trim();
		/* data-value when the cell has one, else the number it starts
		 * with ("87.5 良"); a cell without one ("不计") sorts last */
		v = parseFloat(cell.hasAttribute("data-value") ?
		    cell.getAttribute("data-value") : cell.textContent);
		return isNaN(v) ? -Infinity : v;
	}
	function setup(table) {
		var head = table.tHead && table.tHead.rows[0], body = table.tBodies[0];
		if (!head || !body)
			return;
		var original = Array.prototype.slice.call(body.rows);
		Array.prototype.forEach.call(head.cells, function (th) {
			var kind = th.getAttribute("data-sort");
			if (!kind)
				return;
			var button = document.createElement("button");
			button.type = "button";
			button.className = "sort";
			while (th.firstChild)
				button.appendChild(th.firstChild);
			th.appendChild(button);
			button.addEventListener("click", function () {
				var now = th.getAttribute("aria-sort"), col = th.cellIndex;
				var dir = now === "ascending" ? "descending" :
				    now === "descending" ? "ascending" :
				    th.getAttribute("data-first") || "ascending";
				var numeric = kind === "number", sign = dir === "ascending" ? 1 : -1;
				var rows = original.slice();
				rows.sort(function (a, b) {
					var x = key(a, col, numeric), y = key(b, col, numeric), c;
					if (numeric)
						c = x < y ? -1 : x > y ? 1 : 0;
					else
						c = x.localeCompare(y, "zh-CN");
					return c !== 0 ? sign * c : original.indexOf(a) - original.indexOf(b);
				});
				rows.forEach(function (row) {
					body.appendChild(row);
				});
				Array.prototype.forEach.call(head.cells, function (other) {
					other.removeAttribute("aria-sort");
				});
				th.setAttribute("aria-sort", dir);
			});
		});
	}
	function start() {
		Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), setup);
		Array.prototype.forEach.call(document.querySelectorAll(".sort-hint"), function (hint) {
			hint.hidden = false;
		});
	}
	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", start);
	else
		start();
})();

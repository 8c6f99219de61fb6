/* search.js: searches the index the compiler built (search/k*.js: postings
 * of character bigrams and words, sharded by first character, each list of
 * document numbers written as gaps, and the terms a query is cut at;
 * search/d*.js: the documents). Files are loaded with <script> tags, which also works from
 * file:// and a USB stick. Tokens are made exactly as in src/site/search.c. */
(function () {
	"use strict";
	var form = document.getElementById("search");
	if (!form)
		return;
	var input = document.getElementById("q");
	var status = document.getElementById("status");
	var list = document.getElementById("results");
	// "显示更多": the next PAGE results, after those shown
	var moreRow = document.getElementById("more-row");
	var more = document.getElementById("more");
	var nShards = parseInt(form.getAttribute("data-shards"), 10) || 32;
	var perFile = parseInt(form.getAttribute("data-docs"), 10) || 2000;
	// the documents after the records are places and the catalog's pages
	var nRecords = parseInt(form.getAttribute("data-records"), 10);
	var shards = {}, terms = {}, docs = {}, waiting = {};
	var PAGE = 100;
	// the last query's results: every document number, how many are shown
	var current = null, queries = 0;

	window.NB_SEARCH = {
		shard: function (k, map, words) {
			shards[k] = map;
			terms[k] = words || [];
			done("k" + k);
		},
		docs: function (k, rows) { docs[k] = rows; done("d" + k); }
	};

	function done(name) {
		var cbs = waiting[name] || [];
		delete waiting[name];
		cbs.forEach(function (cb) { cb(); });
	}

	function load(name, ready) {
		var kind = name.charAt(0), k = parseInt(name.slice(1), 10);
		if ((kind === "k" && shards[k]) || (kind === "d" && docs[k]))
			return ready();
		if (waiting[name]) {
			waiting[name].push(ready);
			return;
		}
		waiting[name] = [ready];
		var s = document.createElement("script");
		s.src = "search/" + (kind === "k" ? "k" + (k < 10 ? "0" : "") + k : "d" + k) + ".js";
		s.onerror = function () { shards[k] = shards[k] || {}; done(name); };
		document.head.appendChild(s);
	}

	// "2026-11-27" (the index's form) as people read it: "2026年11月27日"
	function dateCn(iso) {
		var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
		return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : iso;
	}

	function isHan(c) {
		return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
		    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
		    (c >= 0x20000 && c <= 0x3FFFF);
	}

	function fold(c) {
		if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + 48;
		else if (c >= 0xFF21 && c <= 0xFF3A) c = c - 0xFF21 + 97;
		else if (c >= 0xFF41 && c <= 0xFF5A) c = c - 0xFF41 + 97;
		if (c >= 65 && c <= 90) c += 32;
		return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : 0;
	}

	/* [{token, prefix}]: a lone character or a word matches as a prefix */
	function tokens(text) {
		var out = [], word = "", prev = null, run = 0;
		var chars = Array.from(text + " ");
		chars.forEach(function (ch, i) {
			var c = ch.codePointAt(0), a = i < chars.length - 1 ? fold(c) : 0;
			if (a) {
				word += String.fromCharCode(a);
			} else if (word) {
				out.push({token: word, prefix: true});
				word = "";
			}
			if (i < chars.length - 1 && isHan(c)) {
				if (prev !== null)
					out.push({token: prev + ch, prefix: false});
				prev = ch;
				run++;
			} else {
				if (run === 1)
					out.push({token: prev, prefix: true});
				prev = null;
				run = 0;
			}
		});
		return out;
	}

	/* The query with a space wherever its Chinese is cut: before and after
	 * the longest term (a place, a power item, a program...) that starts
	 * at a character (or the shortest: 张家沟村道 is 张家沟 村道 as well as
	 * 张家沟村 道), and, in what is left between terms, before a bigram
	 * that is in none of the documents that have the bigrams before it
	 * (村道验收: 道验 is in other records than 村道's). People type
	 * 张家沟低保 for 张家沟 低保, whose bigram 沟低 is in none of the
	 * records the two words find. Wants the shards of the query's Chinese
	 * characters. */
	function cut(query, longest) {
		var chars = Array.from(query), out = "", i = 0;
		while (i < chars.length) {
			var j = i;
			while (j < chars.length && isHan(chars[j].codePointAt(0)))
				j++;
			if (j === i)
				out += chars[i++];
			else
				out += cutRun(chars.slice(i, j), longest), i = j;
		}
		return out;
	}

	function cutRun(run, longest) {
		var pieces = [], rest = [];
		// between terms (a run of two is one word, even one the index
		// lacks): have, the documents of the piece's bigrams so far
		function flush() {
			var piece = [], have = null;
			rest.forEach(function (ch, k) {
				if (k > 0 && rest.length > 2) {
					var both = {}, any = false;
					postings({token: rest[k - 1] + ch, prefix: false}).forEach(function (d) {
						if (have === null || have[d])
							any = both[d] = true;
					});
					have = any ? both : null;
					if (!any) {
						pieces.push(piece.join(""));
						piece = [];
					}
				}
				piece.push(ch);
			});
			if (piece.length > 0)
				pieces.push(piece.join(""));
			rest = [];
		}
		for (var i = 0; i < run.length;) {
			var text = run.slice(i).join(""), best = "";
			(terms[run[i].codePointAt(0) % nShards] || []).forEach(function (t) {
				if ((!best || (t.length > best.length) === longest) &&
				    text.lastIndexOf(t, 0) === 0)
					best = t;
			});
			if (best) {
				flush();
				pieces.push(best);
				i += Array.from(best).length;
			} else {
				rest.push(run[i++]);
			}
		}
		flush();
		return pieces.join(" ");
	}

	/* the index stores each document number as the gap from the last */
	function undelta(gaps) {
		var out = [], d = 0;
		for (var i = 0; i < gaps.length; i++) {
			d += gaps[i];
			out.push(d);
		}
		return out;
	}

	// a query's postings, by token: cut() and find() ask for a token more
	// than once
	var memo = {};

	function postings(t) {
		var key = t.token + (t.prefix ? "*" : "");
		if (Object.prototype.hasOwnProperty.call(memo, key))
			return memo[key];
		var map = shards[t.token.codePointAt(0) % nShards] || {};
		if (!t.prefix)
			return (memo[key] = undelta(map[t.token] || []));
		var set = {};
		Object.keys(map).forEach(function (k) {
			if (k.lastIndexOf(t.token, 0) === 0)
				undelta(map[k]).forEach(function (d) { set[d] = true; });
		});
		return (memo[key] = Object.keys(set).map(Number));
	}

	// the shards of the tokens' first characters, as names for load()
	function shardsOf(toks) {
		var set = {};
		toks.forEach(function (t) { set["k" + (t.token.codePointAt(0) % nShards)] = true; });
		return Object.keys(set);
	}

	// calls then() when the files are loaded
	function loadAll(names, then) {
		var left = names.length;
		if (left === 0)
			return then();
		names.forEach(function (n) {
			load(n, function () { if (--left === 0) then(); });
		});
	}

	function show(query) {
		var toks = tokens(query);
		current = null;
		list.textContent = "";
		if (moreRow)
			moreRow.hidden = true;
		if (toks.length === 0) {
			status.textContent = /^\s+$/.test(query) ? "只输入了空格：请输入要找的内容，如村名、“低保”。" :
			    query ? "请输入汉字、字母或数字。" : "";
			return;
		}
		status.textContent = "正在搜索……";
		var serial = ++queries;
		memo = {};
		// the tokens' shards hold the terms that start at any character
		// but a run's last, which none does: cut() needs no other; a
		// character it leaves alone may want one more
		loadAll(shardsOf(toks), function () {
			if (serial !== queries)
				return;
			var lists = [toks, tokens(cut(query, true)), tokens(cut(query, false))];
			loadAll(shardsOf([].concat.apply([], lists)), function () {
				if (serial === queries)
					match(lists);
			});
		});
	}

	/* the documents that have every token, as a set */
	function find(toks) {
		var hits = null;
		toks.forEach(function (t) {
			var ids = postings(t), both = {};
			ids.forEach(function (d) {
				if (hits === null || hits[d])
					both[d] = true;
			});
			hits = both;
		});
		return hits || {};
	}

	/* The documents of the query's tokens (lists[0]) and of its tokens
	 * cut into words either way (cut()), then shown. */
	function match(lists) {
		var hits = find(lists[0]), seen = {};
		lists.forEach(function (list, k) {
			var key = list.map(function (t) { return t.token + (t.prefix ? "*" : ""); }).join(" ");
			if (k > 0 && !seen[key])
				Object.keys(find(list)).forEach(function (d) { hits[d] = true; });
			seen[key] = true;
		});
		// places and the catalog first, then the records newest first
		var ids = Object.keys(hits).map(Number).sort(function (a, b) {
			var pa = a >= nRecords, pb = b >= nRecords;
			return pa !== pb ? (pa ? -1 : 1) : a - b;
		});
		current = {ids: ids, shown: 0, busy: false};
		next(current, false);
	}

	/* Shows the next PAGE of the results after those shown, once their
	 * documents' files are loaded; focus: on the first of them, for the
	 * keyboard that pressed "显示更多". */
	function next(res, focus) {
		if (res.busy)
			return;
		var ids = res.ids.slice(res.shown, res.shown + PAGE);
		var files = {};
		ids.forEach(function (d) { files["d" + Math.floor(d / perFile)] = true; });
		var names = Object.keys(files), left = names.length;
		res.busy = true;
		function ready() {
			res.busy = false;
			if (res !== current)
				return;   // another query since
			var first = append(ids);
			res.shown += ids.length;
			var total = res.ids.length;
			status.textContent = total === 0 ? "没有找到相关的公开信息，换个词试试。" :
			    "找到 " + total + " 条" + (total > res.shown ? "，显示前 " + res.shown + " 条" : "") + "。";
			if (focus && first)
				first.focus();
			if (moreRow)
				moreRow.hidden = res.shown >= total;
		}
		if (left === 0)
			return ready();
		names.forEach(function (n) {
			load(n, function () { if (--left === 0) ready(); });
		});
	}

	/* Adds the documents to the list, after what it shows; returns the
	 * first one's link. */
	function append(ids) {
		var first = null;
		ids.forEach(function (d) {
			var row = (docs[Math.floor(d / perFile)] || [])[d % perFile];
			if (!row)
				return;
			var li = document.createElement("li"), a = document.createElement("a");
			var meta = document.createElement("span"), tag = document.createElement("span");
			li.className = "record";
			a.href = row[3];
			a.textContent = row[0];
			meta.className = "meta";
			tag.className = "tag";
			tag.textContent = row[4];
			meta.appendChild(tag);
			meta.appendChild(document.createTextNode(" " + row[1]));
			// a date as in the site's own lists: never broken across lines
			if (row[2]) {
				var time = document.createElement("time");
				time.setAttribute("datetime", row[2]);
				time.textContent = dateCn(row[2]);
				meta.appendChild(document.createTextNode(" · "));
				meta.appendChild(time);
			}
			li.appendChild(a);
			li.appendChild(document.createTextNode(" "));
			li.appendChild(meta);
			list.appendChild(li);
			first = first || a;
		});
		return first;
	}

	if (more)
		more.addEventListener("click", function () {
			if (current)
				next(current, true);
		});
	form.addEventListener("submit", function (e) {
		e.preventDefault();
		var q = input.value;
		if (window.history && window.history.replaceState) {
			try {
				window.history.replaceState(null, "", "?q=" + encodeURIComponent(q));
			} catch (err) {
				/* some browsers refuse on file:// */
			}
		}
		show(q);
	});
	var m = /[?&]q=([^&]*)/.exec(window.location.search);
	if (m) {
		var q = "";
		try {
			q = decodeURIComponent(m[1].replace(/\+/g, " "));
		} catch (err) {
			q = "";
		}
		input.value = q;
		show(q);
	}
})();

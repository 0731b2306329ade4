/*
 * The chat of the assistant « accès aux droits » (Ville du Havre, CAF de la Seine-Maritime).
 *
 * Embed on any page with one tag (docs/web.md):
 *   <script src="https://ASSISTANT/chat.js" data-bot-url="https://ASSISTANT-RASA" data-color="#1f4e8c" defer></script>
 * Options (data-*): bot-url (required), color, audience ("family" or "agent"), mount (CSS selector:
 * the chat fills that element instead of opening from a button), title, new-label, timeout-ms.
 *
 * Talks to the Rasa REST channel. Every text is put in the page as text (textContent), never as
 * HTML; links are made only for http(s) and tel: addresses. No cookie, no third-party request.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var UNAVAILABLE = "Le service est momentanément indisponible. Vous pouvez appeler la CAF au 3230";
  var GEO_REFUSED = "Je n'ai pas pu connaître votre position (autorisation refusée ou trop longue à obtenir). " +
    "Ce n'est pas grave : écrivez simplement votre quartier ou votre code postal, par exemple « Caucriauville » ou « 76620 ».";
  var NO_REPLY = "Je n'ai pas de réponse pour le moment. Vous pouvez reformuler votre question ou appeler la CAF au 3230.";
  var EMPTY_INPUT = "Écrivez votre question dans le champ ci-dessous, puis appuyez sur « Envoyer ».";
  var SAFE_PROTOCOLS = ["http:", "https:", "tel:"];
  var AUTO_LINKS = /(https?:\/\/[^\s<>"«»]+)|(\b0[1-9](?:[ .]?\d{2}){4}\b)|(^|[^\d,.])(3230)(?![\d,]|\s?€)/g;
  var renderers = {};
  var instances = 0;

  /* ---------- small DOM helpers (text only) ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function append(parent, children) {
    children.forEach(function (child) { if (child) parent.appendChild(child); });
    return parent;
  }

  function srOnly(text) { return el("span", "lhc-sr-only", text); }

  /** The address if it is an absolute http(s) or tel: URL, else null. */
  function safeUrl(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      var url = new URL(value);
      return SAFE_PROTOCOLS.indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /** A link with text, or the plain text when the address is not allowed. */
  function link(url, text, hiddenSuffix) {
    var href = safeUrl(url);
    if (!href) return el("span", null, text);
    var anchor = el("a", "lhc-link", text);
    anchor.href = href;
    if (href.indexOf("tel:") !== 0) {
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
      hiddenSuffix = (hiddenSuffix || "") + " (nouvelle fenêtre)";
    }
    if (hiddenSuffix) anchor.appendChild(srOnly(hiddenSuffix));
    return anchor;
  }

  function telUrl(phone) { return "tel:" + String(phone).replace(/[^\d+]/g, ""); }

  /** Text with its web addresses and French phone numbers turned into links. */
  function linkedText(text) {
    text = String(text);
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(AUTO_LINKS, function (match, url, phone, before, short, offset) {
      var start = offset + (before ? before.length : 0);
      fragment.appendChild(document.createTextNode(text.slice(last, start)));
      var shown = url || phone || short;
      var trailing = "";
      if (url) {
        trailing = (shown.match(/[).,;:!?]+$/) || [""])[0];
        shown = shown.slice(0, shown.length - trailing.length);
      }
      fragment.appendChild(link(url ? shown : telUrl(shown), shown));
      if (trailing) fragment.appendChild(document.createTextNode(trailing));
      last = offset + match.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function frenchDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    return parts ? parts[3] + "/" + parts[2] + "/" + parts[1] : String(iso || "");
  }

  function frenchNumber(value) {
    var number = Number(value);
    var whole = Number.isInteger(number);
    return number.toLocaleString("fr-FR", { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
  }

  function distance(metres) {
    if (typeof metres !== "number" || !isFinite(metres)) return null;
    return metres < 1000 ? "à " + Math.round(metres) + " m" : "à " + (metres / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 }) + " km";
  }

  /** Black or white text, whichever reads better on the background colour (#rrggbb). */
  function readableOn(hex) {
    var match = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!match) return "#ffffff";
    var rgb = [0, 2, 4].map(function (i) {
      var c = parseInt(match[1].substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#1a1a1a" : "#ffffff";
  }

  /* ---------- renderers of the assistant's structured answers ---------- */

  function badge(text, kind) { return el("span", "lhc-badge lhc-badge-" + kind, text); }

  function openNow(result) {
    if (result.open_now === true) return badge("Ouvert maintenant", "open");
    if (result.open_now === false) return badge("Fermé maintenant", "closed");
    return null;
  }

  function weekHours(days) {
    if (!Array.isArray(days) || !days.length) return null;
    var list = el("dl", "lhc-week");
    days.forEach(function (day) {
      append(list, [el("dt", null, day.day), el("dd", null, day.hours)]);
    });
    return append(el("div", "lhc-card-week"), [el("p", "lhc-card-label", "Horaires de la semaine"), list]);
  }

  function serviceCard(result) {
    var card = el("article", "lhc-card");
    var town = [result.postcode, result.city].filter(function (part) {
      return part && String(result.address || "").indexOf(part) < 0;
    }).join(" ");
    var address = [result.address, town].filter(Boolean).join(", ");
    var far = distance(result.distance_m);
    var hours = result.hours_today ? "Aujourd'hui : " + result.hours_today
      : (result.hours_note ? "" : "Horaires du jour non connus");
    var actions = el("p", "lhc-card-actions");
    if (result.phone) append(actions, [link(telUrl(result.phone), "Appeler le " + result.phone)]);
    if (safeUrl(result.map_url)) {
      append(actions, [link(result.map_url, result.map_exact === false ? "Voir le secteur sur la carte" : "Voir sur la carte",
        " : " + result.name)]);
    }
    if (safeUrl(result.website)) append(actions, [link(result.website, "Site internet", " : " + result.name)]);
    var caveatText = String(result.caveat || "Informations non confirmées : appelez avant de vous déplacer.")
      .replace(/^à vérifier\s*:\s*/i, "");
    var caveat = !result.verified || result.caveat
      ? append(el("p", "lhc-card-caveat"), [badge("à vérifier", "check"), document.createTextNode(" "), linkedText(caveatText)])
      : null;
    append(card, [
      el("h3", "lhc-card-title", result.name),
      result.kind ? el("p", "lhc-card-kind", result.kind) : null,
      address ? el("p", "lhc-card-address", address) : null,
      far ? el("p", "lhc-card-distance", far + (result.position ? " (" + result.position + ")" : "")) : null,
      hours ? append(el("p", "lhc-card-hours"), [document.createTextNode(hours + " "), openNow(result)]) : null,
      result.hours_note ? append(el("p", "lhc-card-note"), [linkedText(result.hours_note)]) : null,
      weekHours(result.hours_week),
      result.email ? el("p", "lhc-card-email", "Courriel : " + result.email) : null,
      actions.childNodes.length ? actions : null,
      (result.also_here || []).length ? el("p", "lhc-card-note", "Au même endroit : " +
        result.also_here.map(function (other) { return other.name + (other.phone ? " (tél. " + other.phone + ")" : ""); })
          .join(" ; ")) : null,
      caveat,
      result.stale_note ? append(el("p", "lhc-card-caveat"), [linkedText(result.stale_note)]) : null,
      // The date of the source's data; « vérifié le » only when someone confirmed it that day.
      result.source_text ? el("p", "lhc-card-source", "Source : " + result.source_text +
        (result.confirmation ? ". " + result.confirmation : "")) : null,
    ]);
    return card;
  }

  function serviceCards(custom) {
    var box = el("div", "lhc-services");
    var list = el("ul", "lhc-cards");
    (Array.isArray(custom.results) ? custom.results : []).forEach(function (result) {
      if (result && typeof result === "object") list.appendChild(append(el("li"), [serviceCard(result)]));
    });
    append(box, [list]);
    var links = (Array.isArray(custom.links) ? custom.links : []).filter(function (l) { return l && safeUrl(l.url); });
    if (links.length) {
      var more = el("ul", "lhc-more-links");
      links.forEach(function (l) { more.appendChild(append(el("li"), [link(l.url, l.label || l.url)])); });
      append(box, [more]);
    }
    return box;
  }

  function hasSourceLink(custom) { return Boolean(custom.source && safeUrl(custom.source.url)); }

  /** The answer's official source as a link, with the date it was checked. */
  function benefitSource(custom) {
    if (!hasSourceLink(custom)) return null;  // the text's own « Source : » line stays
    return append(el("p", "lhc-source"), [document.createTextNode("Source officielle : "),
      link(custom.source.url, custom.source.title || custom.source.url),
      document.createTextNode(" — vérifiée le " + frenchDate(custom.checked))]);
  }

  /** The text without its last « Source : » line when the source is shown as a link below it. */
  function withoutSourceLine(text, custom) {
    return hasSourceLink(custom) ? text.replace(/\n?Source : [^\n]*$/, "") : text;
  }

  renderers.benefit_answer = { render: benefitSource, adjustText: withoutSourceLine };
  /** The text without what the cards show: the places (lines from the first « • ») and the links' labels. */
  function withoutCardLines(text, custom) {
    var labels = (Array.isArray(custom.links) ? custom.links : []).map(function (l) { return l && l.label; });
    var lines = text.split("\n");
    var firstPlace = (Array.isArray(custom.results) && custom.results.length)
      ? lines.findIndex(function (line) { return line.indexOf("• ") === 0; }) : -1;
    if (firstPlace >= 0) lines = lines.slice(0, firstPlace);
    return lines.filter(function (line) {
      return !labels.some(function (label) { return label && line.indexOf(label) === 0; });
    }).join("\n").trim();
  }

  renderers.service_results = { render: serviceCards, adjustText: withoutCardLines };

  /** « À quoi ai-je droit ? »: one card per right (amount, why, how to apply), then what was not computed. */
  function rightCard(right) {
    var period = " " + (right.when || "par mois");  // the server says when it is paid (« une fois… »)
    var apply = right.apply && safeUrl(right.apply.url)
      ? append(el("p", "lhc-card-actions"), [link(right.apply.url, "Faire la demande", " : " + right.title)]) : null;
    return append(el("article", "lhc-card lhc-right"), [
      el("h3", "lhc-card-title", right.title),
      append(el("p", "lhc-right-amount"), [document.createTextNode(
        "environ " + frenchNumber(Math.round(Number(right.amount) || 0)) + " €" + period + " "), badge("estimation", "check")]),
      right.why ? el("p", "lhc-card-note", right.why) : null,
      apply,
    ]);
  }

  function rightsResults(custom) {
    var box = el("div", "lhc-rights");
    var rights = (Array.isArray(custom.rights) ? custom.rights : []).filter(function (r) { return r && r.title; });
    if (rights.length) {
      var list = el("ul", "lhc-cards");
      rights.forEach(function (right) { list.appendChild(append(el("li"), [rightCard(right)])); });
      append(box, [el("h3", "lhc-rights-heading", "Vos droits possibles"), list]);
    }
    var missing = Array.isArray(custom.not_computed) ? custom.not_computed : [];
    if (missing.length) {
      var notes = el("ul", "lhc-more-links");
      missing.forEach(function (line) { notes.appendChild(append(el("li"), [linkedText(String(line))])); });
      append(box, [el("p", "lhc-card-label", "Non calculé"), notes]);
    }
    return box;
  }

  /** The text without what the cards show: the bullet lines and « Non calculé » (the estimate line stays). */
  function withoutRightLines(text) {
    return text.split("\n").filter(function (line) {
      return line.indexOf("• ") !== 0 && line !== "Non calculé :";
    }).join("\n").trim();
  }

  renderers.rights_results = { render: rightsResults, adjustText: withoutRightLines };
  renderers.service_details = { render: serviceCards, adjustText: withoutCardLines };
  renderers.location_request = {
    render: function (custom, chat) { return append(el("div", "lhc-buttons"), [chat.locateButton()]); },
  };

  /* ---------- the chat ---------- */

  function option(name, fallback) {
    var value = script && script.getAttribute("data-" + name);
    return value ? value : fallback;
  }

  function Chat(options) {
    this.options = options;
    this.id = "lhc-" + (++instances);
    this.storageKey = "lhc-chat-" + options.audience;
    this.busy = false;
    this.state = this.load();
    this.build();
    this.renderTranscript();
  }

  Chat.prototype.load = function () {
    try {
      var saved = JSON.parse(sessionStorage.getItem(this.storageKey) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.transcript)) return saved;
    } catch (error) { /* unreadable storage: start afresh */ }
    return { sender: this.newSender(), transcript: [], open: false };
  };

  Chat.prototype.save = function () {
    try { sessionStorage.setItem(this.storageKey, JSON.stringify(this.state)); } catch (error) { /* storage full or off */ }
  };

  Chat.prototype.newSender = function () {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  };

  Chat.prototype.button = function (text, className, onClick) {
    var button = el("button", "lhc-button " + (className || ""), text);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  };

  Chat.prototype.locateButton = function () {
    var button = this.button("", "lhc-locate", this.locate.bind(this));
    append(button, [el("span", null, "📍"), document.createTextNode(" Me localiser")]);
    button.firstChild.setAttribute("aria-hidden", "true");
    return button;
  };

  Chat.prototype.build = function () {
    var o = this.options;
    var root = el("div", "lhc-root" + (o.mount ? " lhc-inline" : " lhc-floating"));
    root.style.setProperty("--lhc-accent", o.color);
    root.style.setProperty("--lhc-on-accent", readableOn(o.color));
    root.setAttribute("lang", "fr");
    var panel = el("section", "lhc-panel");
    panel.id = this.id + "-panel";
    panel.setAttribute("aria-labelledby", this.id + "-title");
    var title = el("h2", "lhc-title", o.title);
    title.id = this.id + "-title";
    var header = append(el("div", "lhc-header"), [title, this.button(o.newLabel, "lhc-new", this.restart.bind(this))]);
    this.scroller = el("div", "lhc-scroll");
    this.log = el("div", "lhc-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-label", "Conversation");
    this.typing = el("p", "lhc-typing");
    this.typing.setAttribute("role", "status");
    append(this.scroller, [o.audience === "family" ? this.privacyNotice() : null, this.log, this.typing]);
    append(panel, [header, this.scroller, this.form()]);
    if (!o.mount) {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "false");
      header.appendChild(this.button("Fermer", "lhc-close", this.close.bind(this)));
      this.launcher = this.button("", "lhc-launcher", this.toggle.bind(this));
      append(this.launcher, [el("span", null, "💬"), document.createTextNode(" Une question ? Discutez avec l'assistant")]);
      this.launcher.firstChild.setAttribute("aria-hidden", "true");
      this.launcher.setAttribute("aria-controls", panel.id);
      root.appendChild(this.launcher);
      panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape") this.close();
      }.bind(this));
    }
    root.appendChild(panel);
    this.panel = panel;
    (o.mount ? document.querySelector(o.mount) : document.body).appendChild(root);
    this.root = root;
    if (!o.mount) this.setOpen(Boolean(this.state.open), false);
  };

  Chat.prototype.privacyNotice = function () {
    var notice = el("div", "lhc-notice");
    var items = el("ul");
    [
      "Cet assistant répond à des questions générales ; il ne connaît pas votre dossier. Ne donnez ni numéro d'allocataire, ni numéro de sécurité sociale, ni coordonnées bancaires.",
      "Ce qui est gardé : le texte de vos messages, et votre position seulement si vous appuyez sur « Me localiser », pour vous répondre.",
      "Combien de temps : 90 jours au plus, puis la conversation est effacée. Dans ce navigateur, elle est gardée jusqu'à la fermeture de l'onglet.",
      "Aucun cookie, aucune mesure d'audience : la page ne contacte que l'assistant.",
    ].forEach(function (text) { items.appendChild(el("li", null, text)); });
    var contact = el("li");
    append(contact, [document.createTextNode("Contact : Ville du Havre, Hôtel de Ville, 1517 place de l'Hôtel de Ville, 76600 Le Havre — "),
      link(telUrl("02 35 19 45 45"), "02 35 19 45 45")]);
    items.appendChild(contact);
    return append(notice, [el("h3", "lhc-notice-title", "Vos données"), items]);
  };

  Chat.prototype.form = function () {
    var form = el("form", "lhc-form");
    form.setAttribute("novalidate", "");
    var label = el("label", "lhc-label", this.options.audience === "agent" ? "Question de la personne" : "Votre question");
    this.input = el("input", "lhc-input");
    this.input.type = "text";
    this.input.id = this.id + "-input";
    this.input.autocomplete = "off";
    this.input.setAttribute("enterkeyhint", "send");
    label.htmlFor = this.input.id;
    var send = el("button", "lhc-button lhc-send", "Envoyer");
    send.type = "submit";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      this.submitInput();
    }.bind(this));
    return append(form, [label, append(el("div", "lhc-row"), [this.input, send]), this.locateButton()]);
  };

  Chat.prototype.toggle = function () { this.setOpen(this.panel.hidden, true); };
  Chat.prototype.close = function () { this.setOpen(false, true); };

  Chat.prototype.setOpen = function (open, moveFocus) {
    this.panel.hidden = !open;
    this.launcher.setAttribute("aria-expanded", String(open));
    this.root.classList.toggle("lhc-open", open);
    this.state.open = open;
    this.save();
    if (!moveFocus) return;
    if (open) { this.input.focus(); this.scrollToEnd(); } else { this.launcher.focus(); }
  };

  Chat.prototype.restart = function () {
    this.state = { sender: this.newSender(), transcript: [], open: this.state.open };
    this.save();
    this.log.textContent = "";
    this.input.value = "";
    this.input.focus();
  };

  Chat.prototype.scrollToEnd = function () { this.scroller.scrollTop = this.scroller.scrollHeight; };

  /** Show an answer from its start (the question just above it), not from its end. */
  Chat.prototype.scrollTo = function (turn) { this.scroller.scrollTop = Math.max(0, turn.offsetTop - 8); };

  Chat.prototype.renderTranscript = function () {
    this.state.transcript.forEach(function (turn) {
      this.log.appendChild(turn.role === "user" ? this.userTurn(turn.text) : this.botTurn(turn.items));
    }, this);
    this.scrollToEnd();
  };

  Chat.prototype.userTurn = function (text) {
    var label = this.options.audience === "agent" ? "Question : " : "Vous : ";
    return append(el("div", "lhc-turn lhc-from-user"), [append(el("p", "lhc-bubble"), [srOnly(label), document.createTextNode(text)])]);
  };

  Chat.prototype.note = function (text, kind) {
    var note = append(el("div", "lhc-turn lhc-note lhc-note-" + kind), [append(el("p", "lhc-bubble"), [linkedText(text)])]);
    this.log.appendChild(note);
    this.scrollToEnd();
    return note;
  };

  /** One reply of the assistant: texts and structured answers in order, quick replies last. */
  Chat.prototype.botTurn = function (items) {
    var turn = append(el("div", "lhc-turn lhc-from-bot"), [srOnly("L'assistant : ")]);
    var quickReplies = [];
    items.forEach(function (item, index) {
      if (!item || typeof item !== "object") return;
      var next = items[index + 1];
      var nextRenderer = next && next.custom && renderers[next.custom.type];
      var text = typeof item.text === "string" ? item.text : "";
      if (text && nextRenderer && nextRenderer.adjustText) text = nextRenderer.adjustText(text, next.custom);
      if (text && !(nextRenderer && nextRenderer.replacesText)) {
        turn.appendChild(append(el("p", "lhc-bubble"), [linkedText(text)]));
      }
      if (Array.isArray(item.buttons) && item.buttons.length) quickReplies.push(this.quickReplies(item.buttons));
      if (item.custom && typeof item.custom === "object" && renderers[item.custom.type]) {
        try {
          append(turn, [renderers[item.custom.type].render(item.custom, this)]);
        } catch (error) { /* a malformed payload is left out; the text above says the essential */ }
      }
    }, this);
    return append(turn, quickReplies);
  };

  Chat.prototype.quickReplies = function (buttons) {
    var group = el("div", "lhc-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Réponses proposées");
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string" || typeof b.payload !== "string") return;
      group.appendChild(this.button(b.title, "lhc-quick", function () { this.send(b.payload, b.title); }.bind(this)));
    }, this);
    return group;
  };

  Chat.prototype.submitInput = function () {
    var text = this.input.value;
    if (!text.trim()) { this.note(EMPTY_INPUT, "info"); this.input.focus(); return; }
    if (this.busy) return;
    this.input.value = "";
    this.send(text, text, null, text);
  };

  /** Send a message; `shown` is what the person sees; `typed` goes back in the input if it fails. */
  Chat.prototype.send = function (message, shown, extraMetadata, typed) {
    if (this.busy) return Promise.resolve();
    this.busy = true;
    var userTurn = this.userTurn(shown);
    this.log.appendChild(userTurn);
    this.typing.textContent = this.options.audience === "agent" ? "Recherche en cours…" : "L'assistant écrit…";
    this.root.classList.add("lhc-busy");
    this.scrollToEnd();
    var metadata = Object.assign({ audience: this.options.audience }, extraMetadata || {});
    var sender = this.state.sender;
    return this.post(message, metadata).then(function (items) {
      if (this.state.sender !== sender) return;  // « nouvelle conversation » meanwhile
      this.state.transcript.push({ role: "user", text: shown }, { role: "bot", items: items });
      this.save();
      if (items.length) this.log.appendChild(this.botTurn(items));
      else this.note(NO_REPLY, "info");
      this.scrollTo(userTurn);
    }.bind(this), function () {
      if (this.state.sender !== sender) return;
      userTurn.remove();
      if (typed !== undefined && !this.input.value) this.input.value = typed;
      this.note(UNAVAILABLE, "error");
      this.input.focus();
    }.bind(this)).then(function () {
      this.busy = false;
      this.typing.textContent = "";
      this.root.classList.remove("lhc-busy");
    }.bind(this));
  };

  Chat.prototype.post = function (message, metadata) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, this.options.timeoutMs);
    return fetch(this.options.botUrl + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: this.state.sender, message: message, metadata: metadata }),
      signal: controller.signal,
      credentials: "omit",
      referrerPolicy: "no-referrer",
      cache: "no-store",
    }).then(function (response) {
      if (response.ok) return response.json();
      // 413, 429, 503: the assistant's own notice (« trop long », « attendez une minute »…) is shown as its answer.
      var failed = function () { throw new Error("HTTP " + response.status); };
      return response.json().then(function (items) {
        var notice = Array.isArray(items) && items.length > 0 &&
          items.every(function (item) { return item && typeof item.text === "string"; });
        return notice ? items : failed();
      }, failed);
    }).then(function (items) {
      if (!Array.isArray(items)) throw new Error("unexpected reply");
      return items;
    }).finally(function () { clearTimeout(timer); });
  };

  /** Ask the browser for the position and send it; a refusal gets a polite note and sends nothing. */
  Chat.prototype.locate = function () {
    var refused = function () { this.note(GEO_REFUSED, "info"); this.input.focus(); }.bind(this);
    if (!navigator.geolocation) return refused();
    this.typing.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(function (position) {
      this.typing.textContent = "";
      var lat = position.coords.latitude.toFixed(6);
      var lon = position.coords.longitude.toFixed(6);
      this.send('/find_service{"location": "' + lat + "," + lon + '"}', "📍 Ma position",
        { geo: { lat: Number(lat), lon: Number(lon) } });
    }.bind(this), function () {
      this.typing.textContent = "";
      refused();
    }.bind(this), { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
  };

  /* ---------- start ---------- */

  function styleSheet() {
    if (!script || document.querySelector("link[data-lhc-style]")) return;
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL("chat.css", script.src).href;
    sheet.setAttribute("data-lhc-style", "");
    document.head.appendChild(sheet);
  }

  function start() {
    var botUrl = safeUrl(option("bot-url", ""));
    if (!botUrl) {
      if (window.console) console.error("chat.js : attribut data-bot-url manquant ou invalide");
      return;
    }
    var color = option("color", "#1f4e8c");
    window.LeHavreChat.instance = new Chat({
      botUrl: botUrl.replace(/\/+$/, ""),
      color: /^#[0-9a-f]{6}$/i.test(color) ? color : "#1f4e8c",
      audience: option("audience", "family") === "agent" ? "agent" : "family",
      mount: option("mount", ""),
      title: option("title", "Assistant accès aux droits"),
      newLabel: option("new-label", "Nouvelle conversation"),
      timeoutMs: Number(option("timeout-ms", "15000")) || 15000,
    });
  }

  /* Other scripts of the page (the agents' console) may add renderers before the chat starts. */
  window.LeHavreChat = {
    renderers: renderers,
    helpers: { el: el, append: append, link: link, linkedText: linkedText, srOnly: srOnly,
               frenchDate: frenchDate, frenchNumber: frenchNumber, safeUrl: safeUrl, badge: badge },
  };
  styleSheet();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else setTimeout(start, 0);
})();
